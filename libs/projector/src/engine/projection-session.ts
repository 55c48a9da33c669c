import { serializePosition, type EventStore, type Position, type RecordedEvent } from '#libs/event-store';
import type { Projection, ReadModelDoc } from '../projection';
import type { Lease, ReadStoreWriter } from '../read-store/read-store.port';
import { BatchApplier } from './batch-applier';
import type { DocCache } from './doc-cache';
import type { ProjectorLogger } from './projector-logger';
import { SubscriptionBuffer, type BatchLimits } from './subscription-buffer';

/** Reported after every commit: for lag, metrics and progress bars. */
export interface CommitInfo {
  readonly projection: string;
  readonly position: Position;
  readonly events: number;
  readonly skipped: number;
  /** When the last event of the batch was recorded (null for a checkpoint-only batch). */
  readonly lastRecordedAt: Date | null;
  readonly committedAt: number;
  readonly caughtUp: boolean;
}

export interface SessionOptions {
  /** While reading history, before the subscription first catches up. */
  readonly catchUp: BatchLimits;
  readonly live: BatchLimits;
  /** End once caught up with nothing left waiting (a rebuild); otherwise follow the log until aborted. */
  readonly stopWhenCaughtUp?: boolean;
}

export interface SessionDeps<D extends ReadModelDoc> {
  readonly store: EventStore;
  readonly readStore: ReadStoreWriter;
  readonly projection: Projection<D>;
  readonly lease: Lease;
  readonly cache: DocCache;
  readonly logger: ProjectorLogger;
  readonly onCommit: (info: CommitInfo) => void;
}

/**
 * One stretch of work under one lease: subscribe after the stored checkpoint, then per batch load,
 * evolve, diff and commit the changes with the new checkpoint in one atomic write that names the
 * checkpoint it follows. A crash at any point leaves the store at a batch boundary; the next session
 * resumes from there, so no event is lost or applied twice.
 */
export class ProjectionSession<D extends ReadModelDoc> {
  private buffer: SubscriptionBuffer | null = null;
  private readonly applier: BatchApplier<D>;

  constructor(
    private readonly deps: SessionDeps<D>,
    private readonly options: SessionOptions,
  ) {
    this.applier = new BatchApplier(deps.projection, deps.logger);
  }

  /** Caught up with nothing in hand: lag is zero whatever the head says (it may be events this projection skips). */
  get idle(): boolean {
    return this.buffer?.idle ?? false;
  }

  async run(from: Position | null, signal: AbortSignal): Promise<void> {
    const { store, projection, cache } = this.deps;
    const { catchUp, live } = this.options;
    let after = from;
    // Its own signal, so that the subscription ends whichever way the session does.
    const ending = new AbortController();
    const end = () => ending.abort();
    signal.addEventListener('abort', end);
    if (signal.aborted) end();
    const subscription = store.subscribeToAll({
      fromPosition: from ?? 'start',
      filter: projection.filter,
      signal: ending.signal,
      checkpointInterval: catchUp.maxEvents,
    });
    const buffer = (this.buffer = new SubscriptionBuffer(subscription, 2 * Math.max(catchUp.maxEvents, live.maxEvents)));
    try {
      for (;;) {
        const batch = await buffer.take(buffer.hasCaughtUp ? live : catchUp);
        if (batch === null || signal.aborted) return;
        if (batch.position !== null && (batch.events.length > 0 || after === null || serializePosition(batch.position) !== serializePosition(after))) {
          await this.commit(batch.events, after, batch.position, batch.caughtUp);
          after = batch.position;
        }
        if (this.options.stopWhenCaughtUp && batch.caughtUp && batch.drained) return;
      }
    } catch (error) {
      cache.clear();
      throw error;
    } finally {
      signal.removeEventListener('abort', end);
      ending.abort();
      await buffer.close();
    }
  }

  private async commit(events: readonly RecordedEvent[], after: Position | null, position: Position, caughtUp: boolean): Promise<void> {
    const { readStore, projection, lease, cache } = this.deps;
    const changes = await this.applier.apply(events, cache.loader((keys) => readStore.loadDocs(projection.name, keys)));
    const { skipped, ...writes } = changes;
    await readStore.commit({ projection: projection.name, version: projection.version, after, position, ...writes }, lease);
    cache.written(writes.docs);
    this.deps.onCommit({
      projection: projection.name,
      position,
      events: events.length,
      skipped,
      lastRecordedAt: events.at(-1)?.recordedAt ?? null,
      committedAt: Date.now(),
      caughtUp,
    });
  }
}
