import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '#libs/event-store';
import type { ReadModelDoc } from '../projection';
import type { ReadStoreWriter } from '../read-store/read-store.port';
import type { BatchApplier, EventPlan, WorkingDoc } from './batch-applier';
import type { ChunkWriter } from './chunk-writer';

export interface RebuildWorkspaceOptions {
  /** Documents kept unwritten; past it, the least recently touched fifth is settled and written. */
  readonly maxDocs: number;
  /** Documents settled between two turns of the event loop (so lease renewals run). */
  readonly flushSlice: number;
}

export const DEFAULT_REBUILD_WORKSPACE: RebuildWorkspaceOptions = { maxDocs: 100_000, flushSlice: 500 };

/** A document in memory, with when it was last touched (the count of batches applied then). */
type HeldDoc<D> = WorkingDoc<D> & { touched: number };

/**
 * A rebuild's documents, kept in memory and written back: an event evolves its documents there, and a
 * document is settled, serialized and written only when it leaves — pushed out by newer ones (the
 * least recently touched go first), or at the end of the replay. A document that a replay of a million
 * events touches a hundred times is thus rated and encoded once instead of once per batch. Nothing is
 * checkpointed meanwhile (see ChunkWriter): a rebuild cut short is started again from scratch.
 */
export class RebuildWorkspace<D extends ReadModelDoc> {
  private readonly working = new Map<string, HeldDoc<D>>();
  private batches = 0;
  /** Documents written during this rebuild: the only ones the store can hold (it was dropped first). */
  private readonly written = new Set<string>();

  constructor(
    private readonly projection: string,
    private readonly applier: BatchApplier<D>,
    private readonly writer: ChunkWriter,
    private readonly readStore: ReadStoreWriter,
    private readonly options: RebuildWorkspaceOptions = DEFAULT_REBUILD_WORKSPACE,
  ) {}

  /** Applies events in order; returns how many were skipped. */
  async apply(events: readonly RecordedEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const { plans, skipped: unplanned } = this.applier.plan(events);
    this.batches += 1;
    await this.bringIn(plans);
    const { listAppends, skipped } = this.applier.evolve(plans, this.working);
    if (listAppends.length > 0) await this.writer.write({ listAppends });
    if (this.working.size > this.options.maxDocs) await this.writeBack(this.leastRecentlyTouched(this.working.size - Math.floor(this.options.maxDocs * 0.8)));
    return unplanned + skipped;
  }

  /**
   * Settles and writes every document still in memory, slice by slice so that each is let go once
   * written, then waits for every write. Returns the last `keep` of them, as stored now (to seed a
   * cache), or null when `signal` aborted it part way (a stop, a lost lease: the rebuild is over).
   */
  async finish(signal?: AbortSignal, keep = 0): Promise<WorkingDoc<D>[] | null> {
    const kept: WorkingDoc<D>[] = [];
    while (this.working.size > 0) {
      const slice: WorkingDoc<D>[] = [];
      for (const item of this.working.values()) {
        if (slice.length >= this.options.flushSlice) break;
        slice.push(item);
      }
      if (!(await this.writeBack(slice, signal))) return null;
      if (this.working.size < keep) kept.push(...slice);
    }
    await this.writer.idle();
    return kept.slice(-keep);
  }

  private async bringIn(plans: readonly EventPlan[]): Promise<void> {
    const reload = new Set<string>();
    const touched = this.batches;
    for (const { keys } of plans) {
      for (const key of keys) {
        const item = this.working.get(key);
        if (item !== undefined) item.touched = touched;
        else if (this.written.has(key)) reload.add(key);
        else this.working.set(key, { ...this.applier.working(key), touched });
      }
    }
    if (reload.size === 0) return;
    // Read back only what the store has answered for: a write still in flight could land after the read.
    await this.writer.idle();
    const keys = [...reload];
    const stored = await this.readStore.loadDocs(this.projection, keys);
    keys.forEach((key, i) => this.working.set(key, { ...this.applier.working(key, this.applier.parse(key, stored[i])), touched }));
  }

  private leastRecentlyTouched(count: number): HeldDoc<D>[] {
    return [...this.working.values()].sort((a, b) => a.touched - b.touched).slice(0, count);
  }

  private async writeBack(leaving: readonly WorkingDoc<D>[], signal?: AbortSignal): Promise<boolean> {
    for (let at = 0; at < leaving.length; at += this.options.flushSlice) {
      if (signal?.aborted) return false;
      const slice = leaving.slice(at, at + this.options.flushSlice);
      await this.writer.write(this.applier.flush(slice));
      for (const item of slice) {
        this.working.delete(item.key);
        if (item.stored !== null) this.written.add(item.key);
      }
      await nextTurn();
    }
    return true;
  }
}
