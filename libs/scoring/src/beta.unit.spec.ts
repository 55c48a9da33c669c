import { DEFAULT_SCORING_POLICY as policy, betaEstimate, decayAt, decayedYears } from '#libs/scoring';

const DAY = 86_400_000;
const prior = policy.components.punctuality;

describe('Beta reputation', () => {
  it.each([
    [0, 0, 0.5],
    [1, 0, 2 / 3],
    [0, 1, 1 / 3],
    [8, 2, 9 / 12],
    [98, 0, 99 / 100],
  ])('with r = %d and s = %d gives (r + 1) / (r + s + 2) = %d', (r, s, value) => {
    expect(betaEstimate(r, s, prior, 1.645).value).toBeCloseTo(value, 12);
  });

  it.each([
    [0, 0],
    [prior.confidenceK, 0.5],
    [3 * prior.confidenceK, 0.75],
  ])('with %d observations has confidence n / (n + k) = %d', (n, confidence) => {
    expect(betaEstimate(n, 0, prior, 1.645).confidence).toBeCloseTo(confidence, 12);
  });

  it('has a lower bound that rises with evidence at the same mean', () => {
    const few = betaEstimate(3, 1, prior, 1.645);
    const many = betaEstimate(30, 10, prior, 1.645);
    expect(many.lowerBound).toBeGreaterThan(few.lowerBound);
    expect(few.lowerBound).toBeLessThan(few.value);
  });

  it.each([
    [0, 1],
    [730, 0.5],
    [1460, 0.25],
  ])('decays evidence %d days old to %d with a two-year half-life', (age, weight) => {
    expect(decayAt(0, age * DAY, 730)).toBeCloseTo(weight, 12);
  });

  it('decays a span as the sum of its days', () => {
    const asOf = 3000 * DAY;
    const byDay = Array.from({ length: 365 }, (_, d) => decayAt((1000 + d + 0.5) * DAY, asOf, 730)).reduce((a, b) => a + b, 0) / 365.25;
    expect(decayedYears(1000 * DAY, 1365 * DAY, asOf, 730)).toBeCloseTo(byDay, 5);
    expect(decayedYears(5 * DAY, 5 * DAY, asOf, 730)).toBe(0);
  });
});
