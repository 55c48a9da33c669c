import type { EventStore, Position } from '#libs/event-store';
import { DEFAULT_CATCH_UP_LIMITS, defaultOwner } from '../engine/projector';
import { DocCache } from '../engine/doc-cache';
import { LeaseKeeper } from '../engine/lease-keeper';
import { silentLogger, type ProjectorLogger } from '../engine/projector-logger';
import { ProjectionSession, type CommitInfo } from '../engine/projection-session';
import type { BatchLimits } from '../engine/subscription-buffer';
import type { Projection } from '../projection';
import { LeaseLostError } from '../read-store/read-store.errors';
import type { ReadStoreWriter } from '../read-store/read-store.port';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly readStore: ReadStoreWriter;
  readonly projection: Projection;
  readonly owner?: string;
  readonly logger?: ProjectorLogger;
  readonly leaseTtlMs?: number;
  /** Default 5,000 events per batch: one script per batch, while the next batch is read. */
  readonly batch?: Partial<BatchLimits>;
  readonly docCacheSize?: number;
  readonly onProgress?: (info: CommitInfo) => void;
}

export interface RebuildResult {
  readonly projection: string;
  readonly droppedKeys: number;
  readonly events: number;
  readonly skipped: number;
  readonly position: Position | null;
  readonly durationMs: number;
}

/**
 * Drops a projection's read model and replays the whole log into it, up to the head. It seizes the
 * lease first, so a running projector's writes are refused while it works (that instance stands by),
 * and hands it back at the end: a live instance then resumes from the rebuilt checkpoint.
 */
export const rebuildProjection = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { store, readStore, projection } = options;
  const logger = options.logger ?? silentLogger;
  const ttlMs = options.leaseTtlMs ?? 10_000;
  const startedAt = Date.now();
  const lease = await readStore.seizeLease(projection.name, options.owner ?? defaultOwner(), ttlMs);
  const controller = new AbortController();
  const keeper = new LeaseKeeper(readStore, lease, ttlMs, logger, () => controller.abort()).start();
  const result = { projection: projection.name, droppedKeys: 0, events: 0, skipped: 0, position: null as Position | null };
  try {
    result.droppedKeys = await readStore.dropProjection(lease);
    const limits = { ...DEFAULT_CATCH_UP_LIMITS, ...options.batch };
    const onCommit = (info: CommitInfo) => {
      result.events += info.events;
      result.skipped += info.skipped;
      result.position = info.position;
      options.onProgress?.(info);
    };
    const session = new ProjectionSession(
      { store, readStore, projection, lease, cache: new DocCache(options.docCacheSize ?? 200_000), logger, onCommit },
      { catchUp: limits, live: limits, stopWhenCaughtUp: true },
    );
    await session.run(null, controller.signal);
    if (keeper.isLost) throw new LeaseLostError(projection.name);
  } finally {
    keeper.stop();
    await readStore.releaseLease(lease).catch(() => undefined);
  }
  return { ...result, durationMs: Date.now() - startedAt };
};
