import { serializePosition, type RecordedEvent } from '#libs/event-store';
import type { IndexEntry, ListEntry, Projection, ReadModelDoc } from '../projection';
import { assertListEntryId } from '../read-store/list-order';
import type { DocWrite, IndexRemoval, TailWrite } from '../read-store/read-store.port';
import { assembleDoc, tailPath, tailText, type StoredDocText } from '../read-store/stored-doc';
import { arrayAt, lengthAt, withEmptyArrays } from './append-only-arrays';
import type { StoredDoc } from './doc-cache';
import type { ProjectorLogger } from './projector-logger';

/** What settling and diffing a set of documents changes in the read model. */
export interface DocChanges {
  readonly docs: DocWrite[];
  readonly indexRemovals: IndexRemoval[];
  readonly indexAdds: IndexEntry[];
}

/** What a batch of events changes in a projection's read model. */
export interface BatchChanges extends DocChanges {
  readonly listAppends: ListEntry[];
  readonly skipped: number;
}

/** Documents as stored (null: absent), in the order of `keys`. */
export type DocLoader = (keys: readonly string[]) => Promise<(StoredDocText | null)[]>;

/** A document while events are applied to it: what the store holds, and what it is becoming. */
export interface WorkingDoc<D> {
  readonly key: string;
  /**
   * As stored (null: absent), or, once written, as evolve left it: what `settle` derived is in the store
   * but may be out of date here, as evolve never reads it. `evolve` never mutates it, so it is also what
   * "kept as stored" falls back to.
   */
  stored: D | null;
  storedEntries: readonly IndexEntry[];
  /** How many elements the store holds of each append-only array. */
  storedTails: readonly number[];
  /** Identical to `stored` until an evolve replaces it: a document no evolve replaced needs no settling nor writing. */
  doc: D | null;
}

export interface EventPlan {
  readonly event: RecordedEvent;
  readonly keys: readonly string[];
}

const ABSENT: StoredDoc<never> = { doc: null, entries: [], tails: [] };

const entryId = (entry: { index: string; member: string }): string => `${entry.index}\u0000${entry.member}`;

/**
 * Runs a projection's pure functions: evolves working documents through events in order, then, when
 * they are to be written, settles each document an evolve replaced, serializes it and replaces its
 * index entries by diffing them against the stored version's. An event the projection cannot use (it
 * throws, or returns something that is not a document) is skipped whole and logged. The caller decides
 * how many events go between writes: one batch while live, up to a whole replay while rebuilding.
 */
export class BatchApplier<D extends ReadModelDoc> {
  private readonly appendOnly: readonly (readonly string[])[];
  private readonly tailPaths: readonly string[];

  constructor(
    private readonly projection: Projection<D>,
    private readonly logger: ProjectorLogger,
  ) {
    this.appendOnly = projection.appendOnlyArrays ?? [];
    this.tailPaths = this.appendOnly.map(tailPath);
  }

  /** The documents each event touches; an event whose `keysOf` throws is skipped. */
  plan(events: readonly RecordedEvent[]): { plans: EventPlan[]; skipped: number } {
    let skipped = 0;
    const plans: EventPlan[] = [];
    for (const event of events) {
      try {
        const keys = this.projection.keysOf(event);
        plans.push({ event, keys: keys.length > 1 ? [...new Set(keys)] : keys });
      } catch (error) {
        this.skip(event, error);
        skipped += 1;
      }
    }
    return { plans, skipped };
  }

  /** A working document for what the store holds (nothing, by default). */
  working(key: string, stored: StoredDoc<D> = ABSENT): WorkingDoc<D> {
    return { key, stored: stored.doc, storedEntries: stored.entries, storedTails: stored.tails, doc: stored.doc };
  }

  /** What the store holds once a working document is written, e.g. to cache it. */
  asStored(item: WorkingDoc<D>): StoredDoc<D> {
    return { doc: item.stored, entries: item.storedEntries, tails: item.storedTails };
  }

