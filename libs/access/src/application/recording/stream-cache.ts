import type { KnownStream } from './load-stream';
import type { DomainEvent, StreamModel } from './stream-model';

export interface StreamCacheLimits {
  /** Streams kept at most. Default 10,000. */
  readonly maxStreams?: number;
  /** Events their states were folded from, all streams together (about 1 KB each for a relationship). Default 50,000. */
  readonly maxEvents?: number;
}

interface Entry {
  readonly model: StreamModel<unknown, DomainEvent>;
  readonly known: KnownStream<unknown>;
  readonly weight: number;
}

/**
 * Folded streams of this process, least recently used first out. What it holds is a prefix of the stream in
 * the store (never an event the store does not hold), so at worst it is behind: an append at its revision
 * then fails and the recorder catches up.
 */
export class StreamCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxStreams: number;
  private readonly maxEvents: number;
  private events = 0;

  constructor({ maxStreams = 10_000, maxEvents = 50_000 }: StreamCacheLimits = {}) {
    this.maxStreams = maxStreams;
    this.maxEvents = maxEvents;
  }

  get size(): number {
    return this.entries.size;
  }

  get<S, E extends DomainEvent>(streamId: string, model: StreamModel<S, E>): KnownStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.model !== model) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.known as KnownStream<S>;
  }

  set<S, E extends DomainEvent>(streamId: string, model: StreamModel<S, E>, known: KnownStream<S>): void {
    this.delete(streamId);
    const weight = known.revision + 2;
    this.entries.set(streamId, { model: model as StreamModel<unknown, DomainEvent>, known, weight });
    this.events += weight;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxStreams && this.events <= this.maxEvents) break;
      this.delete(oldest);
    }
  }

  delete(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.events -= entry.weight;
  }
}
