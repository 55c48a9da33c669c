import { betaEstimate, componentsOf, decayAt, decayedYears, type EvidenceItem, type EvidenceKind, type ScoringPolicy } from '#libs/scoring';
import type { Role } from '#libs/shared-kernel';
import { type RaterWeight, combinedWeight } from './propagate-trust';
import type { TrustPolicy } from './trust-policy';

/**
 * Evidence of the party's own acts, which no counterparty's standing makes more or less true: retaliating,
 * walking out, raising a dispute or taking legal action that failed. Nobody launders misconduct by dealing
 * only with accounts nobody trusts.
 */
export const OWN_ACTS: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['retaliation', 'walked-out', 'dispute-rejected', 'dispute-withdrawn', 'legal-lost', 'legal-withdrawn']);

/**
 * How much of a piece of evidence counts, split in two. `earned` counts without limit; `unearned` is the part
 * that rests on a rater without standing and counts only within the party's newcomer allowance:
 *
 *   own acts (OWN_ACTS)   earned 1
 *   attested              earned a + (1 − a)·f·s     unearned (1 − a)·f·(1 − s)     a = attestedFloor
 *   anything else         earned f·s                 unearned f·(1 − s)
 *
 * with f and s the counterparty's fairness and standing. A partner system saw attested evidence happen,
 * though not that the counterparty deals at arm's length, so it keeps a floor.
 */
export const evidenceShares = (item: Pick<EvidenceItem, 'kind' | 'attested'>, rater: RaterWeight, policy: TrustPolicy): { earned: number; unearned: number } => {
  if (OWN_ACTS.has(item.kind)) return { earned: 1, unearned: 0 };
  const fair = Math.max(0, Math.min(1, rater.fairness));
  const earned = combinedWeight(rater);
  const floor = item.attested ? policy.attestedFloor : 0;
  return { earned: floor + (1 - floor) * earned, unearned: (1 - floor) * (fair - earned) };
};

/** A party's standing in one role once its evidence is weighed by who it comes from. */
export interface RoleScore {
  /** 0–100, as scoring's `score`. */
  readonly score: number;
  /** 0–100, never above `score`: the confidence-adjusted score leaderboards sort by. */
  readonly rankingScore: number;
  readonly confidence: number;
}

export interface Policies {
  readonly scoring: ScoringPolicy;
  readonly trust: TrustPolicy;
}

/** An item's weight decayed to `asOfMs` as scoring decays it: per event, or integrated over a span. */
export const decayedWeight = (item: EvidenceItem, halfLifeDays: number, asOfMs: number): number =>
  item.untilMs === undefined ? item.weight * decayAt(item.atMs, asOfMs, halfLifeDays) : item.weight * decayedYears(item.atMs, item.untilMs, asOfMs, halfLifeDays);

/** Calendar months before an instant (UTC), as scoring counts the retaliation flag's period. */
const monthsBefore = (ms: number, months: number): number => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
};

interface Sums {
  earned: number;
  unearned: number;
}

/** Per component: decayed evidence weight behind successes (r) and failures (s), earned and unearned apart. */
const tallies = (items: readonly EvidenceItem[], weightOf: (counterpartyId: string) => RaterWeight, policies: Policies, asOfMs: number) => {
  const { scoring, trust } = policies;
  const r: Record<string, Sums> = {};
  const s: Record<string, Sums> = {};
  for (const item of items) {
    const w = decayedWeight(item, scoring.components[item.component].halfLifeDays, asOfMs);
    const { earned, unearned } = evidenceShares(item, weightOf(item.counterpartyId), trust);
    const rc = (r[item.component] ??= { earned: 0, unearned: 0 });
    const sc = (s[item.component] ??= { earned: 0, unearned: 0 });
    rc.earned += w * earned * item.success;
    sc.earned += w * earned * (1 - item.success);
    rc.unearned += w * unearned * item.success;
    sc.unearned += w * unearned * (1 - item.success);
  }
  return { r, s };
};

/** The unearned evidence of a component, all raters together, shrunk to the newcomer allowance when above it. */
const allowed = (r: Sums | undefined, s: Sums | undefined, allowance: number): [number, number] => {
  const unearned = (r?.unearned ?? 0) + (s?.unearned ?? 0);
  const scale = unearned > allowance ? allowance / unearned : 1;
  return [(r?.earned ?? 0) + scale * (r?.unearned ?? 0), (s?.earned ?? 0) + scale * (s?.unearned ?? 0)];
};

/**
 * Scoring's rating arithmetic (libs/scoring/README.md: Beta estimate, score, ranking score) over evidence
 * weighed by who it comes from (`evidenceShares`, newcomer allowance). When every rater has fairness and
 * standing 1 it gives exactly scoring's score and ranking score; a spec holds the two together.
 */
export const trustAdjustedScore = (role: Role, items: readonly EvidenceItem[], weightOf: (counterpartyId: string) => RaterWeight, policies: Policies, asOfMs: number): RoleScore => {
  const { scoring } = policies;
  const flagSince = monthsBefore(asOfMs, scoring.retaliation.flagMonths);
  const retaliation = items.some((item) => item.kind === 'retaliation' && item.atMs >= flagSince);
  const { r, s } = tallies(items, weightOf, policies, asOfMs);
  let core = 0;
  let coreValue = 0;
  let coreLower = 0;
  let prior = 0;
  let priorValue = 0;
  let priorLower = 0;
  let bonusValue = 0;
  let bonusLower = 0;
  for (const c of componentsOf(role, scoring)) {
    const w = scoring.weights[role][c] ?? 0;
    const p = scoring.components[c];
    const [rc, sc] = allowed(r[c], s[c], policies.trust.newcomerAllowance);
    const e = betaEstimate(Math.max(0, rc), Math.max(0, sc), p, scoring.rankingZ);
    if (scoring.raiseOnly.includes(c)) {
      bonusValue += bonus(w, e.confidence, e.value, p.priorMean);
      bonusLower += bonus(w, e.confidence, e.lowerBound, p.priorMean);
      continue;
    }
    const unknown = betaEstimate(0, 0, p, scoring.rankingZ);
    core += w * e.confidence;
    coreValue += w * e.confidence * e.value;
    coreLower += w * e.confidence * e.lowerBound;
    prior += w;
    priorValue += w * unknown.value;
    priorLower += w * unknown.lowerBound;
  }
  const [a, value, lower] = core > 0 ? [core, coreValue, coreLower] : [prior, priorValue, priorLower];
  const cap = retaliation ? scoring.retaliation.maxScore : 100;
  return {
    score: Math.min(cap, Math.min(100, (100 * value) / a + bonusValue)),
    rankingScore: Math.min(cap, 100, (100 * lower) / a + bonusLower),
    confidence: prior > 0 ? core / prior : 0,
  };
};

const bonus = (weight: number, confidence: number, value: number, priorMean: number): number =>
  100 * weight * confidence * Math.max(0, (value - priorMean) / (1 - priorMean));
