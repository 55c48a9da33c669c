import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/access';
import { FindParty, type PublicPartyProfile } from '#libs/reputation';
import type { ApiContext } from '../context/api-context';
import { Party } from '../party/party.types';
import { Me } from './me.types';

const meOf = (principal: Principal): Me => ({
  kind: principal.kind,
  credentialId: principal.credentialId,
  partyId: principal.kind === 'party' ? principal.partyId : null,
  partnerId: principal.kind === 'partner' ? principal.partnerId : null,
  grantedParties: principal.kind === 'partner' ? [...principal.parties] : null,
  grantedEventTypes: principal.kind === 'partner' && principal.eventTypes !== 'all' ? [...principal.eventTypes] : null,
  name: principal.kind === 'admin' ? principal.name : null,
});

@Resolver(() => Me)
export class MeResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => Me, { description: 'Who the bearer token belongs to.' })
  me(@Context() ctx: ApiContext): Me {
    return meOf(ctx.viewer);
  }

  @ResolveField(() => Party, { nullable: true, description: "A party: its own profile (null until its first fact is projected). Others: null." })
  party(@Parent() me: Me, @Context() ctx: ApiContext): Promise<PublicPartyProfile | null> | null {
    return me.partyId === null ? null : this.queries.execute(new FindParty(me.partyId, ctx.reads));
  }
}
