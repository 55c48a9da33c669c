import { eventMetadataFor, type Actor, type EventEnvelope, type Instant, type PartyId } from '#libs/shared-kernel';
import {
  relationshipEventSchemaVersion,
  type RelationshipCommandOf,
  type RelationshipCommandType,
  type RelationshipEvent,
  type RelationshipEventOf,
  type RelationshipEventType,
  type RelationshipRules,
} from '../src';
import { decide, evolve, initialState } from '../src/domain/relationship.decider';
import type { RelationshipState } from '../src/domain/relationship.state';

export const SUPPLIER = 'acme';
export const CLIENT = 'globex';
export const STRANGER = 'initech';
export const NOW: Instant = '2026-03-01T12:00:00Z';
const REL = { supplierId: SUPPLIER, clientId: CLIENT };

export const asParty = (partyId: PartyId): Actor => ({ kind: 'party', partyId });
export const asPartner = (onBehalfOf: PartyId, partnerId = 'ledgerly'): Actor => ({ kind: 'partner', partnerId, onBehalfOf });
export const SYSTEM: Actor = { kind: 'system' };

/** The id `given` gives its n-th fact (1-based). */
export const eventId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type DataOf<T extends RelationshipEventType> = RelationshipEventOf<T>['data'];
const event =
  <T extends RelationshipEventType>(type: T, defaults: DataOf<T>) =>
  (data: Partial<DataOf<T>> = {}) =>
    ({ type, data: { ...defaults, ...data } }) as unknown as RelationshipEventOf<T>;

export const engagementStarted = event('EngagementStarted', { ...REL, engagementId: 'e1', paymentTermsDays: 30, startedAt: '2025-01-01T00:00:00Z' });
export const engagementEnded = event('EngagementEnded', { ...REL, engagementId: 'e1', endedBy: CLIENT, reason: 'not a good fit', amicable: true, handoverArranged: false, endedAt: NOW });
export const invoicePaid = event('InvoicePaid', { ...REL, invoiceId: 'inv1', amount: 1200, currency: 'EUR', dueAt: '2026-02-28T00:00:00Z', paidAt: '2026-02-27T00:00:00Z' });
export const referralGiven = event('ReferralGiven', { ...REL, referralId: 'ref1', referrerId: CLIENT, referredPartyId: 'hooli', givenAt: NOW });
export const disputeRaised = event('DisputeRaised', { ...REL, disputeId: 'd1', raisedBy: CLIENT, reason: 'late delivery', raisedAt: '2026-01-10T00:00:00Z' });
export const disputeResolved = event('DisputeResolved', { ...REL, disputeId: 'd1', outcome: 'settled', resolvedAt: NOW });
export const legalActionTaken = event('LegalActionTaken', { ...REL, legalActionId: 'l1', takenBy: SUPPLIER, kind: 'lawsuit', grounds: 'review', takenAt: '2026-01-15T00:00:00Z' });
export const legalActionConcluded = event('LegalActionConcluded', { ...REL, legalActionId: 'l1', outcome: 'settled', concludedAt: NOW });
export const deliveryCompleted = event('DeliveryCompleted', { ...REL, deliveryId: 'del1', dueAt: '2026-02-28T00:00:00Z', deliveredAt: '2026-02-20T00:00:00Z' });
export const priorityServiceGiven = event('PriorityServiceGiven', { ...REL, serviceId: 'ps1', description: 'restored the site on a Sunday', givenAt: NOW });
export const feedbackSubmitted = event('FeedbackSubmitted', { ...REL, engagementId: 'e1', feedbackId: 'fb-client', by: CLIENT, about: SUPPLIER, ratings: { quality: 5 }, submittedAt: NOW });
export const feedbackRevealed = event('FeedbackRevealed', { ...REL, engagementId: 'e1', feedbackIds: ['fb-client'], reason: 'both_submitted', revealedAt: NOW });
export const factRetracted = event('FactRetracted', { ...REL, retractedEventId: eventId(1), retractedBy: SUPPLIER, reason: 'recorded by mistake', retractedAt: NOW });

type CommandData<T extends RelationshipCommandType> = RelationshipCommandOf<T>['data'];
/** A command builder with defaults that pass every rule; the default actor is one allowed to send it. */
const command =
  <T extends RelationshipCommandType>(type: T, defaults: CommandData<T>, defaultActor: Actor) =>
  (data: Partial<CommandData<T>> = {}, actor: Actor = defaultActor, now: Instant = NOW) =>
    ({ type, now, actor, correlationId: 'corr-1', data: { ...defaults, ...data } }) as unknown as RelationshipCommandOf<T>;

export const startEngagement = command('StartEngagement', engagementStarted().data, asParty(SUPPLIER));
export const endEngagement = command('EndEngagement', engagementEnded().data, asParty(CLIENT));
export const recordInvoicePaid = command('RecordInvoicePaid', invoicePaid().data, asParty(SUPPLIER));
export const recordReferral = command('RecordReferral', referralGiven().data, asParty(SUPPLIER));
export const raiseDispute = command('RaiseDispute', disputeRaised().data, asParty(CLIENT));
export const resolveDispute = command('ResolveDispute', disputeResolved().data, asParty(CLIENT));
export const recordLegalAction = command('RecordLegalAction', legalActionTaken().data, asParty(CLIENT));
export const concludeLegalAction = command('ConcludeLegalAction', legalActionConcluded().data, asParty(CLIENT));
export const recordDelivery = command('RecordDelivery', deliveryCompleted().data, asParty(CLIENT));
export const recordPriorityService = command('RecordPriorityService', priorityServiceGiven().data, asParty(CLIENT));
const { submittedAt: _at, ...feedbackDefaults } = feedbackSubmitted().data;
export const submitFeedback = command('SubmitFeedback', feedbackDefaults, asParty(CLIENT));
export const revealFeedback = command('RevealFeedback', REL, SYSTEM);
export const retractFact = command('RetractFact', { ...REL, retractedEventId: eventId(1), reason: 'recorded by mistake' }, asParty(SUPPLIER));

/** A given fact and who recorded it; a bare event is recorded by the supplier itself. */
export const recordedBy = (actor: Actor, event: RelationshipEvent) => ({ actor, event });
type Given = RelationshipEvent | ReturnType<typeof recordedBy>;

const envelope = (fact: Given, n: number): EventEnvelope<RelationshipEvent> => {
  const { actor, event } = 'actor' in fact ? fact : recordedBy(asParty(SUPPLIER), fact);
  const ctx = { now: NOW, actor, correlationId: `given-${n}` };
  return { id: eventId(n), event, metadata: eventMetadataFor(ctx, { schemaVersion: relationshipEventSchemaVersion(event.type) }) };
};

type ErrorClass = new (...args: never[]) => Error;

export const given = (...facts: Given[]) => {
  const state: RelationshipState = facts.map((fact, i) => envelope(fact, i + 1)).reduce(evolve, initialState);
  return {
    state,
    when: (cmd: Parameters<typeof decide>[0], rules?: RelationshipRules) => ({
      then: (expected: RelationshipEvent[] | ErrorClass): void => {
        if (Array.isArray(expected)) expect(decide(cmd, state, rules)).toEqual(expected);
        else expect(() => decide(cmd, state, rules)).toThrow(expected);
      },
    }),
  };
};
