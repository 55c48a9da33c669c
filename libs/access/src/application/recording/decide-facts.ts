import { randomUUID } from 'node:crypto';
import { serializePosition, type EventData, type JsonObject } from '#libs/event-store';
import { CommandValidationError, eventMetadataFor, isRapportError, type EventMetadata, type Recorded } from '#libs/shared-kernel';
import { IdempotencyKeyReusedError, idempotentEventId, type IdempotencyMark } from './idempotency';
import { keyedEvent, type KnownStream, type StoredFact } from './load-stream';
import type { DomainEvent, FactPlan, FactRefusal, IdempotencyClaim, PlannedFact, StreamModel } from './stream-model';

export type Draft = { readonly replayed: Recorded } | { readonly eventIds: readonly string[]; readonly pendingAfter: number };

export interface Decided<S> {
  /** The state after every fact decided; the stream's own is left as it was. */
  readonly state: S;
  readonly drafts: readonly Draft[];
  readonly pending: readonly EventData[];
  readonly refusals: readonly FactRefusal[];
}

/** Decides every fact in order against the evolving state; a refused fact leaves the state as it was. */
export const decideAll = <S, E extends DomainEvent>(
  streamId: string,
  model: StreamModel<S, E>,
  known: KnownStream<S>,
  plans: readonly FactPlan<S, E>[],
): Decided<S> => {
  const drafts: Draft[] = [];
  const pending: EventData[] = [];
  const refusals: FactRefusal[] = [];
  const keys = new Set<string>();
  let state = known.state;
  plans.forEach((plan, index) => {
    if (plan.kind === 'refused') {
      refusals.push({ index, error: plan.error });
      return;
    }
    try {
      const claim = plan.idempotency;
      if (claim) claimOnce(keys, claim, index);
      const ids = claim ? keyedIds(streamId, claim) : randomIds;
      const replayed = claim && replayOf(streamId, known, claim, ids);
      if (replayed) {
        drafts.push({ replayed });
        return;
      }
      const decided = decideOne(model, state, plan, ids);
      state = decided.state;
      pending.push(...decided.events);
      drafts.push({ eventIds: decided.events.map((e) => e.id), pendingAfter: pending.length });
    } catch (error) {
      if (!isRapportError(error)) throw error;
      refusals.push({ index, error });
    }
  });
  return { state, drafts, pending, refusals };
};

type EventIds = (index: number) => string;

const randomIds: EventIds = () => randomUUID();

/** The ids of a keyed request's events; the first is derived once, as both the replay check and the decision need it. */
const keyedIds = (streamId: string, { scope, key }: IdempotencyClaim): EventIds => {
  const first = idempotentEventId(scope, streamId, key, 0);
  return (index) => (index === 0 ? first : idempotentEventId(scope, streamId, key, index));
};

/** One fact's events, with their ids and metadata, and the state after them; the caller's state is untouched if it throws. */
const decideOne = <S, E extends DomainEvent>(model: StreamModel<S, E>, state: S, plan: PlannedFact<S, E>, idOf: EventIds) => {
  const events: EventData[] = [];
  let next = state;
  plan.decide(state).forEach((event, i) => {
    const id = idOf(i);
    const metadata = metadataOf(plan, model.schemaVersion(event.type));
    next = model.evolve(next, { id, event, metadata });
    events.push({ id, type: event.type, data: event.data as JsonObject, metadata: metadata as unknown as JsonObject });
  });
  return { state: next, events };
};

/** The event metadata every event carries, plus the client's key and request hash when it sent one. */
const metadataOf = (plan: PlannedFact<unknown, DomainEvent>, schemaVersion: number): EventMetadata & { idempotency?: IdempotencyMark } => {
  const metadata: EventMetadata & { idempotency?: IdempotencyMark } = eventMetadataFor(plan.context, { schemaVersion });
  if (plan.idempotency) metadata.idempotency = { key: plan.idempotency.key, request: plan.idempotency.request };
  return metadata;
};

const claimOnce = (keys: Set<string>, { key }: IdempotencyClaim, index: number): void => {
  if (keys.has(key)) {
    throw new CommandValidationError('IDEMPOTENCY.KEY_REPEATED', [
      { path: `${index}.idempotencyKey`, message: `key ${JSON.stringify(key)} is used by an earlier fact of this batch` },
    ]);
  }
  keys.add(key);
};

/** The events an earlier request under this key recorded here, as it answered then; null when there are none. */
const replayOf = <S>(streamId: string, known: KnownStream<S>, claim: IdempotencyClaim, idOf: EventIds): Recorded | null => {
  const eventIds: string[] = [];
  let last: StoredFact | undefined;
  for (let i = 0; ; i++) {
    const id = idOf(i);
    const fact = keyedEvent(known, id);
    if (!fact) break;
    if (i === 0 && fact.idempotency?.request !== claim.request) {
      throw new IdempotencyKeyReusedError(`Idempotency key ${JSON.stringify(claim.key)} was used for another request`, {
        idempotencyKey: claim.key,
        eventId: id,
      });
    }
    eventIds.push(id);
    last = fact;
  }
  if (!last) return null;
  return { streamId, eventIds, revision: last.revision, position: serializePosition(last.position), replayed: true };
};
