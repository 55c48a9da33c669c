import type { RecordedEvent } from '#libs/event-store';
import { partyEventSchemas, type PartyEvent } from '#libs/parties';
import { relationshipEventSchemas, type RelationshipEvent, type RelationshipEventOf } from '#libs/relationships';

type Type = RelationshipEvent['type'];
type Data<T extends Type> = RelationshipEventOf<T>['data'];
type Own<T extends Type> = Omit<Data<T>, 'supplierId' | 'clientId'>;
type PartyData<T extends PartyEvent['type']> = Extract<PartyEvent, { type: T }>['data'];

const DAY_MS = 86_400_000;

/** `'2016-03-01'` or a full instant → an instant as the event catalogue writes it. */
export const instant = (date: string): string => (date.length === 10 ? `${date}T09:00:00Z` : date);
export const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(instant(date)) + days * DAY_MS).toISOString().replace('.000Z', 'Z');

export interface RecordOptions {
  readonly attested?: boolean;
  /** Defaults to when the fact happened: facts are recorded as they happen. */
  readonly recordedAt?: string;
  readonly recordedBy?: string;
}

/**
 * Builds the log as the store would return it, for specs: payloads validated by the catalogue, deterministic
 * UUIDs, stream revisions from 0, a growing global position, metadata as the write side writes it.
 */
export class RecordedLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  record(streamId: string, type: string, data: object, at: string, options: RecordOptions = {}): RecordedEvent {
    const n = this.events.length + 1;
    const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const { attested = false, recordedAt = at, recordedBy = 'system' } = options;
    const metadata = { recordedBy, source: attested ? 'partner:ledgerly' : 'party', attested, correlationId: `corr-${n}`, schemaVersion: 1 };
    const position = { commit: BigInt(n), prepare: BigInt(n) };
    const event: RecordedEvent = { id, type, streamId, revision, position, data: data as RecordedEvent['data'], metadata, recordedAt: new Date(instant(recordedAt)) };
    this.events.push(event);
    return event;
  }

  register(partyId: string, profile: Partial<Omit<PartyData<'PartyRegistered'>, 'partyId'>> = {}): RecordedEvent {
    const data = partyEventSchemas.PartyRegistered.parse({
      partyId,
      name: partyId,
      roles: ['client', 'supplier'],
      industry: 'Software',
      region: 'Île-de-France',
      registeredAt: instant('2014-01-01'),
      ...profile,
    });
    return this.record(`party-${partyId}`, 'PartyRegistered', data, data.registeredAt, { recordedBy: partyId });
  }

  updateProfile(partyId: string, changes: Partial<Omit<PartyData<'PartyProfileUpdated'>, 'partyId'>>, updatedAt: string): RecordedEvent {
    const data = partyEventSchemas.PartyProfileUpdated.parse({ partyId, ...changes, updatedAt: instant(updatedAt) });
    return this.record(`party-${partyId}`, 'PartyProfileUpdated', data, data.updatedAt, { recordedBy: partyId });
  }

  between(supplierId: string, clientId: string): PairLog {
    return new PairLog(this, supplierId, clientId);
  }
}

const AT_FIELD: { readonly [T in Type]: keyof Data<T> } = {
  EngagementStarted: 'startedAt',
  EngagementEnded: 'endedAt',
  InvoicePaid: 'paidAt',
  ReferralGiven: 'givenAt',
  DisputeRaised: 'raisedAt',
  DisputeResolved: 'resolvedAt',
  LegalActionTaken: 'takenAt',
  LegalActionConcluded: 'concludedAt',
  DeliveryCompleted: 'deliveredAt',
  PriorityServiceGiven: 'givenAt',
  FeedbackSubmitted: 'submittedAt',
  FeedbackRevealed: 'revealedAt',
  FactRetracted: 'retractedAt',
};

/** The facts of one supplier–client relationship, with the defaults of an ordinary working relationship. */
export class PairLog {
  private localIds = 0;

  constructor(
    readonly log: RecordedLog,
    readonly supplierId: string,
    readonly clientId: string,
  ) {}

