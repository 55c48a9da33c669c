import fc from 'fast-check';
import { DEFAULT_TRUST_POLICY, type RatingEdge, buildTrustGraph, eigenTrust, preTrustDistribution } from '#libs/trust';
import { arbitraryGraph } from '../test/arbitrary-graph';

const limits = DEFAULT_TRUST_POLICY.eigenTrust;
const edge = (rater: string, ratee: string, value: number): RatingEdge => ({ rater, ratee, value, at: 0 });

const run = (edges: RatingEdge[], preTrusted: Record<string, number>) => {
  const graph = buildTrustGraph(edges);
  const result = eigenTrust(graph, graph.ids.map((id) => preTrusted[id] ?? 0), limits);
  return { ...result, t: (id: string) => result.trust[graph.indexOf.get(id) ?? -1] };
};

describe('EigenTrust', () => {
  it('gives no trust to a ring that no pre-trusted party vouches for, however much its members praise each other', () => {
    const ring = ['r0', 'r1', 'r2', 'r3'];
    const edges = [edge('p', 'a', 1), edge('a', 'p', 1), edge('a', 'b', 0.5), ...ring.flatMap((x) => ring.filter((y) => y !== x).map((y) => edge(x, y, 1)))];
    const result = run(edges, { p: 1 });
    expect(result.converged).toBe(true);
    for (const r of ring) expect(result.t(r)).toBe(0);
    expect(result.t('p')).toBeGreaterThan(result.t('b'));
    expect(result.t('b')).toBeGreaterThan(0);
  });

  it('passes no trust through a negative rating', () => {
    const result = run([edge('p', 'good', 1), edge('p', 'bad', -1)], { p: 1 });
    expect(result.t('bad')).toBe(0);
    expect(result.t('good')).toBeGreaterThan(0);
  });

  it('falls back to uniform pre-trust when none is given', () => {
    expect(Array.from(preTrustDistribution([0, 0, 0, 0]))).toEqual([0.25, 0.25, 0.25, 0.25]);
    const cycle = run([edge('a', 'b', 1), edge('b', 'c', 1), edge('c', 'a', 1)], {});
    for (const id of ['a', 'b', 'c']) expect(cycle.t(id)).toBeCloseTo(1 / 3, 9);
  });

  it('converges on any graph to non-negative trust summing to 1', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 15, maxLength: 15 }), (edges, weights) => {
        const graph = buildTrustGraph(edges);
        const result = eigenTrust(graph, weights.slice(0, graph.size), limits);
        expect(result.converged).toBe(true);
        expect(result.trust.every((t) => t >= 0)).toBe(true);
        if (graph.size > 0) expect(result.trust.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        expect(eigenTrust(graph, weights.slice(0, graph.size), limits)).toEqual(result);
      }),
    );
  });
});
