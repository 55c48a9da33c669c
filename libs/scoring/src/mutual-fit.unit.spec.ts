import { DEFAULT_SCORING_POLICY as policy, powerMean, ratePair } from '#libs/scoring';
import { EventLog, plusDays } from './testing/event-log';

describe('mutual fit', () => {
  it.each([
    [90, 90, -1, 90],
    [90, 30, -1, 45],
    [90, 30, 0, Math.sqrt(2700)],
    [90, 30, 1, 60],
    [100, 0, -1, 0],
    [100, 0, 0, 0],
  ])('combines %d and %d with exponent %d into %d', (a, b, p, fit) => {
    expect(powerMean(a, b, p)).toBeCloseTo(fit, 10);
  });

  it('measures each direction from the pair’s own events only', () => {
    const log = new EventLog();
    const pair = log.between('acme', 'globex');
    for (let i = 0; i < 12; i++) pair.payInvoice(plusDays('2024-01-05', i * 30), { daysLate: -10 });
    for (let i = 0; i < 12; i++) pair.deliver(plusDays('2024-01-01', i * 30));
    const elsewhere = log.between('acme', 'initech');
    for (let i = 0; i < 12; i++) elsewhere.deliver(plusDays('2024-01-01', i * 30), 40);

    const rating = ratePair('acme', 'globex', log.events, policy, '2025-01-01T00:00:00Z');

    expect(rating.clientViewOfSupplier?.components.reliability?.evidenceCount).toBe(12);
    expect(rating.clientViewOfSupplier?.components.reliability?.value).toBeGreaterThan(0.9);
    expect(rating.fit?.grade).toBe('A');
  });

  it('has no fit until both directions have evidence', () => {
    const log = new EventLog();
    log.between('acme', 'globex').payInvoice('2024-01-05');
    const rating = ratePair('acme', 'globex', log.events, policy, '2025-01-01T00:00:00Z');
    expect(rating.clientViewOfSupplier).toBeNull();
    expect(rating.fit).toBeNull();
  });
});
