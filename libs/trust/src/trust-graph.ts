/** One party's evidence about another, as a rating: who gave it, about whom, how good, how much it weighs. */
export interface RatingEdge {
  readonly rater: string;
  readonly ratee: string;
  /** −1 (worst) to +1 (best); values outside are clamped. */
  readonly value: number;
  /** Defaults to 1; an edge of weight 0 or less is left out. */
  readonly weight?: number;
  /** When it was given, epoch milliseconds. */
  readonly at: number;
}

export interface GraphOptions {
  /** Parties to index first, in this order, so that node indexes line up with the caller's list. */
  readonly nodes?: Iterable<string>;
  /** Edges given after this instant are left out. */
  readonly asOfMs?: number;
  /** With `asOfMs`: an edge's weight halves every this many days of age. */
  readonly halfLifeDays?: number;
}

/** Compressed sparse rows: node v's edges are `start[v]` to `start[v + 1] − 1`. */
export interface Adjacency {
  readonly start: Int32Array;
  /** The node at the other end: the rater for incoming edges, the ratee for outgoing ones. */
  readonly other: Int32Array;
  readonly value: Float64Array;
  readonly weight: Float64Array;
}

/**
 * Who rated whom, as typed arrays: one edge per (rater, ratee), both directions indexed. Several ratings of
 * the same pair become one edge whose weight is their total weight and whose value their weighted mean.
 */
export interface TrustGraph {
  readonly size: number;
  readonly edgeCount: number;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly incoming: Adjacency;
  readonly outgoing: Adjacency;
}

const DAY_MS = 86_400_000;

class EdgeBuffer {
  rater = new Int32Array(1024);
  ratee = new Int32Array(1024);
  value = new Float64Array(1024);
  weight = new Float64Array(1024);
  length = 0;

  push(rater: number, ratee: number, value: number, weight: number): void {
    if (this.length === this.rater.length) this.grow();
    const i = this.length++;
    this.rater[i] = rater;
    this.ratee[i] = ratee;
    this.value[i] = value;
    this.weight[i] = weight;
  }

  private grow(): void {
    const size = this.rater.length * 2;
    const copy = <A extends Int32Array | Float64Array>(from: A, to: A): A => (to.set(from), to);
    this.rater = copy(this.rater, new Int32Array(size));
    this.ratee = copy(this.ratee, new Int32Array(size));
    this.value = copy(this.value, new Float64Array(size));
    this.weight = copy(this.weight, new Float64Array(size));
  }
}

const clamp = (value: number): number => Math.max(-1, Math.min(1, value));

/**
 * Collects ratings without an object per rating, then builds the graph. Self-ratings, non-finite values and
 * weights that are not positive are left out; values are clamped to [−1, 1].
 */
export class TrustGraphBuilder {
  private readonly ids: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly buffer = new EdgeBuffer();

  /** `nodes` are indexed first, in this order, so that node indexes line up with the caller's list. */
  constructor(nodes: Iterable<string> = []) {
    for (const id of nodes) this.nodeOf(id);
  }

  add(rater: string, ratee: string, value: number, weight: number): void {
    if (rater === ratee || !Number.isFinite(value) || !(weight > 0) || !Number.isFinite(weight)) return;
    this.buffer.push(this.nodeOf(rater), this.nodeOf(ratee), clamp(value), weight);
  }

  build(): TrustGraph {
    const { rater, ratee, value, weight, length } = this.buffer;
    return graphFromArrays(this.ids, rater, ratee, value, weight, length);
  }

  private nodeOf(id: string): number {
    let index = this.indexOf.get(id);
    if (index === undefined) this.indexOf.set(id, (index = this.ids.push(id) - 1));
    return index;
  }
}

/** Builds the graph from rating edges, leaving out those given after `asOfMs` and decaying the others' weights. */
export const buildTrustGraph = (edges: Iterable<RatingEdge>, options: GraphOptions = {}): TrustGraph => {
  const builder = new TrustGraphBuilder(options.nodes);
  const { asOfMs, halfLifeDays } = options;
  for (const edge of edges) {
    if (asOfMs !== undefined && edge.at > asOfMs) continue;
    let weight = edge.weight ?? 1;
    if (asOfMs !== undefined && halfLifeDays !== undefined) weight *= Math.pow(2, -(asOfMs - edge.at) / (halfLifeDays * DAY_MS));
    builder.add(edge.rater, edge.ratee, edge.value, weight);
  }
  return builder.build();
};

/** Stable counting sort of `order` by `key[order[i]]` in 0..n−1. */
const countingSort = (order: Int32Array, key: Int32Array, n: number): { sorted: Int32Array; start: Int32Array } => {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < order.length; i++) start[key[order[i]] + 1] += 1;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const next = start.slice(0, n);
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) sorted[next[key[order[i]]]++] = order[i];
  return { sorted, start };
};

/**
 * The graph from parallel arrays of `count` edges between nodes 0..ids.length−1 (already clamped, weights
 * positive). Two stable counting sorts order the edges by (ratee, rater), which merges repeated pairs.
 */
export const graphFromArrays = (
  ids: readonly string[],
  rater: Int32Array,
  ratee: Int32Array,
  value: Float64Array,
  weight: Float64Array,
  count: number,
): TrustGraph => {
  const n = ids.length;
  const identity = new Int32Array(count);
  for (let i = 0; i < count; i++) identity[i] = i;
  const byRatee = countingSort(countingSort(identity, rater, n).sorted, ratee, n).sorted;
  const inRater = new Int32Array(count);
  const inRatee = new Int32Array(count);
  const inValue = new Float64Array(count);
  const inWeight = new Float64Array(count);
  let m = 0;
  for (let k = 0; k < count; k++) {
    const e = byRatee[k];
    if (m > 0 && inRater[m - 1] === rater[e] && inRatee[m - 1] === ratee[e]) {
      inWeight[m - 1] += weight[e];
      inValue[m - 1] += weight[e] * value[e];
      continue;
    }
    inRater[m] = rater[e];
    inRatee[m] = ratee[e];
    inWeight[m] = weight[e];
    inValue[m] = weight[e] * value[e];
    m += 1;
  }
  for (let k = 0; k < m; k++) inValue[k] = clamp(inValue[k] / inWeight[k]);
  const incoming = adjacency(inRatee, inRater, inValue, inWeight, m, n);
  const { sorted: byRater } = countingSort(rangeOf(m), inRater, n);
  const outgoing = adjacency(pick(inRater, byRater), pick(inRatee, byRater), pick(inValue, byRater), pick(inWeight, byRater), m, n);
  return { size: n, edgeCount: m, ids, indexOf: new Map(ids.map((id, i) => [id, i])), incoming, outgoing };
};

const rangeOf = (m: number): Int32Array => {
  const range = new Int32Array(m);
  for (let i = 0; i < m; i++) range[i] = i;
  return range;
};

const pick = <A extends Int32Array | Float64Array>(from: A, order: Int32Array): A => {
  const to = new (from.constructor as new (length: number) => A)(order.length);
  for (let i = 0; i < order.length; i++) to[i] = from[order[i]];
  return to;
};

/** Rows keyed by `node` (already grouped), pointing at `other`. */
const adjacency = (node: Int32Array, other: Int32Array, value: Float64Array, weight: Float64Array, m: number, n: number): Adjacency => {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[node[k] + 1] += 1;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  return { start, other: other.slice(0, m), value: value.slice(0, m), weight: weight.slice(0, m) };
};
