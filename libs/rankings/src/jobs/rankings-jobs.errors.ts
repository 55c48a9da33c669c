import { RapportError } from '#libs/shared-kernel';

/** The read model a job needs has not processed the event yet: the job is retried later. */
export class ReadModelBehindError extends RapportError {
  readonly kind = 'unavailable';
  readonly code = 'RANKINGS.READ_MODEL_BEHIND';
}

/** Only an admin sees the background jobs. */
export class JobsForbiddenError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'RANKINGS.JOBS_ADMIN_ONLY';
}
