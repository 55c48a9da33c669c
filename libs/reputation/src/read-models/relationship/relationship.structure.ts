import type { RelationshipEvent, RelationshipEventOf } from '#libs/relationships';
import type { StoredEvent } from '#libs/shared-kernel';
import { iso } from '../shared/decode-event';
import { factOf } from '../shared/evidence';
import type { RelationshipCounts, RelationshipDoc, RevealedFeedback, SealedFeedback } from './relationship.doc';

type Of<T extends RelationshipEvent['type']> = RelationshipEventOf<T>['data'];
type Tallied = 'invoices' | 'deliveries' | 'referrals' | 'priorityServices';

/** What a fact changes in the structure: the fields it replaces, and the sealed feedback when that changes. */
export type StructureChange = Partial<Pick<RelationshipDoc, 'engagements' | 'disputes' | 'legalActions' | 'feedback' | 'pendingFeedback' | 'retractions' | 'counts'>> & {
  readonly sealedFeedback?: SealedFeedback[];
};

const NOTHING: StructureChange = {};

const tally = (doc: RelationshipDoc, counter: Tallied, by: number): StructureChange => ({ counts: { ...doc.counts, [counter]: doc.counts[counter] + by } });

/** Where a fact was recorded twice under one business id, the first stands, as in scoring. */
const closeOnce = <T extends { readonly eventId: string }>(items: T[], match: (item: T) => boolean, field: keyof T, closing: T[keyof T]): T[] =>
  items.map((item) => (match(item) && item[field] === null ? ({ ...item, [field]: closing } as T) : item));

const reveal = (doc: RelationshipDoc, eventId: string, d: Of<'FeedbackRevealed'>): StructureChange => {
  const ids = new Set(d.feedbackIds);
  const revealed: RevealedFeedback[] = doc.internal.sealedFeedback
    .filter((f) => ids.has(f.feedbackId))
    .map((f) => ({ ...f, revealedAt: iso(d.revealedAt), revealEventId: eventId }));
  return {
    feedback: [...doc.feedback, ...revealed],
    pendingFeedback: doc.pendingFeedback.filter((f) => !ids.has(f.feedbackId)),
    sealedFeedback: doc.internal.sealedFeedback.filter((f) => !ids.has(f.feedbackId)),
  };
};

const submit = (doc: RelationshipDoc, eventId: string, d: Of<'FeedbackSubmitted'>): StructureChange => {
  const pending = { feedbackId: d.feedbackId, engagementId: d.engagementId, by: d.by, about: d.about, submittedAt: iso(d.submittedAt) };
  const sealed = { ...pending, ratings: { ...d.ratings } as Record<string, number>, comment: d.comment ?? null, eventId };
  return { pendingFeedback: [...doc.pendingFeedback, pending], sealedFeedback: [...doc.internal.sealedFeedback, sealed] };
};

const TALLIED_BY_FACT: Readonly<Record<string, Tallied>> = { payment: 'invoices', delivery: 'deliveries', referral: 'referrals', priority: 'priorityServices' };

/**
 * Undoes what a retracted fact did to the public structure. The decider only lets a fact be retracted
 * when nothing rests on it, and never a reveal, feedback or another retraction; ratings honour any
 * retraction through the scoring accumulators.
 */
const retract = (doc: RelationshipDoc, eventId: string, d: Of<'FactRetracted'>): StructureChange => {
  const target = d.retractedEventId;
  const retraction = { retractedEventId: target, retractedBy: d.retractedBy, reason: d.reason, retractedAt: iso(d.retractedAt), eventId };
  const retractions = [...doc.retractions, retraction];
  if (doc.retractions.some((r) => r.retractedEventId === target)) return { retractions };
  const notTarget = (item: { readonly eventId: string }) => item.eventId !== target;
  const undone: StructureChange = {
    engagements: doc.engagements.filter(notTarget).map((e) => (e.ending?.eventId === target ? { ...e, ending: null } : e)),
    disputes: doc.disputes.filter(notTarget).map((x) => (x.resolution?.eventId === target ? { ...x, resolution: null } : x)),
    legalActions: doc.legalActions.filter(notTarget).map((x) => (x.conclusion?.eventId === target ? { ...x, conclusion: null } : x)),
    retractions,
  };
  const { client, supplier } = doc.internal.evidence;
  const fact = factOf(client, target) ?? factOf(supplier, target);
  const counter = fact && TALLIED_BY_FACT[fact.k];
  return counter ? { ...undone, ...tally(doc, counter, -1) } : undone;
};

