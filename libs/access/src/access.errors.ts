import { RapportError } from '#libs/shared-kernel';

/** A partner integration names a party it was not granted, or a party names another party than itself. */
export class PartyOutOfScopeError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'ACCESS.PARTY_OUT_OF_SCOPE';
}

/** A partner integration records a kind of event it was not granted. */
export class EventTypeOutOfScopeError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'ACCESS.EVENT_TYPE_OUT_OF_SCOPE';
}

/** A partner integration acts for one of its parties at a time and must say which. */
export class OnBehalfOfRequiredError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'ACCESS.ON_BEHALF_OF_REQUIRED';
}
