import fc from 'fast-check';
import { type RatingEdge, type TrustGraph, buildTrustGraph } from '#libs/trust';

const DAY_MS = 86_400_000;
const edge = (rater: string, ratee: string, value: number, weight?: number, at = 0): RatingEdge => ({ rater, ratee, value, weight, at });

/** Every edge as (rater, ratee, value, weight), read through one direction of the graph. */
const edgesVia = (graph: TrustGraph, direction: 'incoming' | 'outgoing') => {
  const rows = graph[direction];
  const out: [string, string, number, number][] = [];
  for (let v = 0; v < graph.size; v++) {
    for (let k = rows.start[v]; k < rows.start[v + 1]; k++) {
      const [rater, ratee] = direction === 'incoming' ? [rows.other[k], v] : [v, rows.other[k]];
      out.push([graph.ids[rater], graph.ids[ratee], rows.value[k], rows.weight[k]]);
    }
  }
  return out.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
};

describe('the trust graph', () => {
  it('merges repeated ratings of one pair into their weighted mean, with their total weight', () => {
    const graph = buildTrustGraph([edge('a', 'b', 1, 3), edge('a', 'b', -1, 1), edge('b', 'a', 0.5)]);
    expect(graph.edgeCount).toBe(2);
    expect(edgesVia(graph, 'incoming')).toEqual([
      ['a', 'b', 0.5, 4],
      ['b', 'a', 0.5, 1],
    ]);
  });

  it.each([
    ['a self-rating', edge('a', 'a', 1)],
    ['a rating without weight', edge('a', 'b', 1, 0)],
    ['a rating that is not a number', edge('a', 'b', Number.NaN)],
    ['a rating given after asOf', edge('a', 'b', 1, 1, 2 * DAY_MS)],
  ])('leaves out %s', (_what, left) => {
    expect(buildTrustGraph([left], { asOfMs: DAY_MS }).edgeCount).toBe(0);
  });

  it('clamps values to [−1, 1] and halves the weight of a rating one half-life old', () => {
    const graph = buildTrustGraph([edge('a', 'b', 4, 2, 0)], { asOfMs: 30 * DAY_MS, halfLifeDays: 30 });
    expect(edgesVia(graph, 'outgoing')).toEqual([['a', 'b', 1, 1]]);
  });

  it('indexes the given nodes first, in their order, then the others as they come', () => {
    const graph = buildTrustGraph([edge('x', 'y', 1)], { nodes: ['q', 'y'] });
    expect(graph.ids).toEqual(['q', 'y', 'x']);
    expect(graph.indexOf.get('x')).toBe(2);
  });

  it('holds the same edges in both directions, their weights adding up to the input', () => {
    const ratings = fc.array(
      fc.record({ rater: fc.constantFrom('a', 'b', 'c', 'd', 'e'), ratee: fc.constantFrom('a', 'b', 'c', 'd', 'e'), value: fc.double({ min: -1, max: 1, noNaN: true }), weight: fc.double({ min: 0.01, max: 5, noNaN: true }), at: fc.constant(0) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(ratings, (edges) => {
        const graph = buildTrustGraph(edges);
        expect(edgesVia(graph, 'incoming')).toEqual(edgesVia(graph, 'outgoing'));
        const total = edges.filter((e) => e.rater !== e.ratee).reduce((sum, e) => sum + e.weight, 0);
        expect(graph.incoming.weight.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
        expect(new Set(edgesVia(graph, 'incoming').map(([r, t]) => `${r}>${t}`)).size).toBe(graph.edgeCount);
      }),
    );
  });
});
