import { serializePosition } from '#libs/event-store';
import type { ReadModelDoc } from '../../projection';
import { decodeListCursor, decodeListMember, encodeListCursor, listMember } from '../list-order';
import { CheckpointMovedError, LeaseLostError } from '../read-store.errors';
import type { CommitBatch, DocReadOptions, Lease, ListPage, Order, RangeOptions, RankedMember, ReadStore, StoredCheckpoint, TailWrite } from '../read-store.port';
import { appendedTail, assembleDoc, type StoredDocText } from '../stored-doc';
import { SortedSet } from './sorted-set';

interface StoredList {
  /** Stored forms (see list-order.ts), ascending. */
  readonly members: string[];
  readonly ids: Set<string>;
}

interface ProjectionData {
  checkpoint: StoredCheckpoint | null;
  readonly docs: Map<string, StoredDocText>;
  readonly indexes: Map<string, SortedSet>;
  readonly lists: Map<string, StoredList>;
}

interface HeldLease {
  readonly owner: string;
  readonly token: number;
  readonly expiresAt: number;
}

export interface InMemoryReadModelDump {
  readonly checkpoint: StoredCheckpoint | null;
  readonly docs: Record<string, ReadModelDoc>;
  /** Members in ascending order of score, then member. */
  readonly indexes: Record<string, RankedMember[]>;
  /** Entries oldest first. */
  readonly lists: Record<string, { id: string; score: number; entry: ReadModelDoc }[]>;
}

export interface InMemoryReadStoreOptions {
  /** The clock leases expire by; tests pass their own. */
  readonly now?: () => number;
}

/**
 * Read models in this process's memory, for the embedded mode and fast tests. Same semantics as the
 * Redis store: documents kept as JSON text (readers get fresh objects), writes fenced by the lease and
 * the expected checkpoint, and a commit applied whole (it runs without yielding to the event loop).
 */
export class InMemoryReadStore implements ReadStore {
  private readonly projections = new Map<string, ProjectionData>();
  private readonly leases = new Map<string, HeldLease>();
  private readonly fences = new Map<string, number>();
  private readonly now: () => number;

  constructor(options: InMemoryReadStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async loadDocs(projection: string, keys: readonly string[]): Promise<(StoredDocText | null)[]> {
    const docs = this.projections.get(projection)?.docs;
    return keys.map((key) => docs?.get(key) ?? null);
  }

  async commit(batch: CommitBatch, lease: Lease): Promise<void> {
    this.assertHolds(lease);
    const data = this.data(batch.projection);
    const current = data.checkpoint ? serializePosition(data.checkpoint.position) : '';
    if (current !== (batch.after ? serializePosition(batch.after) : '')) throw new CheckpointMovedError(batch.projection);
    // Everything that can throw runs before the first write.
    const appends = batch.listAppends.map((entry) => ({ ...entry, member: listMember(entry.score, entry.id, JSON.stringify(entry.entry)) }));
    for (const write of batch.docs) {
      if (write.json === null) data.docs.delete(write.key);
      else data.docs.set(write.key, written(data.docs.get(write.key), write.json, write.tails));
    }
    for (const { index, member } of batch.indexRemovals) data.indexes.get(index)?.remove(member);
    for (const { index, member, score } of batch.indexAdds) upsert(data.indexes, index, () => new SortedSet()).add(member, score);
    for (const { list: name, id, member } of appends) {
      const list = upsert(data.lists, name, () => ({ members: [], ids: new Set<string>() }));
      if (list.ids.has(id)) continue;
      list.ids.add(id);
      list.members.splice(firstNotBelow(list.members, member), 0, member);
    }
    if (batch.position !== null) data.checkpoint = { position: batch.position, version: batch.version };
  }

  async readCheckpoint(projection: string): Promise<StoredCheckpoint | null> {
    return this.projections.get(projection)?.checkpoint ?? null;
  }

  async dropProjection(lease: Lease): Promise<number> {
    this.assertHolds(lease);
    const data = this.projections.get(lease.projection);
    this.projections.delete(lease.projection);
    return data ? data.docs.size + data.indexes.size + data.lists.size : 0;
  }

  async acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null> {
    const held = this.heldLease(projection);
    if (held && held.owner !== owner) return null;
    const token = held?.token ?? this.nextToken(projection);
    this.leases.set(projection, { owner, token, expiresAt: this.now() + ttlMs });
    return { projection, owner, token };
  }

  async seizeLease(projection: string, owner: string, ttlMs: number): Promise<Lease> {
    const token = this.nextToken(projection);
    this.leases.set(projection, { owner, token, expiresAt: this.now() + ttlMs });
    return { projection, owner, token };
  }

  async renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    if (!this.holds(lease)) return false;
    this.leases.set(lease.projection, { owner: lease.owner, token: lease.token, expiresAt: this.now() + ttlMs });
    return true;
  }

