import type { RelationshipDoc } from '../read-models/relationship/relationship.doc';
import { publicRelationshipView, type PublicRelationshipView } from '../read-models/relationship/relationship.queries';

/**
 * Who reads, as far as what they may see goes. An authenticated principal (`#libs/access`) fits as is.
 * Public profiles, relationships, rankings and timelines are open to every viewer; feedback still sealed
 * by the double-blind rule is not.
 */
export type Viewer = { readonly kind: 'party'; readonly partyId: string } | { readonly kind: 'partner' } | { readonly kind: 'admin' };

/**
 * A relationship as `viewer` may see it. Sealed feedback (`viewerSealedFeedback`): a party sees what it
 * wrote itself, an admin sees all of it, a partner integration none — it acts for parties but is not one.
 */
export const relationshipViewFor = (doc: RelationshipDoc, viewer: Viewer): PublicRelationshipView => {
  if (viewer.kind === 'admin') return { ...publicRelationshipView(doc, null), viewerSealedFeedback: doc.internal.sealedFeedback };
  return publicRelationshipView(doc, viewer.kind === 'party' ? viewer.partyId : null);
};
