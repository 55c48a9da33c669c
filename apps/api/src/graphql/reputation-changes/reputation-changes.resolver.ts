import { Args, Context, ID, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { FindParty, partyIdArgument, type PublicPartyProfile } from '#libs/reputation';
import type { ApiContext } from '../context/api-context';
import { Party } from '../party/party.types';
import { ReputationChangeFeed, type ReputationChangePayload } from './reputation-change.feed';
import { ReputationChange } from './reputation-change.types';

@Resolver(() => ReputationChange)
export class ReputationChangesResolver {
  constructor(
    private readonly feed: ReputationChangeFeed,
    private readonly queries: QueryBus,
  ) {}

  @Subscription(() => ReputationChange, {
    description: "Over graphql-ws: each time a fact about the party has been recorded and projected, its new profile. Bursts come as one change.",
    resolve: (change: ReputationChangePayload, _args: unknown, ctx: ApiContext): ReputationChangePayload => {
      ctx.refreshReads();
      return change;
    },
  })
  reputationChanged(@Args('partyId', { type: () => ID }) partyId: string): Promise<AsyncIterableIterator<ReputationChangePayload>> {
    return this.feed.changesOf(partyIdArgument('partyId', partyId));
  }

  @ResolveField(() => Party, { nullable: true, description: 'The party as the read models now show it.' })
  party(@Parent() change: ReputationChangePayload, @Context() ctx: ApiContext): Promise<PublicPartyProfile | null> {
    return this.queries.execute(new FindParty(change.partyId, ctx.reads));
  }
}
