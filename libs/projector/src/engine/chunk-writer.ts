import type { IndexEntry, ListEntry } from '../projection';
import type { DocWrite, IndexRemoval, Lease, ReadStoreWriter } from '../read-store/read-store.port';

export interface ChunkLimits {
  /** Operations per write (a document, an index change or a list entry each count one), so no script holds Redis long. */
  readonly maxOperations: number;
  /** Bytes of document JSON per write. */
  readonly maxDocBytes: number;
  /** Writes sent and not yet answered. */
  readonly maxInFlight: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxOperations: 2000, maxDocBytes: 2 * 1024 * 1024, maxInFlight: 4 };

interface Chunk {
  docs: DocWrite[];
  indexRemovals: IndexRemoval[];
  indexAdds: IndexEntry[];
  listAppends: ListEntry[];
  operations: number;
  docBytes: number;
}

const emptyChunk = (): Chunk => ({ docs: [], indexRemovals: [], indexAdds: [], listAppends: [], operations: 0, docBytes: 0 });

/**
 * Writes a rebuild's read model in bounded pieces with no checkpoint, several in flight at once. Each
 * piece is fenced by the lease and refused once a checkpoint exists; the first failure is kept and
 * thrown by every later call. The rebuild awaits `idle()` before it reads back a document it wrote,
 * and before it writes the checkpoint, so the checkpoint always comes after everything it covers.
 */
export class ChunkWriter {
  private chunk = emptyChunk();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly readStore: ReadStoreWriter,
    private readonly target: { readonly projection: string; readonly version: number; readonly lease: Lease },
    private readonly limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
  ) {}

  /** Queues changes; resolves once they are sent or queued within the limits. */
  async write(changes: { docs?: readonly DocWrite[]; indexRemovals?: readonly IndexRemoval[]; indexAdds?: readonly IndexEntry[]; listAppends?: readonly ListEntry[] }): Promise<void> {
    this.assertHealthy();
    for (const doc of changes.docs ?? []) {
      this.chunk.docs.push(doc);
      this.chunk.docBytes += (doc.json?.length ?? 0) + (doc.tails?.reduce((bytes, tail) => bytes + tail.text.length, 0) ?? 0);
      if (this.full()) await this.send();
    }
    for (const removal of changes.indexRemovals ?? []) {
      this.chunk.indexRemovals.push(removal);
      if (this.full()) await this.send();
    }
    for (const add of changes.indexAdds ?? []) {
      this.chunk.indexAdds.push(add);
      if (this.full()) await this.send();
    }
    for (const entry of changes.listAppends ?? []) {
      this.chunk.listAppends.push(entry);
      if (this.full()) await this.send();
    }
  }

  /** Sends what is queued and waits for every write to be answered. */
  async idle(): Promise<void> {
    if (this.chunk.operations > 0) await this.send();
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    this.assertHealthy();
  }

  /** Waits for what is in flight without throwing: for cleaning up after another failure. */
  async abandon(): Promise<void> {
    this.chunk = emptyChunk();
    await Promise.allSettled([...this.inFlight]);
  }

  private full(): boolean {
    this.chunk.operations += 1;
    return this.chunk.operations >= this.limits.maxOperations || this.chunk.docBytes >= this.limits.maxDocBytes;
  }

  private async send(): Promise<void> {
    while (this.inFlight.size >= this.limits.maxInFlight) await Promise.race(this.inFlight);
    this.assertHealthy();
    const { docs, indexRemovals, indexAdds, listAppends } = this.chunk;
    this.chunk = emptyChunk();
    const { projection, version, lease } = this.target;
    const sent: Promise<void> = this.readStore
      .commit({ projection, version, after: null, position: null, docs, indexRemovals, indexAdds, listAppends }, lease)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
  }

  private assertHealthy(): void {
    if (this.failure) throw this.failure.error;
  }
}
