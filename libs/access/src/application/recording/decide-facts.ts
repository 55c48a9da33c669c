import { randomUUID } from 'node:crypto';
import { serializePosition, type EventData, type JsonObject } from '#libs/event-store';
import { CommandValidationError, eventMetadataFor, isRapportError, type EventMetadata, type Recorded } from '#libs/shared-kernel';
import { IdempotencyKeyReusedError, idempotentEventId, type IdempotencyMark } from './idempotency';
import type { Loaded, StoredFact } from './load-stream';
import type { DomainEvent, FactPlan, FactRefusal, IdempotencyClaim, PlannedFact, StreamModel } from './stream-model';

export type Draft = { readonly replayed: Recorded } | { readonly eventIds: readonly string[]; readonly pendingAfter: number };

export interface Decided {
  readonly drafts: readonly Draft[];
  readonly pending: readonly EventData[];
  readonly refusals: readonly FactRefusal[];
}

/** Decides every fact in order against the evolving state; a refused fact leaves the state as it was. */
export const decideAll = <S, E extends DomainEvent>(
  streamId: string,
  model: StreamModel<S, E>,
  loaded: Loaded<S>,
  plans: readonly FactPlan<S, E>[],
): Decided => {
  const drafts: Draft[] = [];
  const pending: EventData[] = [];
  const refusals: FactRefusal[] = [];
  const keys = new Set<string>();
  let state = loaded.state;
  plans.forEach((plan, index) => {
    if (plan.kind === 'refused') {
      refusals.push({ index, error: plan.error });
      return;
    }
    try {
      const claim = plan.idempotency;
      if (claim) claimOnce(keys, claim, index);
      const replayed = claim && replayOf(streamId, loaded, claim);
      if (replayed) {
        drafts.push({ replayed });
        return;
      }
      const decided = decideOne(streamId, model, state, plan);
      state = decided.state;
      pending.push(...decided.events);
      drafts.push({ eventIds: decided.events.map((e) => e.id), pendingAfter: pending.length });
    } catch (error) {
      if (!isRapportError(error)) throw error;
      refusals.push({ index, error });
    }
  });
  return { drafts, pending, refusals };
};

/** One fact's events, with their ids and metadata, and the state after them; the caller's state is untouched if it throws. */
const decideOne = <S, E extends DomainEvent>(streamId: string, model: StreamModel<S, E>, state: S, plan: PlannedFact<S, E>) => {
  const claim = plan.idempotency;
  const events: EventData[] = [];
  let next = state;
  plan.decide(state).forEach((event, i) => {
    const id = claim ? idempotentEventId(claim.scope, streamId, claim.key, i) : randomUUID();
    const metadata = metadataOf(plan, model.schemaVersion(event.type));
    next = model.evolve(next, { id, event, metadata });
    events.push({ id, type: event.type, data: event.data as JsonObject, metadata: metadata as unknown as JsonObject });
  });
  return { state: next, events };
};

/** The event metadata every event carries, plus the client's key and request hash when it sent one. */
const metadataOf = (plan: PlannedFact<unknown, DomainEvent>, schemaVersion: number): EventMetadata & { idempotency?: IdempotencyMark } => ({
  ...eventMetadataFor(plan.context, { schemaVersion }),
  ...(plan.idempotency && { idempotency: { key: plan.idempotency.key, request: plan.idempotency.request } }),
});

const claimOnce = (keys: Set<string>, { key }: IdempotencyClaim, index: number): void => {
  if (keys.has(key)) {
    throw new CommandValidationError('IDEMPOTENCY.KEY_REPEATED', [
      { path: `${index}.idempotencyKey`, message: `key ${JSON.stringify(key)} is used by an earlier fact of this batch` },
    ]);
  }
  keys.add(key);
};

/** The events an earlier request under this key recorded here, as it answered then; null when there are none. */
const replayOf = <S>(streamId: string, loaded: Loaded<S>, claim: IdempotencyClaim): Recorded | null => {
  const eventIds: string[] = [];
  let last: StoredFact | undefined;
  for (let i = 0; ; i++) {
    const id = idempotentEventId(claim.scope, streamId, claim.key, i);
    const fact = loaded.byId.get(id);
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
