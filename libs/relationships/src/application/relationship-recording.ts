import type { CommandCatalogue, CommandInput, FactInput, StreamModel } from '#libs/access';
import { CommandContext, parseCommand } from '#libs/shared-kernel';
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

const INVALID_COMMAND = 'RELATIONSHIP.INVALID_COMMAND';

/**
 * Payloads this catalogue parsed, frozen, with the command type they were parsed for. gRPC ingestion parses
 * each event with the catalogue to name a bad one's fields; when the command handler gets that payload back,
 * it checks only the context it adds (clock, actor, correlation id) instead of the whole command again.
 */
const parsedPayloads = new WeakMap<object, RelationshipCommandType>();

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
};

/**
 * Contexts checked, by the frozen actor they were checked with: a request's facts share their actor object
 * (see `factPlanner`), so the clock, actor and correlation id of a batch are checked once, not per fact.
 */
const checkedContexts = new WeakMap<object, CommandContext>();

const contextOf = (input: object): CommandContext => {
  const { now, actor, correlationId } = input as Partial<CommandContext>;
  if (typeof actor !== 'object' || actor === null || !Object.isFrozen(actor)) return parseCommand(CommandContext, input, INVALID_COMMAND);
  const checked = checkedContexts.get(actor);
  if (checked !== undefined && checked.now === now && checked.correlationId === correlationId) return checked;
  const context = parseCommand(CommandContext, input, INVALID_COMMAND);
  checkedContexts.set(actor, context);
  return context;
};

const parseRelationship = (input: unknown): RelationshipCommand => {
  const { type, data } = (typeof input === 'object' && input !== null ? input : {}) as { type?: unknown; data?: unknown };
  if (typeof data === 'object' && data !== null && parsedPayloads.get(data) === type) {
    const { now, actor, correlationId } = contextOf(input as object);
    return { type, data, now, actor, correlationId } as RelationshipCommand;
  }
  const command = parseRelationshipCommand(input);
  parsedPayloads.set(deepFreeze(command.data), command.type);
  return command;
};

export const relationshipCatalogue: CommandCatalogue<RelationshipCommand, RelationshipState, RelationshipEvent> = {
  records: RELATIONSHIP_COMMAND_RECORDS,
  invalidCommandCode: INVALID_COMMAND,
  parse: parseRelationship,
  decide: (command, state) => decide(command, state),
};
