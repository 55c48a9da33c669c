import type { RelationshipDoc, SealedFeedback } from './relationship.doc';

export type PublicRelationshipView = Omit<RelationshipDoc, 'internal'> & {
  /** Sealed feedback the viewer wrote itself; empty for anyone else. */
  readonly viewerSealedFeedback: SealedFeedback[];
};

/**
 * A relationship as `viewerPartyId` may see it. Sealed feedback is shown to its author only; everyone sees
 * that it was submitted (`pendingFeedback`), never what it says, until it is revealed.
 */
export const publicRelationshipView = (doc: RelationshipDoc, viewerPartyId: string | null): PublicRelationshipView => {
  const { internal, ...view } = doc;
  const viewerSealedFeedback = viewerPartyId === null ? [] : internal.sealedFeedback.filter((f) => f.by === viewerPartyId);
  return { ...view, viewerSealedFeedback };
};