  /** Parses a stored document and takes its index entries. */
  parse(key: string, stored: StoredDocText | null): StoredDoc<D> {
    if (stored === null) return ABSENT;
    const doc = assembleDoc<D>(stored);
    return { doc, entries: this.indexesOf(key, doc), tails: this.appendOnly.map((path) => lengthAt(doc, path)) };
  }

  /** Applies the planned events to their documents (every key must be in `working`); returns the list entries they add. */
  evolve(plans: readonly EventPlan[], working: ReadonlyMap<string, WorkingDoc<D>>): { listAppends: ListEntry[]; skipped: number } {
    let skipped = 0;
    const listAppends: ListEntry[] = [];
    for (const { event, keys } of plans) {
      try {
        if (keys.length === 1) {
          const item = working.get(keys[0])!;
          const next = this.evolveOne(item.doc, item.key, event);
          const entries = this.entriesOf(event);
          item.doc = next;
          for (const entry of entries) listAppends.push(entry);
        } else {
          const next = keys.map((key) => this.evolveOne(working.get(key)!.doc, key, event));
          const entries = this.entriesOf(event);
          keys.forEach((key, i) => (working.get(key)!.doc = next[i]));
          for (const entry of entries) listAppends.push(entry);
        }
      } catch (error) {
        this.skip(event, error);
        skipped += 1;
      }
    }
    return { listAppends, skipped };
  }

  /**
   * Settles, serializes and diffs the documents an evolve replaced, appending what to write to
   * `changes`. Afterwards each of them counts as stored, in its unsettled form (see `stored`): the
   * caller writes the changes or drops the working documents.
   */
  flush(items: Iterable<WorkingDoc<D>>, changes: DocChanges = { docs: [], indexRemovals: [], indexAdds: [] }): DocChanges {
    for (const item of items) {
      if (item.doc === item.stored) continue;
      const evolved = item.doc;
      this.settle(item);
      if (item.doc === item.stored) continue;
      const encoded = this.serialize(item);
      if (encoded === null) continue;
      changes.docs.push(encoded.write);
      const after = item.doc === null ? [] : this.indexesOf(item.key, item.doc);
      this.diffEntries(item.storedEntries, after, changes);
      // What settle derived is written, not kept: evolve never reads it, and a rating's objects kept with
      // every cached document were what garbage collection spent most on while live.
      item.stored = item.doc = evolved;
      item.storedEntries = after;
      item.storedTails = encoded.tails;
    }
    return changes;
  }

  /** One batch, start to end, over documents read with `load`: what an atomic commit writes. */
  async apply(events: readonly RecordedEvent[], load: DocLoader): Promise<BatchChanges> {
    const { plans, skipped: unplanned } = this.plan(events);
    const keys = [...new Set(plans.flatMap((plan) => plan.keys))];
    const stored = await load(keys);
    const working = new Map(keys.map((key, i) => [key, this.working(key, this.parse(key, stored[i]))] as const));
    const { listAppends, skipped } = this.evolve(plans, working);
    return { ...this.flush(working.values()), listAppends, skipped: unplanned + skipped };
  }

  private evolveOne(doc: D | null, key: string, event: RecordedEvent): D | null {
    const next = this.projection.evolve(doc, key, event);
    if (next === null) return null;
    if (typeof next !== 'object' || Array.isArray(next)) throw new TypeError(`evolve returned ${next === undefined ? 'undefined' : typeof next}, not a document or null`);
    return next;
  }

  /** A settle that throws is a projection bug: logged, and the document kept as stored, as for one JSON cannot encode. */
  private settle(item: WorkingDoc<D>): void {
    if (this.projection.settle === undefined || item.doc === null) return;
    try {
      const settled = this.projection.settle(item.key, item.doc);
      if (typeof settled !== 'object' || settled === null || Array.isArray(settled)) throw new TypeError(`settle returned ${settled === null ? 'null' : typeof settled}, not a document`);
      item.doc = settled;
    } catch (error) {
      this.logger.error('settle threw; the document is kept as stored', { projection: this.projection.name, key: item.key, error });
      item.doc = item.stored;
    }
  }

