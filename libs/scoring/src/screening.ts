import { z } from 'zod';
import { type Role, Role as RoleSchema } from '#libs/shared-kernel';
import type { LegalActionRecord, PartyRatings, Rating } from './rating.types';
import { COMPONENTS, type ComponentName, gradeRank } from './scoring-policy';
import { monthsBefore, parseAsOf } from './time';

/** A party's own "red velvet rope": what a prospective partner must show before it signs. */
export const ScreeningCriteria = z.object({
  role: RoleSchema,
  minGrade: z.enum(['A', 'B', 'C', 'D']).optional(),
  minScore: z.number().min(0).max(100).optional(),
  minRankingScore: z.number().min(0).max(100).optional(),
  minComponent: z.partialRecord(z.enum(COMPONENTS), z.number().min(0).max(1)).optional(),
  maxOpenDisputes: z.number().int().min(0).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  noLegalActionWithinMonths: z.number().int().positive().max(600).optional(),
  noRetaliationFlag: z.boolean().optional(),
});
export type ScreeningCriteria = z.infer<typeof ScreeningCriteria>;

export interface ScreeningReason {
  readonly criterion: string;
  readonly passed: boolean;
  readonly actual: string | number | boolean | null;
  readonly required: string | number | boolean;
  readonly text: string;
}

export interface ScreeningResult {
  readonly partyId: string;
  readonly role: Role;
  readonly asOf: string;
  readonly passed: boolean;
  /** One per criterion set, passed or not, in a fixed order. */
  readonly reasons: readonly ScreeningReason[];
}

type Actual = ScreeningReason['actual'];
type Required = ScreeningReason['required'];

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const round = (x: number): number => Math.round(x * 10) / 10;
const precise = (x: number): number => Math.round(x * 1000) / 1000;
const day = (iso: string): string => iso.slice(0, 10);
const LABELS: Record<ComponentName, string> = {
  punctuality: 'Punctuality',
  reliability: 'Reliability',
  loyalty: 'Loyalty',
  advocacy: 'Advocacy',
  conflict: 'Conflict record',
  feedback: 'Counterparty feedback',
};

const check = (criterion: string, passed: boolean, actual: Actual, required: Required, text: string): ScreeningReason => ({
  criterion,
  passed,
  actual,
  required,
  text,
});

const versus = (passed: boolean, minimum: string): string => (passed ? `meets the minimum of ${minimum}` : `is below the minimum of ${minimum}`);

/** Criteria that read the rating in the screened role; without a rating in that role they fail. */
const ratingChecks = (rating: Rating | null, c: ScreeningCriteria): ScreeningReason[] => {
  const as = `as a ${c.role}`;
  const rated = (criterion: string, required: Required | undefined, judge: (r: Rating) => ScreeningReason): ScreeningReason[] => {
    if (required === undefined) return [];
    return [rating ? judge(rating) : check(criterion, false, null, required, `No record ${as} to check ${criterion} against`)];
  };
  const minimum = (criterion: string, label: string, min: number | undefined, of: (r: Rating) => number, show: (x: number) => string) =>
    rated(criterion, min, (r) => {
      const ok = of(r) >= (min ?? 0);
      return check(criterion, ok, precise(of(r)), min ?? 0, `${label} ${show(of(r))} ${as} ${versus(ok, show(min ?? 0))}`);
    });
  const score = (x: number): string => String(round(x));
  return [
    ...rated('minGrade', c.minGrade, (r) => {
      const ok = gradeRank(r.grade) <= gradeRank(c.minGrade ?? 'D');
      return check('minGrade', ok, r.grade, c.minGrade ?? 'D', `Grade ${r.grade} ${as} ${versus(ok, c.minGrade ?? 'D')}`);
    }),
    ...minimum('minScore', 'Score', c.minScore, (r) => r.score, score),
    ...minimum('minRankingScore', 'Ranking score', c.minRankingScore, (r) => r.rankingScore, score),
    ...(Object.entries(c.minComponent ?? {}) as [ComponentName, number][]).flatMap(([component, min]) =>
      rated(`minComponent.${component}`, min, (r) => componentCheck(r, component, min)),
    ),
    ...openDisputesCheck(rating, c.maxOpenDisputes, as),
    ...minimum('minConfidence', 'Confidence', c.minConfidence, (r) => r.confidence, percent),
  ];
};

