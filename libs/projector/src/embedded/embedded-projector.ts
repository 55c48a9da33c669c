import type { EventStore } from '#libs/event-store';
import { Projector } from '../engine/projector';
import type { ProjectorLogger } from '../engine/projector-logger';
import type { Projection } from '../projection';
import { InMemoryReadStore } from '../read-store/in-memory/in-memory-read-store';
import type { ReadStore } from '../read-store/read-store.port';

export interface EmbeddedProjectorOptions {
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  readonly logger?: ProjectorLogger;
  /** How long to wait for the replay at start. Default 5 minutes. */
  readonly startTimeoutMs?: number;
}

export interface EmbeddedProjector {
  readonly readStore: ReadStore;
  readonly projector: Projector;
  stop(): Promise<void>;
}

/**
 * The embedded mode: the projector inside the API process, read models in memory. They start empty,
 * so every projection replays the log; this resolves once all have caught up, then they follow live.
 */
export const startEmbeddedProjector = async (options: EmbeddedProjectorOptions): Promise<EmbeddedProjector> => {
  const readStore = new InMemoryReadStore();
  // One process holds every lease; a long TTL only spares renewals.
  const projector = new Projector({ store: options.store, readStore, projections: options.projections, logger: options.logger, leaseTtlMs: 60_000 }).start();
  try {
    await projector.waitUntilLive(options.startTimeoutMs ?? 300_000);
  } catch (error) {
    await projector.stop();
    throw error;
  }
  return { readStore, projector, stop: () => projector.stop() };
};
