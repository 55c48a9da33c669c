import { DEFAULT_SCORING_POLICY as policy, type Rating, gradeRank, rankParties, rateParty, ratePair, screen } from '#libs/scoring';
import { EventLog, plusDays } from './testing/event-log';

const monthly = (from: string, months: number): string[] => Array.from({ length: months }, (_, i) => plusDays(from, Math.round(i * 30.44)));

const rated = (rating: Rating | null): Rating => {
  if (rating === null) throw new Error('expected a rating');
  return rating;
};

describe('the ideal-partner rating, told as stories', () => {
  it('grades A, with high confidence, a client of ten years who pays on delivery, refers a dozen clients and was never in a dispute', () => {
    const log = new EventLog();
    const acme = log.between('acme', 'loyal_co');
    acme.startEngagement('2015-01-05');
    for (const delivered of monthly('2015-02-02', 119)) acme.payInvoice(delivered, { daysLate: -30, attested: true });
    for (const referredOn of monthly('2015-09-01', 12).map((_, i) => plusDays('2015-09-01', i * 280))) acme.refer('loyal_co', referredOn);

    const client = rated(rateParty('loyal_co', log.events, policy, '2025-01-05T00:00:00Z').asClient);

    expect(client.grade).toBe('A');
    expect(client.confidenceLevel).toBe('high');
    expect(client.components.punctuality?.paydex).toBeCloseTo(100);
    expect(client.flags).toEqual([]);
    expect(client.reasons.every((r) => r.direction === 'raised')).toBe(true);
    expect(client.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining(['Paid 119 invoices early or upfront', 'Referred new business 12 times', 'No conflict in 10.0 years of working together']),
    );
  });

  it('grades D a client who pays 60+ days late and lost three disputes it raised, and a supplier screening it says why', () => {
    const log = new EventLog();
    const acme = log.between('acme', 'late_co');
    acme.startEngagement('2021-06-01');
    monthly('2021-06-15', 38).forEach((issued, i) => acme.payInvoice(issued, { daysLate: 62 + ((i * 7) % 35), attested: true }));
    for (const raised of ['2022-03-10', '2023-02-14', '2024-04-22']) {
      acme.resolveDispute(acme.raiseDispute('late_co', raised), 'rejected', plusDays(raised, 45), true);
    }
    const asOf = '2025-01-05T00:00:00Z';
    const candidate = rateParty('late_co', log.events, policy, asOf);

    expect(rated(candidate.asClient).grade).toBe('D');
    const verdict = screen(candidate, { role: 'client', minGrade: 'B', minComponent: { punctuality: 0.7, conflict: 0.6 }, maxOpenDisputes: 0 }, asOf);
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons.map((r) => [r.criterion, r.passed])).toEqual([
      ['minGrade', false],
      ['minComponent.punctuality', false],
      ['minComponent.conflict', false],
      ['maxOpenDisputes', true],
    ]);
    expect(verdict.reasons[1].text).toMatch(/^Punctuality \d+% \(PAYDEX \d+\) is below the minimum of 70%: paid 38 invoices late, \d+ days beyond terms/);
    expect(verdict.reasons[2].text).toMatch(/^Conflict record \d+% is below the minimum of 60%: raised 3 disputes that were rejected$/);
  });

  it('drops by two grades or more, flags, and names first a supplier that sued a client over a negative review', () => {
    const log = new EventLog();
    for (const [client, since] of [['north_co', '2018-03-01'], ['south_co', '2019-09-01'], ['east_co', '2020-05-01']] as const) {
      const rel = log.between('bright_code', client);
      rel.startEngagement(since);
      for (const due of monthly(plusDays(since, 20), 50)) rel.deliver(due, 0, true);
      rel.giveFeedback(client, 'bright_code', 5, '2023-06-01');
    }
    const unhappy = log.between('bright_code', 'west_co');
    unhappy.startEngagement('2023-01-10');
    unhappy.giveFeedback('west_co', 'bright_code', 2, '2024-05-02');
    unhappy.takeLegalAction('bright_code', '2024-05-20', 'review', 'formal_notice');
    const lawsuitId = log.events[log.events.length - 1].id;

    const before = rated(rateParty('bright_code', log.events, policy, '2024-05-19T00:00:00Z').asSupplier);
    const after = rateParty('bright_code', log.events, policy, '2024-06-01T00:00:00Z');
    const asSupplier = rated(after.asSupplier);

    expect(before.grade).toBe('A');
    expect(gradeRank(asSupplier.grade) - gradeRank(before.grade)).toBeGreaterThanOrEqual(2);
    expect(after.flags).toEqual([expect.objectContaining({ flag: 'retaliation', eventIds: [lawsuitId] })]);
    expect(asSupplier.reasons[0]).toEqual(
      expect.objectContaining({ component: 'conflict', direction: 'lowered', text: 'Took legal action over a review (retaliation)', eventIds: [lawsuitId] }),
    );
  });

  it('lowers neither side’s grade when a client ends an engagement amicably, with no one at fault', () => {
    const log = new EventLog();
    const rel = log.between('acme', 'fit_co');
    rel.startEngagement('2022-01-10');
    for (const issued of monthly('2022-02-01', 20)) rel.payInvoice(issued);
    for (const due of monthly('2022-01-25', 20)) rel.deliver(due);
    const asOf = '2023-10-01T00:00:00Z';
    const withoutEnding = [...log.events];
    const endingId = rel.endEngagement('2023-09-29', { endedBy: 'fit_co', amicable: true, handoverArranged: false, reason: 'Not a good fit, no one at fault' });

    for (const [partyId, role] of [['fit_co', 'asClient'], ['acme', 'asSupplier']] as const) {
      const before = rated(rateParty(partyId, withoutEnding, policy, asOf)[role]);
      const after = rated(rateParty(partyId, log.events, policy, asOf)[role]);
      expect(after.grade).toBe(before.grade);
      expect(after.score).toBeCloseTo(before.score, 0);
      expect(after.reasons.filter((r) => r.direction === 'lowered' && r.eventIds.includes(endingId))).toEqual([]);
    }
  });

  it('does not penalise a supplier that ends a long relationship and arranges a hand-over', () => {
    const eightYears = (ending?: { handoverArranged: boolean }) => {
      const log = new EventLog();
      const rel = log.between('steady_co', 'draining_co');
      rel.startEngagement('2016-04-01');
      for (const due of monthly('2016-05-01', 100)) rel.deliver(due);
      if (ending) rel.endEngagement('2024-09-15', { endedBy: 'steady_co', amicable: false, reason: 'The mandate had become draining', ...ending });
      return rated(rateParty('steady_co', log.events, policy, '2024-10-01T00:00:00Z').asSupplier);
    };

    const working = eightYears();
    const handedOver = eightYears({ handoverArranged: true });
    const abandoned = eightYears({ handoverArranged: false });

    expect(handedOver.grade).toBe(working.grade);
    expect(handedOver.score).toBeCloseTo(working.score, 0);
    expect(handedOver.reasons.filter((r) => r.direction === 'lowered')).toEqual([]);
    expect(abandoned.score).toBeLessThan(handedOver.score);
    expect(abandoned.components.loyalty?.reasons.map((r) => r.text)).toContain('Ended 1 engagement on bad terms without arranging a hand-over');
  });

  it('ranks a newcomer with one perfect event below an established partner with a long good record', () => {
    const log = new EventLog();
    log.between('acme', 'new_co').payInvoice('2024-12-01', { daysLate: -40, amount: 80_000, attested: true, paidAt: '2024-11-30T09:00:00Z' });
    const established = log.between('acme', 'old_co');
    established.startEngagement('2019-01-07');
    monthly('2019-01-20', 70).forEach((issued, i) => established.payInvoice(issued, { daysLate: i % 6 === 5 ? 12 : 0 }));
    const asOf = '2025-01-05T00:00:00Z';

    const newcomer = rated(rateParty('new_co', log.events, policy, asOf).asClient);
    const veteran = rated(rateParty('old_co', log.events, policy, asOf).asClient);

    expect(newcomer.components.punctuality?.value).toBeGreaterThan(0.8);
    expect(newcomer.confidenceLevel).toBe('low');
    expect(newcomer.score - newcomer.rankingScore).toBeGreaterThan(veteran.score - veteran.rankingScore);
    expect(newcomer.rankingScore).toBeLessThan(veteran.rankingScore);
    expect(rankParties([newcomer, veteran]).map((r) => r.partyId)).toEqual(['old_co', 'new_co']);
  });

  it('gives a low mutual fit to a pair where the supplier is delighted and the client is unhappy', () => {
    const log = new EventLog();
    const rel = log.between('slow_co', 'kind_co');
    for (const [year, supplierStars, clientStars] of [[2022, 5, 2], [2023, 5, 1], [2024, 5, 1]] as const) {
      const engagementId = `eng-${year}`;
      rel.startEngagement(`${year}-01-10`, engagementId);
      for (const issued of monthly(`${year}-02-01`, 11)) rel.payInvoice(issued, { daysLate: -5, attested: true });
      monthly(`${year}-01-25`, 11).forEach((due, i) => rel.deliver(due, 15 + (i % 4) * 8, true));
      rel.endEngagement(`${year}-12-20`, { engagementId, endedBy: 'kind_co', amicable: true, handoverArranged: false });
      rel.giveFeedback('slow_co', 'kind_co', supplierStars, `${year}-12-22`, { engagementId });
      rel.giveFeedback('kind_co', 'slow_co', clientStars, `${year}-12-22`, { engagementId });
    }
    rel.resolveDispute(rel.raiseDispute('kind_co', '2023-05-02'), 'upheld', '2023-06-20', true);
    rel.resolveDispute(rel.raiseDispute('kind_co', '2024-07-12'), 'upheld', '2024-08-30', true);

    const pair = ratePair('slow_co', 'kind_co', log.events, policy, '2025-01-10T00:00:00Z');

    expect(rated(pair.supplierViewOfClient).grade).toBe('A');
    expect(pair.fit?.weakerSide).toBe('supplier');
    expect(pair.fit?.grade).toBe('D');
    expect(pair.fit?.score).toBeLessThan((pair.fit!.supplierViewOfClient + pair.fit!.clientViewOfSupplier) / 2);
  });
});
