import type { EvidenceAccumulator, Flag, Rating } from '#libs/scoring';
import type { Role } from '#libs/shared-kernel';

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
  /** Last stream revision applied, per stream: a redelivered event is recognised and changes nothing. */
  readonly streams: Record<string, number>;
  /**
   * The scoring lib's accumulators, as they are. They hold every fact, including the average rating of
   * feedback still hidden by the double-blind rule, which is why they stay internal.
   */
  readonly evidence: { readonly client: EvidenceAccumulator; readonly supplier: EvidenceAccumulator };
}

/** Document `party-profile` / `<partyId>`: who a party is and how it rates in each role. */
export interface PartyProfileDoc {
  readonly partyId: string;
  /** Null until the party registers: evidence about it may arrive first. */
  readonly identity: PartyIdentity | null;
  /** The instant the ratings are computed as of: the latest `recordedAt` among the events applied. */
  readonly asOf: string;
  /** When the latest fact about the party happened. */
  readonly lastActivityAt: string;
  readonly asClient: Rating | null;
  readonly asSupplier: Rating | null;
  /** Public flags raised in either role: a flag is about the party, whatever hat it wore. */
  readonly flags: Flag[];
  readonly counts: PartyProfileCounts;
  readonly internal: PartyProfileInternal;
}

export type PublicPartyProfile = Omit<PartyProfileDoc, 'internal'>;
