import type { Role } from '#libs/shared-kernel';
import { type Estimates, type Retaliation, type Tally, combine, estimatesOf, tally } from './components';
import type { EvidenceAccumulator } from './evidence-accumulator';
import { type EvidenceItem, evidenceItems } from './evidence';
import { type History, factsKnownAt, historyOf } from './history';
import { reasonsFor } from './reasons';
import type { ComponentScore, ConfidenceLevel, Flag, LegalActionRecord, OpenDispute, Rating, Reason } from './rating.types';
import { type ComponentName, type ScoringPolicy, componentsOf, gradeFor } from './scoring-policy';
import { isoOf, monthsBefore, parseAsOf } from './time';

/**
 * The rating of one party in one role from its accumulated facts, as of `asOf`; null when it had no
 * fact in that role by then. Pure: the same accumulator, policy and `asOf` always give the same rating.
 */
export const scoreFromAccumulator = (acc: EvidenceAccumulator, policy: ScoringPolicy, asOf: string): Rating | null => {
  const asOfMs = parseAsOf(asOf);
  const facts = factsKnownAt(acc, asOfMs);
  if (facts.length === 0) return null;
  return ratingFrom({ partyId: acc.partyId, role: acc.role, asOf, asOfMs }, historyOf(facts), policy);
};

/** The evidence behind a rating, item by item, for explanations and audits. */
export const evidenceOf = (acc: EvidenceAccumulator, policy: ScoringPolicy, asOf: string): EvidenceItem[] => {
  const asOfMs = parseAsOf(asOf);
  return evidenceItems(historyOf(factsKnownAt(acc, asOfMs)), policy, asOfMs);
};

interface Subject {
  readonly partyId: string;
  readonly role: Role;
  readonly asOf: string;
  readonly asOfMs: number;
}

const ratingFrom = (subject: Subject, history: History, policy: ScoringPolicy): Rating => {
  const { partyId, role, asOf, asOfMs } = subject;
  const counts = tally(history, policy, asOfMs);
  const estimates = estimatesOf(role, counts.totals, policy);
  const flags = retaliationFlags(counts.retaliations, role, policy, asOfMs);
  const cap = flags.length > 0 ? policy.retaliation.maxScore : null;
  const overall = combine(role, estimates, policy, cap);
  const reasons = reasonsFor(role, counts, policy, overall);
  return {
    partyId,
    role,
    asOf,
    policyVersion: policy.version,
    score: overall.score,
    grade: gradeFor(overall.score, policy),
    confidence: overall.confidence,
    confidenceLevel: levelOf(overall.confidence, policy),
    rankingScore: overall.rankingScore,
    components: componentScores(role, counts, estimates, reasons, policy),
    flags,
    reasons: reasons.slice(0, policy.reasons.max),
    openDisputes: openDisputes(history),
    legalActions: legalActions(history, policy),
    hiddenFeedback: history.feedback.filter((f) => !f.revealed).length,
  };
};

const levelOf = (confidence: number, policy: ScoringPolicy): ConfidenceLevel =>
  confidence >= policy.confidenceLevels.high ? 'high' : confidence >= policy.confidenceLevels.medium ? 'medium' : 'low';

/** Built field by field rather than by spreading the estimate: ratings are computed at every batch of the projector. */
const componentScores = (role: Role, counts: Tally, estimates: Estimates, reasons: readonly Reason[], policy: ScoringPolicy) => {
  const scores: Partial<Record<ComponentName, ComponentScore>> = {};
  for (const c of componentsOf(role, policy)) {
    const estimate = estimates[c];
    if (estimate === undefined) continue;
    const { value, confidence, lowerBound, positive, negative } = estimate;
    const weight = policy.weights[role][c] ?? 0;
    const evidenceCount = counts.totals[c].count;
    const own = reasons.filter((r) => r.component === c);
    scores[c] =
      c === 'punctuality'
        ? { component: c, weight, value, confidence, lowerBound, positive, negative, evidenceCount, paydex: counts.paydex, reasons: own }
        : { component: c, weight, value, confidence, lowerBound, positive, negative, evidenceCount, reasons: own };
  }
  return scores;
};

/** A public flag while any retaliation by the party is younger than the policy's flag period, whatever its outcome. */
const retaliationFlags = (retaliations: readonly Retaliation[], role: Role, policy: ScoringPolicy, asOfMs: number): Flag[] => {
  const since = monthsBefore(asOfMs, policy.retaliation.flagMonths);
  const recent = retaliations.filter((i) => i.atMs >= since);
  if (recent.length === 0) return [];
  const against = role === 'client' ? 'a supplier' : 'a client';
  return [
    {
      flag: 'retaliation',
      since: isoOf(Math.min(...recent.map((i) => i.atMs))),
      text: `Took legal action against ${against} over a review or feedback`,
      eventIds: recent.flatMap((i) => i.eventIds),
    },
  ];
};

const openDisputes = (history: History): OpenDispute[] =>
  history.disputes
    .filter((d) => d.resolved === null)
    .map(({ raised }) => ({
      disputeId: raised.disputeId,
      counterpartyId: raised.cp,
      raisedAt: isoOf(raised.at),
      raisedByParty: raised.byParty,
      eventId: raised.id,
    }));

const legalActions = (history: History, policy: ScoringPolicy): LegalActionRecord[] =>
  history.legalActions.map(({ taken, concluded }) => ({
    legalActionId: taken.legalActionId,
    counterpartyId: taken.cp,
    takenAt: isoOf(taken.at),
    takenByParty: taken.byParty,
    grounds: taken.grounds,
    kind: taken.kind,
    retaliation: policy.retaliation.grounds.includes(taken.grounds),
    outcome: concluded?.outcome ?? null,
    eventIds: concluded ? [taken.id, concluded.id] : [taken.id],
  }));
