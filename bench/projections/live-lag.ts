import { fork } from 'node:child_process';
import { join } from 'node:path';
import { comparePositions, parsePosition, PostgresEventStore, type Position } from '#libs/event-store';
import { jsonLogger, Projector, type Projection, type RedisReadStore } from '#libs/projector';
import { cpuPerEvent, readCpu } from '../support/cpu-meter';
import type { LiveProjectorMessage, LiveProjectorTask } from './live-projector';
import type { LiveWriterReport, LiveWriterTask } from './live-writer';

export interface LiveLag {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly samples: number;
  readonly appendRatePerSec: number;
  /**
   * Per read model, the events it committed from the writers' start to its commit of their last append,
   * over that time: what it keeps up with when it falls behind, the append rate when it does not.
   */
  readonly projectedPerSec: Readonly<Record<string, number>>;
  /**
   * CPU per appended event, in µs, from the writers' start to the last commit: the projector (null when it
   * runs in processes of its own), Redis, PostgreSQL (null when not on this machine), and the writers.
   */
  readonly cpuUsPerEvent: { readonly projector: number | null; readonly redis: number; readonly postgres: number | null; readonly writers: number };
}

interface Mark {
  readonly position: Position;
  /** Epoch ms, comparable across the two processes. */
  readonly at: number;
}

/** A read model's commit: where it got to, when, and how many events the batch held. */
interface Commit extends Mark {
  readonly events: number;
}

const now = () => performance.timeOrigin + performance.now();
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;

/** First commit at or past `position` in one projection's commits (in commit order, so positions grow). */
const firstCovering = (commits: readonly Commit[], position: Position): Commit | undefined => {
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
const lagsOf = (appends: readonly Mark[], commits: ReadonlyMap<string, Commit[]>): number[] => {
  const lags = appends.map((append) => {
    const covering = [...commits.values()].map((list) => firstCovering(list, append.position));
    if (covering.some((commit) => commit === undefined)) throw new Error('an append was never committed to a read model');
    return Math.max(0, ...covering.map((commit) => commit!.at - append.at));
  });
  return lags.sort((a, b) => a - b);
};

/** Per read model, events committed from `startedAt` to its commit covering `last`, per second. */
const projectedRates = (commits: ReadonlyMap<string, Commit[]>, startedAt: number, last: Position): Record<string, number> => {
  const rates: Record<string, number> = {};
  for (const [projection, list] of commits) {
    const done = firstCovering(list, last)!;
    const events = list.filter((commit) => commit.at >= startedAt && commit.at <= done.at).reduce((sum, commit) => sum + commit.events, 0);
    rates[projection] = Math.round(events / ((done.at - startedAt) / 1000));
  }
  return rates;
};

/** Runs the writers in a child process (dist/bench/projections/live-writer.js) and resolves with their report. */
const runWriters = (task: LiveWriterTask): Promise<LiveWriterReport> =>
  new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'live-writer.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: LiveWriterReport | null = null;
    child.once('message', (message) => (report = message as LiveWriterReport));
    child.once('error', reject);
    child.once('exit', (code) => (report ? resolve(report) : reject(new Error(`the live writers exited with ${code} before reporting`))));
    child.send(task);
  });

/** Where the live phase's projector runs: in the bench's process, or one process per read model. */
export const PROJECTOR_LAYOUTS = ['one-process', 'process-per-projection'] as const;
export type ProjectorLayout = (typeof PROJECTOR_LAYOUTS)[number];

/** The Redis read models the projector writes to: the bench's client, and where it points for a child process. */
export interface LiveReadModels {
  readonly readStore: RedisReadStore;
  readonly redisUrl: string;
  readonly prefix: string;
}

/** A running projector, as the live phase sees it: each commit lands in `commits` (at = epoch ms). */
interface LiveProjector {
  readonly commits: ReadonlyMap<string, Commit[]>;
  stop(): Promise<void>;
}

