import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, serializePosition, type EventStore } from '#libs/event-store';
import type { Projection, ReadModelDoc } from '../projection';
import { assertProjectionName } from '../projection-name';
import type { ReadStoreWriter } from '../read-store/read-store.port';
import { jsonLogger, type ProjectorLogger } from './projector-logger';
import { ProjectionRunner, type ProjectionState, type RunnerOptions } from './projection-runner';
import type { CommitInfo } from './projection-session';
import { DEFAULT_REBUILD_LIMITS, type RebuildLimits } from './rebuild-limits';
import type { BatchLimits } from './subscription-buffer';

export interface ProjectorOptions {
  readonly store: EventStore;
  readonly readStore: ReadStoreWriter;
  /** Each with its own document type: `Projection`'s methods are bivariant, so any `Projection<D>` fits. */
  readonly projections: readonly Projection[];
  /** Identifies this instance in leases. Default: host, pid and a random suffix. */
  readonly owner?: string;
  readonly logger?: ProjectorLogger;
  /** Default 10 s: how long a dead instance's projections wait before a stand-by takes them. */
  readonly leaseTtlMs?: number;
  /** How often a stand-by asks for the lease. Default: a tenth of the TTL, at most 1 s. */
  readonly standbyPollMs?: number;
  /**
   * Batches while replaying history. Default 1,000 events or 250 ms: each is one atomic script when
   * catching up from a checkpoint, so its size bounds how long Redis is held; a rebuild writes in its
   * own pieces and gains nothing from larger ones.
   */
  readonly catchUp?: Partial<BatchLimits>;
  /** Batches once live. Default 250 events or 50 ms, closed after 2 ms without a new event. */
  readonly live?: Partial<BatchLimits>;
  /** How a projection rebuilding from the log keeps documents in memory and writes them (DEFAULT_REBUILD_LIMITS). */
  readonly rebuild?: Partial<RebuildLimits>;
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Documents kept between batches by an active instance, per projection, parsed. Default 20,000. */
  readonly docCacheSize?: number;
  readonly onCommit?: (info: CommitInfo) => void;
}

export interface ProjectionLag {
  readonly projection: string;
  readonly state: ProjectionState;
  /** Last position committed by this instance, or the stored checkpoint when it stands by. */
  readonly position: string | null;
  readonly head: string | null;
  readonly caughtUp: boolean;
  /** Age of the last event processed while behind; 0 when caught up; null when this instance is not active. */
  readonly secondsBehind: number | null;
  readonly eventsProcessed: number;
  readonly eventsSkipped: number;
  readonly lastError: string | null;
}

export const DEFAULT_CATCH_UP_LIMITS: BatchLimits = { maxEvents: 1000, maxWaitMs: 250, lingerMs: 0 };
export const DEFAULT_LIVE_LIMITS: BatchLimits = { maxEvents: 250, maxWaitMs: 50, lingerMs: 2 };

export const defaultOwner = (): string => `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/** Runs a set of projections, each with its own lease, subscription and checkpoint (see the lib's README). */
export class Projector {
  private readonly runners: ProjectionRunner<ReadModelDoc>[];
  readonly owner: string;

  constructor(private readonly options: ProjectorOptions) {
    const names = options.projections.map((projection) => projection.name);
    names.forEach(assertProjectionName);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new TypeError(`Two projections are named ${duplicate}`);
    this.owner = options.owner ?? defaultOwner();
    if (this.owner.includes('#')) throw new TypeError(`A projector owner id may not hold '#': ${this.owner}`);
    const runnerOptions = this.runnerOptions();
    const logger = options.logger ?? jsonLogger();
    this.runners = options.projections.map(
      (projection) => new ProjectionRunner({ store: options.store, readStore: options.readStore, projection, logger, onCommit: options.onCommit }, runnerOptions),
    );
  }

  start(): this {
    for (const runner of this.runners) runner.start();
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  async lag(): Promise<ProjectionLag[]> {
    const head = await this.options.store.headPosition();
    const now = Date.now();
    return Promise.all(
      this.runners.map(async (runner) => {
        const status = runner.snapshot();
        const active = status.state !== 'standby' && status.state !== 'stopped' && status.state !== 'starting';
        const position = active ? status.position : ((await this.options.readStore.readCheckpoint(runner.name))?.position ?? null);
        const caughtUp = head === null || status.idle || (position !== null && comparePositions(position, head) >= 0);
        const behindMs = caughtUp ? 0 : status.lastRecordedAt ? Math.max(0, now - status.lastRecordedAt.getTime()) : null;
        return {
          projection: status.projection,
          state: status.state,
          position: position && serializePosition(position),
          head: head && serializePosition(head),
          caughtUp,
          secondsBehind: active && behindMs !== null ? behindMs / 1000 : null,
          eventsProcessed: status.eventsProcessed,
          eventsSkipped: status.eventsSkipped,
          lastError: status.lastError,
        };
      }),
    );
  }

  /** Resolves once every projection this instance runs has caught up with the log and is idle. */
  async waitUntilLive(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.runners.every((runner) => runner.snapshot().idle)) {
      if (Date.now() > deadline) throw new Error(`projections not live after ${timeoutMs} ms: ${JSON.stringify(this.runners.map((r) => r.snapshot()))}`);
      await sleep(10);
    }
  }

  private runnerOptions(): RunnerOptions {
    const { options } = this;
    const leaseTtlMs = options.leaseTtlMs ?? 10_000;
    return {
      owner: this.owner,
      leaseTtlMs,
      standbyPollMs: options.standbyPollMs ?? Math.min(1000, Math.max(10, Math.floor(leaseTtlMs / 10))),
      catchUp: { ...DEFAULT_CATCH_UP_LIMITS, ...options.catchUp },
      live: { ...DEFAULT_LIVE_LIMITS, ...options.live },
      rebuild: { ...DEFAULT_REBUILD_LIMITS, ...options.rebuild },
      backoff: { initialMs: options.backoff?.initialMs ?? 100, maxMs: options.backoff?.maxMs ?? 10_000 },
      docCacheSize: options.docCacheSize ?? 20_000,
    };
  }
}
