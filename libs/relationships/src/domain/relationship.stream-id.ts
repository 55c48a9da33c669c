import { PartyId } from '#libs/shared-kernel';

export interface RelationshipRef {
  readonly supplierId: PartyId;
  readonly clientId: PartyId;
}

const PREFIX = 'relationship-';

/** Party ids hold no '-', so the stream id splits back unambiguously. */
export const relationshipStreamId = (supplierId: PartyId, clientId: PartyId): string =>
  `${PREFIX}${supplierId}-${clientId}`;

/** The two parties of a relationship stream, or undefined when the id is not one. */
export const parseRelationshipStreamId = (streamId: string): RelationshipRef | undefined => {
  if (!streamId.startsWith(PREFIX)) return undefined;
  const parts = streamId.slice(PREFIX.length).split('-');
  if (parts.length !== 2) return undefined;
  const [supplierId, clientId] = parts;
  if (!PartyId.safeParse(supplierId).success || !PartyId.safeParse(clientId).success) return undefined;
  return { supplierId, clientId };
};
