import type { PartyProfileDoc, PublicPartyProfile } from './party-profile.doc';

/** What anyone may read of a profile: everything but the evidence, which holds sealed feedback. */
export const publicProfileView = (doc: PartyProfileDoc): PublicPartyProfile => {
  const { internal: _internal, ...view } = doc;
  return view;
};
