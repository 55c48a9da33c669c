import type { IndexEntry } from '../projection';

/** A document as the store holds it (null: absent), parsed, with the index entries it has there. */
export interface StoredDoc<D> {
  readonly doc: D | null;
  readonly entries: readonly IndexEntry[];
  /** How many elements the store holds of each of its append-only arrays, in the projection's order. */
  readonly tails: readonly number[];
}

/**
 * Documents this instance wrote or read, parsed, so that a hot document is neither read back nor
 * parsed again batch after batch. Valid only while this instance holds the lease and its commits
 * succeed — its own writes are then the only ones — so the session clears it on any failure. `evolve`
 * never mutates its input, so a cached document stays what the store holds, except for what `settle`
 * derived, which a written document is kept without (BatchApplier.flush). Least recently used entries
 * go first (a Map keeps insertion order; a hit moves the key to the end).
 */
export class DocCache<D> {
  private readonly docs = new Map<string, StoredDoc<D>>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.docs.size;
  }

  get(key: string): StoredDoc<D> | undefined {
    const stored = this.docs.get(key);
    if (stored !== undefined) {
      this.docs.delete(key);
      this.docs.set(key, stored);
    }
    return stored;
  }

  /** After a commit succeeded (or a load): the store holds exactly this. */
  set(key: string, stored: StoredDoc<D>): void {
    if (this.capacity <= 0) return;
    this.docs.delete(key);
    this.docs.set(key, stored);
    while (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value!);
  }

  clear(): void {
    this.docs.clear();
  }
}
