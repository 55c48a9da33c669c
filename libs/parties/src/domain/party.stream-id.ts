import { PartyId } from '#libs/shared-kernel';

const PREFIX = 'party-';

export const partyStreamId = (partyId: PartyId): string => `${PREFIX}${partyId}`;

/** The party of a party stream, or undefined when the id is not one. */
export const parsePartyStreamId = (streamId: string): PartyId | undefined => {
  if (!streamId.startsWith(PREFIX)) return undefined;
  const partyId = streamId.slice(PREFIX.length);
  return PartyId.safeParse(partyId).success ? partyId : undefined;
};
