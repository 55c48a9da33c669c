import { comparePositions, serializePosition, type EventStore } from '#libs/event-store';
import { createRedisReadStore, jsonLogger, startEmbeddedProjector, type Projection, type ReadStoreReader } from '#libs/projector';
import type { ReadModelsConfig } from './read-models.config';

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
  close(): Promise<void>;
}

/** Replays the whole log into memory before it resolves, so the API never serves a half-built read model. */
const embedded = async (store: EventStore, projections: readonly Projection[]): Promise<ReadModels> => {
  const running = await startEmbeddedProjector({ store, projections, logger: jsonLogger('embedded-projector') });
  return {
    mode: 'memory',
    reader: running.readStore,
    lag: async () =>
      (await running.projector.lag()).map(({ projection, state, position, head, caughtUp, secondsBehind }) => ({ projection, state, position, head, caughtUp, secondsBehind })),
    close: () => running.stop(),
  };
};

/**
 * Reads what a separate projector writes. Its checkpoints say where each read model is; how old its last
 * event is, only that projector knows (it logs it), so `secondsBehind` stays null here.
 */
const fromRedis = (store: EventStore, projections: readonly Projection[], config: Extract<ReadModelsConfig, { mode: 'redis' }>): ReadModels => {
  const readStore = createRedisReadStore({ url: config.redisUrl, prefix: config.prefix, logger: jsonLogger('read-models') });
  return {
    mode: 'redis',
    reader: readStore,
    lag: async () => {
      const head = await store.headPosition();
      return Promise.all(
        projections.map(async ({ name }) => {
          const checkpoint = await readStore.readCheckpoint(name);
          const caughtUp = head === null || (checkpoint !== null && comparePositions(checkpoint.position, head) >= 0);
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
