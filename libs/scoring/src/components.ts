import type { Role } from '#libs/shared-kernel';
import { type BetaEstimate, betaEstimate, decayAt, decayedYears } from './beta';
import { type Details, type EvidenceKind, type Source, EVIDENCE_KINDS, attestedWeight, emitEvidence } from './evidence';
import type { History } from './history';
import { type ComponentName, type ScoringPolicy, componentsOf } from './scoring-policy';
import { YEAR_DAYS, DAY_MS } from './time';

/** Decayed positive (r) and negative (s) evidence of one component or one group of evidence. */
export interface Counts {
  r: number;
  s: number;
  count: number;
}

/** Evidence of one kind, summed, with what the plain-words reason needs. */
export interface EvidenceGroup extends Counts {
  readonly kind: EvidenceKind;
  readonly component: ComponentName;
  readonly eventIds: string[];
  readonly counterparties: Set<string>;
  readonly grounds: Set<string>;
  /** Undecayed sums, for averages in the text. */
  years: number;
  daysLate: number;
  rating: number;
}

/** A retaliation by the party, as its public flag needs it. */
export interface Retaliation {
  readonly atMs: number;
  readonly eventIds: readonly string[];
}

export interface Tally {
  readonly totals: Record<ComponentName, Counts>;
  readonly groups: Map<EvidenceKind, EvidenceGroup>;
  /** Punctuality's PAYDEX, weighted like its evidence; null without payments. */
  readonly paydex: number | null;
  readonly retaliations: Retaliation[];
}

const zero = (): Counts => ({ r: 0, s: 0, count: 0 });

const decayedWeight = (weight: number, atMs: number, untilMs: number | undefined, halfLifeDays: number, asOfMs: number): number =>
  untilMs === undefined ? weight * decayAt(atMs, asOfMs, halfLifeDays) : weight * decayedYears(atMs, untilMs, asOfMs, halfLifeDays);

/** A group with where its evidence goes, looked up once per kind rather than once per piece of evidence. */
interface Slot {
  readonly group: EvidenceGroup;
  readonly total: Counts;
  readonly halfLifeDays: number;
}

const slotFor = (slots: Map<EvidenceKind, Slot>, kind: EvidenceKind, tally: Tally, policy: ScoringPolicy): Slot => {
  let slot = slots.get(kind);
  if (slot === undefined) {
    const component = EVIDENCE_KINDS[kind];
    const group = { kind, component, r: 0, s: 0, count: 0, eventIds: [], counterparties: new Set<string>(), grounds: new Set<string>(), years: 0, daysLate: 0, rating: 0 };
    slot = { group, total: tally.totals[component], halfLifeDays: policy.components[component].halfLifeDays };
    slots.set(kind, slot);
    tally.groups.set(kind, group);
  }
  return slot;
};

const addTo = (c: Counts, w: number, success: number): void => {
  c.r += w * success;
  c.s += w * (1 - success);
  c.count += 1;
};

const describe = (group: EvidenceGroup, source: Source, eventIds: readonly string[], details: Details | undefined): void => {
  for (const id of eventIds) group.eventIds.push(id);
  group.counterparties.add(source.cp);
  if (details?.grounds !== undefined) group.grounds.add(details.grounds);
  if (details?.untilMs !== undefined) group.years += (details.untilMs - source.at) / DAY_MS / YEAR_DAYS;
  group.daysLate += details?.daysLate ?? 0;
  group.rating += details?.averageRating ?? 0;
};

/**
 * Sums a history's evidence as `emitEvidence` hands it over, without building an item for each: the
 * sums are added in the same order as over `evidenceItems`, so they come out the same to the last bit.
 */
