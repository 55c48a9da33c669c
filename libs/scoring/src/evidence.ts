import { type History, disputeOpenAt } from './history';
import { invoiceWeight, paydexFor, punctualitySuccess } from './paydex';
import type { ComponentName, ScoringPolicy } from './scoring-policy';

export const EVIDENCE_KINDS = {
  'paid-early': 'punctuality',
  'paid-on-time': 'punctuality',
  'paid-late': 'punctuality',
  'delivered-on-time': 'reliability',
  'delivered-late': 'reliability',
  'priority-service': 'reliability',
  tenure: 'loyalty',
  'repeat-engagement': 'loyalty',
  'walked-out': 'loyalty',
  referral: 'advocacy',
  'peaceful-tenure': 'conflict',
  'dispute-upheld-against': 'conflict',
  'dispute-rejected': 'conflict',
  'dispute-settled': 'conflict',
  'dispute-withdrawn': 'conflict',
  'legal-lost-against': 'conflict',
  'legal-lost': 'conflict',
  'legal-settled': 'conflict',
  'legal-withdrawn': 'conflict',
  retaliation: 'conflict',
  'feedback-positive': 'feedback',
  'feedback-negative': 'feedback',
} as const satisfies Record<string, ComponentName>;
export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

/**
 * One piece of evidence about a party in a role. `weight` is before time decay (attested × the
 * kind's weight, × the dampened amount for invoices, per year for spans); `success` is the share of it
 * that counts as positive Beta evidence, the rest counts as negative.
 */
export interface EvidenceItem {
  readonly component: ComponentName;
  readonly kind: EvidenceKind;
  readonly eventIds: readonly string[];
  readonly counterpartyId: string;
  /** Epoch milliseconds (UTC); spans (tenure) run from `atMs` to `untilMs`. */
  readonly atMs: number;
  readonly untilMs?: number;
  readonly weight: number;
  readonly success: number;
  readonly attested: boolean;
  readonly paydex?: number;
  readonly daysLate?: number;
  readonly averageRating?: number;
  readonly grounds?: string;
}

export type Details = Pick<EvidenceItem, 'untilMs' | 'paydex' | 'daysLate' | 'averageRating' | 'grounds'>;

export interface Source {
  readonly cp: string;
  readonly at: number;
  readonly attested: boolean;
}

/**
 * Receives each piece of evidence in the order `evidenceItems` lists it: the list keeps them for audits,
 * a rating tallies them as they come without building an item for each.
 */
export interface EvidenceSink {
  add(kind: EvidenceKind, source: Source, eventIds: string[], weight: number, success: number, details?: Details): void;
}

/** Attestation multiplies the kind's weight here, once for every kind of evidence. */
export const attestedWeight = (weight: number, source: Source, policy: ScoringPolicy): number => weight * (source.attested ? policy.attestedWeight : 1);

const evidence = (kind: EvidenceKind, source: Source, eventIds: string[], weight: number, success: number, policy: ScoringPolicy, details?: Details): EvidenceItem => ({
  component: EVIDENCE_KINDS[kind],
  kind,
  eventIds,
  counterpartyId: source.cp,
  atMs: source.at,
  weight: attestedWeight(weight, source, policy),
  success,
  attested: source.attested,
  ...details,
});

const transactionEvidence = (history: History, policy: ScoringPolicy, sink: EvidenceSink): void => {
  for (const p of history.payments) {
    const paydex = paydexFor(p.daysBeyondTerms, p.upfront, policy);
    const kind = p.upfront || p.daysBeyondTerms < 0 ? 'paid-early' : p.daysBeyondTerms === 0 ? 'paid-on-time' : 'paid-late';
    const details = { paydex, daysLate: Math.max(0, p.daysBeyondTerms) };
    sink.add(kind, p, [p.id], invoiceWeight(p.amount, p.currency, policy), punctualitySuccess(paydex, policy), details);
  }
  const { deliveryWeight, lateDaysToZero, priorityServiceWeight } = policy.reliability;
  for (const d of history.deliveries) {
    const daysLate = Math.max(0, d.daysLate);
    sink.add(daysLate > 0 ? 'delivered-late' : 'delivered-on-time', d, [d.id], deliveryWeight, Math.max(0, 1 - daysLate / lateDaysToZero), { daysLate });
  }
  for (const s of history.priorityServices) sink.add('priority-service', s, [s.id], priorityServiceWeight, 1);
  for (const r of history.referrals) sink.add('referral', r, [r.id], policy.advocacy.referralWeight, 1);
  for (const { fact, revealed } of history.feedback) {
    if (!revealed) continue;
    const success = (fact.averageRating - 1) / 4;
    const kind = success >= 0.5 ? 'feedback-positive' : 'feedback-negative';
    sink.add(kind, fact, [fact.id], policy.feedback.weightPerFeedback, success, { averageRating: fact.averageRating });
  }
};

