import { RapportError } from '#libs/shared-kernel';
import type { ExpectedRevision } from './event-store.port';

/** The stream is not at the revision the writer expected; nothing was written. */
export class WrongExpectedRevisionError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} expected at revision ${expected}, but is at ${actual}`, { streamId, expected, actual });
  }
}

/** The append's events exceed the store's maximum append size; nothing was written. */
export class AppendTooLargeError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'EVENT_STORE.APPEND_TOO_LARGE';

  constructor(
    readonly streamId: string,
    readonly sizeBytes: number,
    readonly maxBytes: number,
  ) {
    super(`Append to ${streamId} is ${sizeBytes} bytes, over the limit of ${maxBytes}`, { streamId, sizeBytes, maxBytes });
  }
}

/** An event is malformed (id not a UUID, empty type, data not a JSON object, empty append …). */
export class InvalidEventDataError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'EVENT_STORE.INVALID_EVENT_DATA';

  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(`Invalid event data: ${reason}`, details);
  }
}

/** The store could not be reached or failed; the caller may retry the same append safely. */
export class StoreUnavailableError extends RapportError {
  readonly kind = 'unavailable';
  readonly code = 'EVENT_STORE.UNAVAILABLE';

  constructor(reason: string, override readonly cause?: unknown) {
    super(`Event store unavailable: ${reason}`);
  }
}
