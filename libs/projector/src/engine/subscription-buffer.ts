import { comparePositions, type Position, type RecordedEvent, type SubscriptionMessage } from '#libs/event-store';

/** When a batch closes: at `maxEvents`, `maxWaitMs` after its first event, or — once live — after `lingerMs` with nothing new. */
export interface BatchLimits {
  readonly maxEvents: number;
  readonly maxWaitMs: number;
  readonly lingerMs: number;
}

export interface TakenBatch {
  readonly events: RecordedEvent[];
  /** How far the batch covers the log: its last event, or a later checkpoint; null when nothing moved. */
  readonly position: Position | null;
  /** The subscription has read everything stored at some point (sticky). */
  readonly caughtUp: boolean;
  /** Nothing else was waiting when the batch closed. */
  readonly drained: boolean;
}

const later = (a: Position | null, b: Position | null): Position | null => (a === null ? b : b === null || comparePositions(a, b) >= 0 ? a : b);

/**
 * Reads a subscription ahead into a bounded queue — so the store is read while the previous batch
 * commits — and hands it out in batches. The reader is woken by setImmediate, not per message, so a
 * page of events arriving together is taken in one go.
 */
export class SubscriptionBuffer {
  private queue: SubscriptionMessage[] = [];
  private head = 0;
  private ended = false;
  private failure: unknown = undefined;
  private caughtUp = false;
  private waiting = false;
  private wake: (() => void) | null = null;
  private wakeScheduled = false;
  private resumePump: (() => void) | null = null;
  private closed = false;
  readonly finished: Promise<void>;

  constructor(
    source: AsyncIterable<SubscriptionMessage>,
    private readonly highWaterMark: number,
  ) {
    this.finished = this.pump(source);
  }

  /** The subscription has read everything stored at some point. */
  get hasCaughtUp(): boolean {
    return this.caughtUp;
  }

  /** Caught up and waiting for new events with nothing in hand. */
  get idle(): boolean {
    return this.caughtUp && this.waiting;
  }

  async take(limits: BatchLimits): Promise<TakenBatch | null> {
    const events: RecordedEvent[] = [];
    let position: Position | null = null;
    let deadline = Infinity;
    const caughtUpBefore = this.caughtUp;
    for (;;) {
      while (this.size > 0 && events.length < limits.maxEvents) {
        const message = this.shift();
        if (message.kind === 'event') {
          if (events.length === 0) deadline = Date.now() + limits.maxWaitMs;
          events.push(message.event);
          position = later(position, message.event.position);
        } else {
          if (message.kind === 'caught-up') this.caughtUp = true;
          position = later(position, message.position);
        }
      }
      const batch = { events, position, caughtUp: this.caughtUp, drained: this.size === 0 };
      if (events.length >= limits.maxEvents) return batch;
      if (this.size === 0 && (this.ended || this.closed)) {
        if (events.length > 0 || position !== null) return batch;
        if (this.failure !== undefined) throw this.failure;
        return null;
      }
      // Catching up is news even on an empty log: a replay ends there.
      if (events.length === 0 && (position !== null || this.caughtUp !== caughtUpBefore)) return batch;
      const waitMs = events.length === 0 ? Infinity : Math.min(deadline, this.caughtUp ? Date.now() + limits.lingerMs : Infinity) - Date.now();
      if (waitMs <= 0 || !(await this.waitForMessages(waitMs, events.length === 0))) return batch;
    }
  }

  /** Stops reading ahead; `finished` settles once the subscription's iteration has ended. */
  close(): Promise<void> {
    this.closed = true;
    this.resumePump?.();
    this.wake?.();
    return this.finished;
  }

  private get size(): number {
    return this.queue.length - this.head;
  }

  private shift(): SubscriptionMessage {
    const message = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.resumePump && this.size < this.highWaterMark / 2) this.resumePump();
    return message;
  }

  /** True when messages arrived (or the source ended), false on timeout. */
  private waitForMessages(timeoutMs: number, empty: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting = empty;
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => done(false), timeoutMs) : null;
      const done = (arrived: boolean) => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        this.waiting = false;
        resolve(arrived);
      };
      this.wake = () => done(true);
    });
  }

  private notify(): void {
    if (this.wakeScheduled || !this.wake) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.wake?.();
    });
  }

  private async pump(source: AsyncIterable<SubscriptionMessage>): Promise<void> {
    try {
      for await (const message of source) {
        if (this.closed) break;
        this.queue.push(message);
        this.notify();
        if (this.size >= this.highWaterMark) await new Promise<void>((resolve) => (this.resumePump = resolve));
        this.resumePump = null;
        if (this.closed) break;
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
      this.wakeScheduled = false;
      this.wake?.();
    }
  }
}
