import type { RecordedEvent } from '#libs/event-store';
import { DEFAULT_SCORING_POLICY as policy, ratePair } from '#libs/scoring';
import { publishedRating } from '../../../test/capped-rating';
import { InMemoryRunner } from '../../../test/in-memory-runner';
import { type PairLog, RecordedLog, plusDays } from '../../../test/recorded-log';
import { decodeEvent } from '../shared/decode-event';
import { asProjection } from '../shared/read-model';
import type { RelationshipDoc } from './relationship.doc';
import { RELATIONSHIP_PROJECTION, relationshipProjection, tenureDays } from './relationship.projection';
import { publicRelationshipView } from './relationship.queries';

const run = (events: readonly RecordedEvent[]) => new InMemoryRunner([asProjection(relationshipProjection(policy))]).run(events);
const relationshipOf = (events: readonly RecordedEvent[], key = 'acme:globex'): RelationshipDoc => {
  const doc = run(events).doc<RelationshipDoc>(RELATIONSHIP_PROJECTION, key);
  if (doc === null) throw new Error(`no relationship ${key}`);
  return doc;
};

/** acme has supplied globex since 2022: monthly invoices and deliveries, one dispute raised by globex. */
const story = (): { log: RecordedLog; rel: PairLog } => {
  const log = new RecordedLog();
  const rel = log.between('acme', 'globex');
  rel.startEngagement('2022-01-10', 'eng-1', 45);
  for (let m = 0; m < 24; m++) {
    rel.deliver(plusDays('2022-02-01', m * 30), m % 6 === 0 ? 4 : 0);
    rel.payInvoice(plusDays('2022-02-05', m * 30), { daysLate: m % 5 === 0 ? 9 : -2, attested: true });
  }
  rel.raiseDispute('globex', '2023-06-01', 'dis-late');
  return { log, rel };
};

