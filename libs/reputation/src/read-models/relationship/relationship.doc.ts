import type { MutualFit, Rating } from '#libs/scoring';
import type { Evidence } from '../shared/evidence';
import type { StoredRating } from '../shared/stored-rating';

export interface EngagementEnding {
  readonly endedBy: string;
  readonly reason: string;
  readonly amicable: boolean;
  readonly handoverArranged: boolean;
  readonly endedAt: string;
  readonly eventId: string;
}

export interface EngagementView {
  readonly engagementId: string;
  readonly paymentTermsDays: number;
  readonly startedAt: string;
  readonly eventId: string;
  readonly ending: EngagementEnding | null;
}

export interface DisputeView {
  readonly disputeId: string;
  readonly raisedBy: string;
  readonly reason: string;
  readonly raisedAt: string;
  readonly eventId: string;
  /** Null while open: an open dispute is shown, never scored. */
  readonly resolution: { readonly outcome: string; readonly resolvedAt: string; readonly eventId: string } | null;
}

export interface LegalActionView {
  readonly legalActionId: string;
  readonly takenBy: string;
  readonly kind: string;
  readonly grounds: string;
  readonly disputeId: string | null;
  readonly takenAt: string;
  readonly eventId: string;
  readonly conclusion: { readonly outcome: string; readonly concludedAt: string; readonly eventId: string } | null;
}

/** Who submitted feedback that is still sealed, without what it says. */
export interface PendingFeedback {
  readonly feedbackId: string;
  readonly engagementId: string;
  readonly by: string;
  readonly about: string;
  readonly submittedAt: string;
}

export interface SealedFeedback extends PendingFeedback {
  readonly ratings: Record<string, number>;
  readonly comment: string | null;
  readonly eventId: string;
}

export interface RevealedFeedback extends SealedFeedback {
  readonly revealedAt: string;
  readonly revealEventId: string;
}

export interface Retraction {
  readonly retractedEventId: string;
  readonly retractedBy: string;
  readonly reason: string;
  readonly retractedAt: string;
  readonly eventId: string;
}

export interface RelationshipCounts {
  readonly engagements: number;
  readonly invoices: number;
  readonly deliveries: number;
  readonly referrals: number;
  readonly priorityServices: number;
  readonly disputes: number;
  readonly openDisputes: number;
  readonly legalActions: number;
  readonly feedback: number;
  readonly pendingFeedback: number;
}

export type RelationshipStatus = 'active' | 'ended' | 'no_engagement';

/** What the projection needs and the public must not see; `publicRelationshipView` drops it. */
export interface RelationshipInternal {
  /** This pair's evidence only, per direction (see Evidence); holds sealed feedback's average rating, hence internal. */
  readonly evidence: { readonly client: Evidence; readonly supplier: Evidence };
  /** Double-blind feedback not yet revealed, with what it says: shown to its author only. */
  readonly sealedFeedback: SealedFeedback[];
}

/**
 * Document `relationship` / `<supplierId>:<clientId>`: everything between one supplier and one client, as
 * stored. Read it through `publicRelationshipView`, which gives the ratings their scoring-lib shape back.
 */
export interface RelationshipDoc {
  readonly supplierId: string;
  readonly clientId: string;
  readonly streamId: string;
  /** Last stream revision applied: a redelivered event is recognised and changes nothing. */
  readonly revision: number;
  /** The instant the ratings and tenure are computed as of: the latest `recordedAt` applied. */
  readonly asOf: string;
  readonly status: RelationshipStatus;
  /** The first engagement's start, null without one. */
  readonly since: string | null;
  readonly lastActivityAt: string;
  /** Days engaged as of `asOf`, overlapping engagements counted once. */
  readonly tenureDays: number;
  readonly engagements: EngagementView[];
  readonly disputes: DisputeView[];
  readonly legalActions: LegalActionView[];
  readonly feedback: RevealedFeedback[];
  readonly pendingFeedback: PendingFeedback[];
  readonly retractions: Retraction[];
  readonly counts: RelationshipCounts;
  /** The client as a client of this supplier, from this pair's evidence only. */
  readonly supplierViewOfClient: StoredRating | null;
  /** The supplier as a supplier of this client, from this pair's evidence only. */
  readonly clientViewOfSupplier: StoredRating | null;
  /** Null until both directions have evidence. */
  readonly fit: MutualFit | null;
  readonly internal: RelationshipInternal;
}

/** The public part of a relationship: everything but `internal`, with the ratings in the scoring lib's shape. */
export type RelationshipPublicFields = Omit<RelationshipDoc, 'internal' | 'supplierViewOfClient' | 'clientViewOfSupplier'> & {
  readonly supplierViewOfClient: Rating | null;
  readonly clientViewOfSupplier: Rating | null;
};
