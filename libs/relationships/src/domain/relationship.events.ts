import { z } from 'zod';
import { Instant, LocalId, PartyId } from '#libs/shared-kernel';

/**
 * Facts recorded in a relationship stream `relationship-<supplierId>-<clientId>`, the consistency
 * boundary for everything between one supplier and one client. Every payload names both parties,
 * who recorded the fact (`…By`) where it matters to scoring, and when it happened (`…At`).
 * Who recorded it and whether it is attested travel in the event metadata (see `EventMetadata`).
 */
const InRelationship = { supplierId: PartyId, clientId: PartyId };

export const EngagementStarted = z.object({
  ...InRelationship,
  engagementId: LocalId,
  paymentTermsDays: z.number().int().min(0).max(365),
  startedAt: Instant,
});

/** An ending is not a verdict: `amicable` with no open dispute counts against no one. */
export const EngagementEnded = z.object({
  ...InRelationship,
  engagementId: LocalId,
  endedBy: PartyId,
  reason: z.string().max(2000),
  amicable: z.boolean(),
  handoverArranged: z.boolean(),
  endedAt: Instant,
});

/** Days beyond terms are computed from `dueAt` and `paidAt`; paid before `issuedAt` is upfront (early). */
export const InvoicePaid = z.object({
  ...InRelationship,
  engagementId: LocalId.optional(),
  invoiceId: LocalId,
  amount: z.number().positive().finite(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO-4217 currency code'),
  issuedAt: Instant.optional(),
  dueAt: Instant,
  paidAt: Instant,
});

/** Either side may refer new business to the other; `referrerId` is one of the two parties. */
export const ReferralGiven = z.object({
  ...InRelationship,
  referralId: LocalId,
  referrerId: PartyId,
  referredPartyId: PartyId.optional(),
  givenAt: Instant,
});

export const DisputeRaised = z.object({
  ...InRelationship,
  disputeId: LocalId,
  raisedBy: PartyId,
  reason: z.string().min(1).max(2000),
  raisedAt: Instant,
});

/**
 * Outcomes are relative to the party that raised the dispute: `upheld` (the raiser was right),
 * `rejected` (the raiser was wrong), `settled` (both gave ground), `withdrawn` (the raiser dropped it).
 */
export const DisputeOutcome = z.enum(['upheld', 'rejected', 'settled', 'withdrawn']);
export const DisputeResolved = z.object({
  ...InRelationship,
  disputeId: LocalId,
  outcome: DisputeOutcome,
  resolvedAt: Instant,
});

/** `grounds` tells retaliation (answering a review or feedback with the law) from a claim on the merits. */
export const LegalActionGrounds = z.enum(['review', 'feedback', 'non_payment', 'non_delivery', 'contract_breach', 'other']);
export const LegalActionTaken = z.object({
  ...InRelationship,
  legalActionId: LocalId,
  takenBy: PartyId,
  kind: z.enum(['formal_notice', 'lawsuit', 'arbitration', 'collection_agency']),
  grounds: LegalActionGrounds,
  disputeId: LocalId.optional(),
  takenAt: Instant,
});

/** Outcomes are relative to the party that took the action. */
export const LegalActionOutcome = z.enum(['won', 'lost', 'settled', 'withdrawn']);
export const LegalActionConcluded = z.object({
  ...InRelationship,
  legalActionId: LocalId,
  outcome: LegalActionOutcome,
  concludedAt: Instant,
});

/** On time or late is computed from `dueAt` and `deliveredAt`, not asked as an opinion. */
export const DeliveryCompleted = z.object({
  ...InRelationship,
  engagementId: LocalId.optional(),
  deliveryId: LocalId,
  dueAt: Instant,
  deliveredAt: Instant,
});

/** The supplier served this client first or beyond the contract (e.g. when disaster struck). */
export const PriorityServiceGiven = z.object({
  ...InRelationship,
  serviceId: LocalId,
  description: z.string().max(2000),
  givenAt: Instant,
});

export const FeedbackDimension = z.enum(['communication', 'quality', 'fairness', 'responsiveness', 'would_work_again']);
/** Ratings run from 1 (very poor) to 5 (excellent), one per dimension the author chose to rate. */
export const FeedbackRatings = z.partialRecord(FeedbackDimension, z.number().int().min(1).max(5));
export const FeedbackSubmitted = z.object({
  ...InRelationship,
  engagementId: LocalId,
  feedbackId: LocalId,
  by: PartyId,
  about: PartyId,
  ratings: FeedbackRatings.refine((r) => Object.keys(r).length > 0, 'rate at least one dimension'),
  comment: z.string().max(5000).optional(),
  submittedAt: Instant,
});

/** Double-blind feedback becomes visible when both sides have submitted or the reveal window passed. */
export const FeedbackRevealed = z.object({
  ...InRelationship,
  engagementId: LocalId,
  feedbackIds: z.array(LocalId).min(1),
  reason: z.enum(['both_submitted', 'window_passed']),
  revealedAt: Instant,
});

/** A correction: the retracted event stays in the log, scoring ignores it from then on. */
export const FactRetracted = z.object({
  ...InRelationship,
  retractedEventId: z.uuid(),
  retractedBy: PartyId,
  reason: z.string().min(1).max(2000),
  retractedAt: Instant,
});

export const relationshipEventSchemas = {
  EngagementStarted,
  EngagementEnded,
  InvoicePaid,
  ReferralGiven,
  DisputeRaised,
  DisputeResolved,
  LegalActionTaken,
  LegalActionConcluded,
  DeliveryCompleted,
  PriorityServiceGiven,
  FeedbackSubmitted,
  FeedbackRevealed,
  FactRetracted,
} as const;

type Schemas = typeof relationshipEventSchemas;
export type RelationshipEventType = keyof Schemas;
/** A relationship event as the decider emits it and projections read it: `{ type, data }`. */
export type RelationshipEvent = {
  [T in RelationshipEventType]: { readonly type: T; readonly data: z.infer<Schemas[T]> };
}[RelationshipEventType];
export type RelationshipEventOf<T extends RelationshipEventType> = Extract<RelationshipEvent, { type: T }>;
