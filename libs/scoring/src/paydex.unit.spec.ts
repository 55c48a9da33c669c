import { DEFAULT_SCORING_POLICY as policy, invoiceWeight, paydexFor, punctualitySuccess, rateParty } from '#libs/scoring';
import { EventLog, plusDays } from './testing/event-log';

describe('PAYDEX', () => {
  it.each([
    [-60, 100],
    [-30, 100],
    [-15, 90],
    [-1, 80 + 20 / 30],
    [0, 80],
    [7, 80 - (10 * 7) / 15],
    [15, 70],
    [22, 60],
    [26, 55],
    [30, 50],
    [45, 45],
    [60, 40],
    [90, 30],
    [120, 20],
    [400, 20],
  ])('maps %i days beyond terms to %d, interpolating between D&B points', (days, paydex) => {
    expect(paydexFor(days, false, policy)).toBeCloseTo(paydex, 10);
  });

  it('scores a payment made before the invoice was issued as upfront, 100', () => {
    expect(paydexFor(45, true, policy)).toBe(100);
  });

  it.each([
    [100, 1],
    [80, 1],
    [70, 5 / 6],
    [50, 0.5],
    [40, 1 / 3],
    [20, 0],
  ])('counts PAYDEX %d as a %d share of positive evidence', (paydex, success) => {
    expect(punctualitySuccess(paydex, policy)).toBeCloseTo(success, 10);
  });

  it.each([
    [10, 'EUR', 0.25],
    [1000, 'EUR', 1],
    [4000, 'USD', 2],
    [9000, 'EUR', 3],
    [10_000_000, 'EUR', 3],
    [150_000, 'JPY', 1],
  ])('weighs an invoice of %d %s as %d (square root, clamped)', (amount, currency, weight) => {
    expect(invoiceWeight(amount, currency, policy)).toBeCloseTo(weight, 10);
  });

  it('does not let one huge late invoice decide punctuality', () => {
    const log = new EventLog();
    const rel = log.between('acme', 'steady_co');
    for (let i = 0; i < 20; i++) rel.payInvoice(plusDays('2024-01-05', i * 15), { amount: 1000 });
    rel.payInvoice('2024-03-01', { amount: 10_000_000, daysLate: 150 });

    const punctuality = rateParty('steady_co', log.events, policy, '2025-01-01T00:00:00Z').asClient!.components.punctuality!;

    expect(punctuality.value).toBeGreaterThan(0.8);
    expect(punctuality.paydex).toBeGreaterThan(70);
  });
});
