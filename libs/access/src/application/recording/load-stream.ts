import type { EventStore, JsonObject, Position, RecordedEvent } from '#libs/event-store';
import { EventMetadata, type EventEnvelope } from '#libs/shared-kernel';
import type { IdempotencyMark } from './idempotency';
import type { DomainEvent, StreamModel } from './stream-model';

export interface StoredFact {
  readonly revision: number;
  readonly position: Position;
  readonly idempotency?: IdempotencyMark;
}

export interface Loaded<S> {
  readonly state: S;
  /** -1 when the stream does not exist yet. */
  readonly revision: number;
  readonly lastPosition: Position | null;
  readonly byId: ReadonlyMap<string, StoredFact>;
}

/** A stored event as its decider folds it: metadata validated, payload upcast to today's shape. */
export const envelopeOf = <E extends DomainEvent>(recorded: RecordedEvent, model: StreamModel<unknown, E>): EventEnvelope<E> => {
  const metadata = EventMetadata.parse(recorded.metadata);
  return { id: recorded.id, event: model.upcast(recorded.type, metadata.schemaVersion, recorded.data), metadata };
};

/** Reads and folds a whole stream, keeping each event's revision, position and client key by id. */
export const loadStream = async <S, E extends DomainEvent>(store: EventStore, streamId: string, model: StreamModel<S, E>): Promise<Loaded<S>> => {
  let state = model.initialState;
  let revision = -1;
  let lastPosition: Position | null = null;
  const byId = new Map<string, StoredFact>();
  for await (const recorded of store.readStream(streamId)) {
    state = model.evolve(state, envelopeOf(recorded, model));
    revision = recorded.revision;
    lastPosition = recorded.position;
    byId.set(recorded.id, { revision, position: recorded.position, idempotency: markIn(recorded.metadata) });
  }
  return { state, revision, lastPosition, byId };
};

const markIn = (metadata: JsonObject): IdempotencyMark | undefined => {
  const mark = metadata.idempotency;
  if (typeof mark !== 'object' || mark === null || Array.isArray(mark)) return undefined;
  return typeof mark.key === 'string' && typeof mark.request === 'string' ? { key: mark.key, request: mark.request } : undefined;
};
