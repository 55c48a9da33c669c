import type { AppendResult, EventData, EventStore, Position, RecordedEvent } from '#libs/event-store';
import type { Decided } from './decide-facts';
import { noteKeyed, type KnownStream } from './load-stream';

/** What an append wrote: the stream after it, and the position of each appended event that ends a fact. */
export interface Written<S> {
  readonly after: KnownStream<S>;
  readonly positions: ReadonlyMap<number, Position>;
}

const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
};

const sameEvents = (stored: readonly RecordedEvent[], appended: readonly EventData[]): boolean =>
  stored.length === appended.length &&
  stored.every((event, i) => event.id === appended[i].id && event.type === appended[i].type && sameJson(event.data, appended[i].data) && sameJson(event.metadata, appended[i].metadata ?? {}));

/**
 * The append's outcome, or 'conflict' when the store holds other events than these under their ids. A keyed
 * event's id comes from its client key, and the store answers an append whose ids it already holds at those
 * revisions as a retry, whatever they carry: a request recorded by another process under the same keys after
 * the state this one decided on. So keyed appends are read back, as are batches whose facts end at different
 * revisions — unless the store says it wrote these events now and where each one went (`written`).
 */
export const readBack = async <S>(
  store: EventStore,
  streamId: string,
  known: KnownStream<S>,
  decided: Decided<S>,
  appended: AppendResult,
): Promise<Written<S> | 'conflict'> => {
  const last = appended.nextExpectedRevision;
  const positions = new Map<number, Position>([[last, appended.position]]);
  const written = { positions, after: { state: decided.state, revision: last, lastPosition: appended.position, keyed: known.keyed } };
  if (appended.written?.length === decided.pending.length) {
    // The store wrote these very events now: nothing to compare, and it told where each one went.
    decided.pending.forEach((event, i) => {
      const fact = { id: event.id, revision: known.revision + 1 + i, position: appended.written![i], metadata: event.metadata ?? {} };
      positions.set(fact.revision, fact.position);
      noteKeyed(known.keyed, fact);
    });
    return written;
  }
  const keyed = decided.pending.some((event) => event.metadata?.idempotency !== undefined);
  const ends = decided.drafts.flatMap((d) => ('replayed' in d || d.pendingAfter === 0 ? [] : [known.revision + d.pendingAfter]));
  if (!keyed && ends.every((revision) => revision === last)) return written;
  const stored: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId, { fromRevision: known.revision + 1, maxCount: decided.pending.length })) stored.push(event);
  if (!sameEvents(stored, decided.pending)) return 'conflict';
  for (const event of stored) {
    positions.set(event.revision, event.position);
    noteKeyed(known.keyed, event);
  }
  return written;
};
