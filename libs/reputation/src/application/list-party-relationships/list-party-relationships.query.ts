import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ReadStoreReader } from '#libs/projector';
import { RELATIONSHIP_PROJECTION } from '../../read-models/relationship/relationship.projection';
import type { PublicRelationshipView } from '../../read-models/relationship/relationship.queries';
import { relationshipsOfIndex } from '../../read-models/shared/keys';
import { partyIdArgument } from '../arguments';
import { decodeIndexCursor, indexCursor } from '../paging/cursors';
import { type Edge, type Page, type PageRequest, pageInfoOf, pageSizeOf } from '../paging/page';
import { REPUTATION_READ_STORE } from '../reputation-read-store';
import type { ReputationReads } from '../reputation-reads';

export type RelationshipPage = Page<PublicRelationshipView> & {
  /** How many relationships the party has; a function so that only a client that asks pays the read. */
  readonly totalCount: () => Promise<number>;
};

/** A party's relationships, in either role, most recently active first. */
export class ListPartyRelationships extends Query<RelationshipPage> {
  constructor(
    readonly partyId: string,
    readonly page: PageRequest,
    readonly reads: ReputationReads,
  ) {
    super();
  }
}

@QueryHandler(ListPartyRelationships)
export class ListPartyRelationshipsHandler implements IQueryHandler<ListPartyRelationships, RelationshipPage> {
  constructor(@Inject(REPUTATION_READ_STORE) private readonly reader: ReadStoreReader) {}

  async execute({ partyId, page, reads }: ListPartyRelationships): Promise<RelationshipPage> {
    const index = relationshipsOfIndex(partyIdArgument('partyId', partyId));
    const first = pageSizeOf(page.first);
    const { offset } = decodeIndexCursor(page.after);
    const members = await this.reader.rangeIndex(RELATIONSHIP_PROJECTION, index, { order: 'desc', offset, count: first + 1 });
    const shown = members.slice(0, first);
    const views = await reads.relationshipsOf(shown.map(({ member }) => member));
    // The index and the documents are committed together: a member without its document is not expected.
    const edges = views.flatMap((node, i): Edge<PublicRelationshipView>[] => (node ? [{ cursor: indexCursor(offset + i + 1), node }] : []));
    return {
      edges,
      pageInfo: pageInfoOf(edges, members.length > first, offset > 0),
      totalCount: () => this.reader.indexSize(RELATIONSHIP_PROJECTION, index),
    };
  }
}
