import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { createEventStore, serializePosition, type EventStore } from '#libs/event-store';
import { createRedisReadStore, jsonLogger, rebuildProjections, type Projection, type ReadStore, type RebuildResult } from '#libs/projector';
import { projectorConfigFromEnv } from './projector-config';
import { projections, projectionsNamed } from './projections';

/**
 * `npm run rebuild [-- --projection NAME]…`: drops read models and replays the log into them, every
 * chosen projection in one read of the log, with a progress bar. Progress is measured in log positions
 * up to the head read at the start (positions grow with the log on every adapter, so the bar is close,
 * not exact). It holds the leases for PROJECTOR_LEASE_TTL_MS, renewed as the projector does: on a machine
 * starved of CPU, a longer one keeps a long rebuild from losing them part way.
 */
const USAGE = `Usage: npm run rebuild [-- --projection NAME]…
Drops the named read models (all of them by default) and replays the log into them.
Known projections: ${projections.map((p) => p.name).join(', ')}`;

/** The projections the arguments name, or null for --help; an unknown argument throws before anything is touched. */
const selected = (argv: string[], all: readonly Projection[]): Projection[] | null => {
  const { values } = parseArgs({ args: argv, options: { projection: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  if (values.help) return null;
  const names = values.projection ?? [];
  return names.length === 0 ? [...all] : projectionsNamed(names, all);
};

const rebuildWithBar = async (store: EventStore, readStore: ReadStore, chosen: readonly Projection[], leaseTtlMs: number): Promise<RebuildResult[]> => {
  const head = await store.headPosition();
  const total = Math.max(1, head ? Number(head.prepare) : 1);
  const label = chosen.map((projection) => projection.name).join(', ');
  const bar = new SingleBar({ format: `${label} {bar} {percentage}% | {events} events | {rate}/s | {duration_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
  const startedAt = Date.now();
  // One read of the log feeds every projection: count its events once, through the first projection's progress.
  const events = new Map<string, number>();
  bar.start(total, 0, { events: 0, rate: 0 });
  try {
    return await rebuildProjections({
      store,
      readStore,
      projections: chosen,
      leaseTtlMs,
      logger: jsonLogger('rebuild'),
      onProgress: (info) => {
        events.set(info.projection, (events.get(info.projection) ?? 0) + info.events);
        const read = Math.max(...events.values());
        const rate = Math.round(read / Math.max(0.001, (Date.now() - startedAt) / 1000));
        bar.update(Math.min(total, Number(info.position.prepare)), { events: read, rate });
      },
    });
  } finally {
    bar.update(total);
    bar.stop();
  }
};

const main = async (): Promise<void> => {
  const chosen = selected(process.argv.slice(2), projections);
  if (chosen === null) {
    console.log(USAGE);
    return;
  }
  const config = projectorConfigFromEnv(process.env);
  const logger = jsonLogger('rebuild');
  if (chosen.length === 0) {
    logger.warn('no projections registered: nothing to rebuild');
    return;
  }
  const store = await createEventStore(config.eventStore);
  const readStore = createRedisReadStore({ url: config.redisUrl, prefix: config.prefix, logger });
  try {
    for (const result of await rebuildWithBar(store, readStore, chosen, config.leaseTtlMs)) {
      logger.info('rebuilt', { ...result, position: result.position && serializePosition(result.position), eventsPerSec: Math.round(result.events / Math.max(0.001, result.durationMs / 1000)) });
    }
  } finally {
    await Promise.allSettled([readStore.close(), store.close()]);
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
