import { eigenTrust } from './eigen-trust';
import { fairnessGoodness } from './fairness-goodness';
import type { TrustGraph } from './trust-graph';
import type { TrustPolicy } from './trust-policy';

/** What scoring needs to know of a rater: how fair its ratings are and how much standing it has, each 0–1. */
export interface RaterWeight {
  readonly fairness: number;
  readonly standing: number;
}

/** What `propagate-trust` learns about every node of the graph. */
export interface TrustWeights {
  readonly graph: TrustGraph;
  readonly fairness: Float64Array;
  readonly goodness: Float64Array;
  /** EigenTrust's global trust, summing to 1. */
  readonly trust: Float64Array;
  /** 0–1: 1 − exp(−N·t / scale). */
  readonly standing: Float64Array;
  /** 0–1: fairness × standing, the share of a rater's evidence that counts without limit. */
  readonly weight: Float64Array;
  readonly iterations: { readonly fairnessGoodness: number; readonly eigenTrust: number };
  readonly converged: boolean;
}

/**
 * A rater's combined weight: fair (its ratings agree with what everyone else says about the same parties)
 * and standing (established parties vouch for it, directly or through others). A product, because either
 * failing is reason enough to doubt a rater: a ring is fair among itself but has no standing; an established
 * party that rates everyone unfairly has standing but no fairness.
 */
export const combinedWeight = ({ fairness, standing }: RaterWeight): number => clamp01(fairness) * clamp01(standing);

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/** Standing from EigenTrust's global trust t in a graph of n nodes: 1 − exp(−n·t / scale). */
export const standingOf = (trust: number, n: number, policy: TrustPolicy): number => 1 - Math.exp((-n * trust) / policy.standingScale);

/** Fairness × Goodness and EigenTrust over the graph, each to convergence, then each rater's weight. */
export const propagateTrust = (graph: TrustGraph, preTrust: ArrayLike<number>, policy: TrustPolicy): TrustWeights => {
  const fxg = fairnessGoodness(graph, policy.fairnessGoodness);
  const eigen = eigenTrust(graph, preTrust, policy.eigenTrust);
  const n = graph.size;
  const standing = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    standing[i] = standingOf(eigen.trust[i], n, policy);
    weight[i] = combinedWeight({ fairness: fxg.fairness[i], standing: standing[i] });
  }
  return {
    graph,
    fairness: fxg.fairness,
    goodness: fxg.goodness,
    trust: eigen.trust,
    standing,
    weight,
    iterations: { fairnessGoodness: fxg.iterations, eigenTrust: eigen.iterations },
    converged: fxg.converged && eigen.converged,
  };
};

/** A party the last propagation did not know is a newcomer: fair until shown otherwise, without standing. */
export const NEWCOMER: RaterWeight = Object.freeze({ fairness: 1, standing: 0 });

/** Rater weights by party id, for scoring. */
export const weightLookup = (weights: TrustWeights): ((partyId: string) => RaterWeight) => {
  const byIndex = Array.from(weights.fairness, (fairness, i): RaterWeight => ({ fairness, standing: weights.standing[i] }));
  return (partyId) => byIndex[weights.graph.indexOf.get(partyId) ?? -1] ?? NEWCOMER;
};
