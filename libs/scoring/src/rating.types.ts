import type { Role } from '#libs/shared-kernel';
import type { BetaEstimate } from './beta';
import type { ComponentName, Grade } from './scoring-policy';

/** One line of "why": a group of evidence and how many points the score would differ without it. */
export interface Reason {
  readonly component: ComponentName;
  readonly direction: 'raised' | 'lowered';
  /** Points on the 0–100 scale: the score with this evidence minus the score without it, in absolute value. */
  readonly impact: number;
  readonly text: string;
  readonly eventIds: readonly string[];
}

export interface ComponentScore extends BetaEstimate {
  readonly component: ComponentName;
  readonly weight: number;
  /** How many events' evidence went into it (before decay). */
  readonly evidenceCount: number;
  /** Punctuality only: the decayed, dampened-amount-weighted PAYDEX; null without payments. */
  readonly paydex?: number | null;
  /** All of this component's reasons, strongest first. */
  readonly reasons: readonly Reason[];
}

export interface Flag {
  readonly flag: 'retaliation';
  readonly since: string;
  readonly text: string;
  readonly eventIds: readonly string[];
}

export interface OpenDispute {
  readonly disputeId: string;
  readonly counterpartyId: string;
  readonly raisedAt: string;
  readonly raisedByParty: boolean;
  readonly eventId: string;
}

export interface LegalActionRecord {
  readonly legalActionId: string;
  readonly counterpartyId: string;
  readonly takenAt: string;
  readonly takenByParty: boolean;
  readonly grounds: string;
  readonly kind: string;
  readonly retaliation: boolean;
  /** Relative to the party that took the action; null while pending. */
  readonly outcome: 'won' | 'lost' | 'settled' | 'withdrawn' | null;
  readonly eventIds: readonly string[];
}

export type ConfidenceLevel = 'low' | 'medium' | 'high';

/** How good a party is to work with in one role, as of one instant, under one policy version. */
export interface Rating {
  readonly partyId: string;
  readonly role: Role;
  readonly asOf: string;
  readonly policyVersion: string;
  /** 0–100: component values weighted by weight × confidence, capped while flagged for retaliation. */
  readonly score: number;
  readonly grade: Grade;
  /** 0–1: the components' confidences weighted by their weights. */
  readonly confidence: number;
  readonly confidenceLevel: ConfidenceLevel;
  /** 0–100, never above `score`: the same weighting over each component's Beta lower bound. Rank by this. */
  readonly rankingScore: number;
  readonly components: Readonly<Partial<Record<ComponentName, ComponentScore>>>;
  readonly flags: readonly Flag[];
  /** The strongest reasons, retaliation always first. */
  readonly reasons: readonly Reason[];
  /** Shown, not scored. */
  readonly openDisputes: readonly OpenDispute[];
  readonly legalActions: readonly LegalActionRecord[];
  /** Feedback about the party still hidden by the double-blind rule. */
  readonly hiddenFeedback: number;
}

export interface PartyRatings {
  readonly partyId: string;
  readonly asOf: string;
  readonly asClient: Rating | null;
  readonly asSupplier: Rating | null;
  /** Public flags raised in either role: a flag is about the party, whatever hat it wore. */
  readonly flags: readonly Flag[];
}
