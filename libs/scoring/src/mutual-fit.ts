import type { Rating } from './rating.types';
import { type Grade, type ScoringPolicy, gradeFor } from './scoring-policy';

/**
 * How well one supplier and one client work for each other, each direction measured from the pair's
 * own evidence only: the client as a client of this supplier, the supplier as a supplier of this client.
 */
export interface MutualFit {
  /** The power mean of the two directions' scores (harmonic by default): high only when both are. */
  readonly score: number;
  readonly grade: Grade;
  /** The weaker direction's confidence: we know the pair only as well as its less-known side. */
  readonly confidence: number;
  /** The same mean over the two ranking scores. */
  readonly rankingScore: number;
  readonly supplierViewOfClient: number;
  readonly clientViewOfSupplier: number;
  /** The direction that holds the fit back, or null when both are within a point of each other. */
  readonly weakerSide: 'client' | 'supplier' | null;
}

/** ((aᵖ + bᵖ) / 2)^(1/p) on the 0–100 scale; p = 0 is the geometric mean, and a zero side gives zero for p ≤ 0. */
export const powerMean = (a: number, b: number, p: number): number => {
  if (p === 0) return Math.sqrt(a * b);
  if (p < 0 && (a === 0 || b === 0)) return 0;
  return Math.pow((Math.pow(a, p) + Math.pow(b, p)) / 2, 1 / p);
};

export const mutualFit = (supplierViewOfClient: Rating, clientViewOfSupplier: Rating, policy: ScoringPolicy): MutualFit => {
  const forSupplier = supplierViewOfClient.score;
  const forClient = clientViewOfSupplier.score;
  const p = policy.mutualFitExponent;
  const score = powerMean(forSupplier, forClient, p);
  return {
    score,
    grade: gradeFor(score, policy),
    confidence: Math.min(supplierViewOfClient.confidence, clientViewOfSupplier.confidence),
    rankingScore: powerMean(supplierViewOfClient.rankingScore, clientViewOfSupplier.rankingScore, p),
    supplierViewOfClient: forSupplier,
    clientViewOfSupplier: forClient,
    weakerSide: Math.abs(forSupplier - forClient) < 1 ? null : forSupplier < forClient ? 'client' : 'supplier',
  };
};