export const tally = (history: History, policy: ScoringPolicy, asOfMs: number): Tally => {
  const totals = { punctuality: zero(), reliability: zero(), loyalty: zero(), advocacy: zero(), conflict: zero(), feedback: zero() };
  const result = { totals, groups: new Map<EvidenceKind, EvidenceGroup>(), paydex: null as number | null, retaliations: [] as Retaliation[] };
  const slots = new Map<EvidenceKind, Slot>();
  let paydexSum = 0;
  let paydexWeight = 0;
  emitEvidence(history, policy, asOfMs, {
    add(kind, source, eventIds, weight, success, details) {
      const { group, total, halfLifeDays } = slotFor(slots, kind, result, policy);
      const w = decayedWeight(attestedWeight(weight, source, policy), source.at, details?.untilMs, halfLifeDays, asOfMs);
      addTo(total, w, success);
      addTo(group, w, success);
      describe(group, source, eventIds, details);
      if (details?.paydex !== undefined) {
        paydexSum += w * details.paydex;
        paydexWeight += w;
      }
      if (kind === 'retaliation') result.retaliations.push({ atMs: source.at, eventIds });
    },
  });
  result.paydex = paydexWeight > 0 ? paydexSum / paydexWeight : null;
  return result;
};

export type Estimates = Partial<Record<ComponentName, BetaEstimate>>;

export const estimatesOf = (role: Role, totals: Readonly<Record<ComponentName, Counts>>, policy: ScoringPolicy): Estimates => {
  const estimates: Estimates = {};
  for (const c of componentsOf(role, policy)) {
    // Subtracting a group can leave −1e−17 behind; evidence is never negative.
    estimates[c] = betaEstimate(Math.max(0, totals[c].r), Math.max(0, totals[c].s), policy.components[c], policy.rankingZ);
  }
  return estimates;
};

export interface Overall {
  readonly score: number;
  readonly rankingScore: number;
  readonly confidence: number;
  /** The score before the retaliation cap. */
  readonly uncappedScore: number;
  /** Each component's share of the score: wᵢcᵢ / Σ wⱼcⱼ over the components that count. */
  readonly shares: Partial<Record<ComponentName, number>>;
}

interface Sums {
  a: number;
  value: number;
  lower: number;
}

const add = (sums: Sums, a: number, value: number, lower: number): void => {
  sums.a += a;
  sums.value += a * value;
  sums.lower += a * lower;
};

/**
 * score = 100 · Σ wᵢcᵢEᵢ / Σ wᵢcᵢ over the role's core components (weight × confidence, so a component
 * without evidence neither helps nor drags), plus bonus points from raise-only components:
 * 100 · w · c · max(0, (E − m) / (1 − m)), which can only lift it. The ranking score is the same over
 * the Beta lower bounds. Without any core evidence the prior stands in. `cap` (retaliation) bounds both.
 */
export const combine = (role: Role, estimates: Estimates, policy: ScoringPolicy, cap: number | null): Overall => {
  const core: Sums = { a: 0, value: 0, lower: 0 };
  const prior: Sums = { a: 0, value: 0, lower: 0 };
  const bonus = { value: 0, lower: 0 };
  const shares: Partial<Record<ComponentName, number>> = {};
  let confidence = 0;
  for (const c of componentsOf(role, policy)) {
    const w = policy.weights[role][c] ?? 0;
    const p = policy.components[c];
    const e = estimates[c] ?? betaEstimate(0, 0, p, policy.rankingZ);
    if (policy.raiseOnly.includes(c)) {
      bonus.value += bonusPoints(w, e.confidence, e.value, p.priorMean);
      bonus.lower += bonusPoints(w, e.confidence, e.lowerBound, p.priorMean);
      continue;
    }
    add(core, w * e.confidence, e.value, e.lowerBound);
    const unknown = betaEstimate(0, 0, p, policy.rankingZ);
    add(prior, w, unknown.value, unknown.lowerBound);
    confidence += w * e.confidence;
    shares[c] = w * e.confidence;
  }
  const base = core.a > 0 ? core : prior;
  for (const c of Object.keys(shares) as ComponentName[]) shares[c] = (shares[c] ?? 0) / base.a;
  const uncappedScore = Math.min(100, (100 * base.value) / base.a + bonus.value);
  return {
    score: Math.min(cap ?? 100, uncappedScore),
    rankingScore: Math.min(cap ?? 100, 100, (100 * base.lower) / base.a + bonus.lower),
    confidence: prior.a > 0 ? confidence / prior.a : 0,
    uncappedScore,
    shares,
  };
};

/** Points a raise-only component adds: its weight × confidence × how far above its prior it stands. */
export const bonusPoints = (weight: number, confidence: number, value: number, priorMean: number): number =>
  100 * weight * confidence * Math.max(0, (value - priorMean) / (1 - priorMean));
