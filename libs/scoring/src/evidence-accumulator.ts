import { relationshipEventOccurredAt, type RelationshipEvent, type RelationshipEventOf } from '#libs/relationships';
import type { Role, StoredEvent } from '#libs/shared-kernel';
import { instantMs, wholeDaysBetween } from './time';

type Data<T extends RelationshipEvent['type']> = RelationshipEventOf<T>['data'];

/** What every fact keeps: its event, the counterparty, when it happened and whether a partner attested it. */
interface FactBase {
  readonly id: string;
  readonly cp: string;
  readonly at: number;
  readonly attested: boolean;
}

export type Fact = FactBase &
  (
    | { readonly k: 'payment'; readonly daysBeyondTerms: number; readonly upfront: boolean; readonly amount: number; readonly currency: string }
    | { readonly k: 'delivery'; readonly daysLate: number }
    | { readonly k: 'priority' }
    | { readonly k: 'referral' }
    | { readonly k: 'engagementStarted'; readonly key: string }
    | { readonly k: 'engagementEnded'; readonly key: string; readonly byParty: boolean; readonly amicable: boolean; readonly handover: boolean }
    | { readonly k: 'disputeRaised'; readonly key: string; readonly disputeId: string; readonly byParty: boolean }
    | { readonly k: 'disputeResolved'; readonly key: string; readonly outcome: Data<'DisputeResolved'>['outcome'] }
    | {
        readonly k: 'legalTaken';
        readonly key: string;
        readonly legalActionId: string;
        readonly byParty: boolean;
        readonly grounds: Data<'LegalActionTaken'>['grounds'];
        readonly kind: Data<'LegalActionTaken'>['kind'];
      }
    | { readonly k: 'legalConcluded'; readonly key: string; readonly outcome: Data<'LegalActionConcluded'>['outcome'] }
    | { readonly k: 'feedback'; readonly key: string; readonly averageRating: number }
    | { readonly k: 'revealed'; readonly keys: readonly string[] }
    | { readonly k: 'retraction'; readonly target: string }
  );
export type FactOf<K extends Fact['k']> = Extract<Fact, { k: K }>;

/**
 * The facts about one party in one role: what a projection keeps per party so that a rating never needs
 * a second pass over the log. It holds facts, not weights, so a new policy version re-scores without a
 * replay; it is plain JSON, so a read model can store it as it is.
 */
export interface EvidenceAccumulator {
  readonly partyId: string;
  readonly role: Role;
  readonly facts: Fact[];
}

export const createAccumulator = (partyId: string, role: Role): EvidenceAccumulator => ({ partyId, role, facts: [] });

/**
 * Folds one event into the accumulator, in place: the caller owns it, and appending keeps a replay of
 * a million events cheap. The rating reads facts in (time, event id) order and skips a redelivered
 * event id, so neither the order of folding nor at-least-once delivery changes the result.
 */
export const foldEvent = (acc: EvidenceAccumulator, stored: StoredEvent<RelationshipEvent>): EvidenceAccumulator => {
  const { supplierId, clientId } = stored.event.data;
  const isClient = acc.role === 'client';
  if ((isClient ? clientId : supplierId) !== acc.partyId) return acc;
  const fact = factFor(acc, stored, isClient ? supplierId : clientId);
  if (fact !== null) acc.facts.push(fact);
  return acc;
};

const factFor = (acc: EvidenceAccumulator, { id, event, metadata }: StoredEvent<RelationshipEvent>, cp: string): Fact | null => {
  // One builder per event type; the map is exhaustive, so a new event type fails the typecheck here.
  const build = factBuilders[event.type] as (f: FactContext, data: RelationshipEvent['data']) => Fact | null;
  const at = instantMs(relationshipEventOccurredAt(event));
  return build({ base: { id, cp, attested: metadata.attested, at }, role: acc.role, partyId: acc.partyId }, event.data);
};

interface FactContext {
  /** What every fact keeps, `at` being when the fact happened. */
  readonly base: FactBase;
  readonly role: Role;
  readonly partyId: string;
}

const keyOf = (f: FactContext, localId: string): string => `${f.base.cp}/${localId}`;

const factBuilders: { [T in RelationshipEvent['type']]: (f: FactContext, d: Data<T>) => Fact | null } = {
  InvoicePaid: (f, d) => {
    if (f.role !== 'client') return null;
    const { at } = f.base;
    const upfront = d.issuedAt !== undefined && at < instantMs(d.issuedAt);
    const daysBeyondTerms = wholeDaysBetween(instantMs(d.dueAt), at);
    return { k: 'payment', ...f.base, daysBeyondTerms, upfront, amount: d.amount, currency: d.currency };
  },
  DeliveryCompleted: (f, d) => {
    if (f.role !== 'supplier') return null;
    return { k: 'delivery', ...f.base, daysLate: wholeDaysBetween(instantMs(d.dueAt), f.base.at) };
  },
  PriorityServiceGiven: (f) => (f.role === 'supplier' ? { k: 'priority', ...f.base } : null),
  ReferralGiven: (f, d) => (d.referrerId === f.partyId ? { k: 'referral', ...f.base } : null),
  EngagementStarted: (f, d) => ({ k: 'engagementStarted', ...f.base, key: keyOf(f, d.engagementId) }),
  EngagementEnded: (f, d) => ({
    k: 'engagementEnded',
    ...f.base,
    key: keyOf(f, d.engagementId),
    byParty: d.endedBy === f.partyId,
    amicable: d.amicable,
    handover: d.handoverArranged,
  }),
  DisputeRaised: (f, d) => ({
    k: 'disputeRaised',
    ...f.base,
    key: keyOf(f, d.disputeId),
    disputeId: d.disputeId,
    byParty: d.raisedBy === f.partyId,
  }),
  DisputeResolved: (f, d) => ({ k: 'disputeResolved', ...f.base, key: keyOf(f, d.disputeId), outcome: d.outcome }),
  LegalActionTaken: (f, d) => ({
    k: 'legalTaken',
    ...f.base,
    key: keyOf(f, d.legalActionId),
    legalActionId: d.legalActionId,
    byParty: d.takenBy === f.partyId,
    grounds: d.grounds,
    kind: d.kind,
  }),
  LegalActionConcluded: (f, d) => ({
    k: 'legalConcluded',
    ...f.base,
    key: keyOf(f, d.legalActionId),
    outcome: d.outcome,
  }),
  FeedbackSubmitted: (f, d) => {
    if (d.about !== f.partyId) return null;
    let sum = 0;
    let count = 0;
    for (const r of Object.values(d.ratings)) if (typeof r === 'number') (sum += r), (count += 1);
    return { k: 'feedback', ...f.base, key: keyOf(f, d.feedbackId), averageRating: sum / count };
  },
  FeedbackRevealed: (f, d) => ({
    k: 'revealed',
    ...f.base,
    keys: d.feedbackIds.map((id) => keyOf(f, id)),
  }),
  FactRetracted: (f, d) => ({ k: 'retraction', ...f.base, target: d.retractedEventId }),
};
