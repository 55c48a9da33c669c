import { type RelationshipEvent, type RelationshipEventOf, relationshipEventSchemas } from '#libs/relationships';
import type { StoredEvent } from '#libs/shared-kernel';

type Type = RelationshipEvent['type'];
type Data<T extends Type> = RelationshipEventOf<T>['data'];
type Own<T extends Type> = Omit<Data<T>, 'supplierId' | 'clientId'>;

const DAY_MS = 86_400_000;

/** `'2016-03-01'` or a full instant → an instant as the event catalogue writes it. */
export const instant = (date: string): string => (date.length === 10 ? `${date}T09:00:00Z` : date);
export const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(instant(date)) + days * DAY_MS).toISOString().replace('.000Z', 'Z');

/**
 * Builds a log of relationship events for specs: every payload is validated against the catalogue, ids
 * are deterministic UUIDs, and `attested` marks a fact recorded by a partner integration.
 */
export class EventLog {
  readonly events: StoredEvent<RelationshipEvent>[] = [];
  private sequence = 0;

  between(supplierId: string, clientId: string): Relationship {
    return new Relationship(this, supplierId, clientId);
  }

  record<T extends Type>(type: T, data: Data<T>, attested: boolean): string {
    const parsed = relationshipEventSchemas[type].parse(data);
    this.sequence += 1;
    const id = `00000000-0000-4000-8000-${this.sequence.toString(16).padStart(12, '0')}`;
    const metadata = { recordedBy: data.supplierId, source: attested ? 'partner:ledger' : 'party', attested, correlationId: id, schemaVersion: 1 };
    const event = { type, data: parsed } as RelationshipEvent;
    this.events.push({ id, event, metadata, streamId: `relationship-${data.supplierId}-${data.clientId}`, revision: this.events.length });
    return id;
  }
}

export class Relationship {
  private localIds = 0;

  constructor(
    readonly log: EventLog,
    readonly supplierId: string,
    readonly clientId: string,
  ) {}

  record<T extends Type>(type: T, data: Own<T>, attested = false): string {
    return this.log.record(type, { supplierId: this.supplierId, clientId: this.clientId, ...data } as unknown as Data<T>, attested);
  }

  nextId(prefix: string): string {
    this.localIds += 1;
    return `${prefix}-${this.localIds}`;
  }

  startEngagement(startedAt: string, engagementId = 'eng-1', paymentTermsDays = 30): string {
    return this.record('EngagementStarted', { engagementId, paymentTermsDays, startedAt: instant(startedAt) });
  }

  endEngagement(endedAt: string, ending: { endedBy: string; amicable: boolean; handoverArranged: boolean; engagementId?: string; reason?: string }): string {
    const { engagementId = 'eng-1', reason = 'The mandate came to an end', ...rest } = ending;
    return this.record('EngagementEnded', { engagementId, reason, ...rest, endedAt: instant(endedAt) });
  }

  /** An invoice issued on `issuedAt` with `termsDays` to pay, paid `daysLate` after it was due (negative: early). */
  payInvoice(issuedAt: string, options: { daysLate?: number; termsDays?: number; amount?: number; attested?: boolean; paidAt?: string } = {}): string {
    const { daysLate = 0, termsDays = 30, amount = 5000, attested = false } = options;
    const dueAt = plusDays(issuedAt, termsDays);
    const paidAt = options.paidAt ?? plusDays(dueAt, daysLate);
    const data = { invoiceId: this.nextId('inv'), amount, currency: 'EUR', issuedAt: instant(issuedAt), dueAt, paidAt };
    return this.record('InvoicePaid', data, attested);
  }

  deliver(dueAt: string, daysLate = 0, attested = false): string {
    return this.record('DeliveryCompleted', { deliveryId: this.nextId('del'), dueAt: instant(dueAt), deliveredAt: plusDays(dueAt, daysLate) }, attested);
  }

  refer(referrerId: string, givenAt: string): string {
    return this.record('ReferralGiven', { referralId: this.nextId('ref'), referrerId, givenAt: instant(givenAt) });
  }

  givePriorityService(givenAt: string): string {
    return this.record('PriorityServiceGiven', { serviceId: this.nextId('svc'), description: 'Served first after a server outage', givenAt: instant(givenAt) });
  }

  raiseDispute(raisedBy: string, raisedAt: string, disputeId = this.nextId('dis')): string {
    this.record('DisputeRaised', { disputeId, raisedBy, reason: 'The invoice does not match the work', raisedAt: instant(raisedAt) });
    return disputeId;
  }

  resolveDispute(disputeId: string, outcome: Data<'DisputeResolved'>['outcome'], resolvedAt: string, attested = false): string {
    return this.record('DisputeResolved', { disputeId, outcome, resolvedAt: instant(resolvedAt) }, attested);
  }

  takeLegalAction(takenBy: string, takenAt: string, grounds: Data<'LegalActionTaken'>['grounds'], kind: Data<'LegalActionTaken'>['kind'] = 'lawsuit'): string {
    const legalActionId = this.nextId('law');
    this.record('LegalActionTaken', { legalActionId, takenBy, kind, grounds, takenAt: instant(takenAt) });
    return legalActionId;
  }

  concludeLegalAction(legalActionId: string, outcome: Data<'LegalActionConcluded'>['outcome'], concludedAt: string): string {
    return this.record('LegalActionConcluded', { legalActionId, outcome, concludedAt: instant(concludedAt) });
  }

  /** Submits feedback and, unless `hidden`, reveals it the same day. */
  giveFeedback(by: string, about: string, rating: number, submittedAt: string, options: { engagementId?: string; hidden?: boolean } = {}): string {
    const { engagementId = 'eng-1', hidden = false } = options;
    const feedbackId = this.nextId('fb');
    const ratings = { quality: rating, communication: rating, fairness: rating };
    this.record('FeedbackSubmitted', { engagementId, feedbackId, by, about, ratings, submittedAt: instant(submittedAt) });
    if (!hidden) this.record('FeedbackRevealed', { engagementId, feedbackIds: [feedbackId], reason: 'window_passed', revealedAt: instant(submittedAt) });
    return feedbackId;
  }

  retract(retractedEventId: string, retractedBy: string, retractedAt: string): string {
    return this.record('FactRetracted', { retractedEventId, retractedBy, reason: 'Recorded in error', retractedAt: instant(retractedAt) });
  }
}
