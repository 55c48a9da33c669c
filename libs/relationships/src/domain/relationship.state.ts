import { recorderFromMetadata, type EventEnvelope, type Recorder } from '#libs/shared-kernel';
import { PersistentMap } from './persistent-map';
import type { RelationshipEvent, RelationshipEventOf, RelationshipEventType } from './relationship.events';

type DataOf<T extends RelationshipEventType> = RelationshipEventOf<T>['data'];

/** Things with a business id: each is opened by one fact and, for some, closed by a later one. */
interface Lifecycles {
  engagement: { opening: DataOf<'EngagementStarted'>; closing: DataOf<'EngagementEnded'> };
  invoice: { opening: DataOf<'InvoicePaid'>; closing: never };
  referral: { opening: DataOf<'ReferralGiven'>; closing: never };
  dispute: { opening: DataOf<'DisputeRaised'>; closing: DataOf<'DisputeResolved'> };
  legalAction: { opening: DataOf<'LegalActionTaken'>; closing: DataOf<'LegalActionConcluded'> };
  delivery: { opening: DataOf<'DeliveryCompleted'>; closing: never };
  priorityService: { opening: DataOf<'PriorityServiceGiven'>; closing: never };
  /** Feedback is submitted hidden; its reveal closes it. */
  feedback: { opening: DataOf<'FeedbackSubmitted'>; closing: DataOf<'FeedbackRevealed'> };
}
export type ThingKind = keyof Lifecycles;

interface Recorded<D> {
  readonly eventId: string;
  readonly data: D;
}
export interface Thing<K extends ThingKind> {
  readonly opening: Recorded<Lifecycles[K]['opening']>;
  readonly closing?: Recorded<Lifecycles[K]['closing']>;
}

export interface FactTarget {
  readonly kind: ThingKind;
  readonly id: string;
  readonly step: 'opening' | 'closing';
}

/** Every event recorded here, by event id: what a retraction needs to know about it. */
export interface Fact {
  readonly type: RelationshipEventType;
  readonly recorder: Recorder;
  readonly target?: FactTarget;
  readonly retraction?: DataOf<'FactRetracted'>;
}

/**
 * Only what decisions need: the live things by business id, with their payloads (to tell a repeated
 * command from a conflicting one), and every fact by event id. A retracted fact leaves `things`, so the
 * relationship decides as if it had never been recorded, and its business id is free again. Persistent
 * maps: an event costs one path of them (O(log n)), not a copy of the history.
 */
export interface RelationshipState {
  readonly things: { readonly [K in ThingKind]: PersistentMap<Thing<K>> };
  readonly facts: PersistentMap<Fact>;
}

export const initialState: RelationshipState = {
  things: {
    engagement: PersistentMap.empty(),
    invoice: PersistentMap.empty(),
    referral: PersistentMap.empty(),
    dispute: PersistentMap.empty(),
    legalAction: PersistentMap.empty(),
    delivery: PersistentMap.empty(),
    priorityService: PersistentMap.empty(),
    feedback: PersistentMap.empty(),
  },
  facts: PersistentMap.empty(),
};

/** Which thing an event opens or closes, by the business id in its payload. */
export const targetOf = (event: RelationshipEvent): FactTarget | undefined => {
  switch (event.type) {
    case 'EngagementStarted':
      return { kind: 'engagement', id: event.data.engagementId, step: 'opening' };
    case 'EngagementEnded':
      return { kind: 'engagement', id: event.data.engagementId, step: 'closing' };
    case 'InvoicePaid':
      return { kind: 'invoice', id: event.data.invoiceId, step: 'opening' };
    case 'ReferralGiven':
      return { kind: 'referral', id: event.data.referralId, step: 'opening' };
    case 'DisputeRaised':
      return { kind: 'dispute', id: event.data.disputeId, step: 'opening' };
    case 'DisputeResolved':
      return { kind: 'dispute', id: event.data.disputeId, step: 'closing' };
    case 'LegalActionTaken':
      return { kind: 'legalAction', id: event.data.legalActionId, step: 'opening' };
    case 'LegalActionConcluded':
      return { kind: 'legalAction', id: event.data.legalActionId, step: 'closing' };
    case 'DeliveryCompleted':
      return { kind: 'delivery', id: event.data.deliveryId, step: 'opening' };
    case 'PriorityServiceGiven':
      return { kind: 'priorityService', id: event.data.serviceId, step: 'opening' };
    case 'FeedbackSubmitted':
      return { kind: 'feedback', id: event.data.feedbackId, step: 'opening' };
    case 'FeedbackRevealed':
    case 'FactRetracted':
      return undefined;
  }
};

type Things = RelationshipState['things'];
type AnyThing = Thing<ThingKind>;

const withThing = (things: Things, kind: ThingKind, id: string, thing: AnyThing | undefined): Things => {
  const map = things[kind] as PersistentMap<AnyThing>;
  const next = { ...things };
  (next as Record<ThingKind, PersistentMap<AnyThing>>)[kind] = thing ? map.set(id, thing) : map.delete(id);
  return next;
};

/** A closing whose opening is not here (never, from this decider) is kept as a fact and changes nothing. */
const apply = (things: Things, { kind, id, step }: FactTarget, recorded: Recorded<unknown>): Things => {
  if (step === 'opening') return withThing(things, kind, id, { opening: recorded } as AnyThing);
  const thing: AnyThing | undefined = things[kind].get(id);
  return thing ? withThing(things, kind, id, { ...thing, closing: recorded } as AnyThing) : things;
};

const undo = (things: Things, eventId: string, target: FactTarget | undefined): Things => {
  const thing: AnyThing | undefined = target && things[target.kind].get(target.id);
  if (!target || thing?.[target.step]?.eventId !== eventId) return things;
  return withThing(things, target.kind, target.id, target.step === 'opening' ? undefined : { opening: thing.opening });
};

const applyEvent = (state: RelationshipState, eventId: string, event: RelationshipEvent, target?: FactTarget) => {
  if (target) return { things: apply(state.things, target, { eventId, data: event.data }), facts: state.facts };
  if (event.type === 'FeedbackRevealed') {
    const reveal = (things: Things, id: string) =>
      apply(things, { kind: 'feedback', id, step: 'closing' }, { eventId, data: event.data });
    return { things: event.data.feedbackIds.reduce(reveal, state.things), facts: state.facts };
  }
  if (event.type !== 'FactRetracted') return state;
  const retracted = state.facts.get(event.data.retractedEventId);
  if (!retracted) return state;
  return {
    things: undo(state.things, event.data.retractedEventId, retracted.target),
    facts: state.facts.set(event.data.retractedEventId, { ...retracted, retraction: event.data }),
  };
};

/** Folds one recorded event; the envelope's metadata says who recorded it, which retraction rules need. */
export const evolve = (
  state: RelationshipState,
  { id, event, metadata }: EventEnvelope<RelationshipEvent>,
): RelationshipState => {
  const target = targetOf(event);
  const recorder = recorderFromMetadata(metadata);
  const fact: Fact = target ? { type: event.type, recorder, target } : { type: event.type, recorder };
  const next: RelationshipState = applyEvent(state, id, event, target);
  return { things: next.things, facts: next.facts.set(id, fact) };
};
