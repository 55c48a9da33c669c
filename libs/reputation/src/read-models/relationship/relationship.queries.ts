import { ratingView } from '../shared/stored-rating';
import type { RelationshipDoc, RelationshipPublicFields, SealedFeedback } from './relationship.doc';

export type PublicRelationshipView = RelationshipPublicFields & {
  /** Sealed feedback the viewer wrote itself; empty for anyone else. */
  readonly viewerSealedFeedback: SealedFeedback[];
};

/**
 * A relationship as `viewerPartyId` may see it. Sealed feedback is shown to its author only; everyone sees
 * that it was submitted (`pendingFeedback`), never what it says, until it is revealed.
 */
export const publicRelationshipView = (doc: RelationshipDoc, viewerPartyId: string | null): PublicRelationshipView => {
  const { internal, supplierViewOfClient, clientViewOfSupplier, ...view } = doc;
  const viewerSealedFeedback = viewerPartyId === null ? [] : internal.sealedFeedback.filter((f) => f.by === viewerPartyId);
  return { ...view, supplierViewOfClient: ratingView(supplierViewOfClient), clientViewOfSupplier: ratingView(clientViewOfSupplier), viewerSealedFeedback };
};