const openDisputesCheck = (rating: Rating | null, max: number | undefined, as: string): ScreeningReason[] => {
  if (max === undefined) return [];
  const open = rating?.openDisputes.length ?? 0;
  const text = `${open} open dispute${open === 1 ? '' : 's'} ${as}; at most ${max} allowed`;
  return [check('maxOpenDisputes', open <= max, open, max, text)];
};

/** Names the evidence behind the verdict: the component's strongest reason in the same direction. */
const componentCheck = (rating: Rating, component: ComponentName, min: number): ScreeningReason => {
  const criterion = `minComponent.${component}`;
  const score = rating.components[component];
  if (score === undefined) return check(criterion, false, null, min, `${LABELS[component]} is not rated for a ${rating.role}`);
  const ok = score.value >= min;
  const paydex = score.paydex != null ? ` (PAYDEX ${Math.round(score.paydex)})` : '';
  const why = score.reasons.find((r) => r.direction === (ok ? 'raised' : 'lowered'));
  const text = `${LABELS[component]} ${percent(score.value)}${paydex} ${versus(ok, percent(min))}${why ? `: ${why.text.toLowerCase()}` : ''}`;
  return check(criterion, ok, precise(score.value), min, text);
};

/** Legal action taken by the party, or taken against it and won; pending actions against it do not count. */
const countsAgainst = (a: LegalActionRecord): boolean => a.takenByParty || a.outcome === 'won';

/** Criteria about the party's conduct in either role: a flag or a lawsuit is about the party, whatever hat it wore. */
const conductChecks = (candidate: PartyRatings, c: ScreeningCriteria, asOfMs: number): ScreeningReason[] => {
  const reasons: ScreeningReason[] = [];
  if (c.noLegalActionWithinMonths !== undefined) {
    const months = c.noLegalActionWithinMonths;
    const since = monthsBefore(asOfMs, months);
    const recent = [candidate.asClient, candidate.asSupplier]
      .flatMap((r) => r?.legalActions ?? [])
      .filter((a) => countsAgainst(a) && Date.parse(a.takenAt) >= since && Date.parse(a.takenAt) <= asOfMs);
    const what = recent.map((a) => `${a.takenByParty ? 'took' : 'lost'} a ${a.kind.replace(/_/g, ' ')} on ${day(a.takenAt)} (${a.grounds.replace(/_/g, ' ')})`);
    const text = recent.length === 0 ? `No legal action in the last ${months} months` : `Legal action in the last ${months} months: ${what.join('; ')}`;
    reasons.push(check('noLegalActionWithinMonths', recent.length === 0, recent.length, 0, text));
  }
  if (c.noRetaliationFlag) {
    const flag = candidate.flags.find((f) => f.flag === 'retaliation');
    const text = flag ? `Flagged for retaliation since ${day(flag.since)}: ${flag.text.toLowerCase()}` : 'Not flagged for retaliation';
    reasons.push(check('noRetaliationFlag', flag === undefined, flag !== undefined, false, text));
  }
  return reasons;
};

/**
 * Checks a prospective partner against a party's criteria as of `asOf` and returns every reason,
 * passed and failed. Pure: validate stored or submitted criteria with `ScreeningCriteria` first.
 */
export const screen = (candidate: PartyRatings, criteria: ScreeningCriteria, asOf: string): ScreeningResult => {
  const rating = criteria.role === 'client' ? candidate.asClient : candidate.asSupplier;
  const reasons = [...ratingChecks(rating, criteria), ...conductChecks(candidate, criteria, parseAsOf(asOf))];
  return { partyId: candidate.partyId, role: criteria.role, asOf, passed: reasons.every((r) => r.passed), reasons };
};
