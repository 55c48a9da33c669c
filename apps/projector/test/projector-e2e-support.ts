import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';
import { Client } from 'pg';

export const ROOT = join(__dirname, '../../..');
const FIXTURES = ['apps/projector/test/projector-child.ts', 'libs/projector/test/stream-counter.projection.ts'];
export const CHILD_ENTRY = join(ROOT, 'dist/apps/projector/test/projector-child.js');
export const MAIN_ENTRY = join(ROOT, 'dist/apps/projector/src/main.js');
/** `npm run rebuild` without its build step. */
export const REBUILD_ENTRY = join(ROOT, 'dist/apps/projector/src/rebuild.js');

/**
 * Compiles the app as `npm run build` does, then the test's entry point and projection (which the
 * build leaves out) next to it in dist/, so their relative imports land on the compiled app.
 */
export const buildProjector = (): void => {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`build failed:\n${tsc.stdout}${tsc.stderr}`);
  for (const file of FIXTURES) {
    const { code } = transformFileSync(join(ROOT, file), { swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } });
    const out = join(ROOT, 'dist', relative(ROOT, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
};

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A scratch PostgreSQL database; `drop` removes it, connections and all. */
export const createDatabase = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `rapport_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
};

/** A projector process; its output is kept to explain a failure. */
export class ChildProjector {
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  readonly exited: Promise<number | string | null>;

  /** `entry`: the test entry with its counter projection, or `MAIN_ENTRY` (the app as `npm run start:projector` runs it). */
  constructor(env: Record<string, string>, entry = CHILD_ENTRY) {
    this.child = spawn(process.execPath, [entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? signal)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  log(): string {
    return this.output.join('');
  }

  kill(signal: NodeJS.Signals): Promise<number | string | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
