import type { Role } from '#libs/shared-kernel';
import { betaEstimate } from './beta';
import { type EvidenceGroup, type Overall, type Tally, bonusPoints } from './components';
import type { EvidenceKind } from './evidence';
import type { ScoringPolicy } from './scoring-policy';
import type { Reason } from './rating.types';

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const oneDecimal = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
const partners = (role: Role, n: number): string => counted(n, role === 'client' ? 'supplier' : 'client');
const GROUNDS: Record<string, string> = { review: 'a review', feedback: 'feedback' };

type Text = (g: EvidenceGroup, role: Role, peaceful: boolean) => string;

const TEXTS: Record<EvidenceKind, Text> = {
  'paid-early': (g) => `Paid ${counted(g.count, 'invoice')} early or upfront`,
  'paid-on-time': (g) => `Paid ${counted(g.count, 'invoice')} on time`,
  'paid-late': (g) => `Paid ${counted(g.count, 'invoice')} late, ${Math.round(g.daysLate / g.count)} days beyond terms on average`,
  'delivered-on-time': (g) => `Delivered on time ${times(g.count)}`,
  'delivered-late': (g) => `Delivered late ${times(g.count)}, ${Math.round(g.daysLate / g.count)} days late on average`,
  'priority-service': (g) => `Gave priority service ${times(g.count)}`,
  tenure: (g, role) => `Worked with ${partners(role, g.counterparties.size)} for ${oneDecimal(g.years)} years in all`,
  'repeat-engagement': (g) => `Came back for ${counted(g.count, 'repeat engagement')}`,
  'walked-out': (g) => `Ended ${counted(g.count, 'engagement')} on bad terms without arranging a hand-over`,
  referral: (g) => `Referred new business ${times(g.count)}`,
  'peaceful-tenure': (g, _role, peaceful) =>
    peaceful ? `No conflict in ${oneDecimal(g.years)} years of working together` : `${oneDecimal(g.years)} years of working together to set against its conflicts`,
  'dispute-upheld-against': (g, role) => `Lost ${counted(g.count, 'dispute')} raised by ${role === 'client' ? 'a supplier' : 'a client'} (upheld)`,
  'dispute-rejected': (g) => `Raised ${counted(g.count, 'dispute')} that ${g.count === 1 ? 'was' : 'were'} rejected`,
  'dispute-settled': (g) => `Settled ${counted(g.count, 'dispute')}`,
  'dispute-withdrawn': (g) => `Withdrew ${counted(g.count, 'dispute')} it had raised`,
  'legal-lost-against': (g) => `Lost ${counted(g.count, 'legal action')} taken against it`,
  'legal-lost': (g) => `Took legal action and lost ${times(g.count)}`,
  'legal-settled': (g) => `Settled ${counted(g.count, 'legal action')}`,
  'legal-withdrawn': (g) => `Withdrew ${counted(g.count, 'legal action')} it had taken`,
  retaliation: (g) => {
    const over = [...g.grounds].sort().map((x) => GROUNDS[x] ?? x).join(' or ');
    return `Took legal action over ${over}${g.count > 1 ? ` ${times(g.count)}` : ''} (retaliation)`;
  },
  'feedback-positive': (g) => `Received ${counted(g.count, 'positive feedback rating')} (average ${oneDecimal(g.rating / g.count)} out of 5)`,
  'feedback-negative': (g) => `Received ${counted(g.count, 'negative feedback rating')} (average ${oneDecimal(g.rating / g.count)} out of 5)`,
};

const CONFLICTS: readonly EvidenceKind[] = ['dispute-upheld-against', 'dispute-rejected', 'dispute-settled', 'dispute-withdrawn', 'legal-lost-against', 'legal-lost', 'legal-settled', 'legal-withdrawn', 'retaliation'];

/**
 * A group's effect in points: how far it moved its own component (the Beta estimate with and without
 * it) times that component's share of the score — or, for a raise-only component, the bonus points it
 * adds; retaliation also owns the cap it triggered. Measured inside the component, so evidence that is
 * good for a component never reads as having lowered the score.
 */
const impactOf = (group: EvidenceGroup, role: Role, tally: Tally, policy: ScoringPolicy, overall: Overall): number => {
  const own = tally.totals[group.component];
  const prior = policy.components[group.component];
  const withIt = betaEstimate(own.r, own.s, prior, policy.rankingZ);
  const without = betaEstimate(Math.max(0, own.r - group.r), Math.max(0, own.s - group.s), prior, policy.rankingZ);
  if (policy.raiseOnly.includes(group.component)) {
    const w = policy.weights[role][group.component] ?? 0;
    return bonusPoints(w, withIt.confidence, withIt.value, prior.priorMean) - bonusPoints(w, without.confidence, without.value, prior.priorMean);
  }
  const cap = group.kind === 'retaliation' ? overall.uncappedScore - overall.score : 0;
  return 100 * (overall.shares[group.component] ?? 0) * (withIt.value - without.value) - cap;
};

interface Ranked {
  readonly kind: EvidenceKind;
  readonly reason: Reason;
}

const byStrength = (a: Ranked, b: Ranked): number =>
  Number(b.kind === 'retaliation') - Number(a.kind === 'retaliation') || b.reason.impact - a.reason.impact || (a.kind < b.kind ? -1 : 1);

/** Every group of evidence that moved the score by at least the policy's minimum, strongest first, retaliation always first. */
export const reasonsFor = (role: Role, tally: Tally, policy: ScoringPolicy, overall: Overall): Reason[] => {
  const peaceful = !CONFLICTS.some((k) => tally.groups.has(k));
  const ranked: Ranked[] = [];
  for (const group of tally.groups.values()) {
    const delta = impactOf(group, role, tally, policy, overall);
    if (Math.abs(delta) < policy.reasons.minImpact && group.kind !== 'retaliation') continue;
    const reason: Reason = {
      component: group.component,
      direction: delta >= 0 ? 'raised' : 'lowered',
      impact: Math.abs(delta),
      text: TEXTS[group.kind](group, role, peaceful),
      eventIds: group.eventIds,
    };
    ranked.push({ kind: group.kind, reason });
  }
  return ranked.sort(byStrength).map(({ reason }) => reason);
};
