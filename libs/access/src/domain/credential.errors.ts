import { RapportError } from '#libs/shared-kernel';

export class CredentialNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'ACCESS.CREDENTIAL_NOT_FOUND';
}

/** Ids are random; meeting one twice means a bug, never a reason to overwrite. */
export class CredentialAlreadyIssuedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'ACCESS.CREDENTIAL_ALREADY_ISSUED';
}
