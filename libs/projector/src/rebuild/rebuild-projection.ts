import type { EventStore, Position } from '#libs/event-store';
import { BatchApplier } from '../engine/batch-applier';
import { ChunkWriter } from '../engine/chunk-writer';
import { LeaseKeeper } from '../engine/lease-keeper';
import { sameFilter, unionFilter } from '../engine/log-filter';
import { DEFAULT_CATCH_UP_LIMITS, defaultOwner } from '../engine/projector';
import { silentLogger, type ProjectorLogger } from '../engine/projector-logger';
import type { CommitInfo } from '../engine/projection-session';
import { DEFAULT_REBUILD_LIMITS, type RebuildLimits } from '../engine/rebuild-limits';
import { RebuildWorkspace } from '../engine/rebuild-workspace';
import { replay } from '../engine/replay';
import { SubscriptionBuffer, type BatchLimits } from '../engine/subscription-buffer';
import type { Projection, ReadModelDoc } from '../projection';
import { assertProjectionName } from '../projection-name';
import { LeaseLostError } from '../read-store/read-store.errors';
import type { Lease, ReadStoreWriter } from '../read-store/read-store.port';

export interface RebuildProjectionsOptions {
  readonly store: EventStore;
  readonly readStore: ReadStoreWriter;
  readonly projections: readonly Projection[];
  readonly owner?: string;
  readonly logger?: ProjectorLogger;
  readonly leaseTtlMs?: number;
  /** How the log is read: default 1,000 events or 250 ms per batch, read ahead while the previous one is applied. */
  readonly batch?: Partial<BatchLimits>;
  /** How documents are kept in memory and written (DEFAULT_REBUILD_LIMITS). */
  readonly limits?: Partial<RebuildLimits>;
  /** After each batch a projection applied (`durable` false), and once its checkpoint is written (`durable` true). */
  readonly onProgress?: (info: CommitInfo) => void;
}

export interface RebuildOptions extends Omit<RebuildProjectionsOptions, 'projections'> {
  readonly projection: Projection;
}

export interface RebuildResult {
  readonly projection: string;
  readonly droppedKeys: number;
  /** Events of the log this projection's filter selects. */
  readonly events: number;
  readonly skipped: number;
  readonly position: Position | null;
  readonly durationMs: number;
}

/**
 * Drops read models and replays the whole log into them, up to the head, reading the log once for all
 * of them: each batch goes to every projection, filtered by its own filter. It seizes the leases first,
 * so a running projector's writes are refused while it works (that instance stands by), and hands them
 * back at the end: a live instance then resumes from the rebuilt checkpoints. Documents stay in memory
 * until they are written back (RebuildWorkspace) and each checkpoint is written last, so a rebuild cut
 * short leaves no checkpoint and is started again from scratch by the next start.
 */
export const rebuildProjections = async (options: RebuildProjectionsOptions): Promise<RebuildResult[]> => {
  const names = options.projections.map((projection) => projection.name);
  names.forEach(assertProjectionName);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new TypeError(`Two projections are named ${duplicate}`);
  return new RebuildRun(options).run();
};

interface Target {
  readonly projection: Projection;
  readonly lease: Lease;
  readonly writer: ChunkWriter;
  readonly workspace: RebuildWorkspace<ReadModelDoc>;
  readonly result: { projection: string; droppedKeys: number; events: number; skipped: number; position: Position | null };
}

class RebuildRun {
  private readonly controller = new AbortController();
  private readonly logger: ProjectorLogger;
  private readonly ttlMs: number;
  private readonly batch: BatchLimits;
  private readonly keepers: LeaseKeeper[] = [];
  private readonly targets: Target[] = [];
  private lost: string | null = null;

  constructor(private readonly options: RebuildProjectionsOptions) {
    this.logger = options.logger ?? silentLogger;
    this.ttlMs = options.leaseTtlMs ?? 10_000;
    this.batch = { ...DEFAULT_CATCH_UP_LIMITS, ...options.batch };
  }

