import { serializePosition, type EventStore, type Position, type RecordedEvent } from '#libs/event-store';
import type { Projection, ReadModelDoc } from '../projection';
import type { Lease, ReadStoreWriter } from '../read-store/read-store.port';
import { BatchApplier, type EventPlan, type WorkingDoc } from './batch-applier';
import { ChunkWriter } from './chunk-writer';
import type { DocCache } from './doc-cache';
import type { ProjectorLogger } from './projector-logger';
import type { RebuildLimits } from './rebuild-limits';
import { RebuildWorkspace } from './rebuild-workspace';
import { replay } from './replay';
import { SubscriptionBuffer, type BatchLimits } from './subscription-buffer';

/** Reported after every commit, and after every batch a rebuild applied: for lag, metrics and progress bars. */
export interface CommitInfo {
  readonly projection: string;
  readonly position: Position;
  readonly events: number;
  readonly skipped: number;
  /** When the last event of the batch was recorded (null for a checkpoint-only batch). */
  readonly lastRecordedAt: Date | null;
  readonly committedAt: number;
  readonly caughtUp: boolean;
  /**
   * Checkpointed: a crash now resumes after `position`. False for the batches of a rebuild, which
   * writes its read model as it goes and its checkpoint once it has reached the head.
   */
  readonly durable: boolean;
}

export interface SessionOptions {
  /** While reading history, before the subscription first catches up. */
  readonly catchUp: BatchLimits;
  readonly live: BatchLimits;
  /** How a replay from the start (no checkpoint) keeps and writes its documents. */
  readonly rebuild: RebuildLimits;
}

export interface SessionDeps<D extends ReadModelDoc> {
  readonly store: EventStore;
  readonly readStore: ReadStoreWriter;
  readonly projection: Projection<D>;
  readonly lease: Lease;
  readonly cache: DocCache<D>;
  readonly logger: ProjectorLogger;
  readonly onCommit: (info: CommitInfo) => void;
}

/**
 * One stretch of work under one lease: subscribe after the stored checkpoint, then per batch load,
 * evolve, diff and commit the changes with the new checkpoint in one atomic write that names the
 * checkpoint it follows. A crash at any point leaves the store at a batch boundary; the next session
 * resumes from there, so no event is lost or applied twice. Without a checkpoint (the read model was
 * just dropped) it first replays the log as a rebuild does — documents kept in memory and written
 * back, the checkpoint written once the head is reached — then goes on batch by batch.
 */
export class ProjectionSession<D extends ReadModelDoc> {
  private buffer: SubscriptionBuffer | null = null;
  private rebuilding = false;
  private readonly applier: BatchApplier<D>;

  constructor(
    private readonly deps: SessionDeps<D>,
    private readonly options: SessionOptions,
  ) {
    this.applier = new BatchApplier(deps.projection, deps.logger);
  }

  /** Caught up with nothing in hand: lag is zero whatever the head says (it may be events this projection skips). */
  get idle(): boolean {
    return !this.rebuilding && (this.buffer?.idle ?? false);
  }

  async run(from: Position | null, signal: AbortSignal): Promise<void> {
    const { store, projection, cache } = this.deps;
    const { catchUp, live } = this.options;
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
      let after = from;
      if (after === null) {
        this.rebuilding = true;
        const rebuilt = await this.rebuild(buffer, signal).finally(() => (this.rebuilding = false));
        if (rebuilt === 'aborted') return;
        after = rebuilt.position;
      }
      for (;;) {
        const batch = await buffer.take(buffer.hasCaughtUp ? live : catchUp);
        if (batch === null || signal.aborted) return;
        if (batch.position !== null && (batch.events.length > 0 || after === null || serializePosition(batch.position) !== serializePosition(after))) {
          await this.commit(batch.events, after, batch.position, batch.caughtUp);
          after = batch.position;
        }
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

  private async rebuild(buffer: SubscriptionBuffer, signal: AbortSignal): Promise<{ position: Position | null } | 'aborted'> {
    const { readStore, projection, lease, cache } = this.deps;
    const writer = new ChunkWriter(readStore, { projection: projection.name, version: projection.version, lease }, this.options.rebuild);
    const workspace = new RebuildWorkspace(projection.name, this.applier, writer, readStore, this.options.rebuild);
    try {
      const reached = await replay(buffer, [{ name: projection.name, workspace, filter: null }], this.options.catchUp, signal, ({ events, skipped, batch }) => {
        if (batch.position !== null) this.report(events, skipped, batch.position, false, false);
      });
      if (reached === 'aborted') {
        await writer.abandon();
        return reached;
      }
      const written = await workspace.finish(signal, cache.capacity);
      if (written === null) {
        await writer.abandon();
        return 'aborted';
      }
      if (reached.position !== null) {
        await readStore.commit({ projection: projection.name, version: projection.version, after: null, position: reached.position, docs: [], indexRemovals: [], indexAdds: [], listAppends: [] }, lease);
        this.report([], 0, reached.position, true, true);
      }
      for (const item of written) cache.set(item.key, this.applier.asStored(item));
      return reached;
    } catch (error) {
      await writer.abandon();
      throw error;
    }
  }

  private async commit(events: readonly RecordedEvent[], after: Position | null, position: Position, caughtUp: boolean): Promise<void> {
    const { readStore, projection, lease, cache } = this.deps;
    const { plans, skipped: unplanned } = this.applier.plan(events);
    const working = await this.load(plans);
    const { listAppends, skipped } = this.applier.evolve(plans, working);
    const changes = this.applier.flush(working.values());
    await readStore.commit({ projection: projection.name, version: projection.version, after, position, ...changes, listAppends }, lease);
    for (const item of working.values()) cache.set(item.key, this.applier.asStored(item));
    this.report(events, unplanned + skipped, position, caughtUp, true);
  }

  /** The batch's documents: from the cache when this instance holds them, else in one read of the store. */
  private async load(plans: readonly EventPlan[]): Promise<Map<string, WorkingDoc<D>>> {
    const { readStore, projection, cache } = this.deps;
    const working = new Map<string, WorkingDoc<D>>();
    const missing = new Set<string>();
    for (const { keys } of plans) {
      for (const key of keys) {
        if (working.has(key) || missing.has(key)) continue;
        const cached = cache.get(key);
        if (cached === undefined) missing.add(key);
        else working.set(key, this.applier.working(key, cached));
      }
    }
    if (missing.size > 0) {
      const keys = [...missing];
      const stored = await readStore.loadDocs(projection.name, keys);
      keys.forEach((key, i) => working.set(key, this.applier.working(key, this.applier.parse(key, stored[i]))));
    }
    return working;
  }

  private report(events: readonly RecordedEvent[], skipped: number, position: Position, caughtUp: boolean, durable: boolean): void {
    this.deps.onCommit({
      projection: this.deps.projection.name,
      position,
      events: events.length,
      skipped,
      lastRecordedAt: events.at(-1)?.recordedAt ?? null,
      committedAt: Date.now(),
      caughtUp,
      durable,
    });
  }
}
