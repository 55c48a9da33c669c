import type { DocReadOptions, ReadModelDoc, ReadStore, ReadStoreReader, StoredCheckpoint } from '#libs/projector';

const MAX_DOCS = 1000;

interface Cached {
  /** The checkpoint the documents were read at: any commit moves it, and the projection's entries are dropped. */
  checkpoint: string | null;
  /** By `doc:<key>`, or `head:<key>` for a document read without its append-only arrays. */
  readonly docs: Map<string, ReadModelDoc | null>;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const marker = (checkpoint: StoredCheckpoint | null): string | null =>
  checkpoint && `${checkpoint.version}@${checkpoint.position.commit}/${checkpoint.position.prepare}`;

/**
 * The embedded read store keeps documents as JSON text and parses them on every read: for a party with
 * years of history that parse is most of what `party(id)` costs. This reader keeps the parsed documents
 * of each projection until its checkpoint moves — the in-memory store writes documents and checkpoint
 * in one synchronous commit, so a document read at an unchanged checkpoint is the stored one. Documents
 * are shared between requests, so they are frozen. Everything else is read through.
 */
export class ParsedDocCache implements ReadStoreReader {
  private readonly projections = new Map<string, Cached>();
  private size = 0;

  constructor(private readonly store: ReadStore) {}

  readCheckpoint(projection: string): Promise<StoredCheckpoint | null> {
    return this.store.readCheckpoint(projection);
  }

  async getDoc<D extends ReadModelDoc = ReadModelDoc>(projection: string, key: string, options?: DocReadOptions): Promise<D | null> {
    return (await this.getDocs<D>(projection, [key], options))[0];
  }

  async getDocs<D extends ReadModelDoc = ReadModelDoc>(projection: string, keys: readonly string[], options: DocReadOptions = {}): Promise<(D | null)[]> {
    const cached = await this.current(projection);
    // A document read without its append-only arrays is another value than the whole one: kept apart.
    const kind = options.appendOnlyArrays === false ? 'head:' : 'doc:';
    const missing = [...new Set(keys.filter((key) => !cached.docs.has(kind + key)))];
    if (missing.length > 0) {
      const checkpoint = cached.checkpoint;
      const read = await this.store.getDocs(projection, missing, options);
      // A commit between the two reads: these documents may be newer than the checkpoint they would be kept under.
      if (checkpoint === marker(await this.store.readCheckpoint(projection))) missing.forEach((key, i) => this.keep(cached, kind + key, deepFreeze(read[i])));
      const fresh = new Map(missing.map((key, i) => [key, read[i]]));
      return keys.map((key) => (fresh.has(key) ? fresh.get(key) : cached.docs.get(kind + key)) as D | null);
    }
    return keys.map((key) => cached.docs.get(kind + key) as D | null);
  }

  rangeIndex: ReadStoreReader['rangeIndex'] = (...args) => this.store.rangeIndex(...args);
  rankOf: ReadStoreReader['rankOf'] = (...args) => this.store.rankOf(...args);
  indexSize: ReadStoreReader['indexSize'] = (...args) => this.store.indexSize(...args);
  readList: ReadStoreReader['readList'] = (...args) => this.store.readList(...args);

  private async current(projection: string): Promise<Cached> {
    const checkpoint = marker(await this.store.readCheckpoint(projection));
    let cached = this.projections.get(projection);
    if (!cached) {
      cached = { checkpoint, docs: new Map() };
      this.projections.set(projection, cached);
    } else if (cached.checkpoint !== checkpoint) {
      this.size -= cached.docs.size;
      cached.docs.clear();
      cached.checkpoint = checkpoint;
    }
    return cached;
  }

  private keep(cached: Cached, key: string, doc: ReadModelDoc | null): void {
    if (this.size >= MAX_DOCS) {
      for (const other of this.projections.values()) other.docs.clear();
      this.size = 0;
    }
    cached.docs.set(key, doc);
    this.size++;
  }
}
