import type { TrustGraph } from './trust-graph';
import type { IterationLimits } from './trust-policy';

export interface FairnessGoodness {
  /** 0–1 per node: 1 − the weighted mean distance of its ratings from their targets' goodness, over the range 2. */
  readonly fairness: Float64Array;
  /** −1 to +1 per node: the mean of the ratings it received, each scaled by its rater's fairness. */
  readonly goodness: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** L1 change of fairness and goodness together in the last iteration. */
  readonly delta: number;
}

const RANGE = 2;

/**
 * Fairness × Goodness (Kumar, Spezzano, Subrahmanian, Faloutsos, ICDM 2016), with edge weights:
 *
 *   g(v) = Σ_{u→v} w·f(u)·W(u,v) / Σ_{u→v} w          f(u) = 1 − Σ_{u→v} w·|W(u,v) − g(v)| / (R · Σ_{u→v} w)
 *
 * from f = g = 1, alternating until the L1 change of both vectors is below the tolerance. As in the paper,
 * goodness divides by the ratings' weight, not by the raters' fairness: an unfair rater's rating is pulled
 * towards neutral (0) instead of only counting less. A node nobody rated has goodness 0; a node that rated
 * nobody keeps fairness 1 (it is never used).
 */
export const fairnessGoodness = (graph: TrustGraph, limits: IterationLimits): FairnessGoodness => {
  const n = graph.size;
  const fairness = new Float64Array(n).fill(1);
  const goodness = new Float64Array(n).fill(1);
  const { incoming: inc, outgoing: out } = graph;
  let delta = Infinity;
  let iterations = 0;
  while (iterations < limits.maxIterations && delta >= limits.tolerance) {
    delta = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      let total = 0;
      for (let k = inc.start[v]; k < inc.start[v + 1]; k++) {
        sum += inc.weight[k] * fairness[inc.other[k]] * inc.value[k];
        total += inc.weight[k];
      }
      const g = total > 0 ? sum / total : 0;
      delta += Math.abs(g - goodness[v]);
      goodness[v] = g;
    }
    for (let u = 0; u < n; u++) {
      let sum = 0;
      let total = 0;
      for (let k = out.start[u]; k < out.start[u + 1]; k++) {
        sum += out.weight[k] * Math.abs(out.value[k] - goodness[out.other[k]]);
        total += out.weight[k];
      }
      const f = total > 0 ? 1 - sum / (RANGE * total) : 1;
      delta += Math.abs(f - fairness[u]);
      fairness[u] = f;
    }
    iterations += 1;
  }
  return { fairness, goodness, iterations, converged: delta < limits.tolerance, delta };
};
