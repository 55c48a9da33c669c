import type { PartyAccumulators } from '#libs/scoring';
import { accumulatorOf } from '../shared/evidence';
import { ratingView } from '../shared/stored-rating';
import type { PartyProfileDoc, PublicPartyProfile } from './party-profile.doc';

/** What anyone may read of a profile: everything but the evidence, which holds sealed feedback. */
export const publicProfileView = (doc: PartyProfileDoc): PublicPartyProfile => {
  const asClient = ratingView(doc.asClient);
  const asSupplier = ratingView(doc.asSupplier);
  const flags = [...(asClient?.flags ?? []), ...(asSupplier?.flags ?? [])];
  return { partyId: doc.partyId, identity: doc.identity, asOf: doc.asOf, lastActivityAt: doc.lastActivityAt, asClient, asSupplier, flags, counts: doc.counts };
};

/**
 * The scoring lib's accumulators a profile was rated from, for jobs that rate parties again: how the
 * document keeps them (`internal.evidence`) is the read model's business and may change with its version.
 */
export const profileAccumulators = (doc: PartyProfileDoc): PartyAccumulators => ({
  client: accumulatorOf(doc.partyId, 'client', doc.internal.evidence.client),
  supplier: accumulatorOf(doc.partyId, 'supplier', doc.internal.evidence.supplier),
});