  /**
   * What to write for the document — its head and the elements appended to its append-only arrays, or
   * its deletion — with the arrays' lengths once written. Null when it cannot be encoded (a projection
   * bug, logged): it is then kept as stored.
   */
  private serialize(item: WorkingDoc<D>): { write: DocWrite; tails: number[] } | null {
    if (item.doc === null) return { write: { key: item.key, json: null }, tails: [] };
    try {
      if (this.appendOnly.length === 0) return { write: { key: item.key, json: JSON.stringify(item.doc) }, tails: [] };
      const arrays = this.appendOnly.map((path) => arrayAt(item.doc, path));
      const tails: TailWrite[] = [];
      arrays.forEach((elements, i) => {
        const stored = item.storedTails[i] ?? 0;
        if (elements.length === stored) return;
        // Appended to what is stored; written whole when it is the first write or the array got shorter.
        const replace = stored === 0 || elements.length < stored;
        tails.push({ path: this.tailPaths[i], text: tailText(elements, replace ? 0 : stored), replace });
      });
      const json = JSON.stringify(withEmptyArrays(item.doc, this.appendOnly));
      return { write: { key: item.key, json, tails }, tails: arrays.map((elements) => elements.length) };
    } catch (error) {
      this.logger.error('document cannot be encoded as JSON; kept as stored', { projection: this.projection.name, key: item.key, error });
      item.doc = item.stored;
      return null;
    }
  }

  private diffEntries(before: readonly IndexEntry[], after: readonly IndexEntry[], changes: DocChanges): void {
    if (before.length === 0) {
      for (const entry of after) changes.indexAdds.push(entry);
      return;
    }
    const afterById = new Map<string, IndexEntry>();
    for (const entry of after) afterById.set(entryId(entry), entry);
    const beforeById = new Map(before.map((entry) => [entryId(entry), entry] as const));
    for (const [id, entry] of beforeById) if (!afterById.has(id)) changes.indexRemovals.push({ index: entry.index, member: entry.member });
    for (const [id, entry] of afterById) if (beforeById.get(id)?.score !== entry.score) changes.indexAdds.push(entry);
  }

  private entriesOf(event: RecordedEvent): readonly ListEntry[] {
    const entries = this.projection.entriesOf?.(event) ?? [];
    for (const entry of entries) {
      assertListEntryId(entry.id);
      if (!Number.isFinite(entry.score)) throw new TypeError(`list entry ${entry.id} has a score that is not a finite number`);
      if (typeof entry.list !== 'string' || entry.list.length === 0) throw new TypeError(`list entry ${entry.id} names no list`);
    }
    return entries;
  }

  /** Index entries of a document; entries that could not be stored are dropped and logged. */
  private indexesOf(key: string, doc: D): IndexEntry[] {
    let entries: readonly IndexEntry[];
    try {
      entries = this.projection.indexesOf?.(key, doc) ?? [];
    } catch (error) {
      this.logger.error('indexesOf threw; the document is left out of every index', { projection: this.projection.name, key, error });
      return [];
    }
    return entries.filter((entry) => {
      const valid = typeof entry.index === 'string' && entry.index.length > 0 && typeof entry.member === 'string' && Number.isFinite(entry.score);
      if (!valid) this.logger.warn('index entry dropped: it needs an index name, a member and a finite score', { projection: this.projection.name, key, entry });
      return valid;
    });
  }

  private skip(event: RecordedEvent, error: unknown): void {
    this.logger.warn('event skipped: the projection cannot use it', {
      projection: this.projection.name,
      eventId: event.id,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      position: serializePosition(event.position),
      error,
    });
  }
}
