import {
  deliveryCompleted,
  disputeRaised,
  disputeResolved,
  engagementEnded,
  engagementStarted,
  factRetracted,
  feedbackRevealed,
  feedbackSubmitted,
  invoicePaid,
  legalActionConcluded,
  legalActionTaken,
  priorityServiceGiven,
  referralGiven,
} from '../../test/relationship.given';
import { relationshipEventSchemas, type RelationshipEvent, type RelationshipEventType } from './relationship.events';

const withData = (event: RelationshipEvent, data: Record<string, unknown>) => ({ ...event.data, ...data });

/** For every event type: a valid payload and one malformed in a way that matters to that fact. */
const cases: Record<RelationshipEventType, [valid: RelationshipEvent, malformed: object, why: string]> = {
  EngagementStarted: [engagementStarted(), withData(engagementStarted(), { paymentTermsDays: -1 }), 'negative payment terms'],
  EngagementEnded: [engagementEnded(), withData(engagementEnded(), { amicable: 'yes' }), 'amicable not a boolean'],
  InvoicePaid: [invoicePaid(), withData(invoicePaid(), { currency: 'eur' }), 'currency not an ISO-4217 code'],
  ReferralGiven: [referralGiven(), withData(referralGiven(), { referrerId: 'Globex Ltd' }), 'referrer not a party id'],
  DisputeRaised: [disputeRaised(), withData(disputeRaised(), { reason: '' }), 'no reason'],
  DisputeResolved: [disputeResolved(), withData(disputeResolved(), { outcome: 'won' }), 'not a dispute outcome'],
  LegalActionTaken: [legalActionTaken(), withData(legalActionTaken(), { grounds: 'spite' }), 'unknown grounds'],
  LegalActionConcluded: [legalActionConcluded(), withData(legalActionConcluded(), { concludedAt: '2026-03-01' }), 'a date, not an instant'],
  DeliveryCompleted: [deliveryCompleted(), withData(deliveryCompleted(), { deliveredAt: undefined }), 'no delivery instant'],
  PriorityServiceGiven: [priorityServiceGiven(), withData(priorityServiceGiven(), { serviceId: '' }), 'empty service id'],
  FeedbackSubmitted: [feedbackSubmitted(), withData(feedbackSubmitted(), { ratings: { quality: 6 } }), 'rating above 5'],
  FeedbackRevealed: [feedbackRevealed(), withData(feedbackRevealed(), { feedbackIds: [] }), 'reveals no feedback'],
  FactRetracted: [factRetracted(), withData(factRetracted(), { retractedEventId: 'inv1' }), 'retracted id not an event id'],
};

describe('the relationship event catalogue', () => {
  it('has a case for every event type', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(relationshipEventSchemas).sort());
  });

  it.each(Object.entries(cases))('accepts a well-formed %s', (type, [valid]) => {
    expect(relationshipEventSchemas[type as RelationshipEventType].safeParse(valid.data).success).toBe(true);
  });

  it.each(Object.entries(cases))('rejects a malformed %s (%j)', (type, [, malformed]) => {
    expect(relationshipEventSchemas[type as RelationshipEventType].safeParse(malformed).success).toBe(false);
  });

  it('rejects feedback that rates no dimension', () => {
    expect(relationshipEventSchemas.FeedbackSubmitted.safeParse(withData(feedbackSubmitted(), { ratings: {} })).success).toBe(false);
  });
});
