import type { TrustGraph } from './trust-graph';
import type { IterationLimits } from './trust-policy';

export interface EigenTrust {
  /** Global trust per node, summing to 1. */
  readonly trust: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** L1 change of the trust vector in the last iteration. */
  readonly delta: number;
}

/** The pre-trust distribution: `weights` (any scale, negative as 0) normalised; uniform when none is positive. */
export const preTrustDistribution = (weights: ArrayLike<number>): Float64Array => {
  const p = Float64Array.from(weights, (w) => (w > 0 && Number.isFinite(w) ? w : 0));
  const total = p.reduce((a, b) => a + b, 0);
  return total > 0 ? p.map((w) => w / total) : p.fill(1 / Math.max(1, p.length));
};

/**
 * EigenTrust (Kamvar, Schlosser, Garcia-Molina, WWW 2003). Local trust is the positive part of what i's
 * evidence says about j, normalised over j:
 *
 *   s_ij = w_ij · W(i,j)        c_ij = max(s_ij, 0) / Σ_k max(s_ik, 0)        (a row without any: c_i· = p)
 *   t ← (1 − a) · Cᵀ t + a · p                                               from t = p
 *
 * until ‖Δt‖₁ is below the tolerance. `p` is the pre-trust distribution over established parties: trust
 * enters the graph only there, so a ring that nobody established vouches for holds (almost) none of it.
 */
export const eigenTrust = (graph: TrustGraph, preTrust: ArrayLike<number>, limits: IterationLimits & { readonly damping: number }): EigenTrust => {
  const n = graph.size;
  if (preTrust.length !== n) throw new RangeError(`pre-trust has ${preTrust.length} entries for ${n} nodes`);
  const p = preTrustDistribution(preTrust);
  const { incoming: inc, outgoing: out } = graph;
  const rowTotal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = out.start[i]; k < out.start[i + 1]; k++) rowTotal[i] += Math.max(0, out.weight[k] * out.value[k]);
  }
  const c = new Float64Array(graph.edgeCount);
  for (let k = 0; k < graph.edgeCount; k++) {
    const i = inc.other[k];
    c[k] = rowTotal[i] > 0 ? Math.max(0, inc.weight[k] * inc.value[k]) / rowTotal[i] : 0;
  }
  const a = limits.damping;
  let t = Float64Array.from(p);
  let next = new Float64Array(n);
  let delta = Infinity;
  let iterations = 0;
  while (iterations < limits.maxIterations && delta >= limits.tolerance) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (rowTotal[i] === 0) dangling += t[i];
    const teleport = (1 - a) * dangling + a;
    delta = 0;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = inc.start[j]; k < inc.start[j + 1]; k++) sum += c[k] * t[inc.other[k]];
      next[j] = (1 - a) * sum + teleport * p[j];
      delta += Math.abs(next[j] - t[j]);
    }
    [t, next] = [next, t];
    iterations += 1;
  }
  return { trust: t, iterations, converged: delta < limits.tolerance, delta };
};
