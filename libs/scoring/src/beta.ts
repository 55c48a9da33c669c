import type { ComponentPolicy } from './scoring-policy';
import { DAY_MS, YEAR_DAYS } from './time';

/** 2^(−age / half-life): evidence one half-life old counts half. */
export const decayAt = (atMs: number, asOfMs: number, halfLifeDays: number): number =>
  Math.pow(2, -(asOfMs - atMs) / (halfLifeDays * DAY_MS));

/**
 * Decayed length of a span in years: the integral of 2^(−age / h) over the span, so that a year
 * worked long ago counts as exactly as much as one decayed point event at each of its instants.
 */
export const decayedYears = (startMs: number, endMs: number, asOfMs: number, halfLifeDays: number): number => {
  if (endMs <= startMs) return 0;
  const h = halfLifeDays;
  return ((h / Math.LN2) * (decayAt(endMs, asOfMs, h) - decayAt(startMs, asOfMs, h))) / YEAR_DAYS;
};

export interface BetaEstimate {
  /** Posterior mean in [0, 1]: (r + W·m) / (r + s + W); with W = 2, m = ½ this is (r + 1) / (r + s + 2). */
  readonly value: number;
  /** n / (n + k) with n = r + s: 0 without evidence, ½ at k, approaching 1. */
  readonly confidence: number;
  /** Posterior mean minus z standard deviations of the Beta posterior, at least 0. */
  readonly lowerBound: number;
  /** Decayed, weighted positive (r) and negative (s) evidence. */
  readonly positive: number;
  readonly negative: number;
}

export const betaEstimate = (r: number, s: number, prior: ComponentPolicy, z: number): BetaEstimate => {
  const alpha = r + prior.priorStrength * prior.priorMean;
  const beta = s + prior.priorStrength * (1 - prior.priorMean);
  const total = alpha + beta;
  const value = alpha / total;
  const sd = Math.sqrt((alpha * beta) / (total * total * (total + 1)));
  const n = r + s;
  return {
    value,
    confidence: n / (n + prior.confidenceK),
    lowerBound: Math.max(0, value - z * sd),
    positive: r,
    negative: s,
  };
};
