import { actorFor, type Principal } from '#libs/access';
import { RapportError } from '#libs/shared-kernel';
import type { IngestionItem } from '../events/event-to-command';

export type PartnerPrincipal = Extract<Principal, { kind: 'partner' }>;

/** Ingestion records attested evidence from partner integrations only. */
export class NotAPartnerKeyError extends RapportError {
  readonly kind = 'forbidden';
  readonly code = 'INGESTION.NOT_A_PARTNER_KEY';
}

export const requirePartner = (principal: Principal): PartnerPrincipal => {
  if (principal.kind === 'partner') return principal;
  throw new NotAPartnerKeyError(`Ingestion takes partner keys; this key belongs to ${principal.kind === 'party' ? 'a party' : 'an admin'}`, {
    principal: principal.kind,
  });
};

/**
 * The key's grant (its parties and kinds of event), checked before anything is recorded so that a batch
 * outside its scope records nothing. The command handlers check the same grant again with the same function.
 */
export const requireInScope = (principal: PartnerPrincipal, item: IngestionItem): void => {
  actorFor(principal, { onBehalfOf: item.onBehalfOf, eventType: item.eventType });
};
