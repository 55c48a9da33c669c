import { RapportError } from '#libs/shared-kernel';

export class PartyAlreadyRegisteredError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'PARTY.ALREADY_REGISTERED';
}

export class PartyNotRegisteredError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'PARTY.NOT_REGISTERED';
}

/** A party's identity is its own: only the party itself, or the system, registers it and edits its profile. */
export class NotAllowedToManagePartyError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'PARTY.NOT_ALLOWED';
}
