import { RapportError } from '#libs/shared-kernel';

/** The writer no longer holds the projection's lease: another instance took over, nothing was written. */
export class LeaseLostError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'PROJECTOR.LEASE_LOST';

  constructor(readonly projection: string) {
    super(`Lease on projection ${projection} is held by another instance`, { projection });
  }
}

/** The stored checkpoint is not the one the batch follows (a rebuild or a flush happened): nothing was written. */
export class CheckpointMovedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'PROJECTOR.CHECKPOINT_MOVED';

  constructor(readonly projection: string) {
    super(`Checkpoint of projection ${projection} moved under this writer`, { projection });
  }
}
