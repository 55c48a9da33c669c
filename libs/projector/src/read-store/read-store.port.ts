import type { Position } from '#libs/event-store';
import type { IndexEntry, ListEntry, ReadModelDoc } from '../projection';
import type { StoredDocText } from './stored-doc';

/** Where a projection is: the last position its read model includes, and the version that built it. */
export interface StoredCheckpoint {
  readonly position: Position;
  readonly version: number;
}

/** The right to write a projection's read model; the store refuses writes carrying a lease it no longer holds. */
export interface Lease {
  readonly projection: string;
  readonly owner: string;
  /** Grows with every grant, so an older holder can never be mistaken for the current one. */
  readonly token: number;
}

/** A document's new JSON text (its head: see StoredDocText), or null to delete it with its tails. */
export interface DocWrite {
  readonly key: string;
  readonly json: string | null;
  /** What changes in its append-only arrays, each named by `tailPath`. */
  readonly tails?: readonly TailWrite[];
}

/** Elements for one append-only array of a document: appended to the stored ones, or replacing them. */
export interface TailWrite {
  readonly path: string;
  /** Elements' JSON texts joined by commas (see `tailText`). */
  readonly text: string;
  readonly replace: boolean;
}

export interface IndexRemoval {
  readonly index: string;
  readonly member: string;
}

/**
 * One batch of a projection's changes and the checkpoint it moves to, applied all or nothing. A rebuild
 * writes its read model in many such batches with no checkpoint (`position` null) and the checkpoint
 * last, so that a crash part way leaves no checkpoint, which the next start takes for "rebuild".
 */
export interface CommitBatch {
  readonly projection: string;
  readonly version: number;
  /** The checkpoint this batch follows (null: none yet); a store holding another one refuses the batch. */
  readonly after: Position | null;
  /** The checkpoint it moves to; null writes the changes only (a rebuild's part, `after` then null too). */
  readonly position: Position | null;
  readonly docs: readonly DocWrite[];
  readonly indexRemovals: readonly IndexRemoval[];
  readonly indexAdds: readonly IndexEntry[];
  readonly listAppends: readonly ListEntry[];
}

export type Order = 'asc' | 'desc';

export interface RangeOptions {
  readonly order?: Order;
  readonly offset?: number;
  readonly count?: number;
}

export interface RankedMember {
  readonly member: string;
  readonly score: number;
}

export interface ListPage {
  readonly entries: readonly { readonly id: string; readonly score: number; readonly entry: ReadModelDoc }[];
  /** Pass back as `before` for the next (older) page; null when there is none. */
  readonly nextCursor: string | null;
}

/** What the projector engine needs to keep read models exact. */
export interface ReadStoreWriter {
  /** Documents as stored (null when absent), in the order of `keys`, in one round trip. */
  loadDocs(projection: string, keys: readonly string[]): Promise<(StoredDocText | null)[]>;
  /** Applies the batch and its checkpoint atomically, or throws `LeaseLostError` / `CheckpointMovedError`. */
  commit(batch: CommitBatch, lease: Lease): Promise<void>;
  readCheckpoint(projection: string): Promise<StoredCheckpoint | null>;
  /** Deletes the checkpoint first, then every document, index and list; returns how many keys went. */
  dropProjection(lease: Lease): Promise<number>;

  /** Grants the lease when free (or already this owner's); null when another owner holds it. */
  acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null>;
  /** Extends the lease if still held by it; false when it was lost. */
  renewLease(lease: Lease, ttlMs: number): Promise<boolean>;
  releaseLease(lease: Lease): Promise<void>;
  /** Takes the lease whoever holds it (a rebuild does): the former holder's writes are refused from now on. */
  seizeLease(projection: string, owner: string, ttlMs: number): Promise<Lease>;
}

/** How `getDoc(s)` reads a document. */
export interface DocReadOptions {
  /**
   * Default true: the document put back together. False: its append-only arrays (the projection's
   * `appendOnlyArrays`) come back empty, as the stored head holds them — for a reader that does not show a
   * document's history, which is most of its bytes (a party's facts): one read and a small parse.
   */
  readonly appendOnlyArrays?: boolean;
}

/** What the query side reads. */
export interface ReadStoreReader {
  getDoc<D extends ReadModelDoc = ReadModelDoc>(projection: string, key: string, options?: DocReadOptions): Promise<D | null>;
  getDocs<D extends ReadModelDoc = ReadModelDoc>(projection: string, keys: readonly string[], options?: DocReadOptions): Promise<(D | null)[]>;
  /** Members by rank: ascending or descending score, ties by member. */
  rangeIndex(projection: string, index: string, options?: RangeOptions): Promise<RankedMember[]>;
  /** 0-based rank and score of a member, or null when it is not in the index. */
  rankOf(projection: string, index: string, member: string, order?: Order): Promise<{ rank: number; score: number } | null>;
  indexSize(projection: string, index: string): Promise<number>;
  /** Entries newest first (highest score, then highest id), `limit` at a time, strictly older than `before`. */
  readList(projection: string, list: string, options?: { limit?: number; before?: string | null }): Promise<ListPage>;
}

export interface ReadStore extends ReadStoreWriter, ReadStoreReader {
  close(): Promise<void>;
}
