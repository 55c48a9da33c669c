import { RapportError, type ValidationIssue } from '#libs/shared-kernel';

/** A query whose arguments do not have the expected shape; `issues` address each wrong field. */
export class InvalidReputationQueryError extends RapportError {
  readonly kind = 'validation';

  constructor(
    readonly code: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`Invalid query: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
  }
}

export class PartyNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'REPUTATION.PARTY_NOT_FOUND';

  constructor(readonly partyId: string) {
    super(`No party ${partyId} is known`, { partyId });
  }
}

export class RelationshipNotFoundError extends RapportError {
  readonly kind = 'not-found';
  readonly code = 'REPUTATION.RELATIONSHIP_NOT_FOUND';

  constructor(
    readonly supplierId: string,
    readonly clientId: string,
  ) {
    super(`No relationship between supplier ${supplierId} and client ${clientId} is known`, { supplierId, clientId });
  }
}
