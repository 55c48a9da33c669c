import { CommandValidationError, RapportError, type PartyId, type ValidationIssue } from '#libs/shared-kernel';
import {
  relationshipCatalogue,
  relationshipStreamId,
  type RelationshipCommand,
  type RelationshipEventType,
} from '#libs/relationships';
import type { Event, FieldViolation } from '../generated/rapport/ingestion/v1/ingestion';
import { EVENT_KIND_FIELDS, EVENT_KINDS, payloadOf } from './event-kinds';

/** What the transport knows about the call an event arrived in. */
export interface IngestionContext {
  readonly partnerId: string;
  /** ISO instant the call was received: the command's `now`. */
  readonly now: string;
  readonly correlationId: string;
}

/** A wire event turned into the relationship command that records it. */
export interface IngestionItem {
  readonly externalId: string;
  readonly streamId: string;
  readonly eventType: RelationshipEventType;
  readonly onBehalfOf: PartyId;
  /**
   * Validated here, so that a malformed event is refused before anything is recorded; parsed by the
   * relationship catalogue, which the command handler then trusts for its payload rather than parsing it again.
   */
  readonly command: RelationshipCommand;
}

/** An event that cannot become a command; `violations` name its fields as the proto does (`invoice_paid.amount`). */
export class InvalidEventError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'INGESTION.INVALID_EVENT';

  constructor(readonly violations: readonly FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join('; '), { violations });
  }
}

export const MAX_EXTERNAL_ID_LENGTH = 128;

const snake = (segment: string): string => segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A domain validation path (`data.paidAt`, `actor.onBehalfOf`, `data.ratings.quality`) as the Event
 * message's field path (`invoice_paid.paid_at`, `on_behalf_of`, `feedback_submitted.ratings.quality`).
 * The party ids live on the Event itself, not in its oneof.
 */
export const protoFieldPath = (domainPath: string, kindField: string): string => {
  const [head, ...rest] = domainPath.split('.');
  if (head === 'actor') return rest[0] === 'onBehalfOf' ? 'on_behalf_of' : 'actor';
  if (head === 'type') return 'kind';
  if (head !== 'data') return snake(domainPath);
  if (rest.length === 0) return kindField;
  if (rest[0] === 'supplierId' || rest[0] === 'clientId') return snake(rest[0]);
  return [kindField, ...rest.map(snake)].join('.');
};

const violationsOf = (issues: readonly ValidationIssue[], kindField: string): FieldViolation[] =>
  issues.map((issue) => ({ field: protoFieldPath(issue.path, kindField), description: issue.message }));

/** The command recording `event` for the partner, or an `InvalidEventError` naming every field at fault. */
export const toIngestionItem = (event: Event, ctx: IngestionContext): IngestionItem => {
  const envelope: FieldViolation[] = [];
  if (event.externalId.length === 0 || event.externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    envelope.push({ field: 'external_id', description: `an external id is 1 to ${MAX_EXTERNAL_ID_LENGTH} characters` });
  }
  const kind = event.kind;
  if (kind === undefined) {
    envelope.push({ field: 'kind', description: `set one of ${EVENT_KIND_FIELDS.join(', ')}` });
    throw new InvalidEventError(envelope);
  }
  const mapping = EVENT_KINDS[kind.$case];
  const data = payloadOf(kind);
  data.supplierId = event.supplierId;
  data.clientId = event.clientId;
  let command: RelationshipCommand;
  try {
    command = relationshipCatalogue.parse({
      type: mapping.commandType,
      data,
      now: ctx.now,
      correlationId: ctx.correlationId,
      actor: { kind: 'partner', partnerId: ctx.partnerId, onBehalfOf: event.onBehalfOf },
    });
  } catch (error) {
    if (!(error instanceof CommandValidationError)) throw error;
    throw new InvalidEventError([...envelope, ...violationsOf(error.issues, mapping.field)]);
  }
  if (envelope.length > 0) throw new InvalidEventError(envelope);
  return {
    externalId: event.externalId,
    streamId: relationshipStreamId(command.data.supplierId, command.data.clientId),
    eventType: mapping.eventType,
    onBehalfOf: event.onBehalfOf,
    command,
  };
};

/** The proto field a domain error's `details.field` (e.g. `paidAt` of a fact in the future) points at. */
export const fieldOfDomainError = (error: RapportError, event: Event): string | undefined => {
  const field = error.details.field;
  if (typeof field !== 'string' || event.kind === undefined) return undefined;
  return protoFieldPath(`data.${field}`, EVENT_KINDS[event.kind.$case].field);
};
