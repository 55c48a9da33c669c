import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { Client } from 'pg';

/** Where benches create their scratch databases: BENCH_POSTGRES_URL, default the local server's `postgres`. */
export const BENCH_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/postgres';

/** Runs `run` against a fresh database named `<label>_<random>`, dropped afterwards whatever happens. */
export const withScratchDatabase = async <T>(label: string, run: (url: string) => Promise<T>): Promise<T> => {
  const database = `${label}_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(BENCH_ADMIN_URL);
  // libpq's default user; node-postgres would otherwise need USER or PGUSER set.
  if (!adminUrl.username) adminUrl.username = process.env.PGUSER ?? userInfo().username;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
};
