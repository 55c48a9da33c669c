import fc from 'fast-check';
import { DEFAULT_TRUST_POLICY, type RatingEdge, buildTrustGraph, fairnessGoodness } from '#libs/trust';
import { arbitraryGraph } from '../test/arbitrary-graph';

const limits = DEFAULT_TRUST_POLICY.fairnessGoodness;
const edge = (rater: string, ratee: string, value: number): RatingEdge => ({ rater, ratee, value, at: 0 });
const run = (edges: RatingEdge[]) => {
  const graph = buildTrustGraph(edges);
  const result = fairnessGoodness(graph, limits);
  const at = (id: string) => graph.indexOf.get(id) ?? -1;
  return { ...result, f: (id: string) => result.fairness[at(id)], g: (id: string) => result.goodness[at(id)] };
};

describe('Fairness × Goodness', () => {
  it.each([
    ['one rater who praises', [edge('a', 'b', 1)], { a: 1 }, { b: 1 }],
    ['one rater who condemns', [edge('a', 'b', -1)], { a: 1 }, { b: -1 }],
    ['two raters who disagree completely', [edge('a', 'c', 1), edge('b', 'c', -1)], { a: 0.5, b: 0.5 }, { c: 0 }],
  ])('reaches the fixed point for %s', (_case, edges, fairness: Record<string, number>, goodness: Record<string, number>) => {
    const result = run(edges);
    expect(result.converged).toBe(true);
    for (const [id, f] of Object.entries(fairness)) expect(result.f(id)).toBeCloseTo(f, 5);
    for (const [id, g] of Object.entries(goodness)) expect(result.g(id)).toBeCloseTo(g, 5);
  });

  it('finds the rater who contradicts everyone else less fair than those who agree, and goodness still follows the consensus', () => {
    const truth = [0.8, 0.6, -0.4, 0.9, 0.2, -0.7, 0.5, 0.1];
    const edges: RatingEdge[] = [];
    truth.forEach((value, t) => {
      for (let r = 0; r < 5; r++) edges.push(edge(`fair${r}`, `t${t}`, value + ((r % 3) - 1) * 0.05));
      edges.push(edge('unfair', `t${t}`, -value));
    });
    const result = run(edges);
    for (let r = 0; r < 5; r++) expect(result.f(`fair${r}`)).toBeGreaterThan(result.f('unfair') + 0.3);
    const byGoodness = truth.map((_, t) => `t${t}`).sort((x, y) => result.g(y) - result.g(x));
    const byTruth = truth.map((value, t) => [value, `t${t}`] as const).sort((x, y) => y[0] - x[0]).map(([, id]) => id);
    expect(byGoodness).toEqual(byTruth);
    truth.forEach((value, t) => expect(Math.sign(result.g(`t${t}`))).toBe(Math.sign(value)));
  });

  it('converges on any graph, with fairness in [0, 1] and goodness in [−1, 1]', () => {
    fc.assert(
      fc.property(arbitraryGraph, (edges) => {
        const result = fairnessGoodness(buildTrustGraph(edges), limits);
        expect(result.converged).toBe(true);
        expect(result.delta).toBeLessThan(limits.tolerance);
        for (const f of result.fairness) expect(f >= 0 && f <= 1).toBe(true);
        for (const g of result.goodness) expect(g >= -1 && g <= 1).toBe(true);
      }),
    );
  });

  it('gives the same result for the same graph', () => {
    fc.assert(
      fc.property(arbitraryGraph, (edges) => {
        expect(fairnessGoodness(buildTrustGraph(edges), limits)).toEqual(fairnessGoodness(buildTrustGraph(edges), limits));
      }),
      { numRuns: 30 },
    );
  });
});
