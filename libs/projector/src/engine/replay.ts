import type { AllFilter, Position, RecordedEvent } from '#libs/event-store';
import { matchesFilter } from './log-filter';
import type { BatchLimits, SubscriptionBuffer, TakenBatch } from './subscription-buffer';

export interface ReplayTarget {
  readonly name: string;
  /** Where its events go (a RebuildWorkspace); resolves with how many it skipped. */
  readonly workspace: { apply(events: readonly RecordedEvent[]): Promise<number> };
  /** The projection's own filter, when the subscription's lets more through; null when they are the same. */
  readonly filter: AllFilter | null;
}

/** One target's share of one batch. */
export interface ReplayStep {
  readonly target: ReplayTarget;
  readonly events: readonly RecordedEvent[];
  readonly skipped: number;
  readonly batch: TakenBatch;
}

/**
 * Feeds rebuilds from one read of the log: batch after batch until the subscription has caught up with
 * nothing waiting, each target getting the events its filter selects, in log order. Resolves with the
 * position reached (null: the log is empty), or `aborted` when the subscription ended first.
 */
export const replay = async (
  buffer: SubscriptionBuffer,
  targets: readonly ReplayTarget[],
  limits: BatchLimits,
  signal: AbortSignal,
  onStep: (step: ReplayStep) => void,
): Promise<{ readonly position: Position | null } | 'aborted'> => {
  let position: Position | null = null;
  for (;;) {
    const batch = await buffer.take(limits);
    if (batch === null || signal.aborted) return 'aborted';
    for (const target of targets) {
      const events = target.filter === null ? batch.events : batch.events.filter((event) => matchesFilter(target.filter!, event));
      const skipped = await target.workspace.apply(events);
      onStep({ target, events, skipped, batch });
      if (signal.aborted) return 'aborted';
    }
    position = batch.position ?? position;
    if (batch.caughtUp && batch.drained) return { position };
  }
};