/**
 * Tenure counts for loyalty and, as time in which conflict could have arisen, for conflict. An ending
 * is not a verdict: it counts against the party only when that party walked out — not amicable, or
 * while a dispute was open — and arranged no hand-over. The other side is never blamed by an ending.
 */
const engagementEvidence = (history: History, policy: ScoringPolicy, asOfMs: number, sink: EvidenceSink): void => {
  const { tenureWeightPerYear, repeatEngagementWeight, walkOutWeight } = policy.loyalty;
  const seen = new Set<string>();
  for (const { start, end } of history.engagements) {
    const eventIds = end ? [start.id, end.id] : [start.id];
    const span = { untilMs: end ? end.at : asOfMs };
    sink.add('tenure', start, eventIds, tenureWeightPerYear, 1, span);
    sink.add('peaceful-tenure', start, eventIds, policy.conflict.peacefulYearWeight, 1, span);
    if (seen.has(start.cp)) sink.add('repeat-engagement', start, [start.id], repeatEngagementWeight, 1);
    seen.add(start.cp);
    if (end && end.byParty && !end.handover && (!end.amicable || disputeOpenAt(history, end.cp, end.at))) {
      sink.add('walked-out', end, [end.id], walkOutWeight, 0);
    }
  }
};

const DISPUTE_KINDS = { upheld: 'dispute-upheld-against', rejected: 'dispute-rejected', settled: 'dispute-settled', withdrawn: 'dispute-withdrawn' } as const;
const LEGAL_KINDS = { won: 'legal-lost-against', lost: 'legal-lost', settled: 'legal-settled', withdrawn: 'legal-withdrawn' } as const;

/**
 * Open disputes and pending legal action are shown but never scored: raising one must not work as a
 * weapon. Retaliation counts against the taker whatever the outcome, and its outcome counts for no one.
 */
const conflictEvidence = (history: History, policy: ScoringPolicy, sink: EvidenceSink): void => {
  for (const { raised, resolved } of history.disputes) {
    if (!resolved) continue;
    const weight = policy.conflict.disputeOutcomes[resolved.outcome]?.[raised.byParty ? 'raiser' : 'respondent'] ?? 0;
    if (weight > 0) sink.add(DISPUTE_KINDS[resolved.outcome], resolved, [raised.id, resolved.id], weight, 0);
  }
  for (const { taken, concluded } of history.legalActions) {
    if (policy.retaliation.grounds.includes(taken.grounds)) {
      if (taken.byParty) sink.add('retaliation', taken, [taken.id], policy.retaliation.weight, 0, { grounds: taken.grounds });
      continue;
    }
    if (!concluded) continue;
    const weight = policy.conflict.legalOutcomes[concluded.outcome]?.[taken.byParty ? 'taker' : 'other'] ?? 0;
    if (weight > 0) sink.add(LEGAL_KINDS[concluded.outcome], concluded, [taken.id, concluded.id], weight, 0);
  }
};

/** Every piece of evidence in a history, in a deterministic order (kind by kind, then time and event id). */
export const emitEvidence = (history: History, policy: ScoringPolicy, asOfMs: number, sink: EvidenceSink): void => {
  transactionEvidence(history, policy, sink);
  engagementEvidence(history, policy, asOfMs, sink);
  conflictEvidence(history, policy, sink);
};

export const evidenceItems = (history: History, policy: ScoringPolicy, asOfMs: number): EvidenceItem[] => {
  const items: EvidenceItem[] = [];
  emitEvidence(history, policy, asOfMs, { add: (kind, source, eventIds, weight, success, details) => items.push(evidence(kind, source, eventIds, weight, success, policy, details)) });
  return items;
};
