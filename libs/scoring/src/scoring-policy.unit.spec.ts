import { COMPONENTS, DEFAULT_SCORING_POLICY as policy, gradeFor } from '#libs/scoring';

describe('the default scoring policy', () => {
  it.each([
    [100, 'A'],
    [80, 'A'],
    [79.99, 'B'],
    [65, 'B'],
    [64.99, 'C'],
    [50, 'C'],
    [49.99, 'D'],
    [0, 'D'],
  ])('grades a score of %d as %s', (score, grade) => {
    expect(gradeFor(score, policy)).toBe(grade);
  });

  it('is versioned and cannot be changed in place', () => {
    expect(policy.version).toBe('2026-11-1');
    expect(Object.isFrozen(policy.weights.client)).toBe(true);
    expect(() => {
      (policy.components.punctuality as { halfLifeDays: number }).halfLifeDays = 1;
    }).toThrow(TypeError);
  });

  it.each(['client', 'supplier'] as const)('gives the %s role weights that add up to one', (role) => {
    const total = Object.values(policy.weights[role]).reduce((sum, w) => sum + (w ?? 0), 0);
    expect(total).toBeCloseTo(1, 10);
  });

  it('holds a prior, a half-life and a confidence constant for every component', () => {
    for (const c of COMPONENTS) {
      expect(policy.components[c]).toEqual({ halfLifeDays: expect.any(Number), priorMean: 0.5, priorStrength: 2, confidenceK: expect.any(Number) });
    }
  });
});
