import type { JsonObject, RecordedEvent } from '#libs/event-store';
import type { IndexEntry, Projection, ReadModelDoc } from '#libs/projector';

/** Everything a run produced, as plain data a spec can compare with `toEqual`. */
export interface ReadModelSnapshot {
  readonly docs: Record<string, ReadModelDoc>;
  readonly indexes: Record<string, Record<string, number>>;
  readonly lists: Record<string, Record<string, { score: number; entry: JsonObject }>>;
}

/**
 * Applies projections to events the way the engine does, minus the I/O: per batch, each touched document
 * is loaded once, evolved event by event, settled once if an evolve replaced it, and written at the end
 * with its index entries replacing the
 * previous ones; list entries are appended, the first of an id kept. Documents are stored as JSON text,
 * as in Redis, so anything that does not survive a round trip shows.
 */
export class InMemoryRunner {
  private readonly docs = new Map<string, string>();
  private readonly docIndexes = new Map<string, IndexEntry[]>();
  private readonly indexes = new Map<string, Map<string, number>>();
  private readonly lists = new Map<string, Map<string, { score: number; entry: JsonObject }>>();

  constructor(readonly projections: readonly Projection[]) {}

  /** Batches of the given sizes in turn (the last size repeats); one by one by default. */
  run(events: readonly RecordedEvent[], batchSizes: readonly number[] = [1]): this {
    for (let at = 0, i = 0; at < events.length; i++) {
      const size = Math.max(1, batchSizes[Math.min(i, batchSizes.length - 1)]);
      this.applyBatch(events.slice(at, at + size));
      at += size;
    }
    return this;
  }

  applyBatch(batch: readonly RecordedEvent[]): void {
    for (const projection of this.projections) {
      const pending = new Map<string, { loaded: ReadModelDoc | null; doc: ReadModelDoc | null }>();
      for (const event of batch) {
        for (const key of projection.keysOf(event)) {
          const item = pending.get(key) ?? { loaded: this.load(projection, key), doc: null };
          item.doc = projection.evolve(pending.has(key) ? item.doc : item.loaded, key, event);
          pending.set(key, item);
        }
        for (const { list, id, score, entry } of projection.entriesOf?.(event) ?? []) {
          const entries = this.lists.get(list) ?? new Map();
          if (!entries.has(id)) entries.set(id, JSON.parse(JSON.stringify({ score, entry })));
          this.lists.set(list, entries);
        }
      }
      for (const [key, { loaded, doc }] of pending) {
        const settled = doc !== null && doc !== loaded && projection.settle ? projection.settle(key, doc) : doc;
        this.write(projection, key, settled);
      }
    }
  }

  doc<D>(projection: string, key: string): D | null {
    const text = this.docs.get(`${projection}:${key}`);
    return text === undefined ? null : (JSON.parse(text) as D);
  }

  /** Members best first, as a leaderboard reads them. */
  index(name: string): { member: string; score: number }[] {
    return [...(this.indexes.get(name) ?? new Map<string, number>())]
      .map(([member, score]) => ({ member, score }))
      .sort((a, b) => b.score - a.score || (a.member < b.member ? 1 : -1));
  }

  /** Entries newest first, ties by id, as the list is read. */
  list<E>(name: string): E[] {
    return [...(this.lists.get(name) ?? new Map<string, { score: number; entry: JsonObject }>())]
      .sort(([idA, a], [idB, b]) => b.score - a.score || (idA < idB ? 1 : -1))
      .map(([, { entry }]) => entry as E);
  }

  snapshot(): ReadModelSnapshot {
    const docs = Object.fromEntries([...this.docs].map(([key, text]) => [key, JSON.parse(text) as ReadModelDoc]));
    const indexes = Object.fromEntries([...this.indexes].map(([name, members]) => [name, Object.fromEntries(members)]));
    const lists = Object.fromEntries([...this.lists].map(([name, entries]) => [name, Object.fromEntries(entries)]));
    return { docs, indexes, lists };
  }

  private load(projection: Projection, key: string): ReadModelDoc | null {
    return this.doc<ReadModelDoc>(projection.name, key);
  }

  private write(projection: Projection, key: string, doc: ReadModelDoc | null): void {
    const id = `${projection.name}:${key}`;
    for (const { index, member } of this.docIndexes.get(id) ?? []) {
      const members = this.indexes.get(index);
      members?.delete(member);
      if (members?.size === 0) this.indexes.delete(index);
    }
    if (doc === null) {
      this.docs.delete(id);
      this.docIndexes.delete(id);
      return;
    }
    this.docs.set(id, JSON.stringify(doc));
    const entries = projection.indexesOf?.(key, doc) ?? [];
    this.docIndexes.set(id, [...entries]);
    for (const { index, member, score } of entries) {
      const members = this.indexes.get(index) ?? new Map<string, number>();
      members.set(member, score);
      this.indexes.set(index, members);
    }
  }
}
