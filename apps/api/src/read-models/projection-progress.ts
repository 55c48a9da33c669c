import { comparePositions, parsePosition, type AllFilter, type Position } from '#libs/event-store';
import type { StoredCheckpoint } from '#libs/projector';

export interface WatchedProjection {
  readonly name: string;
  readonly filter: AllFilter;
}

interface Waiter {
  readonly targets: ReadonlyMap<string, Position>;
  readonly deadline: number;
  settle(projected: boolean): void;
}

/** Whether a projection reads events of `streamId` (a prefix filter; a type filter cannot be judged from a stream and counts as yes). */
const reads = ({ streamNamePrefixes }: AllFilter, streamId: string): boolean =>
  !streamNamePrefixes?.length || streamNamePrefixes.some((prefix) => streamId.startsWith(prefix));

/**
 * Tells when read models have processed a position of the log, from their stored checkpoints: a
 * checkpoint is written in the same atomic commit as the documents, so once it reaches a position every
 * document that position changed is readable. One poll serves every waiter and runs only while someone
 * waits; only the projections that read the event's stream are waited for (the relationship read model
 * never sees a party event, so its checkpoint need not pass one).
 */
export class ProjectionProgress {
  private readonly waiters = new Set<Waiter>();
  private polling = false;

  constructor(
    private readonly projections: readonly WatchedProjection[],
    private readonly checkpointOf: (projection: string) => Promise<StoredCheckpoint | null>,
    private readonly pollMs: number,
  ) {}

  /** True once every read model that reads `streamId` has processed `position`; false after `timeoutMs`. */
  waitFor(position: string, streamId: string, timeoutMs: number): Promise<boolean> {
    const target = parsePosition(position);
    const targets = new Map(this.projections.filter(({ filter }) => reads(filter, streamId)).map(({ name }) => [name, target]));
    if (targets.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.waiters.add({ targets, deadline: Date.now() + timeoutMs, settle: resolve });
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        const reached = await this.checkpoints();
        const now = Date.now();
        for (const waiter of this.waiters) {
          const done = [...waiter.targets].every(([name, target]) => {
            const at = reached.get(name);
            return at !== undefined && comparePositions(at, target) >= 0;
          });
          if (done || now >= waiter.deadline) {
            this.waiters.delete(waiter);
            waiter.settle(done);
          }
        }
        if (this.waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, this.pollMs));
      }
    } finally {
      this.polling = false;
    }
  }

  private async checkpoints(): Promise<Map<string, Position>> {
    const names = new Set([...this.waiters].flatMap((waiter) => [...waiter.targets.keys()]));
    const entries = await Promise.all(
      [...names].map(async (name) => {
        try {
          return [name, (await this.checkpointOf(name))?.position] as const;
        } catch {
          // A read store that does not answer is not "projected"; the waiter times out.
          return [name, undefined] as const;
        }
      }),
    );
    return new Map(entries.filter((entry): entry is readonly [string, Position] => entry[1] !== undefined));
  }
}
