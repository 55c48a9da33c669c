import type { EventStore, Position } from '#libs/event-store';
import type { Projection, ReadModelDoc } from '../projection';
import { CheckpointMovedError, LeaseLostError } from '../read-store/read-store.errors';
import type { Lease, ReadStoreWriter } from '../read-store/read-store.port';
import { Backoff, pause } from './backoff';
import { DocCache } from './doc-cache';
import { LeaseKeeper } from './lease-keeper';
import type { ProjectorLogger } from './projector-logger';
import { ProjectionSession, type CommitInfo } from './projection-session';
import type { RebuildLimits } from './rebuild-limits';
import type { BatchLimits } from './subscription-buffer';

export type ProjectionState = 'starting' | 'standby' | 'rebuilding' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface RunnerOptions {
  readonly owner: string;
  readonly leaseTtlMs: number;
  readonly standbyPollMs: number;
  readonly catchUp: BatchLimits;
  readonly live: BatchLimits;
  readonly rebuild: RebuildLimits;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly docCacheSize: number;
}

export interface RunnerStatus {
  readonly projection: string;
  readonly state: ProjectionState;
  /** Last position this instance checkpointed (null before its first checkpoint). */
  readonly position: Position | null;
  readonly lastRecordedAt: Date | null;
  readonly idle: boolean;
  readonly eventsProcessed: number;
  readonly eventsSkipped: number;
  readonly lastError: string | null;
}

export interface RunnerDeps<D extends ReadModelDoc> {
  readonly store: EventStore;
  readonly readStore: ReadStoreWriter;
  readonly projection: Projection<D>;
  readonly logger: ProjectorLogger;
  readonly onCommit?: (info: CommitInfo) => void;
}

/**
 * Keeps one projection running on this instance: waits for its lease (stand-by), checks the stored
 * checkpoint (missing, or written by another version → drop and replay), then runs sessions. Failures
 * of the store or of Redis are retried with capped exponential backoff, from the stored checkpoint.
 */
export class ProjectionRunner<D extends ReadModelDoc> {
  private readonly controller = new AbortController();
  private readonly backoff: Backoff;
  private readonly cache: DocCache<D>;
  private loop: Promise<void> | null = null;
  private lease: Lease | null = null;
  private session: ProjectionSession<D> | null = null;
  private status: Omit<RunnerStatus, 'idle'>;

  constructor(
    private readonly deps: RunnerDeps<D>,
    private readonly options: RunnerOptions,
  ) {
    this.backoff = new Backoff(options.backoff.initialMs, options.backoff.maxMs);
    this.cache = new DocCache<D>(options.docCacheSize);
    const { name } = deps.projection;
    this.status = { projection: name, state: 'starting', position: null, lastRecordedAt: null, eventsProcessed: 0, eventsSkipped: 0, lastError: null };
  }

  get name(): string {
    return this.deps.projection.name;
  }

  snapshot(): RunnerStatus {
    const idle = this.session?.idle ?? false;
    return { ...this.status, state: idle ? 'live' : this.status.state, idle };
  }

  start(): void {
    this.loop ??= this.runLoop();
  }

  /** Stops and hands the lease back, so a stand-by instance takes over at once. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    this.set({ state: 'stopped' });
  }

  private async runLoop(): Promise<void> {
    const { signal } = this.controller;
    while (!signal.aborted) {
      try {
        this.lease ??= await this.acquire(signal);
        if (this.lease) await this.runUnderLease(this.lease, signal);
      } catch (error) {
        if (signal.aborted) break;
        await this.recover(error, signal);
      }
    }
    await this.releaseLease();
  }

  private async acquire(signal: AbortSignal): Promise<Lease | null> {
    const { readStore, projection, logger } = this.deps;
    while (!signal.aborted) {
      const lease = await readStore.acquireLease(projection.name, this.options.owner, this.options.leaseTtlMs);
      if (lease) {
        logger.info('lease acquired', { projection: projection.name, owner: lease.owner, token: lease.token });
        return lease;
      }
      this.set({ state: 'standby' });
      await pause(this.options.standbyPollMs, signal);
    }
    return null;
  }

  private async runUnderLease(lease: Lease, outer: AbortSignal): Promise<void> {
    const { readStore, projection, logger } = this.deps;
    const session = new AbortController();
    const stop = () => session.abort();
    outer.addEventListener('abort', stop);
    if (outer.aborted) stop();
    const keeper = new LeaseKeeper(readStore, lease, this.options.leaseTtlMs, logger, stop).start();
    try {
      const from = await this.startingPoint(lease);
      this.set({ state: from === null ? 'rebuilding' : 'catching-up' });
      this.session = new ProjectionSession(
        { ...this.deps, lease, cache: this.cache, onCommit: (info) => this.committed(info) },
        { catchUp: this.options.catchUp, live: this.options.live, rebuild: this.options.rebuild },
      );
      await this.session.run(from, session.signal);
      if (keeper.isLost) throw new LeaseLostError(projection.name);
    } finally {
      keeper.stop();
      outer.removeEventListener('abort', stop);
      this.session = null;
    }
  }

  /** Where to resume: the stored checkpoint, or null after dropping what a missing or foreign checkpoint leaves. */
  private async startingPoint(lease: Lease): Promise<Position | null> {
    const { readStore, projection, logger } = this.deps;
    const checkpoint = await readStore.readCheckpoint(projection.name);
    if (checkpoint?.version === projection.version) return checkpoint.position;
    const reason = checkpoint ? `checkpoint written by version ${checkpoint.version}` : 'no checkpoint';
    logger.info('rebuilding from the log', { projection: projection.name, version: projection.version, reason });
    this.cache.clear();
    const dropped = await readStore.dropProjection(lease);
    logger.info('read model dropped', { projection: projection.name, keys: dropped });
    return null;
  }

  private committed(info: CommitInfo): void {
    this.backoff.reset();
    this.set({
      state: info.caughtUp && info.durable ? 'live' : this.status.state,
      // A rebuild's progress is not where a crash would resume: lag reports checkpoints only.
      position: info.durable ? info.position : this.status.position,
      lastRecordedAt: info.lastRecordedAt ?? this.status.lastRecordedAt,
      eventsProcessed: this.status.eventsProcessed + info.events,
      eventsSkipped: this.status.eventsSkipped + info.skipped,
      lastError: null,
    });
    this.deps.onCommit?.(info);
  }

  private async recover(error: unknown, signal: AbortSignal): Promise<void> {
    const { projection, logger } = this.deps;
    this.cache.clear();
    if (error instanceof LeaseLostError) {
      logger.warn('lease lost: standing by', { projection: projection.name });
      this.lease = null;
      this.set({ state: 'standby' });
      return;
    }
    if (error instanceof CheckpointMovedError) {
      logger.warn('checkpoint moved under this instance: resuming from the stored one', { projection: projection.name });
      return;
    }
    // Held or not by now, the lease is asked for again: the store renews it if it is still ours.
    this.lease = null;
    const delayMs = this.backoff.nextDelayMs();
    logger.error('projection failed; retrying', { projection: projection.name, retryInMs: delayMs, error });
    this.set({ state: 'retrying', lastError: error instanceof Error ? error.message : String(error) });
    await pause(delayMs, signal);
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = null;
    if (lease) await this.deps.readStore.releaseLease(lease).catch(() => undefined);
  }

  private set(patch: Partial<Omit<RunnerStatus, 'idle'>>): void {
    this.status = { ...this.status, ...patch };
  }
}
