import { comparePositions, serializePosition, type AllFilter, type EventStore, type Position } from '#libs/event-store';
import { createRedisReadStore, jsonLogger, startEmbeddedProjector, type Projection, type ReadStoreReader } from '#libs/projector';
import type { ReadModelsConfig } from './read-models.config';
import { ParsedDocCache } from './parsed-doc-cache';
import { ProjectionProgress } from './projection-progress';

/** Where a read model stands against the log, as `/health` shows it. */
export interface ReadModelLag {
  readonly projection: string;
  /** The projector's state in memory mode; `checkpoint` when only the stored checkpoint is known. */
  readonly state: string;
  readonly position: string | null;
  readonly head: string | null;
  readonly caughtUp: boolean;
  /** Age of the last event processed while behind, 0 when caught up; null when this process cannot tell. */
  readonly secondsBehind: number | null;
}

/** The read side of the API: the store the resolvers read, and how far behind the log it is. */
export interface ReadModels {
  readonly mode: ReadModelsConfig['mode'];
  readonly reader: ReadStoreReader;
  lag(): Promise<ReadModelLag[]>;
  /**
   * Resolves true once every read model that reads `streamId` has processed the event at `position` (a
   * serialized `Position`, as a command answers it), false when `timeoutMs` passes first.
   */
  waitFor(position: string, streamId: string, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** How often a waiting `waitFor` looks at the checkpoints: a map lookup in memory, a round trip to Redis. */
const MEMORY_POLL_MS = 2;
const REDIS_POLL_MS = 10;

/** Replays the whole log into memory before it resolves, so the API never serves a half-built read model. */
const embedded = async (store: EventStore, projections: readonly Projection[]): Promise<ReadModels> => {
  const running = await startEmbeddedProjector({ store, projections, logger: jsonLogger('embedded-projector') });
  const reader = new ParsedDocCache(running.readStore);
  const progress = new ProjectionProgress(projections, (name) => reader.readCheckpoint(name), MEMORY_POLL_MS);
  return {
    mode: 'memory',
    reader,
    waitFor: (position, streamId, timeoutMs) => progress.waitFor(position, streamId, timeoutMs),
    lag: async () =>
      (await running.projector.lag()).map(({ projection, state, position, head, caughtUp, secondsBehind }) => ({ projection, state, position, head, caughtUp, secondsBehind })),
    close: () => running.stop(),
  };
};

/** Whether the log holds, after `position`, an event `filter` lets through: one a projection has yet to process. */
const matchingEventAfter = async (store: EventStore, filter: AllFilter, position: Position): Promise<boolean> => {
  for await (const event of store.readAll({ fromPosition: position, filter, maxCount: 2 })) {
    if (comparePositions(event.position, position) > 0) return true;
  }
  return false;
};

/**
 * Reads what a separate projector writes. Its checkpoints say where each read model is; how old its last
 * event is, only that projector knows (it logs it), so `secondsBehind` stays null here. A read model is
 * caught up when its checkpoint, written by this version of it, leaves no event it reads unprocessed: the
 * head may be past the checkpoint by events no read model reads (credentials), which never move it.
 */
const fromRedis = (store: EventStore, projections: readonly Projection[], config: Extract<ReadModelsConfig, { mode: 'redis' }>): ReadModels => {
  const readStore = createRedisReadStore({ url: config.redisUrl, prefix: config.prefix, logger: jsonLogger('read-models') });
  const progress = new ProjectionProgress(projections, (name) => readStore.readCheckpoint(name), REDIS_POLL_MS);
  return {
    mode: 'redis',
    reader: readStore,
    waitFor: (position, streamId, timeoutMs) => progress.waitFor(position, streamId, timeoutMs),
    lag: async () => {
      const head = await store.headPosition();
      return Promise.all(
        projections.map(async ({ name, version, filter }) => {
          const checkpoint = await readStore.readCheckpoint(name);
          const current = checkpoint !== null && checkpoint.version === version;
          const caughtUp =
            head === null ||
            (current && (comparePositions(checkpoint.position, head) >= 0 || !(await matchingEventAfter(store, filter, checkpoint.position))));
          const position = checkpoint && serializePosition(checkpoint.position);
          return { projection: name, state: 'checkpoint', position, head: head && serializePosition(head), caughtUp, secondsBehind: caughtUp ? 0 : null };
        }),
      );
    },
    close: () => readStore.close(),
  };
};

export const openReadModels = async (config: ReadModelsConfig, store: EventStore, projections: readonly Projection[]): Promise<ReadModels> =>
  config.mode === 'memory' ? embedded(store, projections) : fromRedis(store, projections, config);
