import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, PostgresEventStore, type Position } from '#libs/event-store';
import { jsonLogger, Projector, type Projection, type ReadStore } from '#libs/projector';
import type { Append } from './reputation-log';

const WRITERS = 8;

export interface LiveLag {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly samples: number;
  readonly appendRatePerSec: number;
}

interface Mark {
  readonly position: Position;
  readonly at: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;

/** First commit at or past `position` in one projection's commits (in commit order, so positions grow). */
const firstCovering = (commits: readonly Mark[], position: Position): Mark | undefined => {
  let lo = 0;
  let hi = commits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePositions(commits[mid].position, position) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return commits[lo];
};

/** Each append's lag: from its return to the commit that covers its last event in the slowest projection. */
const summarize = (appends: readonly Mark[], commits: ReadonlyMap<string, Mark[]>, appendRatePerSec: number): LiveLag => {
  const lags = appends.map((append) => {
    const covering = [...commits.values()].map((list) => firstCovering(list, append.position));
    if (covering.some((commit) => commit === undefined)) throw new Error('an append was never committed to a read model');
    return Math.max(0, ...covering.map((commit) => commit!.at - append.at));
  });
  lags.sort((a, b) => a - b);
  return { p50Ms: round(percentile(lags, 0.5)), p99Ms: round(percentile(lags, 0.99)), maxMs: round(lags[lags.length - 1]), samples: lags.length, appendRatePerSec };
};

/**
 * Appends at `ratePerSec` on a fixed schedule while a projector follows: writer w appends `appends(w)` in
 * turn, each when its events are due. The projector has its own store connection, so it hears of appends
 * through LISTEN/NOTIFY as a separate process would.
 */
export const measureLiveLag = async (
  url: string,
  readStore: ReadStore,
  projections: readonly Projection[],
  ratePerSec: number,
  seconds: number,
  appends: (writer: number, writers: number) => Iterator<Append>,
): Promise<LiveLag> => {
  const commits = new Map(projections.map((p) => [p.name, [] as Mark[]]));
  const projectorStore = new PostgresEventStore(url);
  const writerStore = new PostgresEventStore(url);
  const projector = new Projector({
    store: projectorStore,
    readStore,
    projections,
    logger: jsonLogger('bench-projector'),
    onCommit: (info) => commits.get(info.projection)!.push({ position: info.position, at: performance.now() }),
  }).start();
  const marks: Mark[] = [];
  try {
    await projector.waitUntilLive(600_000);
    const perWriter = (ratePerSec * seconds) / WRITERS;
    const startedAt = performance.now();
    let written = 0;
    const writer = async (w: number) => {
      const source = appends(w, WRITERS);
      for (let sent = 0; sent < perWriter; ) {
        const next = source.next();
        if (next.done) throw new Error('the live log ran out of appends');
        const wait = startedAt + (sent * 1000 * WRITERS) / ratePerSec - performance.now();
        if (wait > 0) await sleep(wait);
        const result = await writerStore.appendToStream(next.value.streamId, next.value.events);
        marks.push({ position: result.position, at: performance.now() });
        sent += next.value.events.length;
        written += next.value.events.length;
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const appendRatePerSec = Math.round(written / ((performance.now() - startedAt) / 1000));
    await projector.waitUntilLive(600_000);
    return summarize(marks, commits, appendRatePerSec);
  } finally {
    await projector.stop();
    await Promise.all([projectorStore.close(), writerStore.close()]);
  }
};
