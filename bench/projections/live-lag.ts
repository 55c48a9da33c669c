import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, PostgresEventStore, type Position } from '#libs/event-store';
import { jsonLogger, Projector, type Projection, type ReadStore } from '#libs/projector';
import { relationshipEvents } from './bench-events';

const APPEND_SIZE = 5;
const WRITERS = 4;

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

/** Each append's lag: from its return to the first commit that covers its last event. */
const summarize = (appends: readonly Mark[], commits: readonly Mark[], appendRatePerSec: number): LiveLag => {
  const lags = appends.map((append) => {
    const commit = commits.find((c) => comparePositions(c.position, append.position) >= 0);
    if (!commit) throw new Error('an append was never committed to the read model');
    return Math.max(0, commit.at - append.at);
  });
  lags.sort((a, b) => a - b);
  return { p50Ms: round(percentile(lags, 0.5)), p99Ms: round(percentile(lags, 0.99)), maxMs: round(lags[lags.length - 1]), samples: lags.length, appendRatePerSec };
};

/**
 * Appends at `ratePerSec` on a fixed schedule while a projector follows. The projector has its own store
 * connection, so it hears of appends through LISTEN/NOTIFY as a separate process would.
 */
export const measureLiveLag = async (url: string, readStore: ReadStore, projection: Projection, ratePerSec: number, seconds: number): Promise<LiveLag> => {
  const commits: Mark[] = [];
  const projectorStore = new PostgresEventStore(url);
  const writerStore = new PostgresEventStore(url);
  const projector = new Projector({
    store: projectorStore,
    readStore,
    projections: [projection],
    logger: jsonLogger('bench-projector'),
    onCommit: (info) => commits.push({ position: info.position, at: performance.now() }),
  }).start();
  const appends: Mark[] = [];
  try {
    await projector.waitUntilLive();
    const slots = Math.round((ratePerSec * seconds) / APPEND_SIZE);
    const spacingMs = (1000 * APPEND_SIZE) / ratePerSec;
    const startedAt = performance.now();
    const writer = async (w: number) => {
      for (let k = w; k < slots; k += WRITERS) {
        const wait = startedAt + k * spacingMs - performance.now();
        if (wait > 0) await sleep(wait);
        const { streamId, events } = relationshipEvents(1_000_000 + k, APPEND_SIZE);
        const result = await writerStore.appendToStream(streamId, events);
        appends.push({ position: result.position, at: performance.now() });
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const appendRatePerSec = Math.round((slots * APPEND_SIZE) / ((performance.now() - startedAt) / 1000));
    await projector.waitUntilLive();
    return summarize(appends, commits, appendRatePerSec);
  } finally {
    await projector.stop();
    await Promise.all([projectorStore.close(), writerStore.close()]);
  }
};
