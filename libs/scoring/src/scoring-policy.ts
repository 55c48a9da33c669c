import type { Role } from '#libs/shared-kernel';

export const COMPONENTS = ['punctuality', 'reliability', 'loyalty', 'advocacy', 'conflict', 'feedback'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export type Grade = 'A' | 'B' | 'C' | 'D';

/** How one component turns weighted evidence into a Beta estimate. */
export interface ComponentPolicy {
  /** Evidence this many days old counts half as much as evidence from `asOf`. */
  readonly halfLifeDays: number;
  /** Where a party with no evidence starts: the prior mean and its weight in pseudo-observations. */
  readonly priorMean: number;
  readonly priorStrength: number;
  /** The amount of (decayed, weighted) evidence at which confidence reaches one half. */
  readonly confidenceK: number;
}

/** Negative evidence weights for each side of a resolved dispute or a concluded legal action. */
export interface OutcomeWeights<Side extends string> {
  readonly [outcome: string]: Readonly<Record<Side, number>>;
}

/**
 * Every number the rating model uses, under one version. A rating names the version it was computed
 * with, so a score can be recomputed and explained exactly; changing any value means a new version.
 */
export interface ScoringPolicy {
  readonly version: string;
  readonly components: Readonly<Record<ComponentName, ComponentPolicy>>;
  /** A role has exactly the components it gives a positive weight. */
  readonly weights: Readonly<Record<Role, Readonly<Partial<Record<ComponentName, number>>>>>;
  /** Components with only positive evidence add bonus points instead of joining the average, so they never lower it. */
  readonly raiseOnly: readonly ComponentName[];
  /** Multiplies evidence recorded by a partner integration; self-reported evidence weighs 1. */
  readonly attestedWeight: number;
  readonly paydex: {
    readonly upfront: number;
    /** [days beyond terms, PAYDEX] points, interpolated linearly and flat beyond both ends. */
    readonly table: readonly (readonly [number, number])[];
    /** PAYDEX at or above which a payment is a full success, and at or below which it is a full failure. */
    readonly fullCreditFrom: number;
    readonly noCreditAt: number;
  };
  /** Invoice weight = clamp((amount / reference)^exponent, min, max): a scale, not an exchange rate. */
  readonly invoiceWeight: {
    readonly referenceAmount: Readonly<Record<string, number>> & { readonly default: number };
    readonly exponent: number;
    readonly min: number;
    readonly max: number;
  };
  readonly reliability: {
    readonly deliveryWeight: number;
    /** A delivery this many days late is a full failure; fewer days late, a partial one. */
    readonly lateDaysToZero: number;
    readonly priorityServiceWeight: number;
  };
  readonly loyalty: {
    readonly tenureWeightPerYear: number;
    readonly repeatEngagementWeight: number;
    /** Ending on bad terms (not amicable, or while a dispute is open) without a hand-over; the ender only. */
    readonly walkOutWeight: number;
  };
  readonly advocacy: { readonly referralWeight: number };
  readonly conflict: {
    /** A year of working together is a year in which conflict could have happened and did not count. */
    readonly peacefulYearWeight: number;
    readonly disputeOutcomes: OutcomeWeights<'raiser' | 'respondent'>;
    readonly legalOutcomes: OutcomeWeights<'taker' | 'other'>;
  };
  readonly retaliation: {
    readonly grounds: readonly string[];
    readonly weight: number;
    /** While flagged, the overall score (and ranking score) is at most this. */
    readonly maxScore: number;
    readonly flagMonths: number;
  };
  readonly feedback: {
    readonly weightPerFeedback: number;
    /** Double-blind: feedback counts only once a FeedbackRevealed event made it visible. */
    readonly scoreOnlyRevealed: true;
  };
  /** Highest first; a score gets the first grade whose minimum it reaches. */
  readonly grades: readonly { readonly grade: Grade; readonly minScore: number }[];
  readonly confidenceLevels: { readonly high: number; readonly medium: number };
  /** Standard normal quantile for the Beta lower bound used to rank (1.645: one-sided 95 %). */
  readonly rankingZ: number;
  /**
   * Mutual fit is the power mean ((aᵖ + bᵖ) / 2)^(1/p) of the two directions: p = −1 is the harmonic
   * mean (as in the F1 score), p = 0 the geometric mean, p = 1 the arithmetic mean. The lower p, the
   * less a delighted side can make up for an unhappy one.
   */
  readonly mutualFitExponent: number;
  readonly reasons: { readonly max: number; readonly minImpact: number };
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

const component = (halfLifeDays: number, confidenceK: number): ComponentPolicy => ({
  halfLifeDays,
  priorMean: 0.5,
  priorStrength: 2,
  confidenceK,
});

export const DEFAULT_SCORING_POLICY: ScoringPolicy = deepFreeze({
  version: '2026-11-1',
  components: {
    punctuality: component(730, 8),
    reliability: component(730, 8),
    loyalty: component(1826, 2),
    advocacy: component(1095, 2),
    conflict: component(1095, 3),
    feedback: component(730, 3),
  },
  weights: {
    client: { punctuality: 0.4, conflict: 0.25, loyalty: 0.15, feedback: 0.1, advocacy: 0.1 },
    supplier: { reliability: 0.35, conflict: 0.25, feedback: 0.2, loyalty: 0.1, advocacy: 0.1 },
  },
  raiseOnly: ['advocacy'],
  attestedWeight: 1.5,
  paydex: {
    upfront: 100,
    table: [[-30, 100], [0, 80], [15, 70], [22, 60], [30, 50], [60, 40], [90, 30], [120, 20]],
    fullCreditFrom: 80,
    noCreditAt: 20,
  },
  invoiceWeight: {
    referenceAmount: { default: 1000, JPY: 150_000, KRW: 1_300_000, INR: 80_000, CNY: 7000 },
    exponent: 0.5,
    min: 0.25,
    max: 3,
  },
  reliability: { deliveryWeight: 1, lateDaysToZero: 30, priorityServiceWeight: 1 },
  loyalty: { tenureWeightPerYear: 1, repeatEngagementWeight: 1, walkOutWeight: 0.5 },
  advocacy: { referralWeight: 1 },
  conflict: {
    peacefulYearWeight: 1,
    disputeOutcomes: {
      upheld: { raiser: 0, respondent: 2 },
      rejected: { raiser: 2, respondent: 0 },
      settled: { raiser: 0.5, respondent: 0.5 },
      withdrawn: { raiser: 0.5, respondent: 0 },
    },
    legalOutcomes: {
      won: { taker: 0, other: 3 },
      lost: { taker: 3, other: 0 },
      settled: { taker: 1, other: 1 },
      withdrawn: { taker: 1, other: 0 },
    },
  },
  retaliation: { grounds: ['review', 'feedback'], weight: 10, maxScore: 49, flagMonths: 60 },
  feedback: { weightPerFeedback: 1, scoreOnlyRevealed: true },
  grades: [
    { grade: 'A', minScore: 80 },
    { grade: 'B', minScore: 65 },
    { grade: 'C', minScore: 50 },
    { grade: 'D', minScore: 0 },
  ],
  confidenceLevels: { high: 0.6, medium: 0.3 },
  rankingZ: 1.645,
  mutualFitExponent: -1,
  reasons: { max: 5, minImpact: 0.05 },
});

export const componentsOf = (role: Role, policy: ScoringPolicy): ComponentName[] =>
  COMPONENTS.filter((c) => (policy.weights[role][c] ?? 0) > 0);

export const gradeFor = (score: number, policy: ScoringPolicy): Grade =>
  (policy.grades.find((g) => score >= g.minScore) ?? policy.grades[policy.grades.length - 1]).grade;

export const gradeRank = (grade: Grade): number => 'ABCD'.indexOf(grade);
