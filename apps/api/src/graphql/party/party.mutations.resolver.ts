import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { ApiContext } from '../context/api-context';
import { FactWriter } from '../writes/fact-writer';
import { RecordedFact, WriteArgs } from '../writes/recorded.types';
import { RegisterPartyInput, UpdatePartyProfileInput } from './party.inputs';

/** A party's identity is its own: the party itself or an admin (as the system) records it, never a partner. */
@Resolver()
export class PartyMutationsResolver {
  constructor(private readonly writer: FactWriter) {}

  @Mutation(() => RecordedFact, { description: 'A party registered; registering again with the same profile records nothing.' })
  registerParty(@Args('input') input: RegisterPartyInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.partyFact(ctx.viewer, 'RegisterParty', input, write);
  }

  @Mutation(() => RecordedFact, { description: "A party's profile changed; only the fields that differ are recorded." })
  updatePartyProfile(@Args('input') input: UpdatePartyProfileInput, @Args() write: WriteArgs, @Context() ctx: ApiContext): Promise<RecordedFact> {
    return this.writer.partyFact(ctx.viewer, 'UpdatePartyProfile', input, write);
  }
}
