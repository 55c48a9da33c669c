import { z } from 'zod';
import { commandSchema, parseCommand, PartyId } from '#libs/shared-kernel';
import {
  DeliveryCompleted,
  DisputeRaised,
  DisputeResolved,
  EngagementEnded,
  EngagementStarted,
  FactRetracted,
  FeedbackSubmitted,
  InvoicePaid,
  LegalActionConcluded,
  LegalActionTaken,
  PriorityServiceGiven,
  ReferralGiven,
} from './relationship.events';

/**
 * Commands on one relationship. Payloads mirror the event they record, naming both parties so the
 * handler knows the stream. When a fact happened (`…At`) defaults to the command's `now` where it may
 * be left out; it may be earlier (history recorded late) but never later than `now`. Feedback is
 * submitted and facts retracted at `now`, so nobody can backdate them past the reveal window.
 */
const InRelationship = z.object({ supplierId: PartyId, clientId: PartyId });

export const StartEngagement = commandSchema('StartEngagement', EngagementStarted.partial({ startedAt: true }));
export const EndEngagement = commandSchema('EndEngagement', EngagementEnded.partial({ endedAt: true }));
export const RecordInvoicePaid = commandSchema('RecordInvoicePaid', InvoicePaid);
export const RecordReferral = commandSchema('RecordReferral', ReferralGiven.partial({ givenAt: true }));
export const RaiseDispute = commandSchema('RaiseDispute', DisputeRaised.partial({ raisedAt: true }));
export const ResolveDispute = commandSchema('ResolveDispute', DisputeResolved.partial({ resolvedAt: true }));
export const RecordLegalAction = commandSchema('RecordLegalAction', LegalActionTaken.partial({ takenAt: true }));
export const ConcludeLegalAction = commandSchema(
  'ConcludeLegalAction',
  LegalActionConcluded.partial({ concludedAt: true }),
);
export const RecordDelivery = commandSchema('RecordDelivery', DeliveryCompleted);
export const RecordPriorityService = commandSchema(
  'RecordPriorityService',
  PriorityServiceGiven.partial({ givenAt: true }),
);
export const SubmitFeedback = commandSchema('SubmitFeedback', FeedbackSubmitted.omit({ submittedAt: true }));
/** Sent by the reveal job: reveals every hidden feedback whose window has passed as of `now`. */
export const RevealFeedback = commandSchema('RevealFeedback', InRelationship);
export const RetractFact = commandSchema('RetractFact', FactRetracted.omit({ retractedBy: true, retractedAt: true }));

export const RelationshipCommand = z.discriminatedUnion('type', [
  StartEngagement,
  EndEngagement,
  RecordInvoicePaid,
  RecordReferral,
  RaiseDispute,
  ResolveDispute,
  RecordLegalAction,
  ConcludeLegalAction,
  RecordDelivery,
  RecordPriorityService,
  SubmitFeedback,
  RevealFeedback,
  RetractFact,
]);
export type RelationshipCommand = z.infer<typeof RelationshipCommand>;
export type RelationshipCommandType = RelationshipCommand['type'];
export type RelationshipCommandOf<T extends RelationshipCommandType> = Extract<RelationshipCommand, { type: T }>;

/** For transports: the typed command, or a `CommandValidationError` coded `RELATIONSHIP.INVALID_COMMAND`. */
export const parseRelationshipCommand = (input: unknown): RelationshipCommand =>
  parseCommand(RelationshipCommand, input, 'RELATIONSHIP.INVALID_COMMAND');
