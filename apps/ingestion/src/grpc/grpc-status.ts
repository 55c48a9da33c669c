import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { isRapportError, type ErrorKind } from '#libs/shared-kernel';

/**
 * The one mapping of error kinds to gRPC status codes.
 *
 * `conflict` and `illegal-state` both map to FAILED_PRECONDITION: a domain conflict (an invoice id already
 * recorded with other content, a dispute that is not open) does not go away by retrying the same call; the
 * partner must change what it sends or the relationship's state must change first. ABORTED is kept for what a
 * plain retry fixes: the events of a relationship batch rolled back because another event was refused
 * (`INGESTION.RELATIONSHIP_BATCH_ABORTED`). Concurrency conflicts on the event store are retried by the
 * command handlers and only surface once those retries are spent.
 */
export const STATUS_OF_KIND: Readonly<Record<ErrorKind, status>> = {
  validation: status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  forbidden: status.PERMISSION_DENIED,
  unauthorized: status.UNAUTHENTICATED,
  conflict: status.FAILED_PRECONDITION,
  'illegal-state': status.FAILED_PRECONDITION,
  unavailable: status.UNAVAILABLE,
};

/** Trailing metadata key carrying the namespaced error code (`RELATIONSHIP.DISPUTE_NOT_OPEN`). */
export const ERROR_CODE_METADATA_KEY = 'rapport-error-code';

export const INTERNAL_ERROR_CODE = 'INGESTION.INTERNAL';
const INTERNAL_MESSAGE = 'internal error';

/** What a caller may learn from an error: kind-mapped status, code and message; internals never leave. */
export const describeError = (error: unknown): { readonly status: status; readonly code: string; readonly message: string } =>
  isRapportError(error)
    ? { status: STATUS_OF_KIND[error.kind], code: error.code, message: error.message }
    : { status: status.INTERNAL, code: INTERNAL_ERROR_CODE, message: INTERNAL_MESSAGE };

export const serviceError = (code: status, errorCode: string, message: string): Partial<ServiceError> => {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, errorCode);
  return { code, details: message, metadata };
};

/** A call error for anything thrown while serving a call. */
export const toServiceError = (error: unknown): Partial<ServiceError> => {
  const { status: code, code: errorCode, message } = describeError(error);
  return serviceError(code, errorCode, message);
};
