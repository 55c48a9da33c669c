import type { PartyEvent } from '#libs/parties';
import type { RelationshipEvent, RelationshipEventOf } from '#libs/relationships';

type Of<T extends RelationshipEvent['type']> = RelationshipEventOf<T>['data'];

const DAY_MS = 86_400_000;
const MAX_QUOTE = 120;

/** "EUR 4,000" or "EUR 1,234.5": no locale data, so every process writes the same words. */
export const money = (amount: number, currency: string): string => {
  const [whole, fraction] = (Math.round(amount * 100) / 100).toString().split('.');
  return `${currency} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
};

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/** Whole days from `due` to `done`, truncated as scoring truncates: 23 hours late is not yet a day late. */
const timeliness = (due: string, done: string): string => {
  const late = Math.trunc((Date.parse(done) - Date.parse(due)) / DAY_MS);
  return late > 0 ? `${days(late)} late` : late < 0 ? `${days(-late)} early` : 'on time';
};

const quote = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_QUOTE ? oneLine : `${oneLine.slice(0, MAX_QUOTE - 1).trimEnd()}…`;
};

const words = (code: string): string => code.replace(/_/g, ' ');

const DISPUTE_OUTCOMES: Readonly<Record<Of<'DisputeResolved'>['outcome'], string>> = {
  upheld: 'upheld (the party that raised it was right)',
  rejected: 'rejected (the party that raised it was wrong)',
  settled: 'settled (both gave ground)',
  withdrawn: 'withdrawn by the party that raised it',
};

const LEGAL_GROUNDS: Readonly<Record<Of<'LegalActionTaken'>['grounds'], string>> = {
  review: 'over a review',
  feedback: 'over feedback',
  non_payment: 'for non-payment',
  non_delivery: 'for non-delivery',
  contract_breach: 'for breach of contract',
  other: 'on other grounds',
};

const LEGAL_OUTCOMES: Readonly<Record<Of<'LegalActionConcluded'>['outcome'], string>> = {
  won: 'won by the party that took it',
  lost: 'lost by the party that took it',
  settled: 'settled',
  withdrawn: 'withdrawn by the party that took it',
};

const ending = (d: Of<'EngagementEnded'>): string => {
  const terms = [d.amicable ? 'amicably' : 'not amicably', d.handoverArranged ? 'with a hand-over arranged' : 'without a hand-over'];
  return `Engagement ${d.engagementId} ended by ${d.endedBy}, ${terms.join(', ')}`;
};

type Summaries = { readonly [T in RelationshipEvent['type']]: (d: Of<T>) => string };

/** One plain-words line per fact, naming parties by id: the timeline has no names at hand. */
const summaries: Summaries = {
  EngagementStarted: (d) => `Engagement ${d.engagementId} started (${d.supplierId} supplying ${d.clientId}, payment terms ${days(d.paymentTermsDays)})`,
  EngagementEnded: ending,
  InvoicePaid: (d) => {
    const when = d.issuedAt !== undefined && Date.parse(d.paidAt) < Date.parse(d.issuedAt) ? 'upfront' : timeliness(d.dueAt, d.paidAt);
    return `Invoice ${d.invoiceId} paid ${when} (${money(d.amount, d.currency)})`;
  },
  ReferralGiven: (d) => {
    const to = d.referrerId === d.supplierId ? d.clientId : d.supplierId;
    return `${d.referrerId} referred new business to ${to}${d.referredPartyId ? ` (${d.referredPartyId})` : ''}`;
  },
  DisputeRaised: (d) => `Dispute ${d.disputeId} raised by ${d.raisedBy}: ${quote(d.reason)}`,
  DisputeResolved: (d) => `Dispute ${d.disputeId} ${DISPUTE_OUTCOMES[d.outcome]}`,
  LegalActionTaken: (d) => {
    const against = d.takenBy === d.supplierId ? d.clientId : d.supplierId;
    return `${d.takenBy} took legal action (${words(d.kind)}) against ${against} ${LEGAL_GROUNDS[d.grounds]}`;
  },
  LegalActionConcluded: (d) => `Legal action ${d.legalActionId} ${LEGAL_OUTCOMES[d.outcome]}`,
  DeliveryCompleted: (d) => `Delivery ${d.deliveryId} completed ${timeliness(d.dueAt, d.deliveredAt)}`,
  PriorityServiceGiven: (d) => `${d.supplierId} gave ${d.clientId} priority service: ${quote(d.description)}`,
  FeedbackSubmitted: (d) => `${d.by} gave feedback about ${d.about} on engagement ${d.engagementId}`,
  FeedbackRevealed: (d) => {
    const count = d.feedbackIds.length === 1 ? 'feedback' : `${d.feedbackIds.length} pieces of feedback`;
    const why = d.reason === 'both_submitted' ? 'both sides submitted' : 'the reveal window passed';
    return `Revealed ${count} on engagement ${d.engagementId} (${why})`;
  },
  FactRetracted: (d) => `${d.retractedBy} retracted an earlier fact: ${quote(d.reason)}`,
};

export const summarizeRelationshipEvent = (event: RelationshipEvent): string =>
  (summaries[event.type] as (d: RelationshipEvent['data']) => string)(event.data);

export const summarizePartyEvent = (event: PartyEvent): string => {
  if (event.type === 'PartyRegistered') {
    const { name, roles, industry, region } = event.data;
    return `Registered as ${name}, ${roles.join(' and ')} (${industry}, ${region})`;
  }
  const { partyId: _party, updatedAt: _at, ...changes } = event.data;
  return `Updated its profile: ${Object.entries(changes).map(([field, value]) => `${field} ${Array.isArray(value) ? value.join(' and ') : value}`).join(', ')}`;
};
