import type { CommandCatalogue, CommandInput, FactInput, StreamModel } from '#libs/access';
import { decide, evolve, initialState } from '../domain/relationship.decider';
import { parseRelationshipCommand, type RelationshipCommand, type RelationshipCommandType } from '../domain/relationship.commands';
import type { RelationshipEvent, RelationshipEventType } from '../domain/relationship.events';
import type { RelationshipState } from '../domain/relationship.state';
import { relationshipEventSchemaVersion, upcastRelationshipEvent } from '../domain/relationship.upcasters';

/** A relationship command as a transport sends it: `{ type: 'RecordInvoicePaid', data: { … } }`. */
export type RelationshipCommandInput = CommandInput<RelationshipCommand>;

/** One fact to record in a relationship, with the client's key and, for a partner, the party it acts for. */
export type RelationshipFactInput = FactInput<RelationshipCommandInput>;

/** The fact each command records: a partner integration's grant of event types is checked against it. */
export const RELATIONSHIP_COMMAND_RECORDS: Readonly<Record<RelationshipCommandType, RelationshipEventType>> = {
  StartEngagement: 'EngagementStarted',
  EndEngagement: 'EngagementEnded',
  RecordInvoicePaid: 'InvoicePaid',
  RecordReferral: 'ReferralGiven',
  RaiseDispute: 'DisputeRaised',
  ResolveDispute: 'DisputeResolved',
  RecordLegalAction: 'LegalActionTaken',
  ConcludeLegalAction: 'LegalActionConcluded',
  RecordDelivery: 'DeliveryCompleted',
  RecordPriorityService: 'PriorityServiceGiven',
  SubmitFeedback: 'FeedbackSubmitted',
  RevealFeedback: 'FeedbackRevealed',
  RetractFact: 'FactRetracted',
};

export const relationshipStreamModel: StreamModel<RelationshipState, RelationshipEvent> = {
  initialState,
  evolve,
  upcast: upcastRelationshipEvent,
  schemaVersion: relationshipEventSchemaVersion,
};

export const relationshipCatalogue: CommandCatalogue<RelationshipCommand, RelationshipState, RelationshipEvent> = {
  records: RELATIONSHIP_COMMAND_RECORDS,
  invalidCommandCode: 'RELATIONSHIP.INVALID_COMMAND',
  parse: parseRelationshipCommand,
  decide: (command, state) => decide(command, state),
};
