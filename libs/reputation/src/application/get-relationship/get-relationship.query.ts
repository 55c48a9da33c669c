import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { PublicRelationshipView } from '../../read-models/relationship/relationship.queries';
import { ArgumentCheck } from '../arguments';
import { RelationshipNotFoundError } from '../reputation-query.errors';
import type { ReputationReads } from '../reputation-reads';

/** One supplier–client relationship as the reader may see it; unknown is a `RelationshipNotFoundError`. */
export class GetRelationship extends Query<PublicRelationshipView> {
  constructor(
    readonly supplierId: string,
    readonly clientId: string,
    readonly reads: ReputationReads,
  ) {
    super();
  }
}

@QueryHandler(GetRelationship)
export class GetRelationshipHandler implements IQueryHandler<GetRelationship, PublicRelationshipView> {
  async execute({ supplierId, clientId, reads }: GetRelationship): Promise<PublicRelationshipView> {
    const check = new ArgumentCheck();
    check.partyId('supplierId', supplierId);
    check.partyId('clientId', clientId);
    check.done();
    const view = await reads.relationship(supplierId, clientId);
    if (view === null) throw new RelationshipNotFoundError(supplierId, clientId);
    return view;
  }
}
