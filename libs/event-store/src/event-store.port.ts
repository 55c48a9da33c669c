/**
 * The event log, with EventStoreDB semantics on every adapter.
 *
 * - Stream revisions are 0-based; a stream's revision is the revision of its last event.
 * - An append is all-or-nothing and idempotent by event id: repeating an append with the same
 *   event ids at the same expected revision succeeds, writes nothing new and returns the original
 *   result. As in EventStoreDB, a retry is recognised by the ids stored at the revisions it expected
 *   (with `any`/`stream_exists`: where its first id is stored); ids that match only in part are a
 *   `WrongExpectedRevisionError`.
 * - A stream that does not exist reads as empty (no error) on every adapter.
 * - `readAll` is in the store's global order, which is total and never changes once read, and
 *   includes every append that returned before it was called.
 * - After `close()`, every call fails with `StoreUnavailableError`.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Opaque, totally ordered position in the global log. Compare with `comparePositions`. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface EventData {
  /** A UUID chosen by the writer; the idempotency key of the event. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recordedAt: Date;
}

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as `expectedRevision` next time. */
  readonly nextExpectedRevision: number;
  /** Position of the last event of the append. */
  readonly position: Position;
  /**
   * The position of each event, in order, when this append wrote them now. Absent when it wrote nothing
   * (an idempotent retry: the events were already there) or when the adapter cannot tell cheaply.
   */
  readonly written?: readonly Position[];
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive. Defaults to 'start' forwards, 'end' backwards. */
  readonly fromRevision?: number | 'start' | 'end';
  readonly maxCount?: number;
}

/** Selects events of `readAll` and `subscribeToAll`. Both lists, when given, must match; an empty list constrains nothing. */
export interface AllFilter {
  readonly streamNamePrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /** Inclusive. Defaults to 'start' forwards, 'end' backwards. */
  readonly fromPosition?: Position | 'start' | 'end';
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the subscription yields events strictly after this position. Default 'start'. */
  readonly fromPosition?: Position | 'start' | 'end';
  readonly filter?: AllFilter;
  /** Ends the subscription cleanly: iteration completes without an error. */
  readonly signal?: AbortSignal;
  /** Emit a checkpoint at least after this many events scanned (filtered out or not). Default 1000. */
  readonly checkpointInterval?: number;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Every event at or before `position` that matches the filter has been yielded. */
  | { readonly kind: 'checkpoint'; readonly position: Position }
  /** The subscription has read everything stored so far and now follows live appends. */
  | { readonly kind: 'caught-up'; readonly position: Position | null };

export interface EventStore {
  appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<SubscriptionMessage>;
  /** Position of the last event in the log, or null when the log is empty. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

/** Largest total of JSON-encoded data + metadata one append may carry (EventStoreDB's default). */
export const DEFAULT_MAX_APPEND_SIZE_BYTES = 1024 * 1024;

const compareBigInts = (x: bigint, y: bigint): number => (x < y ? -1 : x > y ? 1 : 0);

export const comparePositions = (a: Position, b: Position): number =>
  compareBigInts(a.commit, b.commit) || compareBigInts(a.prepare, b.prepare);

/** A position as a string, for checkpoints stored outside the event store. */
export const serializePosition = (position: Position): string => `${position.commit}/${position.prepare}`;

export const parsePosition = (text: string): Position => {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new TypeError(`Not a serialized position: ${JSON.stringify(text)}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
};