const inThisProcess = async (databaseUrl: string, { readStore }: LiveReadModels, projections: readonly Projection[]): Promise<LiveProjector> => {
  const commits = new Map(projections.map((p) => [p.name, [] as Commit[]]));
  const projectorStore = new PostgresEventStore(databaseUrl);
  const projector = new Projector({
    store: projectorStore,
    readStore,
    projections,
    logger: jsonLogger('bench-projector'),
    onCommit: (info) => {
      if (info.durable) commits.get(info.projection)!.push({ position: info.position, at: now(), events: info.events });
    },
  }).start();
  const stop = async () => {
    await projector.stop();
    await projectorStore.close();
  };
  try {
    await projector.waitUntilLive(600_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { commits, stop };
};

/** One child process (dist/bench/projections/live-projector.js) per read model, each telling its commits over IPC. */
const processPerProjection = async (databaseUrl: string, { redisUrl, prefix }: LiveReadModels, projections: readonly Projection[]): Promise<LiveProjector> => {
  const commits = new Map(projections.map((p) => [p.name, [] as Commit[]]));
  const children = projections.map((projection) => {
    const child = fork(join(__dirname, 'live-projector.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const live = new Promise<void>((resolve, reject) => {
      child.on('message', (message: LiveProjectorMessage) => {
        if (message.kind === 'live') resolve();
        else for (const [name, position, at, events] of message.commits) commits.get(name)!.push({ position: parsePosition(position), at, events });
      });
      void exited.then((code) => reject(new Error(`the projector of ${projection.name} exited with ${code} before it was live`)));
    });
    child.send({ databaseUrl, redisUrl, prefix, projections: [projection.name] } satisfies LiveProjectorTask);
    return { child, exited, live };
  });
  const stop = async () => {
    for (const { child } of children) if (child.connected) child.send('stop');
    await Promise.all(children.map(({ exited }) => exited));
  };
  try {
    await Promise.all(children.map(({ live }) => live));
  } catch (error) {
    for (const { child } of children) child.kill();
    await stop();
    throw error;
  }
  return { commits, stop };
};

/**
 * Appends at `task.ratePerSec` on a fixed schedule from another process while a projector follows, in this
 * process or in one process per read model (`layout`), as a deployment's writers and projectors would; it
 * hears of appends through LISTEN/NOTIFY.
 */
export const measureLiveLag = async (readModels: LiveReadModels, projections: readonly Projection[], task: LiveWriterTask, layout: ProjectorLayout): Promise<LiveLag> => {
  const start = layout === 'one-process' ? inThisProcess : processPerProjection;
  const projector = await start(task.databaseUrl, readModels, projections);
  const { commits } = projector;
  try {
    const startedAt = now();
    const cpuBefore = await readCpu(readModels.readStore.redis);
    const report = await runWriters(task);
    const last = report.marks.reduce((latest, [position]) => (comparePositions(parsePosition(position), latest) > 0 ? parsePosition(position) : latest), parsePosition('0/0'));
    const covered = () => [...commits.values()].every((list) => list.length > 0 && comparePositions(list[list.length - 1].position, last) >= 0);
    const deadline = Date.now() + 600_000;
    while (!covered()) {
      if (Date.now() > deadline) throw new Error('the projector did not catch up with the live appends');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cpu = cpuPerEvent(cpuBefore, await readCpu(readModels.readStore.redis), report.events);
    const lags = lagsOf(report.marks.map(([position, at]) => ({ position: parsePosition(position), at })), commits);
    return {
      p50Ms: round(percentile(lags, 0.5)),
      p99Ms: round(percentile(lags, 0.99)),
      maxMs: round(lags[lags.length - 1]),
      samples: lags.length,
      appendRatePerSec: report.appendRatePerSec,
      projectedPerSec: projectedRates(commits, startedAt, last),
      cpuUsPerEvent: {
        projector: layout === 'one-process' ? cpu.process : null,
        redis: cpu.redis,
        postgres: cpu.postgres,
        writers: Math.round((report.cpuSeconds * 1e6) / report.events),
      },
    };
  } finally {
    await projector.stop();
  }
};
