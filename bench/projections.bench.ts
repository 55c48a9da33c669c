/**
 * Projection throughput: PostgreSQL event store → projector → Redis read models.
 *
 *   replay   the whole log (1,000,000 events) rebuilt into Redis, as `npm run rebuild` does
 *   ceiling  `readAll` of the same store in the same run: what a replay could reach if projecting cost nothing
 *   lag      2,000 events/s appended (appends of 5, four writers) while a projector follows live; per append,
 *            (time the read model committed the append's last event) − (time the append returned); p99
 *
 * Until the real read models land it projects a stand-in (bench/projections/stand-in.projection.ts).
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is where a scratch database is
 * created and dropped; REDIS_URL (default redis://127.0.0.1:6379); BENCH_EVENTS shrinks the run.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore } from '#libs/event-store';
import { createRedisReadStore, rebuildProjection, type ReadStore } from '#libs/projector';
import { fillLog } from './projections/bench-events';
import { measureLiveLag } from './projections/live-lag';
import { standInProjection } from './projections/stand-in.projection';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIVE_RATE = 2000;
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);

const say = (line: string) => process.stdout.write(`${line}\n`);
const perSec = (events: number, ms: number) => Math.round(events / (ms / 1000));

const readAllRate = async (store: PostgresEventStore): Promise<number> => {
  const startedAt = performance.now();
  let read = 0;
  for await (const _event of store.readAll()) read += 1;
  if (read !== EVENTS) throw new Error(`readAll returned ${read} events, expected ${EVENTS}`);
  return perSec(read, performance.now() - startedAt);
};

const withDatabase = async <T>(run: (url: string) => Promise<T>): Promise<T> => {
  const database = `rapport_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
};

interface Figures {
  readonly replayPerSec: number;
  readonly readAllCeilingPerSec: number;
  readonly lagP99Ms: number;
  readonly appendRatePerSec: number;
}

const measure = async (url: string, readStore: ReadStore): Promise<Figures> => {
  const store = new PostgresEventStore(url);
  let startedAt = performance.now();
  let shown = 0;
  await fillLog(store, EVENTS, 200, 4, (appended) => {
    if (appended - shown < 100_000) return;
    shown = appended;
    say(`  appended ${appended.toLocaleString('en')}`);
  });
  say(`log filled: ${perSec(EVENTS, performance.now() - startedAt).toLocaleString('en')} events/s`);

  const readAllBefore = await readAllRate(store);
  say(`readAll: ${readAllBefore.toLocaleString('en')} events/s`);
  startedAt = performance.now();
  const replay = await rebuildProjection({ store, readStore, projection: standInProjection });
  const replayPerSec = perSec(replay.events, performance.now() - startedAt);
  say(`replay into Redis: ${replayPerSec.toLocaleString('en')} events/s (${replay.events.toLocaleString('en')} events, ${replay.skipped} skipped)`);
  const readAllAfter = await readAllRate(store);
  say(`readAll again: ${readAllAfter.toLocaleString('en')} events/s`);
  await store.close();

  say(`live: ${LIVE_RATE} events/s for ${LIVE_SECONDS} s …`);
  const live = await measureLiveLag(url, readStore, standInProjection, LIVE_RATE, LIVE_SECONDS);
  say(`live lag: p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms over ${live.samples} appends at ${live.appendRatePerSec} events/s`);
  return { replayPerSec, readAllCeilingPerSec: Math.max(readAllBefore, readAllAfter), lagP99Ms: live.p99Ms, appendRatePerSec: live.appendRatePerSec };
};

const main = async () => {
  const prefix = `rapport-bench-${randomBytes(4).toString('hex')}:`;
  const readStore = createRedisReadStore({ url: REDIS_URL, prefix });
  say(`projection bench: ${EVENTS.toLocaleString('en')} events, read model: ${standInProjection.name} (a STAND-IN until the real read models land)`);
  try {
    const figures = await withDatabase((url) => measure(url, readStore));
    // Compiled to dist/bench/: the results go to the source tree's bench/results/.
    const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, 'projections.json'), `${JSON.stringify(figures, null, 2)}\n`);
    say(JSON.stringify(figures));
  } finally {
    await dropPrefix(readStore.redis, prefix);
    await readStore.close();
  }
};

const dropPrefix = async (redis: ReturnType<typeof createRedisReadStore>['redis'], prefix: string) => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
