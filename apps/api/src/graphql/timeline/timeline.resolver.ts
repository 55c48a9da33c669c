import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { FindParty, type PublicPartyProfile, type TimelineItem } from '#libs/reputation';
import type { ApiContext } from '../context/api-context';
import { Party } from '../party/party.types';
import { TimelineEntry } from './timeline.types';

@Resolver(() => TimelineEntry)
export class TimelineEntryResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => Party, { nullable: true, description: 'The other party of a relationship fact.' })
  counterparty(@Parent() entry: TimelineItem, @Context() ctx: ApiContext): Promise<PublicPartyProfile | null> | null {
    return entry.counterpartyId === null ? null : this.queries.execute(new FindParty(entry.counterpartyId, ctx.reads));
  }
}
