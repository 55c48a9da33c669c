/**
 * Projection throughput: PostgreSQL event store → projector → Redis, with the reputation read models
 * (party profile, relationship, party timeline).
 *
 *   log      BENCH_EVENTS valid domain events (default 1,000,000): one registration per party, then
 *            relationship stories in time order (bench/projections/reputation-log.ts). Shape: a supplier per
 *            200 events and a client per 50 (1M → 5,000 suppliers, 20,000 clients), each client with 3
 *            suppliers: ≈ 60,000 relationships of ≈ 16 events; a supplier ≈ 190 facts, a client ≈ 48
 *   replay   every read model rebuilt from the whole log in one read of it, as `npm run rebuild` does;
 *            `replayPerSec` is the log's events over the time the rebuild took, checkpoints written
 *   ceiling  `readAll` of the same store in the same run: what one replay could reach if projecting cost nothing;
 *            also its CPU per event here and in PostgreSQL (`readAllCpuUsPerEvent`), next to the CPU per event the
 *            cores allow at the replay target
 *   lag      2,000 events/s of further stories appended on a fixed schedule by 32 writers in a child process (enough that PostgreSQL commit latency does not hold the rate down)
 *            (bench/projections/live-writer.ts) while a projector runs all three read models here;
 *            per append, (time the slowest read model committed it) − (time the append returned); p99. Also
 *            printed: each read model's events committed per second from the writers' start to its last commit
 *            (what it keeps up with when it falls behind). BENCH_LIVE_LAYOUT=process-per-projection runs each read
 *            model's projector in a process of its own (bench/projections/live-projector.ts), as PROJECTIONS lets a
 *            deployment do; the default, one-process, runs them all in this one
 *   CPU      per event, for the replay and for the live phase: this process (the rebuild, or the projector),
 *            Redis (INFO cpu), PostgreSQL (its processes in /proc, when it runs on this machine) and the writers
 *            (bench/support/cpu-meter.ts); `replayCpuUsPerEvent` and `liveCpuUsPerEvent` in the JSON
 *
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is where a scratch database is
 * created and dropped; REDIS_URL (default redis://127.0.0.1:6379); BENCH_EVENTS shrinks the run;
 * BENCH_LIVE_SECONDS (default 30, 0 skips the live phase). BENCH_DATABASE names a database to keep between
 * runs instead (filled when empty, never dropped), for profiling the replay without filling the log again.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore } from '#libs/event-store';
import { createRedisReadStore, rebuildProjections, type CommitInfo, type RedisReadStore } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { measureLiveLag, PROJECTOR_LAYOUTS, type LiveLag, type LiveReadModels, type ProjectorLayout } from './projections/live-lag';
import { fillReputationLog, type ReputationLogShape } from './projections/reputation-log';
import { cpuPerEvent, localPostgresCpu, processCpu, readCpu, type CpuSplit } from './support/cpu-meter';
import { dropPrefix } from './support/redis-prefix';
import { writeBenchResults } from './support/results';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEPT_DATABASE = process.env.BENCH_DATABASE?.trim() || null;
/** The replay target: what the CPU budget per event printed next to the replay is worked out for. */
const REPLAY_TARGET_PER_SEC = 50_000;
const LIVE_RATE = 2000;
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
const LIVE_WRITERS = 32;
const LIVE_LAYOUT = (process.env.BENCH_LIVE_LAYOUT ?? 'one-process') as ProjectorLayout;
if (!PROJECTOR_LAYOUTS.includes(LIVE_LAYOUT)) throw new Error(`BENCH_LIVE_LAYOUT must be one of ${PROJECTOR_LAYOUTS.join(', ')}: ${LIVE_LAYOUT}`);
const SUPPLIERS = Math.max(10, Math.round(EVENTS / 200));
const CLIENTS = Math.max(40, Math.round(EVENTS / 50));
const SHAPE: ReputationLogShape = { suppliers: SUPPLIERS, clients: CLIENTS, suppliersPerClient: 3, relationshipEvents: EVENTS - SUPPLIERS - CLIENTS, shards: 16 };

