import { StoreUnavailableError } from '../../event-store.errors';
import {
  DEFAULT_MAX_APPEND_SIZE_BYTES,
  type AppendOptions,
  type AppendResult,
  type Direction,
  type EventData,
  type EventStore,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type SubscriptionMessage,
} from '../../event-store.port';
import { prepareAppend, type AppendBatch } from './append-batch';
import { allBoundary, firstRevision, normalizeFilter, PageSizer, type EventPage, type NormalizedFilter, type ScanPage } from './paging';
import { Wakeup } from './wakeup';

export interface PagedEventStoreOptions {
  /** Largest total of JSON data + metadata per append. Default: EventStoreDB's 1 MiB. */
  readonly maxAppendSizeBytes?: number;
  /** How often an idle subscription looks for new events when nothing woke it. Default 100 ms. */
  readonly pollIntervalMs?: number;
}

/**
 * The port's behaviour written once over a few paged primitives: validation, paging, maxCount,
 * filters, subscriptions and checkpoints. An adapter supplies storage; it cannot drift on semantics.
 */
export abstract class PagedEventStore implements EventStore {
  protected readonly maxAppendSizeBytes: number;
  protected readonly pollIntervalMs: number;
  protected readonly wakeup = new Wakeup();
  private opening: Promise<void> | null = null;
  private closing: Promise<void> | null = null;

  protected constructor(options: PagedEventStoreOptions = {}) {
    this.maxAppendSizeBytes = options.maxAppendSizeBytes ?? DEFAULT_MAX_APPEND_SIZE_BYTES;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  protected abstract openStore(): Promise<void>;
  protected abstract closeStore(): Promise<void>;
  /** Appends atomically or throws `WrongExpectedRevisionError`. */
  protected abstract appendBatch(batch: AppendBatch): Promise<AppendResult>;
  /** Events of one stream from `fromRevision` inclusive, in `direction`. */
  protected abstract readStreamPage(streamId: string, direction: Direction, fromRevision: number, limit: number): Promise<EventPage>;
  /** Up to `limit` events of the global order strictly past `boundary` (null: from the edge). */
  protected abstract scanAllPage(direction: Direction, boundary: Position | null, limit: number, filter: NormalizedFilter): Promise<ScanPage>;
  protected abstract readHeadPosition(): Promise<Position | null>;

  /** Waits until everything committed before the call has its place in the global order. */
  protected async settle(): Promise<void> {}

  /** Awaited before a subscription's first read, for adapters that can hear other processes append. */
  protected async followOtherWriters(): Promise<void> {}

  /** Connects and prepares storage. Every operation calls it; call it early to fail fast at startup. */
  open(): Promise<void> {
    if (this.closing) return Promise.reject(new StoreUnavailableError('the event store is closed'));
    this.opening ??= this.openStore().catch((error: unknown) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.opening?.catch(() => undefined);
      this.wakeup.notify();
      await this.closeStore();
    })();
    return this.closing;
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    const batch = prepareAppend(streamId, events, options.expectedRevision ?? 'any', this.maxAppendSizeBytes);
    await this.open();
    const result = await this.appendBatch(batch);
    this.wakeup.notify();
    return result;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    let next = firstRevision(direction, options.fromRevision);
    let remaining = options.maxCount ?? Infinity;
    const sizer = new PageSizer();
    while (next !== null && next >= 0 && remaining > 0) {
      await this.open();
      const limit = Math.min(sizer.size, remaining);
      const page = await this.readStreamPage(streamId, direction, next, limit);
      yield* page.events;
      if (page.events.length < limit) return;
      remaining -= page.events.length;
      next = page.events[page.events.length - 1].revision + (direction === 'forwards' ? 1 : -1);
      sizer.adapt(page.bytes, page.events.length);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    const filter = normalizeFilter(options.filter);
    let boundary = allBoundary(direction, options.fromPosition);
    let remaining = options.maxCount ?? Infinity;
    if (boundary === 'empty' || remaining <= 0) return;
    await this.open();
    await this.settle();
    const sizer = new PageSizer();
    for (;;) {
      await this.open();
      const page = await this.scanAllPage(direction, boundary, sizer.size, filter);
      for (const event of page.events) {
        yield event;
        if (--remaining <= 0) return;
      }
      if (page.scanned < sizer.size || page.last === null) return;
      boundary = page.last;
      sizer.adapt(page.bytes, page.scanned);
    }
  }

  async *subscribeToAll(options: SubscribeToAllOptions = {}): AsyncIterable<SubscriptionMessage> {
    const { signal } = options;
    const filter = normalizeFilter(options.filter);
    const checkpointInterval = Math.max(1, options.checkpointInterval ?? 1000);
    await this.open();
    let after = await this.subscriptionStart(options.fromPosition);
    // As for readAll: what committed before the subscription began comes before its caught-up.
    await this.settle();
    let caughtUp = false;
    let sinceCheckpoint = 0;
    const sizer = new PageSizer();
    await this.followOtherWriters();
    while (!signal?.aborted) {
      const mark = this.wakeup.mark;
      const limit = Math.min(sizer.size, checkpointInterval);
      await this.open();
      const page = await this.scanAllPage('forwards', after, limit, filter);
      for (const event of page.events) {
        if (signal?.aborted) return;
        yield { kind: 'event', event };
      }
      after = page.last ?? after;
      sinceCheckpoint += page.scanned;
      sizer.adapt(page.bytes, page.scanned);
      if (after !== null && sinceCheckpoint >= checkpointInterval && !signal?.aborted) {
        sinceCheckpoint = 0;
        yield { kind: 'checkpoint', position: after };
      }
      if (page.scanned === limit) continue;
      if (!caughtUp && !signal?.aborted) {
        caughtUp = true;
        yield { kind: 'caught-up', position: after };
      }
      await this.wakeup.wait(mark, this.pollIntervalMs, signal);
    }
  }

  async headPosition(): Promise<Position | null> {
    await this.open();
    await this.settle();
    return this.readHeadPosition();
  }

  private async subscriptionStart(from: SubscribeToAllOptions['fromPosition']): Promise<Position | null> {
    if (from === undefined || from === 'start') return null;
    return from === 'end' ? this.headPosition() : from;
  }
}
