import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { PublicPartyProfile } from '../../read-models/party-profile/party-profile.doc';
import { partyIdArgument } from '../arguments';
import { PartyNotFoundError } from '../reputation-query.errors';
import type { ReputationReads } from '../reputation-reads';

/** A party's public profile, asked for by id: an unknown party is a `PartyNotFoundError`. */
export class GetParty extends Query<PublicPartyProfile> {
  constructor(
    readonly partyId: string,
    readonly reads: ReputationReads,
  ) {
    super();
  }
}

/** A party's public profile when there is one (a party another document names), else null. */
export class FindParty extends Query<PublicPartyProfile | null> {
  constructor(
    readonly partyId: string,
    readonly reads: ReputationReads,
  ) {
    super();
  }
}

@QueryHandler(GetParty)
export class GetPartyHandler implements IQueryHandler<GetParty, PublicPartyProfile> {
  async execute({ partyId, reads }: GetParty): Promise<PublicPartyProfile> {
    const profile = await reads.profile(partyIdArgument('id', partyId));
    if (profile === null) throw new PartyNotFoundError(partyId);
    return profile;
  }
}

@QueryHandler(FindParty)
export class FindPartyHandler implements IQueryHandler<FindParty, PublicPartyProfile | null> {
  execute({ partyId, reads }: FindParty): Promise<PublicPartyProfile | null> {
    return reads.profile(partyId);
  }
}
