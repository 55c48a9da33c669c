import type { RecordedEvent } from '#libs/event-store';
import { InMemoryRunner } from '../../../test/in-memory-runner';
import { RecordedLog } from '../../../test/recorded-log';
import { asProjection } from '../shared/read-model';
import type { TimelineEntry, TimelineRetraction } from './party-timeline.entries';
import { partyTimelineProjection } from './party-timeline.projection';
import { withRetractions } from './party-timeline.queries';
import { money } from './timeline-summaries';

const run = (events: readonly RecordedEvent[]) => new InMemoryRunner([asProjection(partyTimelineProjection())]).run(events);
const summaries = (models: InMemoryRunner, partyId: string) => models.list<TimelineEntry>(`timeline:${partyId}`).map((e) => e.summary);

describe('the party timeline projection', () => {
  it('tells each fact in plain words, newest first, on the timelines of both parties', () => {
    const log = new RecordedLog();
    const rel = log.between('acme', 'globex');
    rel.startEngagement('2024-01-02', 'eng-1', 30);
    rel.payInvoice('2024-01-10', { invoiceId: 'inv-7', daysLate: 12, amount: 4000, attested: true });
    rel.deliver('2024-03-01', -2);
    const models = run(log.events);

    const expected = ['Delivery del-1 completed 2 days early', 'Invoice inv-7 paid 12 days late (EUR 4,000)', 'Engagement eng-1 started (acme supplying globex, payment terms 30 days)'];
    expect(summaries(models, 'acme')).toEqual(expected);
    expect(summaries(models, 'globex')).toEqual(expected);
    expect(models.list<TimelineEntry>('timeline:globex')[1]).toEqual({
      eventId: log.events[1].id,
      type: 'InvoicePaid',
      at: '2024-02-21T09:00:00.000Z',
      streamId: 'relationship-acme-globex',
      summary: 'Invoice inv-7 paid 12 days late (EUR 4,000)',
      counterpartyId: 'acme',
      attested: true,
      recordedBy: 'acme',
      retractedEventId: null,
      feedbackIds: null,
    });
  });

  it('puts a party’s own registration and profile changes on its timeline only', () => {
    const log = new RecordedLog();
    log.register('globex', { name: 'Globex', roles: ['client'], industry: 'Energy', region: 'Lyon', registeredAt: '2024-01-01T00:00:00Z' });
    log.updateProfile('globex', { region: 'Paris' }, '2024-02-01');

    expect(summaries(run(log.events), 'globex')).toEqual(['Updated its profile: region Paris', 'Registered as Globex, client (Energy, Lyon)']);
  });

  it('gives sealed feedback no entry, and both parties an entry when it is revealed', () => {
    const log = new RecordedLog();
    const rel = log.between('acme', 'globex');
    rel.startEngagement('2024-01-02');
    rel.submitFeedback('globex', 1, '2024-02-01', { feedbackId: 'fb-1', comment: 'Never again' });
    expect(run(log.events).list('timeline:acme')).toHaveLength(1);

    rel.reveal(['fb-1'], '2024-02-15', 'eng-1', 'window_passed');
    const models = run(log.events);
    for (const party of ['acme', 'globex']) {
      expect(models.list<TimelineEntry>(`timeline:${party}`)[0]).toMatchObject({
        type: 'FeedbackRevealed',
        summary: 'Revealed feedback on engagement eng-1 (the reveal window passed)',
        feedbackIds: ['fb-1'],
      });
    }
    expect(JSON.stringify(models.snapshot())).not.toContain('Never again');
  });

  it('adds a retraction as an entry of its own and marks the entry it retracts', () => {
    const log = new RecordedLog();
    const rel = log.between('acme', 'globex');
    const invoice = rel.payInvoice('2024-01-10', { daysLate: 60 });
    const retraction = rel.retract(invoice, 'acme', '2024-05-01');
    const models = run(log.events);
    const retractions = models.list<TimelineRetraction>('timeline-retractions:globex');

    expect(retractions).toEqual([{ retractedEventId: invoice.id, retractionEventId: retraction.id, retractedBy: 'acme', reason: 'Recorded in error', at: '2024-05-01T09:00:00.000Z' }]);
    const items = withRetractions(models.list<TimelineEntry>('timeline:globex'), retractions);
    expect(items.map((i) => [i.summary, i.retracted?.retractionEventId ?? null])).toEqual([
      ['acme retracted an earlier fact: Recorded in error', null],
      ['Invoice inv-1 paid 60 days late (EUR 5,000)', retraction.id],
    ]);
  });

  it('no longer marks an entry whose retraction was itself retracted', () => {
    const entry = { eventId: 'e1' } as TimelineEntry;
    const retraction = (target: string, id: string): TimelineRetraction => ({ retractedEventId: target, retractionEventId: id, retractedBy: 'acme', reason: 'oops', at: '2024-01-01T00:00:00.000Z' });

    expect(withRetractions([entry], [retraction('e1', 'r1'), retraction('r1', 'r2')])[0].retracted).toBeNull();
    expect(withRetractions([entry], [retraction('e1', 'r1'), retraction('r1', 'r2'), retraction('r2', 'r3')])[0].retracted).toEqual(retraction('e1', 'r1'));
  });

  it('writes amounts the same way in every process', () => {
    expect([money(4000, 'EUR'), money(1234567.5, 'USD'), money(12.345, 'GBP'), money(999, 'JPY')]).toEqual(['EUR 4,000', 'USD 1,234,567.5', 'GBP 12.35', 'JPY 999']);
  });
});
