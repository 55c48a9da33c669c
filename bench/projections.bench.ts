/**
 * Projection throughput: PostgreSQL event store → projector → Redis, with the reputation read models
 * (party profile, relationship, party timeline).
 *
 *   log      BENCH_EVENTS valid domain events (default 1,000,000): one registration per party, then
 *            relationship stories in time order (bench/projections/reputation-log.ts). Shape: a supplier per
 *            200 events and a client per 50 (1M → 5,000 suppliers, 20,000 clients), each client with 3
 *            suppliers: ≈ 60,000 relationships of ≈ 16 events; a supplier ≈ 190 facts, a client ≈ 48
 *   replay   each read model rebuilt from the whole log in turn, as `npm run rebuild` does; `replayPerSec` is
 *            the log's events over the time all of them took (each model's own rate is printed too)
 *   ceiling  `readAll` of the same store in the same run: what one replay could reach if projecting cost nothing
 *   lag      2,000 events/s of further stories appended (eight writers) while a projector runs all three;
 *            per append, (time the slowest read model committed it) − (time the append returned); p99
 *
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is where a scratch database is
 * created and dropped; REDIS_URL (default redis://127.0.0.1:6379); BENCH_EVENTS shrinks the run.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore } from '#libs/event-store';
import { createRedisReadStore, rebuildProjection, type ReadStore } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { measureLiveLag } from './projections/live-lag';
import { fillReputationLog, reputationAppends, type ReputationLogShape } from './projections/reputation-log';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIVE_RATE = 2000;
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const SUPPLIERS = Math.max(10, Math.round(EVENTS / 200));
const CLIENTS = Math.max(40, Math.round(EVENTS / 50));
const SHAPE: ReputationLogShape = { suppliers: SUPPLIERS, clients: CLIENTS, suppliersPerClient: 3, relationshipEvents: EVENTS - SUPPLIERS - CLIENTS, shards: 4 };
/** More stories between the same parties, for the live phase: its registrations are left out. */
const liveAppends = (writer: number, writers: number) => {
  const appends = reputationAppends({ ...SHAPE, shards: writers, seed: 99, relationshipEvents: LIVE_RATE * LIVE_SECONDS * 2 }, writer);
  return (function* () {
    for (const append of appends) if (!append.streamId.startsWith('party-')) yield append;
  })();
};

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
  const onAppended = (appended: number) => {
    if (appended - shown < 100_000) return;
    shown = appended;
    say(`  appended ${appended.toLocaleString('en')}`);
  };
  const appended = await fillReputationLog(store, SHAPE, { onAppended });
  if (appended !== EVENTS) throw new Error(`the log holds ${appended} events, expected ${EVENTS}`);
  say(`log filled: ${perSec(EVENTS, performance.now() - startedAt).toLocaleString('en')} events/s`);

  const readAllBefore = await readAllRate(store);
  say(`readAll: ${readAllBefore.toLocaleString('en')} events/s`);
  let replayMs = 0;
  for (const projection of reputationProjections) {
    startedAt = performance.now();
    const replay = await rebuildProjection({ store, readStore, projection });
    const ms = performance.now() - startedAt;
    replayMs += ms;
    say(`replay of ${projection.name}: ${perSec(replay.events, ms).toLocaleString('en')} events/s (${replay.events.toLocaleString('en')} events, ${replay.skipped} skipped, ${(ms / 1000).toFixed(1)} s)`);
  }
  const replayPerSec = perSec(EVENTS, replayMs);
  say(`replay of all read models: ${replayPerSec.toLocaleString('en')} log events/s (${(replayMs / 1000).toFixed(1)} s)`);
  const readAllAfter = await readAllRate(store);
  say(`readAll again: ${readAllAfter.toLocaleString('en')} events/s`);
  await store.close();

  say(`live: ${LIVE_RATE} events/s for ${LIVE_SECONDS} s …`);
  const live = await measureLiveLag(url, readStore, reputationProjections, LIVE_RATE, LIVE_SECONDS, liveAppends);
  say(`live lag: p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms over ${live.samples} appends at ${live.appendRatePerSec} events/s`);
  return { replayPerSec, readAllCeilingPerSec: Math.max(readAllBefore, readAllAfter), lagP99Ms: live.p99Ms, appendRatePerSec: live.appendRatePerSec };
};

const main = async () => {
  const prefix = `rapport-bench-${randomBytes(4).toString('hex')}:`;
  const readStore = createRedisReadStore({ url: REDIS_URL, prefix });
  say(`projection bench: ${EVENTS.toLocaleString('en')} events, ${SUPPLIERS.toLocaleString('en')} suppliers, ${CLIENTS.toLocaleString('en')} clients, read models: ${reputationProjections.map((p) => p.name).join(', ')}`);
  try {
    const figures = await withDatabase((url) => measure(url, readStore));
    say(JSON.stringify(figures));
    // A shrunk run is a quick look, not the figures the targets are about.
    if (EVENTS !== 1_000_000) return;
    // Compiled to dist/bench/: the results go to the source tree's bench/results/.
    const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, 'projections.json'), `${JSON.stringify(figures, null, 2)}\n`);
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
