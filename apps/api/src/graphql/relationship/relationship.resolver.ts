import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { FindParty, GetRelationship, type PublicPartyProfile, type PublicRelationshipView } from '#libs/reputation';
import type { ApiContext } from '../context/api-context';
import { Party } from '../party/party.types';
import { Relationship } from './relationship.types';

@Resolver(() => Relationship)
export class RelationshipResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => Relationship, { nullable: true, description: 'One supplier–client relationship; null with a NOT_FOUND error when there is none.' })
  relationship(
    @Args('supplierId', { type: () => ID }) supplierId: string,
    @Args('clientId', { type: () => ID }) clientId: string,
    @Context() ctx: ApiContext,
  ): Promise<PublicRelationshipView> {
    return this.queries.execute(new GetRelationship(supplierId, clientId, ctx.reads));
  }

  @ResolveField(() => Party, { nullable: true, description: "The supplier's own profile." })
  supplier(@Parent() relationship: PublicRelationshipView, @Context() ctx: ApiContext): Promise<PublicPartyProfile | null> {
    return this.queries.execute(new FindParty(relationship.supplierId, ctx.reads));
  }

  @ResolveField(() => Party, { nullable: true, description: "The client's own profile." })
  client(@Parent() relationship: PublicRelationshipView, @Context() ctx: ApiContext): Promise<PublicPartyProfile | null> {
    return this.queries.execute(new FindParty(relationship.clientId, ctx.reads));
  }
}
