import { RapportError } from '#libs/shared-kernel';

/** Other writers kept changing the stream: every attempt met a newer revision. Retrying later is safe. */
export class ConcurrencyConflictError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'COMMAND.CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} kept changing: gave up after ${attempts} attempts`, { streamId, attempts });
  }
}
