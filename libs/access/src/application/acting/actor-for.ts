import type { Actor, PartyId } from '#libs/shared-kernel';
import { EventTypeOutOfScopeError, OnBehalfOfRequiredError, PartyOutOfScopeError } from '../../access.errors';
import type { Principal } from '../../principal';

export interface ActingRequest {
  /** The party a partner integration acts for; a party acts for itself and an admin for nobody. */
  readonly onBehalfOf?: PartyId;
  /** The type of the event the command records, checked against a partner's grant. */
  readonly eventType: string;
}

/**
 * The actor a command runs as. Only the grant is checked here; the domain's permission table still decides
 * who may record what, e.g. that a party records only in its own relationships and an admin, acting as the
 * system, only what the system may.
 */
export const actorFor = (principal: Principal, { onBehalfOf, eventType }: ActingRequest): Actor => {
  switch (principal.kind) {
    case 'party':
      if (onBehalfOf !== undefined && onBehalfOf !== principal.partyId) {
        throw new PartyOutOfScopeError(`${principal.partyId} acts only for itself, not for ${onBehalfOf}`, {
          partyId: principal.partyId,
          onBehalfOf,
        });
      }
      return { kind: 'party', partyId: principal.partyId };
    case 'partner': {
      const { partnerId, parties, eventTypes } = principal;
      if (onBehalfOf === undefined) {
        throw new OnBehalfOfRequiredError(`Partner ${partnerId} must name the party it acts for`, { partnerId });
      }
      if (!parties.includes(onBehalfOf)) {
        throw new PartyOutOfScopeError(`Partner ${partnerId} was not granted to act for ${onBehalfOf}`, {
          partnerId,
          onBehalfOf,
        });
      }
      if (eventTypes !== 'all' && !eventTypes.includes(eventType)) {
        throw new EventTypeOutOfScopeError(`Partner ${partnerId} was not granted to record ${eventType}`, {
          partnerId,
          eventType,
        });
      }
      return { kind: 'partner', partnerId, onBehalfOf };
    }
    case 'admin':
      if (onBehalfOf !== undefined) {
        throw new PartyOutOfScopeError(`An admin acts as the system, never for a party (${onBehalfOf})`, {
          admin: principal.name,
          onBehalfOf,
        });
      }
      return { kind: 'system' };
  }
};

/**
 * Whose idempotency keys these are: a client's key means something only together with who sent it. A
 * partner's keys (its `external_id`s) are the partner's, whichever of its parties it acts for.
 */
export const idempotencyScopeOf = (principal: Principal): string => {
  switch (principal.kind) {
    case 'party':
      return `party:${principal.partyId}`;
    case 'partner':
      return `partner:${principal.partnerId}`;
    case 'admin':
      return 'system';
  }
};