  async releaseLease(lease: Lease): Promise<void> {
    if (this.holds(lease)) this.leases.delete(lease.projection);
  }

  async getDoc<D extends ReadModelDoc = ReadModelDoc>(projection: string, key: string, options: DocReadOptions = {}): Promise<D | null> {
    const stored = this.projections.get(projection)?.docs.get(key);
    if (stored === undefined) return null;
    return options.appendOnlyArrays === false ? (JSON.parse(stored.head) as D) : assembleDoc<D>(stored);
  }

  async getDocs<D extends ReadModelDoc = ReadModelDoc>(projection: string, keys: readonly string[], options?: DocReadOptions): Promise<(D | null)[]> {
    return Promise.all(keys.map((key) => this.getDoc<D>(projection, key, options)));
  }

  async rangeIndex(projection: string, index: string, options: RangeOptions = {}): Promise<RankedMember[]> {
    const set = this.projections.get(projection)?.indexes.get(index);
    return set ? set.range(options.offset ?? 0, options.count ?? Infinity, options.order === 'desc') : [];
  }

  async rankOf(projection: string, index: string, member: string, order: Order = 'asc'): Promise<{ rank: number; score: number } | null> {
    return this.projections.get(projection)?.indexes.get(index)?.rank(member, order === 'desc') ?? null;
  }

  async indexSize(projection: string, index: string): Promise<number> {
    return this.projections.get(projection)?.indexes.get(index)?.size ?? 0;
  }

  async readList(projection: string, list: string, options: { limit?: number; before?: string | null } = {}): Promise<ListPage> {
    const members = this.projections.get(projection)?.lists.get(list)?.members ?? [];
    const limit = Math.max(1, options.limit ?? 20);
    const end = options.before ? firstNotBelow(members, decodeListCursor(options.before)) : members.length;
    const page = members.slice(Math.max(0, end - limit), end).reverse().map(decodeListMember);
    return {
      entries: page.map(({ id, score, json }) => ({ id, score, entry: JSON.parse(json) as ReadModelDoc })),
      nextCursor: end > limit ? encodeListCursor(page[page.length - 1].sortKey) : null,
    };
  }

  async close(): Promise<void> {}

  /** Everything a projection's read model holds, as plain data in a stable order: for specs and debugging. */
  dump(projection: string): InMemoryReadModelDump {
    const data = this.projections.get(projection);
    const sorted = <V>(entries: Iterable<[string, V]>) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      checkpoint: data?.checkpoint ?? null,
      docs: sorted([...(data?.docs ?? [])].map(([key, stored]) => [key, assembleDoc(stored)])),
      indexes: sorted([...(data?.indexes ?? [])].filter(([, set]) => set.size > 0).map(([name, set]) => [name, set.range(0, Infinity, false)])),
      lists: sorted([...(data?.lists ?? [])].map(([name, list]) => [name, list.members.map(decodeListMember).map(({ id, score, json }) => ({ id, score, entry: JSON.parse(json) as ReadModelDoc }))])),
    };
  }

  private data(projection: string): ProjectionData {
    return upsert(this.projections, projection, () => ({ checkpoint: null, docs: new Map(), indexes: new Map(), lists: new Map() }));
  }

  private heldLease(projection: string): HeldLease | null {
    const held = this.leases.get(projection);
    return held && held.expiresAt > this.now() ? held : null;
  }

  private holds(lease: Lease): boolean {
    const held = this.heldLease(lease.projection);
    return held !== null && held.owner === lease.owner && held.token === lease.token;
  }

  private assertHolds(lease: Lease): void {
    if (!this.holds(lease)) throw new LeaseLostError(lease.projection);
  }

  private nextToken(projection: string): number {
    const token = (this.fences.get(projection) ?? 0) + 1;
    this.fences.set(projection, token);
    return token;
  }
}

/** A document after a write: its new head, its tails appended to or replaced (a new object: what `loadDocs` gave stays as it was). */
const written = (stored: StoredDocText | undefined, head: string, writes: readonly TailWrite[] = []): StoredDocText => {
  const tails: Record<string, string> = { ...stored?.tails };
  for (const { path, text, replace } of writes) {
    if (replace) tails[path] = text;
    else if (text !== '') tails[path] = appendedTail(tails[path], text);
  }
  return { head, tails };
};

const upsert = <K, V>(map: Map<K, V>, key: K, create: () => V): V => {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
};

/** Index of the first member not below `bound` in an ascending array. */
const firstNotBelow = (members: readonly string[], bound: string): number => {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (members[middle] < bound) low = middle + 1;
    else high = middle;
  }
  return low;
};
