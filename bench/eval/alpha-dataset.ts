/** One row of soc-sign-bitcoinalpha.csv: `source` rated `target` `rating` (−10…+10, never 0) at `atMs`. */
export interface AlphaRating {
  readonly row: number;
  readonly source: number;
  readonly target: number;
  readonly rating: number;
  /** The rating scaled to [−1, 1], as the published figures are: rating / 10. */
  readonly value: number;
  readonly atMs: number;
}

export const parseAlpha = (csv: string): AlphaRating[] =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line, row) => {
      const [source, target, rating, seconds] = line.split(',').map(Number);
      if (![source, target, rating, seconds].every(Number.isFinite)) throw new Error(`row ${row + 2} is not source,target,weight,timestamp: ${line}`);
      return { row, source, target, rating, value: rating / 10, atMs: seconds * 1000 };
    });

/** mulberry32: a seeded split is the same split on every machine. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

export interface Split {
  readonly name: string;
  readonly train: readonly AlphaRating[];
  readonly test: readonly AlphaRating[];
  /** What the model may know: the instant of the last training rating. */
  readonly asOfMs: number;
}

const latest = (rows: readonly AlphaRating[]) => rows.reduce((max, r) => Math.max(max, r.atMs), -Infinity);

/** A seeded `share` of the rows, drawn at random (Fisher–Yates), held out; the rest trains. */
export const randomHoldout = (rows: readonly AlphaRating[], share: number, seed: number): Split => {
  const random = prng(seed);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cut = Math.round(rows.length * share);
  const test = new Set(order.slice(0, cut));
  const train = rows.filter((_, i) => !test.has(i));
  return { name: 'holdout', train, test: rows.filter((_, i) => test.has(i)), asOfMs: latest(train) };
};

/** The last `share` of the rows by time (ties in file order) predicted from the earlier ones. */
export const temporalSplit = (rows: readonly AlphaRating[], share: number): Split => {
  const byTime = [...rows].sort((a, b) => a.atMs - b.atMs || a.row - b.row);
  const cut = byTime.length - Math.round(rows.length * share);
  const train = byTime.slice(0, cut);
  return { name: 'temporal', train, test: byTime.slice(cut), asOfMs: latest(train) };
};

export const rmse = (predicted: readonly number[], actual: readonly number[]): number =>
  Math.sqrt(predicted.reduce((sum, p, i) => sum + (p - actual[i]) ** 2, 0) / predicted.length);

export const pearson = (x: readonly number[], y: readonly number[]): number => {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
};
