import { SingleBar, Presets } from 'cli-progress';
import { createEventStore, serializePosition, type EventStore } from '#libs/event-store';
import { createRedisReadStore, jsonLogger, rebuildProjection, type Projection, type ReadStore, type RebuildResult } from '#libs/projector';
import { projectorConfigFromEnv } from './projector-config';
import { projections } from './projections';

/**
 * `npm run rebuild [-- --projection NAME]`: drops read models and replays the log into them, one
 * projection after another, with a progress bar. Progress is measured in log positions up to the head
 * read at the start (positions grow with the log on every adapter, so the bar is close, not exact).
 */
const selected = (argv: readonly string[], all: readonly Projection[]): Projection[] => {
  const names = argv.flatMap((arg, i) => (arg === '--projection' ? [argv[i + 1] ?? ''] : arg.startsWith('--projection=') ? [arg.slice(13)] : []));
  if (names.length === 0) return [...all];
  return names.map((name) => {
    const projection = all.find((candidate) => candidate.name === name);
    if (!projection) throw new Error(`No projection named ${JSON.stringify(name)}; known: ${all.map((p) => p.name).join(', ') || '(none registered)'}`);
    return projection;
  });
};

const rebuildWithBar = async (store: EventStore, readStore: ReadStore, projection: Projection): Promise<RebuildResult> => {
  const head = await store.headPosition();
  const total = Math.max(1, head ? Number(head.prepare) : 1);
  const bar = new SingleBar({ format: `${projection.name} {bar} {percentage}% | {events} events | {rate}/s | {duration_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 }, Presets.shades_classic);
  const startedAt = Date.now();
  let events = 0;
  bar.start(total, 0, { events: 0, rate: 0 });
  try {
    return await rebuildProjection({
      store,
      readStore,
      projection,
      logger: jsonLogger('rebuild'),
      onProgress: (info) => {
        events += info.events;
        const rate = Math.round(events / Math.max(0.001, (Date.now() - startedAt) / 1000));
        bar.update(Math.min(total, Number(info.position.prepare)), { events, rate });
      },
    });
  } finally {
    bar.update(total);
    bar.stop();
  }
};

const main = async (): Promise<void> => {
  const config = projectorConfigFromEnv(process.env);
  const chosen = selected(process.argv.slice(2), projections);
  const logger = jsonLogger('rebuild');
  if (chosen.length === 0) logger.warn('no projections registered: nothing to rebuild');
  const store = await createEventStore(config.eventStore);
  const readStore = createRedisReadStore({ url: config.redisUrl, prefix: config.prefix, logger });
  try {
    for (const projection of chosen) {
      const result = await rebuildWithBar(store, readStore, projection);
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
