import type { AllFilter, JsonObject, RecordedEvent } from '#libs/event-store';

/** A read-model document: plain JSON, stored under a key the projection chooses. */
export type ReadModelDoc = JsonObject;

/** A sorted-set membership derived from a document, e.g. a party's place in a leaderboard. */
export interface IndexEntry {
  readonly index: string;
  readonly member: string;
  readonly score: number;
}

/** An append-only entry of a list read newest first, e.g. one line of a party's timeline. */
export interface ListEntry {
  readonly list: string;
  /** Unique within the list; appending the same id twice keeps one entry. */
  readonly id: string;
  /** Orders the list (e.g. the fact's time in ms); ties are broken by `id`. */
  readonly score: number;
  readonly entry: JsonObject;
}

/**
 * A projection is pure: the projector engine reads the documents an event touches, calls `evolve`,
 * and writes the results, their index entries and the checkpoint in one atomic step. `evolve` never
 * throws for a recorded fact; an event it cannot use leaves the document as it was.
 */
export interface Projection<D = ReadModelDoc> {
  /** Stable name: the key prefix of its documents and of its checkpoint. */
  readonly name: string;
  /** Bump when the shape or meaning of the documents changes: the engine then rebuilds from the log. */
  readonly version: number;
  /** The events it reads; the subscription asks the store for these only. */
  readonly filter: AllFilter;
  /** Keys of the documents this event changes (none when it does not concern this projection). */
  keysOf(event: RecordedEvent): readonly string[];
  /** The document after the event; `null` means the document does not exist (or no longer does). */
  evolve(doc: D | null, key: string, event: RecordedEvent): D | null;
  /**
   * Derives what is costly to recompute per event (a rating, say) once per batch: called for each
   * document the batch's evolves changed, after the last of them, before indexes are taken and the
   * document is written. Batches are cut anywhere, so it must give the same result however the events
   * were grouped: a function of what `evolve` keeps, which in turn never reads what `settle` derives.
   * The engine writes what `settle` returns but evolves the next batch from the unsettled document, so
   * what it derives is not kept in memory between batches.
   */
  settle?(key: string, doc: D): D;
  /** Index entries of a document; the engine replaces the previous document's entries with these. */
  indexesOf?(key: string, doc: D): readonly IndexEntry[];
  /**
   * Paths of arrays in every document that only ever grow at their end, such as the facts a rating is
   * computed from. The engine stores each apart from the rest of the document and writes, per batch,
   * only the elements appended since the stored version: a document with a long history is not
   * rewritten whole at every event. An array that got shorter is written whole again.
   */
  readonly appendOnlyArrays?: readonly (readonly string[])[];
  /** List entries an event adds (append-only, idempotent by entry id). */
  entriesOf?(event: RecordedEvent): readonly ListEntry[];
}
