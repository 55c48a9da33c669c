import { serializePosition, type RecordedEvent } from '#libs/event-store';
import type { IndexEntry, ListEntry, Projection, ReadModelDoc } from '../projection';
import { assertListEntryId } from '../read-store/list-order';
import type { DocWrite, IndexRemoval } from '../read-store/read-store.port';
import type { ProjectorLogger } from './projector-logger';

/** What a batch of events changes in a projection's read model. */
export interface BatchChanges {
  readonly docs: DocWrite[];
  readonly indexRemovals: IndexRemoval[];
  readonly indexAdds: IndexEntry[];
  readonly listAppends: ListEntry[];
  readonly skipped: number;
}

/** Stored JSON text of documents (null: absent), in the order of `keys`. */
export type DocLoader = (keys: readonly string[]) => Promise<(string | null)[]>;

interface WorkingDoc<D> {
  readonly key: string;
  readonly storedJson: string | null;
  readonly storedEntries: readonly IndexEntry[];
  /** As loaded: a document no evolve replaced needs no settling (it was settled when written). */
  readonly loaded: D | null;
  doc: D | null;
}

const entryId = (entry: { index: string; member: string }): string => `${entry.index}\u0000${entry.member}`;

/**
 * Runs a projection's pure functions over a batch: loads each touched document once, evolves it
 * through the batch's events in order, settles each document an evolve replaced, then writes only what
 * changed, and replaces the index entries of each changed document by diffing them against the stored
 * version's. An event the projection cannot use (it throws, or returns something that is not a
 * document) is skipped whole and logged.
 */
export class BatchApplier<D extends ReadModelDoc> {
  constructor(
    private readonly projection: Projection<D>,
    private readonly logger: ProjectorLogger,
  ) {}

  async apply(events: readonly RecordedEvent[], load: DocLoader): Promise<BatchChanges> {
    let skipped = 0;
    const plans: { event: RecordedEvent; keys: string[] }[] = [];
    for (const event of events) {
      try {
        plans.push({ event, keys: [...new Set(this.projection.keysOf(event))] });
      } catch (error) {
        this.skip(event, error);
        skipped += 1;
      }
    }
    const working = await this.loadWorking(plans.flatMap((plan) => plan.keys), load);
    const listAppends: ListEntry[] = [];
    for (const { event, keys } of plans) {
      try {
        const next = keys.map((key) => this.evolve(working.get(key)!.doc, key, event));
        const entries = this.entriesOf(event);
        keys.forEach((key, i) => (working.get(key)!.doc = next[i]));
        listAppends.push(...entries);
      } catch (error) {
        this.skip(event, error);
        skipped += 1;
      }
    }
    for (const item of working.values()) this.settle(item);
    return { ...this.diff(working.values()), listAppends, skipped };
  }

  private async loadWorking(allKeys: string[], load: DocLoader): Promise<Map<string, WorkingDoc<D>>> {
    const keys = [...new Set(allKeys)];
    const stored = await load(keys);
    const working = new Map<string, WorkingDoc<D>>();
    keys.forEach((key, i) => {
      const storedJson = stored[i];
      const doc = storedJson === null ? null : (JSON.parse(storedJson) as D);
      // Taken before any evolve runs, so a projection that mutates its input cannot hide an old entry.
      working.set(key, { key, storedJson, doc, loaded: doc, storedEntries: doc === null ? [] : this.indexesOf(key, doc) });
    });
    return working;
  }

  private evolve(doc: D | null, key: string, event: RecordedEvent): D | null {
    const next = this.projection.evolve(doc, key, event);
    if (next === null) return null;
    if (typeof next !== 'object' || Array.isArray(next)) throw new TypeError(`evolve returned ${next === undefined ? 'undefined' : typeof next}, not a document or null`);
    return next;
  }

  /** A settle that throws is a projection bug: logged, and the document kept as stored, as for one JSON cannot encode. */
  private settle(item: WorkingDoc<D>): void {
    if (this.projection.settle === undefined || item.doc === null || item.doc === item.loaded) return;
    try {
      const settled = this.projection.settle(item.key, item.doc);
      if (typeof settled !== 'object' || settled === null || Array.isArray(settled)) throw new TypeError(`settle returned ${settled === null ? 'null' : typeof settled}, not a document`);
      item.doc = settled;
    } catch (error) {
      this.logger.error('settle threw; the document is kept as stored', { projection: this.projection.name, key: item.key, error });
      item.doc = item.storedJson === null ? null : (JSON.parse(item.storedJson) as D);
    }
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

  private diff(working: Iterable<WorkingDoc<D>>): Omit<BatchChanges, 'listAppends' | 'skipped'> {
    const docs: DocWrite[] = [];
    const indexRemovals: IndexRemoval[] = [];
    const indexAdds: IndexEntry[] = [];
    for (const item of working) {
      const json = this.serialize(item);
      if (json === item.storedJson) continue;
      docs.push({ key: item.key, json });
      const after = new Map<string, IndexEntry>();
      if (item.doc !== null && json !== null) for (const entry of this.indexesOf(item.key, item.doc)) after.set(entryId(entry), entry);
      const before = new Map(item.storedEntries.map((entry) => [entryId(entry), entry] as const));
      for (const [id, entry] of before) if (!after.has(id)) indexRemovals.push({ index: entry.index, member: entry.member });
      for (const [id, entry] of after) if (before.get(id)?.score !== entry.score) indexAdds.push(entry);
    }
    return { docs, indexRemovals, indexAdds };
  }

  /** The document's JSON, or its stored JSON unchanged when it cannot be encoded (a projection bug, logged). */
  private serialize(item: WorkingDoc<D>): string | null {
    if (item.doc === null) return null;
    try {
      return JSON.stringify(item.doc);
    } catch (error) {
      this.logger.error('document cannot be encoded as JSON; kept as stored', { projection: this.projection.name, key: item.key, error });
      item.doc = item.storedJson === null ? null : (JSON.parse(item.storedJson) as D);
      return item.storedJson;
    }
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