describe('the relationship projection', () => {
  it('shows an active engagement with its terms, since when, for how long, and what was recorded', () => {
    const doc = relationshipOf(story().log.events);

    expect(doc).toMatchObject({ status: 'active', since: '2022-01-10T09:00:00.000Z', streamId: 'relationship-acme-globex' });
    expect(doc.engagements).toEqual([expect.objectContaining({ engagementId: 'eng-1', paymentTermsDays: 45, ending: null })]);
    expect(doc.tenureDays).toBe(tenureDays(doc.engagements, doc.asOf));
    expect(doc.counts).toMatchObject({ engagements: 1, invoices: 24, deliveries: 24, disputes: 1, openDisputes: 1 });
  });

  it('shows an open dispute with who raised it, and its resolution once resolved', () => {
    const { log, rel } = story();
    expect(relationshipOf(log.events).disputes).toEqual([expect.objectContaining({ disputeId: 'dis-late', raisedBy: 'globex', resolution: null })]);

    rel.resolveDispute('dis-late', 'settled', '2023-07-01');
    const doc = relationshipOf(log.events);
    expect(doc.disputes[0].resolution).toEqual(expect.objectContaining({ outcome: 'settled' }));
    expect(doc.counts.openDisputes).toBe(0);
  });

  it('rates both directions from this pair’s evidence exactly as ratePair does, with their mutual fit', () => {
    const { log } = story();
    const other = log.between('acme', 'initech');
    other.payInvoice('2023-01-01', { daysLate: 100 });
    const doc = relationshipOf(log.events);
    const stored = log.events.flatMap((e) => {
      const decoded = decodeEvent(e);
      return decoded?.stream === 'relationship' ? [decoded.stored] : [];
    });
    const pair = ratePair('acme', 'globex', stored, policy, doc.asOf);

    const view = publicRelationshipView(doc, null);
    expect(view.supplierViewOfClient).toEqual(publishedRating(pair.supplierViewOfClient));
    expect(view.clientViewOfSupplier).toEqual(publishedRating(pair.clientViewOfSupplier));
    expect(doc.fit).toEqual(pair.fit);
    expect(doc.fit?.score).toBeGreaterThan(0);
  });

  it('leaves the ratings and the fit to settle: an evolved relationship holds none', () => {
    const { log, rel } = story();
    const doc = relationshipOf(log.events);
    expect(doc.fit).not.toBeNull();
    const projection = relationshipProjection(policy);

    const evolved = projection.evolve(doc, 'acme:globex', rel.payInvoice('2024-02-01'));

    expect(evolved).toMatchObject({ supplierViewOfClient: null, clientViewOfSupplier: null, fit: null });
    expect(projection.settle!('acme:globex', evolved!).fit).not.toBeNull();
  });

  it('reads an amicable ending as an ending, and its retraction reopens the engagement', () => {
    const { log, rel } = story();
    const ending = rel.endEngagement('2024-01-31', { endedBy: 'globex', amicable: true, handoverArranged: true });
    const ended = relationshipOf(log.events);
    expect(ended.status).toBe('ended');
    expect(ended.engagements[0].ending).toEqual(expect.objectContaining({ endedBy: 'globex', amicable: true, handoverArranged: true }));

    rel.retract(ending, 'acme', '2024-02-02');
    const reopened = relationshipOf(log.events);
    expect(reopened.status).toBe('active');
    expect(reopened.retractions).toEqual([expect.objectContaining({ retractedEventId: ending.id, retractedBy: 'acme' })]);
  });

  it('no longer counts a retracted invoice, in the tallies or in the client’s rating', () => {
    const { log, rel } = story();
    const mistaken = rel.payInvoice('2024-02-01', { daysLate: 90 });
    const withMistake = relationshipOf(log.events);
    rel.retract(mistaken, 'acme', '2024-05-10');
    const corrected = relationshipOf(log.events);

    expect(corrected.counts.invoices).toBe(withMistake.counts.invoices - 1);
    expect(corrected.supplierViewOfClient?.components.punctuality?.evidenceCount).toBe(24);
  });

  it('keeps sealed feedback to its author until both sides have submitted, then shows both', () => {
    const { log, rel } = story();
    rel.submitFeedback('globex', 2, '2024-01-05', { comment: 'Slow to answer', feedbackId: 'fb-globex' });
    const sealed = relationshipOf(log.events);

    expect(publicRelationshipView(sealed, 'globex').viewerSealedFeedback).toEqual([expect.objectContaining({ feedbackId: 'fb-globex', comment: 'Slow to answer' })]);
    for (const viewer of ['acme', 'initech', null]) {
      const view = publicRelationshipView(sealed, viewer);
      expect(view.viewerSealedFeedback).toEqual([]);
      expect(JSON.stringify(view)).not.toContain('Slow to answer');
      expect(view).not.toHaveProperty('internal');
    }
    expect(sealed.pendingFeedback).toEqual([{ feedbackId: 'fb-globex', engagementId: 'eng-1', by: 'globex', about: 'acme', submittedAt: '2024-01-05T09:00:00.000Z' }]);
    expect(sealed.clientViewOfSupplier?.hiddenFeedback).toBe(1);

    rel.submitFeedback('acme', 5, '2024-01-08', { feedbackId: 'fb-acme' });
    rel.reveal(['fb-globex', 'fb-acme'], '2024-01-08');
    const revealed = relationshipOf(log.events);
    expect(revealed.pendingFeedback).toEqual([]);
    expect(revealed.feedback.map((f) => [f.by, f.ratings, f.comment])).toEqual([
      ['globex', { quality: 2, communication: 2 }, 'Slow to answer'],
      ['acme', { quality: 5, communication: 5 }, null],
    ]);
    expect(revealed.clientViewOfSupplier?.components.feedback?.evidenceCount).toBe(1);
  });

  it('lists the relationship among both parties’ relationships by the time of its last activity', () => {
    const { log } = story();
    log.between('acme', 'initech').payInvoice('2024-03-01');
    const models = run(log.events);
    const lastActivity = Date.parse(relationshipOf(log.events).lastActivityAt);

    expect(models.index('relationships-of:acme')).toEqual([
      { member: 'acme:initech', score: Date.parse('2024-03-31T09:00:00Z') },
      { member: 'acme:globex', score: lastActivity },
    ]);
    expect(models.index('relationships-of:globex')).toEqual([{ member: 'acme:globex', score: lastActivity }]);
  });

  it('counts overlapping engagements once in the tenure', () => {
    const engagement = (startedAt: string, endedAt: string | null) => ({
      engagementId: startedAt,
      paymentTermsDays: 30,
      startedAt,
      eventId: startedAt,
      ending: endedAt === null ? null : { endedBy: 'acme', reason: '', amicable: true, handoverArranged: false, endedAt, eventId: endedAt },
    });
    const engagements = [engagement('2020-01-01T00:00:00Z', '2020-01-31T00:00:00Z'), engagement('2020-01-21T00:00:00Z', null)];

    expect(tenureDays(engagements, '2020-03-01T00:00:00Z')).toBe(60);
  });
});
