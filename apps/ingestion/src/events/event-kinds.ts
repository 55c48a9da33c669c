import type { RelationshipCommandType, RelationshipEventType } from '#libs/relationships';
import {
  DisputeOutcome,
  LegalActionGrounds,
  LegalActionKind,
  LegalActionOutcome,
  type Event,
  type FeedbackRatings,
} from '../generated/rapport/ingestion/v1/ingestion';

export type EventKind = NonNullable<Event['kind']>;
export type EventCase = EventKind['$case'];

/**
 * How one kind of wire event becomes a relationship command: the fact it records, the command that records
 * it and the proto field of the oneof (for error paths).
 */
interface KindMapping {
  readonly eventType: RelationshipEventType;
  readonly commandType: RelationshipCommandType;
  readonly field: string;
}

export const EVENT_KINDS: { readonly [C in EventCase]: KindMapping } = {
  engagementStarted: { eventType: 'EngagementStarted', commandType: 'StartEngagement', field: 'engagement_started' },
  engagementEnded: { eventType: 'EngagementEnded', commandType: 'EndEngagement', field: 'engagement_ended' },
  invoicePaid: { eventType: 'InvoicePaid', commandType: 'RecordInvoicePaid', field: 'invoice_paid' },
  referralGiven: { eventType: 'ReferralGiven', commandType: 'RecordReferral', field: 'referral_given' },
  disputeRaised: { eventType: 'DisputeRaised', commandType: 'RaiseDispute', field: 'dispute_raised' },
  disputeResolved: { eventType: 'DisputeResolved', commandType: 'ResolveDispute', field: 'dispute_resolved' },
  legalActionTaken: { eventType: 'LegalActionTaken', commandType: 'RecordLegalAction', field: 'legal_action_taken' },
  legalActionConcluded: { eventType: 'LegalActionConcluded', commandType: 'ConcludeLegalAction', field: 'legal_action_concluded' },
  deliveryCompleted: { eventType: 'DeliveryCompleted', commandType: 'RecordDelivery', field: 'delivery_completed' },
  priorityServiceGiven: { eventType: 'PriorityServiceGiven', commandType: 'RecordPriorityService', field: 'priority_service_given' },
  feedbackSubmitted: { eventType: 'FeedbackSubmitted', commandType: 'SubmitFeedback', field: 'feedback_submitted' },
  factRetracted: { eventType: 'FactRetracted', commandType: 'RetractFact', field: 'fact_retracted' },
};

/** The proto field names of the oneof, for messages about an event that sets none. */
export const EVENT_KIND_FIELDS: readonly string[] = Object.values(EVENT_KINDS).map((k) => k.field);

/** `DISPUTE_OUTCOME_UPHELD` → `upheld`; the unspecified or an unknown value → undefined (the schema then names the field). */
const enumName =
  <E extends Record<string, string | number>>(values: E, prefix: string) =>
  (value: number): string | undefined => {
    const name = values[value];
    if (typeof name !== 'string' || !name.startsWith(prefix) || name === `${prefix}UNSPECIFIED`) return undefined;
    return name.slice(prefix.length).toLowerCase();
  };

const disputeOutcome = enumName(DisputeOutcome, 'DISPUTE_OUTCOME_');
const legalActionKind = enumName(LegalActionKind, 'LEGAL_ACTION_KIND_');
const legalActionGrounds = enumName(LegalActionGrounds, 'LEGAL_ACTION_GROUNDS_');
const legalActionOutcome = enumName(LegalActionOutcome, 'LEGAL_ACTION_OUTCOME_');

/** Only the dimensions rated: the domain's ratings are a partial record. */
const ratings = (value: FeedbackRatings | undefined): Record<string, number> | undefined =>
  value && Object.fromEntries(Object.entries(value).filter(([, rating]) => rating !== undefined));

/** Unset optional fields are left out: event payloads are JSON, where a key holding `undefined` does not exist. */
const defined = (payload: object): Record<string, unknown> => {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) if (value !== undefined) copy[key] = value;
  return copy;
};

/**
 * The command's payload besides the two party ids, a fresh object. Proto field names are the domain's own in
 * snake_case, so most payloads pass through as they are; enums become the domain's words.
 */
export const payloadOf = (kind: EventKind): Record<string, unknown> => defined(withDomainValues(kind));

const withDomainValues = (kind: EventKind): object => {
  switch (kind.$case) {
    case 'disputeResolved':
      return { ...kind.value, outcome: disputeOutcome(kind.value.outcome) };
    case 'legalActionTaken':
      return { ...kind.value, kind: legalActionKind(kind.value.kind), grounds: legalActionGrounds(kind.value.grounds) };
    case 'legalActionConcluded':
      return { ...kind.value, outcome: legalActionOutcome(kind.value.outcome) };
    case 'feedbackSubmitted':
      return { ...kind.value, ratings: ratings(kind.value.ratings) };
    default:
      return kind.value;
  }
};
