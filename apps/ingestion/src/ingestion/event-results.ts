import { status } from '@grpc/grpc-js';
import { isRapportError, type Recorded } from '#libs/shared-kernel';
import type { Event, EventResult, FieldViolation } from '../generated/rapport/ingestion/v1/ingestion';
import { fieldOfDomainError, InvalidEventError } from '../events/event-to-command';
import { describeError } from '../grpc/grpc-status';

export const accepted = (externalId: string, recorded: Recorded): EventResult => ({
  externalId,
  outcome: {
    $case: 'accepted',
    value: { replayed: recorded.replayed, streamId: recorded.streamId, eventIds: [...recorded.eventIds], revision: recorded.revision },
  },
});

const violationsOf = (error: unknown, event: Event): FieldViolation[] => {
  if (error instanceof InvalidEventError) return [...error.violations];
  if (!isRapportError(error) || error.kind !== 'validation') return [];
  const field = fieldOfDomainError(error, event);
  return field ? [{ field, description: error.message }] : [];
};

/** The refusal of one event, with the status its error kind maps to and, when malformed, its fields at fault. */
export const rejected = (event: Event, error: unknown): EventResult => {
  const { status: statusCode, code, message } = describeError(error);
  return {
    externalId: event.externalId,
    outcome: { $case: 'rejected', value: { statusCode, code, message, fieldViolations: violationsOf(error, event) } },
  };
};

export const RELATIONSHIP_BATCH_ABORTED = 'INGESTION.RELATIONSHIP_BATCH_ABORTED';

/** Not recorded because another event of its relationship was refused in the same batch: retrying it alone succeeds. */
export const aborted = (event: Event, refused: { readonly label: string; readonly externalId: string }): EventResult => ({
  externalId: event.externalId,
  outcome: {
    $case: 'rejected',
    value: {
      statusCode: status.ABORTED,
      code: RELATIONSHIP_BATCH_ABORTED,
      message: `Not recorded: ${refused.label} (external id ${refused.externalId}) of the same relationship was refused`,
      fieldViolations: [],
    },
  },
});
