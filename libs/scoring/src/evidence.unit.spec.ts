import { DEFAULT_SCORING_POLICY as policy, type EvidenceItem, InvalidAsOfError, evidenceFrom, rateParty } from '#libs/scoring';
import { EventLog } from './testing/event-log';

const AS_OF = '2025-01-01T00:00:00Z';
const itemsOf = (log: EventLog, partyId: string, role: 'asClient' | 'asSupplier', asOf = AS_OF): EvidenceItem[] =>
  evidenceFrom(log.events, policy, asOf).get(partyId)?.[role] ?? [];
const kinds = (items: EvidenceItem[]) => items.map((i) => i.kind);

describe('evidence from relationship events', () => {
  describe('facts over opinions', () => {
    it('computes days beyond terms from the due and paid dates, upfront counting as early', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.payInvoice('2024-01-10', { daysLate: 22 });
      rel.payInvoice('2024-02-10', { paidAt: '2024-02-01T09:00:00Z' });
      rel.payInvoice('2024-03-10', { daysLate: 0 });
      expect(itemsOf(log, 'globex', 'asClient').map((i) => [i.kind, i.paydex, i.success])).toEqual([
        ['paid-early', 100, 1],
        ['paid-late', 60, 2 / 3],
        ['paid-on-time', 80, 1],
      ]);
    });

    it('grades a late delivery by how late it was, a full failure from 30 days', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      for (const late of [0, 3, 15, 45]) rel.deliver('2024-05-01', late);
      expect(itemsOf(log, 'acme', 'asSupplier').map((i) => i.success)).toEqual([1, 0.9, 0.5, 0]);
    });

    it('counts priority service as positive reliability for the supplier only', () => {
      const log = new EventLog();
      log.between('acme', 'globex').givePriorityService('2024-05-01');
      expect(kinds(itemsOf(log, 'acme', 'asSupplier'))).toEqual(['priority-service']);
      expect(itemsOf(log, 'globex', 'asClient')).toEqual([]);
    });

    it('weighs evidence attested by a partner integration 1.5 times a self-report', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.deliver('2024-05-01', 0, true);
      rel.deliver('2024-05-02', 0, false);
      expect(itemsOf(log, 'acme', 'asSupplier').map((i) => i.weight)).toEqual([1.5, 1]);
    });

    it('credits a referral to the party that gave it, in the role it holds in that relationship', () => {
      const log = new EventLog();
      log.between('acme', 'globex').refer('globex', '2024-05-01');
      expect(kinds(itemsOf(log, 'globex', 'asClient'))).toEqual(['referral']);
      expect(itemsOf(log, 'acme', 'asSupplier')).toEqual([]);
    });

    it('ignores what happened after asOf, and has no rating for a role with no fact by then', () => {
      const log = new EventLog();
      log.between('acme', 'globex').payInvoice('2026-01-10');
      expect(rateParty('globex', log.events, policy, AS_OF)).toEqual({ partyId: 'globex', asOf: AS_OF, asClient: null, asSupplier: null, flags: [] });
    });

    it('refuses an asOf that is not an instant', () => {
      expect(() => rateParty('globex', [], policy, 'yesterday')).toThrow(InvalidAsOfError);
    });
  });

  describe('corrections', () => {
    it('stops counting a retracted fact from the retraction on', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      const paid = rel.payInvoice('2024-01-10', { daysLate: 90 });
      rel.retract(paid, 'acme', '2024-06-01');
      expect(itemsOf(log, 'globex', 'asClient', '2024-05-31T00:00:00Z')).toHaveLength(1);
      expect(itemsOf(log, 'globex', 'asClient')).toEqual([]);
    });

    it('counts the fact again when its retraction is itself retracted', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      const paid = rel.payInvoice('2024-01-10');
      rel.retract(rel.retract(paid, 'acme', '2024-06-01'), 'acme', '2024-07-01');
      expect(itemsOf(log, 'globex', 'asClient').map((i) => i.eventIds)).toEqual([[paid]]);
    });

    it('reopens a dispute whose resolution was retracted', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.resolveDispute(rel.raiseDispute('acme', '2024-02-01'), 'upheld', '2024-03-01');
      rel.retract(log.events[log.events.length - 1].id, 'acme', '2024-04-01');
      const rating = rateParty('globex', log.events, policy, AS_OF).asClient!;
      expect(rating.openDisputes).toEqual([expect.objectContaining({ counterpartyId: 'acme', raisedByParty: false })]);
      expect(kinds(itemsOf(log, 'globex', 'asClient'))).toEqual([]);
    });
  });

  describe('no weapons', () => {
    it('shows an open dispute without scoring it', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.raiseDispute('acme', '2024-02-01', 'dis-9');
      const rating = rateParty('globex', log.events, policy, AS_OF).asClient!;
      expect(rating.openDisputes).toEqual([{ disputeId: 'dis-9', counterpartyId: 'acme', raisedAt: '2024-02-01T09:00:00.000Z', raisedByParty: false, eventId: log.events[0].id }]);
      expect(rating.components.conflict?.evidenceCount).toBe(0);
    });

    it.each([
      ['upheld', 0, 2],
      ['rejected', 2, 0],
      ['settled', 0.5, 0.5],
      ['withdrawn', 0.5, 0],
    ] as const)('counts a dispute %s as %d against the raiser and %d against the other side', (outcome, raiser, respondent) => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.resolveDispute(rel.raiseDispute('globex', '2024-02-01'), outcome, '2024-03-01');
      const weight = (items: EvidenceItem[]) => items.filter((i) => i.component === 'conflict').reduce((sum, i) => sum + i.weight, 0);
      expect(weight(itemsOf(log, 'globex', 'asClient'))).toBe(raiser);
      expect(weight(itemsOf(log, 'acme', 'asSupplier'))).toBe(respondent);
    });

    it('counts feedback only once it is revealed', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      const id = rel.giveFeedback('acme', 'globex', 1, '2024-03-01', { hidden: true });
      expect(rateParty('globex', log.events, policy, AS_OF).asClient!.hiddenFeedback).toBe(1);
      expect(itemsOf(log, 'globex', 'asClient')).toEqual([]);
      rel.record('FeedbackRevealed', { engagementId: 'eng-1', feedbackIds: [id], reason: 'window_passed', revealedAt: '2024-03-15T00:00:00Z' });
      expect(itemsOf(log, 'globex', 'asClient', '2024-03-14T00:00:00Z')).toEqual([]);
      expect(itemsOf(log, 'globex', 'asClient').map((i) => [i.kind, i.success])).toEqual([['feedback-negative', 0]]);
    });

    it('counts legal action over a review against the taker whatever the outcome, and never against the other side', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.concludeLegalAction(rel.takeLegalAction('acme', '2024-02-01', 'review'), 'won', '2024-05-01');
      expect(itemsOf(log, 'acme', 'asSupplier').map((i) => [i.kind, i.weight])).toEqual([['retaliation', 10]]);
      expect(itemsOf(log, 'globex', 'asClient')).toEqual([]);
    });

    it('counts other legal action by its outcome once concluded', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      const pending = rel.takeLegalAction('acme', '2024-01-01', 'non_payment');
      rel.concludeLegalAction(rel.takeLegalAction('acme', '2024-02-01', 'non_payment', 'collection_agency'), 'won', '2024-05-01');
      expect(kinds(itemsOf(log, 'globex', 'asClient'))).toEqual(['legal-lost-against']);
      expect(itemsOf(log, 'acme', 'asSupplier')).toEqual([]);
      expect(rateParty('acme', log.events, policy, AS_OF).asSupplier!.legalActions.map((a) => [a.legalActionId, a.outcome])).toEqual([
        [pending, null],
        ['law-2', 'won'],
      ]);
    });
  });

  describe('endings are not verdicts', () => {
    it.each([
      ['by the client, amicably', false, { byParty: true, amicable: true, handover: false, dispute: false }],
      ['by the client, on bad terms but with a hand-over', false, { byParty: true, amicable: false, handover: true, dispute: false }],
      ['by the supplier, on bad terms, no hand-over', true, { byParty: false, amicable: false, handover: false, dispute: false }],
      ['by the client, on bad terms, no hand-over', true, { byParty: true, amicable: false, handover: false, dispute: false }],
      ['by the client, "amicably" while a dispute is open', true, { byParty: true, amicable: true, handover: false, dispute: true }],
    ])('counts an ending %s against whoever ended it: %s; never against the other side', (_title, counted, ending) => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.startEngagement('2020-01-01');
      if (ending.dispute) rel.raiseDispute('acme', '2023-12-01');
      rel.endEngagement('2024-01-01', { endedBy: ending.byParty ? 'globex' : 'acme', amicable: ending.amicable, handoverArranged: ending.handover });
      const [ender, other] = ending.byParty ? [itemsOf(log, 'globex', 'asClient'), itemsOf(log, 'acme', 'asSupplier')] : [itemsOf(log, 'acme', 'asSupplier'), itemsOf(log, 'globex', 'asClient')];
      expect(kinds(ender).includes('walked-out')).toBe(counted);
      expect(kinds(other)).not.toContain('walked-out');
    });

    it('counts tenure up to asOf while the engagement is open, and repeat engagements after the first', () => {
      const log = new EventLog();
      const rel = log.between('acme', 'globex');
      rel.startEngagement('2020-01-01', 'eng-1');
      rel.endEngagement('2021-01-01', { engagementId: 'eng-1', endedBy: 'globex', amicable: true, handoverArranged: false });
      rel.startEngagement('2022-01-01', 'eng-2');
      const items = itemsOf(log, 'globex', 'asClient');
      expect(items.filter((i) => i.kind === 'tenure').map((i) => i.untilMs)).toEqual([Date.parse('2021-01-01T09:00:00Z'), Date.parse(AS_OF)]);
      expect(kinds(items).filter((k) => k === 'repeat-engagement')).toHaveLength(1);
    });
  });
});