  record<T extends Type>(type: T, own: Own<T>, options: RecordOptions = {}): RecordedEvent {
    const data = relationshipEventSchemas[type].parse({ supplierId: this.supplierId, clientId: this.clientId, ...own }) as Data<T>;
    const at = data[AT_FIELD[type]] as string;
    return this.log.record(`relationship-${this.supplierId}-${this.clientId}`, type, data, at, { recordedBy: this.supplierId, ...options });
  }

  nextId(prefix: string): string {
    this.localIds += 1;
    return `${prefix}-${this.localIds}`;
  }

  startEngagement(startedAt: string, engagementId = 'eng-1', paymentTermsDays = 30): RecordedEvent {
    return this.record('EngagementStarted', { engagementId, paymentTermsDays, startedAt: instant(startedAt) });
  }

  endEngagement(endedAt: string, ending: Partial<Own<'EngagementEnded'>> & { endedBy: string }): RecordedEvent {
    const own = { engagementId: 'eng-1', reason: 'The mandate came to an end', amicable: true, handoverArranged: false, ...ending };
    return this.record('EngagementEnded', { ...own, endedAt: instant(endedAt) });
  }

  /** An invoice issued on `issuedAt` with 30 days to pay, paid `daysLate` after it was due (negative: early). */
  payInvoice(issuedAt: string, options: { daysLate?: number; amount?: number; attested?: boolean; invoiceId?: string; paidAt?: string } = {}): RecordedEvent {
    const { daysLate = 0, amount = 5000, attested = false, invoiceId = this.nextId('inv') } = options;
    const dueAt = plusDays(issuedAt, 30);
    const paidAt = options.paidAt ?? plusDays(dueAt, daysLate);
    return this.record('InvoicePaid', { invoiceId, amount, currency: 'EUR', issuedAt: instant(issuedAt), dueAt, paidAt }, { attested });
  }

  deliver(dueAt: string, daysLate = 0): RecordedEvent {
    return this.record('DeliveryCompleted', { deliveryId: this.nextId('del'), dueAt: instant(dueAt), deliveredAt: plusDays(dueAt, daysLate) });
  }

  refer(referrerId: string, givenAt: string): RecordedEvent {
    return this.record('ReferralGiven', { referralId: this.nextId('ref'), referrerId, givenAt: instant(givenAt) });
  }

  raiseDispute(raisedBy: string, raisedAt: string, disputeId = this.nextId('dis')): RecordedEvent {
    return this.record('DisputeRaised', { disputeId, raisedBy, reason: 'The invoice does not match the work', raisedAt: instant(raisedAt) });
  }

  resolveDispute(disputeId: string, outcome: Data<'DisputeResolved'>['outcome'], resolvedAt: string): RecordedEvent {
    return this.record('DisputeResolved', { disputeId, outcome, resolvedAt: instant(resolvedAt) });
  }

  takeLegalAction(takenBy: string, takenAt: string, grounds: Data<'LegalActionTaken'>['grounds'], legalActionId = this.nextId('law')): RecordedEvent {
    return this.record('LegalActionTaken', { legalActionId, takenBy, kind: 'lawsuit', grounds, takenAt: instant(takenAt) });
  }

  submitFeedback(by: string, stars: number, submittedAt: string, options: { engagementId?: string; comment?: string; feedbackId?: string } = {}): RecordedEvent {
    const { engagementId = 'eng-1', comment, feedbackId = this.nextId('fb') } = options;
    const about = by === this.supplierId ? this.clientId : this.supplierId;
    const ratings = { quality: stars, communication: stars };
    return this.record('FeedbackSubmitted', { engagementId, feedbackId, by, about, ratings, ...(comment ? { comment } : {}), submittedAt: instant(submittedAt) });
  }

  reveal(feedbackIds: string[], revealedAt: string, engagementId = 'eng-1', reason: Data<'FeedbackRevealed'>['reason'] = 'both_submitted'): RecordedEvent {
    return this.record('FeedbackRevealed', { engagementId, feedbackIds, reason, revealedAt: instant(revealedAt) });
  }

  retract(retracted: RecordedEvent, retractedBy: string, retractedAt: string): RecordedEvent {
    return this.record('FactRetracted', { retractedEventId: retracted.id, retractedBy, reason: 'Recorded in error', retractedAt: instant(retractedAt) });
  }
}
