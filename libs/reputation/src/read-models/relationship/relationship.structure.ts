import type { RelationshipEvent, RelationshipEventOf } from '#libs/relationships';
import type { StoredEvent } from '#libs/shared-kernel';
import { iso } from '../shared/decode-event';
import type { RelationshipCounts, RelationshipDoc, RevealedFeedback } from './relationship.doc';

type Of<T extends RelationshipEvent['type']> = RelationshipEventOf<T>['data'];
type Tallied = 'invoices' | 'deliveries' | 'referrals' | 'priorityServices';

const tally = (doc: RelationshipDoc, counter: Tallied, by: number): RelationshipDoc => ({
  ...doc,
  counts: { ...doc.counts, [counter]: doc.counts[counter] + by },
});

/** Where a fact was recorded twice under one business id, the first stands, as in scoring. */
const closeOnce = <T extends { readonly eventId: string }>(items: T[], match: (item: T) => boolean, field: keyof T, closing: T[keyof T]): T[] =>
  items.map((item) => (match(item) && item[field] === null ? ({ ...item, [field]: closing } as T) : item));

const reveal = (doc: RelationshipDoc, eventId: string, d: Of<'FeedbackRevealed'>): RelationshipDoc => {
  const ids = new Set(d.feedbackIds);
  const revealed: RevealedFeedback[] = doc.internal.sealedFeedback
    .filter((f) => ids.has(f.feedbackId))
    .map((f) => ({ ...f, revealedAt: iso(d.revealedAt), revealEventId: eventId }));
  return {
    ...doc,
    feedback: [...doc.feedback, ...revealed],
    pendingFeedback: doc.pendingFeedback.filter((f) => !ids.has(f.feedbackId)),
    internal: { ...doc.internal, sealedFeedback: doc.internal.sealedFeedback.filter((f) => !ids.has(f.feedbackId)) },
  };
};

const submit = (doc: RelationshipDoc, eventId: string, d: Of<'FeedbackSubmitted'>): RelationshipDoc => {
  const pending = { feedbackId: d.feedbackId, engagementId: d.engagementId, by: d.by, about: d.about, submittedAt: iso(d.submittedAt) };
  const sealed = { ...pending, ratings: { ...d.ratings } as Record<string, number>, comment: d.comment ?? null, eventId };
  return {
    ...doc,
    pendingFeedback: [...doc.pendingFeedback, pending],
    internal: { ...doc.internal, sealedFeedback: [...doc.internal.sealedFeedback, sealed] },
  };
};

const TALLIED_BY_FACT: Readonly<Record<string, Tallied>> = { payment: 'invoices', delivery: 'deliveries', referral: 'referrals', priority: 'priorityServices' };

/**
 * Undoes what a retracted fact did to the public structure. The decider only lets a fact be retracted
 * when nothing rests on it, and never a reveal, feedback or another retraction; ratings honour any
 * retraction through the scoring accumulators.
 */
const retract = (doc: RelationshipDoc, eventId: string, d: Of<'FactRetracted'>): RelationshipDoc => {
  const target = d.retractedEventId;
  const retraction = { retractedEventId: target, retractedBy: d.retractedBy, reason: d.reason, retractedAt: iso(d.retractedAt), eventId };
  if (doc.retractions.some((r) => r.retractedEventId === target)) return { ...doc, retractions: [...doc.retractions, retraction] };
  const notTarget = (item: { readonly eventId: string }) => item.eventId !== target;
  const undone: RelationshipDoc = {
    ...doc,
    engagements: doc.engagements.filter(notTarget).map((e) => (e.ending?.eventId === target ? { ...e, ending: null } : e)),
    disputes: doc.disputes.filter(notTarget).map((x) => (x.resolution?.eventId === target ? { ...x, resolution: null } : x)),
    legalActions: doc.legalActions.filter(notTarget).map((x) => (x.conclusion?.eventId === target ? { ...x, conclusion: null } : x)),
    retractions: [...doc.retractions, retraction],
  };
  const { client, supplier } = doc.internal.evidence;
  const fact = client.facts.find((f) => f.id === target) ?? supplier.facts.find((f) => f.id === target);
  const counter = fact && TALLIED_BY_FACT[fact.k];
  return counter ? tally(undone, counter, -1) : undone;
};

type Applier<T extends RelationshipEvent['type']> = (doc: RelationshipDoc, eventId: string, d: Of<T>) => RelationshipDoc;

/** One applier per event type; the map is exhaustive, so a new event type fails the typecheck here. */
const appliers: { readonly [T in RelationshipEvent['type']]: Applier<T> } = {
  EngagementStarted: (doc, eventId, { engagementId, paymentTermsDays, startedAt }) =>
    doc.engagements.some((e) => e.engagementId === engagementId)
      ? doc
      : { ...doc, engagements: [...doc.engagements, { engagementId, paymentTermsDays, startedAt: iso(startedAt), eventId, ending: null }] },
  EngagementEnded: (doc, eventId, { engagementId, endedBy, reason, amicable, handoverArranged, endedAt }) => {
    const ending = { endedBy, reason, amicable, handoverArranged, endedAt: iso(endedAt), eventId };
    return { ...doc, engagements: closeOnce(doc.engagements, (e) => e.engagementId === engagementId, 'ending', ending) };
  },
  InvoicePaid: (doc) => tally(doc, 'invoices', 1),
  DeliveryCompleted: (doc) => tally(doc, 'deliveries', 1),
  ReferralGiven: (doc) => tally(doc, 'referrals', 1),
  PriorityServiceGiven: (doc) => tally(doc, 'priorityServices', 1),
  DisputeRaised: (doc, eventId, { disputeId, raisedBy, reason, raisedAt }) =>
    doc.disputes.some((x) => x.disputeId === disputeId)
      ? doc
      : { ...doc, disputes: [...doc.disputes, { disputeId, raisedBy, reason, raisedAt: iso(raisedAt), eventId, resolution: null }] },
  DisputeResolved: (doc, eventId, { disputeId, outcome, resolvedAt }) => {
    const resolution = { outcome, resolvedAt: iso(resolvedAt), eventId };
    return { ...doc, disputes: closeOnce(doc.disputes, (x) => x.disputeId === disputeId, 'resolution', resolution) };
  },
  LegalActionTaken: (doc, eventId, { legalActionId, takenBy, kind, grounds, disputeId, takenAt }) => {
    if (doc.legalActions.some((x) => x.legalActionId === legalActionId)) return doc;
    const action = { legalActionId, takenBy, kind, grounds, disputeId: disputeId ?? null, takenAt: iso(takenAt), eventId, conclusion: null };
    return { ...doc, legalActions: [...doc.legalActions, action] };
  },
  LegalActionConcluded: (doc, eventId, { legalActionId, outcome, concludedAt }) => {
    const conclusion = { outcome, concludedAt: iso(concludedAt), eventId };
    return { ...doc, legalActions: closeOnce(doc.legalActions, (x) => x.legalActionId === legalActionId, 'conclusion', conclusion) };
  },
  FeedbackSubmitted: submit,
  FeedbackRevealed: reveal,
  FactRetracted: retract,
};

/** The public structure after one fact: engagements, disputes, legal actions, feedback, tallies. */
export const applyFact = (doc: RelationshipDoc, { id, event }: StoredEvent<RelationshipEvent>): RelationshipDoc =>
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