  async run(): Promise<RebuildResult[]> {
    const startedAt = Date.now();
    let buffer: SubscriptionBuffer | null = null;
    try {
      await this.seizeAndDrop();
      const filter = unionFilter(this.options.projections.map((projection) => projection.filter));
      const subscription = this.options.store.subscribeToAll({ fromPosition: 'start', filter, signal: this.controller.signal, checkpointInterval: this.batch.maxEvents });
      buffer = new SubscriptionBuffer(subscription, 2 * this.batch.maxEvents);
      const replayTargets = this.targets.map(({ projection, workspace }) => ({ name: projection.name, workspace, filter: sameFilter(projection.filter, filter) ? null : projection.filter }));
      const reached = await replay(buffer, replayTargets, this.batch, this.controller.signal, ({ target, events, skipped, batch }) => {
        if (batch.position !== null) this.progress(this.targetNamed(target.name), events.length, skipped, batch.position, events.at(-1)?.recordedAt ?? null, false);
      });
      if (reached === 'aborted') throw this.leaseLost();
      for (const target of this.targets) await this.finish(target, reached.position);
      if (this.lost !== null) throw this.leaseLost();
    } catch (error) {
      await Promise.all(this.targets.map(({ writer }) => writer.abandon()));
      throw error;
    } finally {
      for (const keeper of this.keepers) keeper.stop();
      this.controller.abort();
      await buffer?.close();
      await Promise.all(this.targets.map(({ lease }) => this.options.readStore.releaseLease(lease).catch(() => undefined)));
    }
    const durationMs = Date.now() - startedAt;
    return this.targets.map(({ result }) => ({ ...result, durationMs }));
  }

  private async seizeAndDrop(): Promise<void> {
    const { readStore, projections } = this.options;
    const owner = this.options.owner ?? defaultOwner();
    const limits = { ...DEFAULT_REBUILD_LIMITS, ...this.options.limits };
    for (const projection of projections) {
      const lease = await readStore.seizeLease(projection.name, owner, this.ttlMs);
      const writer = new ChunkWriter(readStore, { projection: projection.name, version: projection.version, lease }, limits);
      const workspace = new RebuildWorkspace(projection.name, new BatchApplier(projection, this.logger), writer, readStore, limits);
      const result = { projection: projection.name, droppedKeys: 0, events: 0, skipped: 0, position: null };
      this.targets.push({ projection, lease, writer, workspace, result });
      this.keepers.push(new LeaseKeeper(readStore, lease, this.ttlMs, this.logger, () => ((this.lost ??= projection.name), this.controller.abort())).start());
    }
    for (const { lease, result } of this.targets) result.droppedKeys = await readStore.dropProjection(lease);
  }

  /** Every document written, then the checkpoint: the last write of a projection's rebuild. */
  private async finish(target: Target, position: Position | null): Promise<void> {
    const { projection, workspace, lease } = target;
    if ((await workspace.finish(this.controller.signal)) === null) throw this.leaseLost(projection.name);
    if (position === null) return;
    const checkpoint = { projection: projection.name, version: projection.version, after: null, position, docs: [], indexRemovals: [], indexAdds: [], listAppends: [] };
    await this.options.readStore.commit(checkpoint, lease);
    this.progress(target, 0, 0, position, null, true);
  }

  private progress(target: Target, events: number, skipped: number, position: Position, lastRecordedAt: Date | null, durable: boolean): void {
    const { result } = target;
    result.events += events;
    result.skipped += skipped;
    result.position = position;
    this.options.onProgress?.({ projection: result.projection, position, events, skipped, lastRecordedAt, committedAt: Date.now(), caughtUp: durable, durable });
  }

  private targetNamed(name: string): Target {
    return this.targets.find((target) => target.projection.name === name)!;
  }

  private leaseLost(fallback = this.targets[0].projection.name): LeaseLostError {
    return new LeaseLostError(this.lost ?? fallback);
  }
}

/** Drops one read model and replays the log into it (see `rebuildProjections`). */
export const rebuildProjection = async (options: RebuildOptions): Promise<RebuildResult> => {
  const { projection, ...rest } = options;
  const [result] = await rebuildProjections({ ...rest, projections: [projection] });
  return result;
};
