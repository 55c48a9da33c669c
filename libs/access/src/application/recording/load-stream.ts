import type { EventStore, JsonObject, Position, RecordedEvent } from '#libs/event-store';
import { EventMetadata, type EventEnvelope } from '#libs/shared-kernel';
import type { IdempotencyMark } from './idempotency';
import type { DomainEvent, StreamModel } from './stream-model';

export interface StoredFact {
  readonly revision: number;
  readonly position: Position;
  readonly idempotency?: IdempotencyMark;
}

/**
 * The events of a stream recorded under a client's key, by id. Only ever given events the store holds at
 * their revisions, so the versions of one stream share it: each ignores what lies past its own revision.
 */
export type KeyedEvents = Map<string, StoredFact>;

/** A stream as this process knows it: folded up to `revision`, every event of it read from the store. */
export interface KnownStream<S> {
  readonly state: S;
  /** -1 when the stream does not exist yet. */
  readonly revision: number;
  readonly lastPosition: Position | null;
  readonly keyed: KeyedEvents;
}

/** The keyed event with this id, if the stream held it at the revision it is known to. */
export const keyedEvent = (known: KnownStream<unknown>, id: string): StoredFact | undefined => {
  const fact = known.keyed.get(id);
  return fact && fact.revision <= known.revision ? fact : undefined;
};

/** A stored event as its decider folds it: metadata validated, payload upcast to today's shape. */
export const envelopeOf = <E extends DomainEvent>(recorded: RecordedEvent, model: StreamModel<unknown, E>): EventEnvelope<E> => {
  const metadata = EventMetadata.parse(recorded.metadata);
  return { id: recorded.id, event: model.upcast(recorded.type, metadata.schemaVersion, recorded.data), metadata };
};

const markIn = (metadata: JsonObject): IdempotencyMark | undefined => {
  const mark = metadata.idempotency;
  if (typeof mark !== 'object' || mark === null || Array.isArray(mark)) return undefined;
  return typeof mark.key === 'string' && typeof mark.request === 'string' ? { key: mark.key, request: mark.request } : undefined;
};

/** Notes a stored event's key, if it carries one; for events read from the store or read back after an append. */
export const noteKeyed = (keyed: KeyedEvents, recorded: Pick<RecordedEvent, 'id' | 'revision' | 'position' | 'metadata'>): void => {
  const idempotency = markIn(recorded.metadata);
  if (idempotency) keyed.set(recorded.id, { revision: recorded.revision, position: recorded.position, idempotency });
};

/** Folds the events after what `known` holds into it; `known` itself is left as it was. */
export const catchUp = async <S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  model: StreamModel<S, E>,
  known: KnownStream<S>,
): Promise<KnownStream<S>> => {
  let { state, revision, lastPosition } = known;
  for await (const recorded of store.readStream(streamId, { fromRevision: revision + 1 })) {
    state = model.evolve(state, envelopeOf(recorded, model));
    revision = recorded.revision;
    lastPosition = recorded.position;
    noteKeyed(known.keyed, recorded);
  }
  return { state, revision, lastPosition, keyed: known.keyed };
};

/** A stream with no events yet. */
export const emptyStream = <S>(model: StreamModel<S, DomainEvent>): KnownStream<S> => ({ state: model.initialState, revision: -1, lastPosition: null, keyed: new Map() });

/** Reads and folds a whole stream, keeping the revision, position and key of each of its keyed events. */
export const loadStream = <S, E extends DomainEvent>(store: EventStore, streamId: string, model: StreamModel<S, E>): Promise<KnownStream<S>> =>
  catchUp(store, streamId, model, emptyStream(model));
