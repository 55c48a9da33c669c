import { WrongExpectedRevisionError } from '../../event-store.errors';
import { comparePositions, type AppendResult, type Direction, type Position, type RecordedEvent } from '../../event-store.port';
import type { AppendBatch } from '../shared/append-batch';
import { PagedEventStore, type PagedEventStoreOptions } from '../shared/paged-event-store';
import { matchesFilter, type EventPage, type NormalizedFilter, type ScanPage } from '../shared/paging';

interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: number;
}

interface StoredStream {
  readonly events: StoredEvent[];
  /** Latest revision of each event id, for idempotent retries with `any` / `stream_exists`. */
  readonly revisionOfId: Map<string, number>;
}

type Verdict = { readonly kind: 'append' } | { readonly kind: 'idempotent'; readonly last: StoredEvent } | { readonly kind: 'wrong' };

/**
 * The event store in this process's memory, for fast tests of the layers above. It keeps JSON text,
 * as the real stores do, so readers get fresh objects and non-JSON data fails the same way.
 */
export class InMemoryEventStore extends PagedEventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredStream>();

  constructor(options: PagedEventStoreOptions = {}) {
    super(options);
  }

  protected override async openStore(): Promise<void> {}

  protected override async closeStore(): Promise<void> {}

  protected override async appendBatch(batch: AppendBatch): Promise<AppendResult> {
    const stream = this.streams.get(batch.streamId);
    const current = stream ? stream.events.length - 1 : -1;
    const verdict = judge(batch, stream, current);
    if (verdict.kind === 'wrong') throw new WrongExpectedRevisionError(batch.streamId, batch.expected, current < 0 ? 'no_stream' : current);
    if (verdict.kind === 'idempotent') return { nextExpectedRevision: verdict.last.revision, position: verdict.last.position };
    const target = stream ?? { events: [], revisionOfId: new Map<string, number>() };
    const recordedAt = Date.now();
    const written: Position[] = [];
    batch.ids.forEach((id, i) => {
      const index = BigInt(this.log.length);
      const position = { commit: index, prepare: index };
      written.push(position);
      const event = { id, type: batch.types[i], streamId: batch.streamId, revision: current + 1 + i, position, data: batch.data[i], metadata: batch.metadata[i], recordedAt };
      this.log.push(event);
      target.events.push(event);
      target.revisionOfId.set(id, event.revision);
    });
    this.streams.set(batch.streamId, target);
    const last = target.events[target.events.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position, written };
  }

  protected override async readStreamPage(streamId: string, direction: Direction, from: number, limit: number): Promise<EventPage> {
    const events = this.streams.get(streamId)?.events ?? [];
    const top = Math.min(from, events.length - 1);
    const page = direction === 'forwards' ? events.slice(from, from + limit) : events.slice(Math.max(0, top - limit + 1), top + 1).reverse();
    return { events: page.map(toRecorded), bytes: 0 };
  }

  protected override async scanAllPage(direction: Direction, boundary: Position | null, limit: number, filter: NormalizedFilter): Promise<ScanPage> {
    const window = direction === 'forwards' ? this.windowAfter(boundary, limit) : this.windowBefore(boundary, limit);
    return {
      events: window.filter((event) => matchesFilter(filter, event.streamId, event.type)).map(toRecorded),
      bytes: 0,
      scanned: window.length,
      last: window.at(-1)?.position ?? null,
    };
  }

  protected override async readHeadPosition(): Promise<Position | null> {
    return this.log.at(-1)?.position ?? null;
  }

  private windowAfter(boundary: Position | null, limit: number): StoredEvent[] {
    const start = boundary ? this.search((position) => comparePositions(position, boundary) > 0) : 0;
    return this.log.slice(start, start + limit);
  }

  private windowBefore(boundary: Position | null, limit: number): StoredEvent[] {
    const end = boundary ? this.search((position) => comparePositions(position, boundary) >= 0) : this.log.length;
    return this.log.slice(Math.max(0, end - limit), end).reverse();
  }

  private search(isPast: (position: Position) => boolean): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (isPast(this.log[middle].position)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** ESDB's rule, as in the SQL adapters: a retry is recognised by its ids at the revisions it expected. */
const judge = (batch: AppendBatch, stream: StoredStream | undefined, current: number): Verdict => {
  if (!stream) return batch.expected === 'any' || batch.expected === 'no_stream' ? { kind: 'append' } : { kind: 'wrong' };
  const expected = batch.expected === 'no_stream' ? -1 : batch.expected;
  const from = typeof expected === 'number' ? (expected === current ? null : expected + 1) : (stream.revisionOfId.get(batch.ids[0]) ?? null);
  if (from === null) return { kind: 'append' };
  const written = stream.events.slice(from, from + batch.ids.length);
  const same = written.length === batch.ids.length && written.every((event, i) => event.id === batch.ids[i]);
  return same ? { kind: 'idempotent', last: written[written.length - 1] } : { kind: 'wrong' };
};

const toRecorded = (event: StoredEvent): RecordedEvent => ({
  id: event.id,
  type: event.type,
  streamId: event.streamId,
  revision: event.revision,
  position: event.position,
  data: JSON.parse(event.data),
  metadata: JSON.parse(event.metadata),
  recordedAt: new Date(event.recordedAt),
});
