import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { GetParty, GetPartyTimeline, ListPartyRelationships, type Page, type PublicPartyProfile, type RelationshipPage, type TimelineItem } from '#libs/reputation';
import type { ApiContext } from '../context/api-context';
import { PageArgs } from '../common/page.args';
import { RelationshipConnection } from '../relationship/relationship.types';
import { TimelineConnection } from '../timeline/timeline.types';
import { connectionComplexity } from '../limits/query-limits';
import { Party } from './party.types';

@Resolver(() => Party)
export class PartyResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => Party, { nullable: true, description: 'A party by id; null with a NOT_FOUND error when no party has that id.' })
  party(@Args('id', { type: () => ID }) id: string, @Context() ctx: ApiContext): Promise<PublicPartyProfile> {
    return this.queries.execute(new GetParty(id, ctx.reads));
  }

  @ResolveField(() => RelationshipConnection, { complexity: connectionComplexity, description: 'Relationships in either role, most recently active first.' })
  relationships(@Parent() party: PublicPartyProfile, @Args() page: PageArgs, @Context() ctx: ApiContext): Promise<RelationshipPage> {
    return this.queries.execute(new ListPartyRelationships(party.partyId, page, ctx.reads));
  }

  @ResolveField(() => TimelineConnection, { complexity: connectionComplexity, description: 'What happened to the party, newest first.' })
  timeline(@Parent() party: PublicPartyProfile, @Args() page: PageArgs): Promise<Page<TimelineItem>> {
    return this.queries.execute(new GetPartyTimeline(party.partyId, page));
  }
}