type Applier<T extends RelationshipEvent['type']> = (doc: RelationshipDoc, eventId: string, d: Of<T>) => StructureChange;

/** One applier per event type; the map is exhaustive, so a new event type fails the typecheck here. */
const appliers: { readonly [T in RelationshipEvent['type']]: Applier<T> } = {
  EngagementStarted: (doc, eventId, { engagementId, paymentTermsDays, startedAt }) =>
    doc.engagements.some((e) => e.engagementId === engagementId)
      ? NOTHING
      : { engagements: [...doc.engagements, { engagementId, paymentTermsDays, startedAt: iso(startedAt), eventId, ending: null }] },
  EngagementEnded: (doc, eventId, { engagementId, endedBy, reason, amicable, handoverArranged, endedAt }) => {
    const ending = { endedBy, reason, amicable, handoverArranged, endedAt: iso(endedAt), eventId };
    return { engagements: closeOnce(doc.engagements, (e) => e.engagementId === engagementId, 'ending', ending) };
  },
  InvoicePaid: (doc) => tally(doc, 'invoices', 1),
  DeliveryCompleted: (doc) => tally(doc, 'deliveries', 1),
  ReferralGiven: (doc) => tally(doc, 'referrals', 1),
  PriorityServiceGiven: (doc) => tally(doc, 'priorityServices', 1),
  DisputeRaised: (doc, eventId, { disputeId, raisedBy, reason, raisedAt }) =>
    doc.disputes.some((x) => x.disputeId === disputeId)
      ? NOTHING
      : { disputes: [...doc.disputes, { disputeId, raisedBy, reason, raisedAt: iso(raisedAt), eventId, resolution: null }] },
  DisputeResolved: (doc, eventId, { disputeId, outcome, resolvedAt }) => {
    const resolution = { outcome, resolvedAt: iso(resolvedAt), eventId };
    return { disputes: closeOnce(doc.disputes, (x) => x.disputeId === disputeId, 'resolution', resolution) };
  },
  LegalActionTaken: (doc, eventId, { legalActionId, takenBy, kind, grounds, disputeId, takenAt }) => {
    if (doc.legalActions.some((x) => x.legalActionId === legalActionId)) return NOTHING;
    const action = { legalActionId, takenBy, kind, grounds, disputeId: disputeId ?? null, takenAt: iso(takenAt), eventId, conclusion: null };
    return { legalActions: [...doc.legalActions, action] };
  },
  LegalActionConcluded: (doc, eventId, { legalActionId, outcome, concludedAt }) => {
    const conclusion = { outcome, concludedAt: iso(concludedAt), eventId };
    return { legalActions: closeOnce(doc.legalActions, (x) => x.legalActionId === legalActionId, 'conclusion', conclusion) };
  },
  FeedbackSubmitted: submit,
  FeedbackRevealed: reveal,
  FactRetracted: retract,
};

/** What one fact changes in the public structure: engagements, disputes, legal actions, feedback, tallies. */
export const structureChange = (doc: RelationshipDoc, { id, event }: StoredEvent<RelationshipEvent>): StructureChange =>
  (appliers[event.type] as Applier<RelationshipEvent['type']>)(doc, id, event.data as never);

export const derivedCounts = (doc: RelationshipDoc): RelationshipCounts => ({
  ...doc.counts,
  engagements: doc.engagements.length,
  disputes: doc.disputes.length,
  openDisputes: doc.disputes.filter((x) => x.resolution === null).length,
  legalActions: doc.legalActions.length,
  feedback: doc.feedback.length,
  pendingFeedback: doc.pendingFeedback.length,
});
