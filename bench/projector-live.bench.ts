/**
 * The projector's own cost per live event, in one process, without PostgreSQL or writers competing for the
 * cores: what `bench:projections` cannot separate from the load around it.
 *
 *   log     BENCH_EVENTS (default 200,000) events of the projection bench's shape (bench/projections/reputation-log.ts:
 *           a supplier per 200 events, a client per 50, so the same history per party as its 1,000,000) in an
 *           in-memory event store, rebuilt into the Redis read models
 *   live    BENCH_LIVE_EVENTS (default 20,000) further stories appended at once while `Projector` runs the three
 *           read models live; measured from the appends to the projector being caught up: this process's CPU
 *           (appending excluded), Redis's CPU (INFO cpu), wall time and minor page faults, per live event
 *
 * Three repetitions (BENCH_REPETITIONS), each on a fresh log and prefix; medians. REDIS_URL (default
 * redis://127.0.0.1:6379). Only a run with every default writes bench/results/projector-live.json. Run with the
 * projector's node flags (package.json) so that the figure is the projector's.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InMemoryEventStore } from '#libs/event-store';
import { createRedisReadStore, Projector, rebuildProjections, silentLogger } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { fillReputationLog, reputationAppends, type Append, type ReputationLogShape } from './projections/reputation-log';
import { redisCpu } from './support/cpu-meter';
import { dropPrefix } from './support/redis-prefix';
import { writeBenchResults } from './support/results';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const LIVE_EVENTS = Number(process.env.BENCH_LIVE_EVENTS ?? 20_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SUPPLIERS = Math.max(10, Math.round(EVENTS / 200));
const CLIENTS = Math.max(40, Math.round(EVENTS / 50));
const SHAPE: ReputationLogShape = { suppliers: SUPPLIERS, clients: CLIENTS, suppliersPerClient: 3, relationshipEvents: EVENTS - SUPPLIERS - CLIENTS, shards: 16 };

interface Run {
  readonly rebuildMs: number;
  readonly cpuUsPerLiveEvent: number;
  readonly redisCpuUsPerLiveEvent: number;
  readonly liveEventsPerSec: number;
  readonly pageFaultsPerLiveEvent: number;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** More stories between the same parties, registrations left out, `count` events in all. */
const liveAppends = (count: number): Append[] => {
  const appends: Append[] = [];
  let events = 0;
  for (const append of reputationAppends({ ...SHAPE, shards: 1, seed: 99, relationshipEvents: count * 2 }, 0)) {
    if (append.streamId.startsWith('party-')) continue;
    const taken = append.events.slice(0, count - events);
    appends.push({ streamId: append.streamId, events: taken });
    events += taken.length;
    if (events >= count) break;
  }
  return appends;
};

const once = async (): Promise<Run> => {
  const prefix = `rapport-bench-${randomBytes(4).toString('hex')}:`;
  const readStore = createRedisReadStore({ url: REDIS_URL, prefix });
  const store = new InMemoryEventStore();
  try {
    await fillReputationLog(store, SHAPE);
    const rebuildStartedAt = performance.now();
    await rebuildProjections({ store, readStore, projections: reputationProjections });
    const rebuildMs = performance.now() - rebuildStartedAt;
    const projector = new Projector({ store, readStore, projections: reputationProjections, logger: silentLogger }).start();
    try {
      await projector.waitUntilLive(120_000);
      const appends = liveAppends(LIVE_EVENTS);
      const events = appends.reduce((sum, append) => sum + append.events.length, 0);
      const cpuBefore = cpuMs();
      const redisBefore = await redisCpu(readStore.redis);
      const faultsBefore = process.resourceUsage().minorPageFault;
      const startedAt = performance.now();
      let appendCpu = cpuMs();
      for (const { streamId, events: batch } of appends) await store.appendToStream(streamId, batch);
      appendCpu = cpuMs() - appendCpu;
      await new Promise((resolve) => setTimeout(resolve, 10));
      await projector.waitUntilLive(600_000);
      const ms = performance.now() - startedAt;
      const redisSeconds = (await redisCpu(readStore.redis)) - redisBefore;
      return {
        rebuildMs: Math.round(rebuildMs),
        cpuUsPerLiveEvent: Math.round(((cpuMs() - cpuBefore - appendCpu) * 1000) / events),
        redisCpuUsPerLiveEvent: Math.round((redisSeconds * 1e6) / events),
        liveEventsPerSec: Math.round(events / (ms / 1000)),
        pageFaultsPerLiveEvent: Math.round(((process.resourceUsage().minorPageFault - faultsBefore) / events) * 10) / 10,
      };
    } finally {
      await projector.stop();
    }
  } finally {
    await dropPrefix(readStore.redis, prefix);
    await readStore.close();
  }
};

const main = async () => {
  say(`projector live bench: ${EVENTS.toLocaleString('en')} events rebuilt, then ${LIVE_EVENTS.toLocaleString('en')} live; ${REPETITIONS} repetitions; node ${process.execArgv.join(' ') || '(no flags)'}`);
  const runs: Run[] = [];
  for (let i = 1; i <= REPETITIONS; i++) {
    const run = await once();
    runs.push(run);
    say(`rep ${i}: ${run.cpuUsPerLiveEvent} µs CPU per live event (Redis ${run.redisCpuUsPerLiveEvent} µs more), ${run.liveEventsPerSec}/s, ${run.pageFaultsPerLiveEvent} page faults per event; rebuild ${run.rebuildMs} ms`);
  }
  const figures = {
    cpuUsPerLiveEvent: median(runs.map((run) => run.cpuUsPerLiveEvent)),
    redisCpuUsPerLiveEvent: median(runs.map((run) => run.redisCpuUsPerLiveEvent)),
    liveEventsPerSec: median(runs.map((run) => run.liveEventsPerSec)),
    pageFaultsPerLiveEvent: median(runs.map((run) => run.pageFaultsPerLiveEvent)),
    rebuildMs: median(runs.map((run) => run.rebuildMs)),
  };
  say(JSON.stringify(figures));
  // A shrunk run is a quick look, not the figures the README quotes.
  if (EVENTS !== 200_000 || LIVE_EVENTS !== 20_000 || REPETITIONS !== 3) return;
  await writeBenchResults('projector-live', figures);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
