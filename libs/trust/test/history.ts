import { type RelationshipEvent, type RelationshipEventOf, relationshipEventSchemas } from '#libs/relationships';
import { DEFAULT_SCORING_POLICY, ledgerOf } from '#libs/scoring';
import type { StoredEvent } from '#libs/shared-kernel';
import { type PartyEvidence, partyEvidenceFrom } from '#libs/trust';

type Type = RelationshipEvent['type'];
type Own<T extends Type> = Omit<RelationshipEventOf<T>['data'], 'supplierId' | 'clientId'>;

export const DAY_MS = 86_400_000;
export const YEAR_MS = 365.25 * DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Deterministic randomness for specs (mulberry32). */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/**
 * A log of relationship events for specs, shaped as the write side records them: deterministic ids,
 * `attested` when a partner integration recorded the fact, feedback revealed when submitted.
 */
export class History {
  readonly events: StoredEvent<RelationshipEvent>[] = [];
  readonly identities = new Map<string, { industry: string; region: string }>();
  private sequence = 0;
  private localIds = 0;

  register(partyId: string, industry = 'Software', region = 'Bretagne'): void {
    this.identities.set(partyId, { industry, region });
  }

  record<T extends Type>(type: T, supplierId: string, clientId: string, data: Own<T>, attested = false): string {
    this.sequence += 1;
    const id = `00000000-0000-4000-8000-${this.sequence.toString(16).padStart(12, '0')}`;
    const metadata = { recordedBy: supplierId, source: attested ? 'partner:ledgerly' : 'party', attested, correlationId: id, schemaVersion: 1 };
    const parsed = relationshipEventSchemas[type].parse({ supplierId, clientId, ...data });
    const event = { type, data: parsed } as RelationshipEvent;
    this.events.push({ id, event, metadata, streamId: `relationship-${supplierId}-${clientId}`, revision: this.events.length });
    return id;
  }

  private next(prefix: string): string {
    return `${prefix}-${++this.localIds}`;
  }

  engage(supplierId: string, clientId: string, startedMs: number): string {
    const engagementId = this.next('eng');
    this.record('EngagementStarted', supplierId, clientId, { engagementId, paymentTermsDays: 30, startedAt: iso(startedMs) });
    return engagementId;
  }

  payInvoice(supplierId: string, clientId: string, issuedMs: number, daysLate: number, attested: boolean, amount = 5000): void {
    const dueMs = issuedMs + 30 * DAY_MS;
    const data = { invoiceId: this.next('inv'), amount, currency: 'EUR', issuedAt: iso(issuedMs), dueAt: iso(dueMs), paidAt: iso(dueMs + daysLate * DAY_MS) };
    this.record('InvoicePaid', supplierId, clientId, data, attested);
  }

  deliver(supplierId: string, clientId: string, dueMs: number, daysLate: number, attested: boolean): void {
    this.record('DeliveryCompleted', supplierId, clientId, { deliveryId: this.next('del'), dueAt: iso(dueMs), deliveredAt: iso(dueMs + daysLate * DAY_MS) }, attested);
  }

  /** Feedback on one engagement, revealed at once (as when both sides have submitted). */
  feedback(supplierId: string, clientId: string, engagementId: string, by: string, stars: number, atMs: number): void {
    const about = by === supplierId ? clientId : supplierId;
    const feedbackId = this.next('fb');
    const ratings = { quality: stars, communication: stars, fairness: stars };
    this.record('FeedbackSubmitted', supplierId, clientId, { engagementId, feedbackId, by, about, ratings, submittedAt: iso(atMs) });
    this.record('FeedbackRevealed', supplierId, clientId, { engagementId, feedbackIds: [feedbackId], reason: 'both_submitted', revealedAt: iso(atMs) });
  }

  /** Every party's evidence as of `asOf`, as a full recompute reads it. */
  evidence(asOf: string): PartyEvidence[] {
    return [...ledgerOf(this.events)].map(([partyId, accs]) => partyEvidenceFrom(accs, this.identities.get(partyId) ?? {}, DEFAULT_SCORING_POLICY, asOf));
  }
}