const say = (line: string) => process.stdout.write(`${line}\n`);
const perSec = (events: number, ms: number) => Math.round(events / (ms / 1000));
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** `readAll` over the whole log: its rate, and the CPU per event it took here and in PostgreSQL (µs, null when not on this machine). */
const readAllRate = async (store: PostgresEventStore): Promise<{ events: number; perSec: number; cpu: ReadAllCpu }> => {
  const postgresBefore = localPostgresCpu();
  const processBefore = processCpu();
  const startedAt = performance.now();
  let read = 0;
  for await (const _event of store.readAll()) read += 1;
  const ms = performance.now() - startedAt;
  const us = (seconds: number) => Math.round((seconds * 1e6) / read);
  const processUs = us(processCpu() - processBefore);
  const postgresAfter = localPostgresCpu();
  return { events: read, perSec: perSec(read, ms), cpu: { process: processUs, postgres: postgresBefore === null || postgresAfter === null ? null : us(postgresAfter - postgresBefore) } };
};

const withDatabase = async <T>(run: (url: string) => Promise<T>): Promise<T> => {
  const database = KEPT_DATABASE ?? `rapport_bench_${randomBytes(4).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`BENCH_DATABASE must be a plain lower-case name: ${database}`);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  try {
    return await run(url.toString());
  } finally {
    if (KEPT_DATABASE === null) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
};

type ReadAllCpu = Omit<CpuSplit, 'redis'>;

interface Figures {
  readonly replayPerSec: number;
  readonly readAllCeilingPerSec: number;
  readonly lagP99Ms: number | null;
  readonly appendRatePerSec: number | null;
  /** CPU per event of the `readAll` that gave the ceiling, µs: this process and PostgreSQL. */
  readonly readAllCpuUsPerEvent: ReadAllCpu;
  /** CPU per replayed event, µs: this process (the rebuild), Redis, PostgreSQL (null when not on this machine). */
  readonly replayCpuUsPerEvent: CpuSplit;
  readonly liveCpuUsPerEvent: LiveLag['cpuUsPerEvent'] | null;
}

const fill = async (store: PostgresEventStore): Promise<void> => {
  const startedAt = performance.now();
  let shown = 0;
  const onAppended = (appended: number) => {
    if (appended - shown < 100_000) return;
    shown = appended;
    say(`  appended ${appended.toLocaleString('en')}`);
  };
  const appended = await fillReputationLog(store, SHAPE, { onAppended });
  if (appended !== EVENTS) throw new Error(`the log holds ${appended} events, expected ${EVENTS}`);
  say(`log filled: ${perSec(EVENTS, performance.now() - startedAt).toLocaleString('en')} events/s`);
};

const replayAll = async (store: PostgresEventStore, readStore: RedisReadStore, logEvents: number): Promise<{ replayPerSec: number; cpu: CpuSplit }> => {
  const startedAt = performance.now();
  const cpuBefore = await readCpu(readStore.redis);
  let headReachedAt = startedAt;
  const onProgress = (info: CommitInfo) => {
    if (!info.durable) headReachedAt = performance.now();
  };
  const results = await rebuildProjections({ store, readStore, projections: reputationProjections, onProgress });
  const ms = performance.now() - startedAt;
  const cpu = cpuPerEvent(cpuBefore, await readCpu(readStore.redis), logEvents);
  for (const result of results) say(`  ${result.projection}: ${result.events.toLocaleString('en')} events, ${result.skipped} skipped`);
  const replayPerSec = perSec(logEvents, ms);
  const memory = process.memoryUsage();
  say(`replay of all read models in one read of the log: ${replayPerSec.toLocaleString('en')} log events/s`);
  say(`  ${(ms / 1000).toFixed(1)} s, of which ${((performance.now() - headReachedAt) / 1000).toFixed(1)} s settling and writing back the documents at the head; heap ${mib(memory.heapUsed)}, rss ${mib(memory.rss)}`);
  say(`  CPU per event: this process ${cpu.process} µs, Redis ${cpu.redis} µs, PostgreSQL ${cpu.postgres ?? 'n/a'} µs; Redis is one thread, so at this write volume it alone caps a replay at ${Math.round(1e6 / cpu.redis).toLocaleString('en')} events/s`);
  return { replayPerSec, cpu };
};

interface Replayed {
  readonly replayPerSec: number;
  readonly ceiling: number;
  readonly readAllCpu: ReadAllCpu;
  readonly cpu: CpuSplit;
}

const describeReadAll = (read: { perSec: number; cpu: ReadAllCpu }): string =>
  `${read.perSec.toLocaleString('en')} events/s, CPU per event: this process ${read.cpu.process} µs, PostgreSQL ${read.cpu.postgres ?? 'n/a'} µs`;

const replayAgainstCeiling = async (url: string, readStore: RedisReadStore): Promise<Replayed> => {
  const store = new PostgresEventStore(url);
  try {
    if ((await store.headPosition()) === null) await fill(store);
    else say('log kept from an earlier run (BENCH_DATABASE)');
    const before = await readAllRate(store);
    say(`readAll: ${describeReadAll(before)} (${before.events.toLocaleString('en')} events)`);
    if (KEPT_DATABASE === null && before.events !== EVENTS) throw new Error(`readAll returned ${before.events} events, expected ${EVENTS}`);
    const { replayPerSec, cpu } = await replayAll(store, readStore, before.events);
    const after = await readAllRate(store);
    say(`readAll again: ${describeReadAll(after)}`);
    const ceiling = after.perSec > before.perSec ? after : before;
    const budget = Math.round((availableParallelism() * 1e6) / REPLAY_TARGET_PER_SEC);
    say(`  ${availableParallelism()} cores allow ${budget} µs of CPU per event to everything at ${REPLAY_TARGET_PER_SEC.toLocaleString('en')} events/s; reading the log took ${ceiling.cpu.process + (ceiling.cpu.postgres ?? 0)} µs of it, the replay ${cpu.process + cpu.redis + (cpu.postgres ?? 0)} µs`);
    return { replayPerSec, ceiling: ceiling.perSec, readAllCpu: ceiling.cpu, cpu };
  } finally {
    await store.close();
  }
};

const measure = async (url: string, readModels: LiveReadModels): Promise<Figures> => {
  const { replayPerSec, ceiling, readAllCpu, cpu } = await replayAgainstCeiling(url, readModels.readStore);
  say(`replay / readAll ceiling: ${(replayPerSec / ceiling).toFixed(3)}`);

  let live: LiveLag | null = null;
  if (LIVE_SECONDS > 0) {
    say(`live: ${LIVE_RATE} events/s for ${LIVE_SECONDS} s from ${LIVE_WRITERS} writers in a child process, the projector ${LIVE_LAYOUT === 'one-process' ? 'in this process' : 'in a process per read model'} …`);
    const liveShape = { ...SHAPE, shards: LIVE_WRITERS, seed: 99, relationshipEvents: LIVE_RATE * LIVE_SECONDS * 2 };
    live = await measureLiveLag(readModels, reputationProjections, { databaseUrl: url, shape: liveShape, ratePerSec: LIVE_RATE, seconds: LIVE_SECONDS, writers: LIVE_WRITERS }, LIVE_LAYOUT);
    say(`live lag: p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms over ${live.samples} appends at ${live.appendRatePerSec} events/s`);
    const rates = Object.entries(live.projectedPerSec).map(([name, rate]) => `${name} ${rate.toLocaleString('en')}/s`);
    say(`  projected meanwhile, from the writers' start to each read model's last commit: ${rates.join(', ')}`);
    const { projector, redis, postgres, writers } = live.cpuUsPerEvent;
    say(`  CPU per appended event: projector ${projector ?? 'n/a (in processes of its own)'} µs, Redis ${redis} µs, PostgreSQL ${postgres ?? 'n/a'} µs, writers ${writers} µs; ${availableParallelism()} cores allow ${Math.round((availableParallelism() * 1e6) / LIVE_RATE)} µs in all at ${LIVE_RATE} events/s`);
  }
  return {
    replayPerSec,
    readAllCeilingPerSec: ceiling,
    readAllCpuUsPerEvent: readAllCpu,
    lagP99Ms: live?.p99Ms ?? null,
    appendRatePerSec: live?.appendRatePerSec ?? null,
    replayCpuUsPerEvent: cpu,
    liveCpuUsPerEvent: live?.cpuUsPerEvent ?? null,
  };
};

const main = async () => {
  const prefix = `rapport-bench-${randomBytes(4).toString('hex')}:`;
  const readStore = createRedisReadStore({ url: REDIS_URL, prefix });
  say(`projection bench: ${EVENTS.toLocaleString('en')} events, ${SUPPLIERS.toLocaleString('en')} suppliers, ${CLIENTS.toLocaleString('en')} clients, read models: ${reputationProjections.map((p) => p.name).join(', ')}`);
  try {
    const figures = await withDatabase((url) => measure(url, { readStore, redisUrl: REDIS_URL, prefix }));
    say(JSON.stringify(figures));
    // A shrunk or partial run, or another layout, is a quick look, not the figures the targets are about.
    if (EVENTS !== 1_000_000 || KEPT_DATABASE !== null || figures.lagP99Ms === null || LIVE_LAYOUT !== 'one-process') return;
    await writeBenchResults('projections', figures);
  } finally {
    await dropPrefix(readStore.redis, prefix);
    await readStore.close();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
