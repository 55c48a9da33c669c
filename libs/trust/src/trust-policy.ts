/**
 * Every number trust propagation uses, under one version, like the scoring policy: a ranking names both
 * versions, so it can be recomputed exactly; changing any value means a new version.
 */
export interface TrustPolicy {
  readonly version: string;
  readonly fairnessGoodness: IterationLimits;
  readonly eigenTrust: IterationLimits & {
    /** Share of trust sent back to the pre-trusted parties at every step (EigenTrust's `a`). */
    readonly damping: number;
  };
  /**
   * Standing = 1 − exp(−N·tᵢ / scale): 0 without trust, 1 − 1/e for a party holding the average share
   * (1/N) of trust when `scale` is 1, towards 1 for parties many established counterparties vouch for.
   */
  readonly standingScale: number;
  /**
   * The word of raters without standing counts in full up to this much (decayed) evidence per component of
   * a party, all such raters together; beyond it, proportionally less. Newcomers are heard, not multiplied.
   */
  readonly newcomerAllowance: number;
  /** Attested evidence (a partner system recorded it) keeps at least this share of its weight. */
  readonly attestedFloor: number;
  /** Pre-trust from evidence: attested evidence weight and attested counterparties at which it reaches ½ each. */
  readonly establishment: { readonly attestedWeightHalf: number; readonly counterpartiesHalf: number };
}

export interface IterationLimits {
  /** Stop once the L1 change of the vectors between two iterations is below this. */
  readonly tolerance: number;
  readonly maxIterations: number;
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

export const DEFAULT_TRUST_POLICY: TrustPolicy = deepFreeze({
  version: '2026-11-trust-1',
  fairnessGoodness: { tolerance: 1e-6, maxIterations: 200 },
  eigenTrust: { tolerance: 1e-6, maxIterations: 500, damping: 0.15 },
  standingScale: 1,
  newcomerAllowance: 3,
  attestedFloor: 0.5,
  establishment: { attestedWeightHalf: 12, counterpartiesHalf: 2 },
});
