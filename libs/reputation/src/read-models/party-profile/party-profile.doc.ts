import type { Flag, Rating } from '#libs/scoring';
import type { Role } from '#libs/shared-kernel';
import type { Evidence } from '../shared/evidence';
import type { StoredRating } from '../shared/stored-rating';

export interface PartyIdentity {
  readonly name: string;
  readonly roles: Role[];
  readonly industry: string;
  readonly region: string;
  readonly registeredAt: string;
  /** The last profile update, null until one. */
  readonly updatedAt: string | null;
}

export interface PartyProfileCounts {
  /** Relationships (supplier–client pairs) the party has any fact in. */
  readonly relationships: number;
  /** Shown, not scored: disputes raised by or against the party, in either role, not yet resolved. */
  readonly openDisputes: number;
}

/** What the projection needs and the public must not see; `publicProfileView` drops it. */
export interface PartyProfileInternal {
  /**
   * Last revision applied per stream, as [stream id, revision] pairs: a redelivered event is
   * recognised and changes nothing. Pairs rather than an object keyed by stream id, which the engine
   * would copy with a new hidden class per party at every event.
   */
  readonly streams: readonly (readonly [string, number])[];
  /**
   * The facts the ratings are computed from (see Evidence). They hold every fact, including the
   * average rating of feedback still hidden by the double-blind rule, which is why they stay internal.
   */
  readonly evidence: { readonly client: Evidence; readonly supplier: Evidence };
}

/**
 * Document `party-profile` / `<partyId>`: who a party is and how it rates in each role, as stored.
 * Read it through `publicProfileView`, which gives the ratings their scoring-lib shape back.
 */
export interface PartyProfileDoc {
  readonly partyId: string;
  /** Null until the party registers: evidence about it may arrive first. */
  readonly identity: PartyIdentity | null;
  /** The instant the ratings are computed as of: the latest `recordedAt` among the events applied. */
  readonly asOf: string;
  /** When the latest fact about the party happened. */
  readonly lastActivityAt: string;
  readonly asClient: StoredRating | null;
  readonly asSupplier: StoredRating | null;
  readonly counts: PartyProfileCounts;
  readonly internal: PartyProfileInternal;
}

/** What anyone may read of a profile. */
export interface PublicPartyProfile {
  readonly partyId: string;
  readonly identity: PartyIdentity | null;
  readonly asOf: string;
  readonly lastActivityAt: string;
  readonly asClient: Rating | null;
  readonly asSupplier: Rating | null;
  /** Public flags raised in either role: a flag is about the party, whatever hat it wore. */
  readonly flags: Flag[];
  readonly counts: PartyProfileCounts;
}
