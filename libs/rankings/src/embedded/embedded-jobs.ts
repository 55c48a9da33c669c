import type { CommandBus } from '@nestjs/cqrs';
import { comparePositions, parsePosition, type EventStore } from '#libs/event-store';
import { systemClock, type Clock } from '#libs/shared-kernel';
import { InMemoryJobsLog } from '../application/in-memory-jobs-log';
import type { JobsReader } from '../application/jobs-reader.port';
import { DEFAULT_RETRY, JOB, SCHEDULED_JOBS, runIdOf, type JobRetryOptions, type ScheduledJob } from '../bullmq/rapport-jobs';
import { followLog } from '../incremental/follow-log';
import type { RankingReadModels } from '../inputs/ranking-read-models';
import { InMemoryLeaderboardStore } from '../leaderboards/in-memory-leaderboard-store';
import type { LeaderboardReader, LeaderboardStore } from '../leaderboards/leaderboard-store.port';
import { RankingsJobs, type RankingsJobsOptions } from '../jobs/rankings-jobs';
import { DEFAULT_SCHEDULES, nextTick, type Schedules } from '../jobs/schedules';
import { SerialRunner } from './serial-runner';

export interface EmbeddedJobsLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface EmbeddedJobsOptions {
  /** The embedded read models (the API's `ReadModels` fits as it is). */
  readonly readModels: RankingReadModels;
  readonly commandBus: Pick<CommandBus, 'execute'>;
  readonly clock?: Clock;
  /** Given, the runner follows the log and recomputes each party an event concerns (debounced per party). */
  readonly store?: EventStore;
  readonly schedules?: Schedules;
  readonly timezone?: string;
  /** How long a party waits after an event for more before it is recomputed. Default 250 ms. */
  readonly debounceMs?: number;
  readonly retry?: JobRetryOptions;
  readonly jobs?: RankingsJobsOptions;
  /** Default: a fresh in-memory store. */
  readonly leaderboards?: LeaderboardStore;
  /** Propagate trust once at start, so the leaderboards exist from the beginning. Default true. */
  readonly propagateAtStart?: boolean;
  readonly logger?: EmbeddedJobsLogger;
}

export interface EmbeddedJobs {
  readonly leaderboards: LeaderboardReader;
  readonly jobs: JobsReader;
  /** Runs a scheduled job now, as of `asOf` (default: now), after whatever is queued; resolves with its result. */
  run(name: ScheduledJob, asOf?: string): Promise<unknown>;
  /**
   * Resolves once nothing is queued, debouncing or running; given a log position, also once the log follower
   * has handed over every event up to it (so that each party those events concern has been recomputed).
   */
  idle(position?: string): Promise<void>;
  stop(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const silent: EmbeddedJobsLogger = { info: () => undefined, error: () => undefined };
const ignore = () => undefined;

/**
 * The background jobs without Redis: the same job functions, in process, on the same crons, against an
 * in-memory leaderboard store. Jobs run one at a time; a failed attempt is retried with exponential backoff;
 * each run is logged for the admin `jobs` query.
 */
export const startEmbeddedJobs = (options: EmbeddedJobsOptions): EmbeddedJobs => {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silent;
  const timezone = options.timezone ?? 'UTC';
  const debounceMs = options.debounceMs ?? 250;
  const store = options.leaderboards ?? new InMemoryLeaderboardStore();
  const log = new InMemoryJobsLog(clock);
  const runner = new SerialRunner(log, options.retry ?? DEFAULT_RETRY, (job, error) => logger.error('job failed', { job, error: String(error) }));
  const jobs = new RankingsJobs({ readModels: options.readModels, leaderboards: store, clock, commandBus: options.commandBus }, options.jobs);
  const abort = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const debouncing = new Map<string, string | null>();

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
    timer.unref();
    timers.add(timer);
  };

  const runScheduled = (name: ScheduledJob, asOf: string): Promise<unknown> => {
    const input = { asOf, runId: runIdOf(name, asOf) };
    const work = {
      [JOB.decaySweep]: jobs.decaySweep,
      [JOB.recomputeRankings]: jobs.recomputeRankings,
      [JOB.propagateTrust]: jobs.propagateTrust,
      [JOB.revealFeedback]: jobs.revealFeedback,
    }[name].bind(jobs);
    return runner.enqueue(name, String(Date.parse(asOf)), (onProgress) => work(input, onProgress));
  };

  const schedule = (name: ScheduledJob, pattern: string): void => {
    const tick = nextTick(pattern, Date.now(), timezone);
    later(tick - Date.now(), () => {
      if (Date.now() >= tick) runScheduled(name, new Date(tick).toISOString()).catch(ignore);
      schedule(name, pattern);
    });
  };

  const touch = (partyId: string, position: string): void => {
    const pending = debouncing.has(partyId);
    debouncing.set(partyId, position);
    if (pending) return;
    later(debounceMs, () => {
      const after = debouncing.get(partyId) ?? null;
      debouncing.delete(partyId);
      runner.enqueue(JOB.recomputeParty, partyId, () => jobs.recomputeParty({ partyId, after })).catch(ignore);
    });
  };

  /** The last position the log follower handed over (its touched parties are debouncing or recomputed). */
  let followed: string | null = null;
  const hasFollowed = (position: string): boolean => followed !== null && comparePositions(parsePosition(followed), parsePosition(position)) >= 0;

  const follow = async (eventStore: EventStore): Promise<void> => {
    // The first propagation covers everything up to here; each party touched after it is recomputed.
    const from = (await eventStore.headPosition()) ?? 'start';
    if (options.propagateAtStart ?? true) runScheduled(JOB.propagateTrust, clock.now()).catch(ignore);
    const onTouched = async (touched: ReadonlyMap<string, string>, position: string) => {
      touched.forEach((at, partyId) => touch(partyId, at));
      followed = position;
    };
    await followLog({ store: eventStore, from, signal: abort.signal, onTouched });
  };

  if (options.store) {
    follow(options.store).catch((error: unknown) => abort.signal.aborted || logger.error('log follower stopped', { error: String(error) }));
  } else if (options.propagateAtStart ?? true) {
    runScheduled(JOB.propagateTrust, clock.now()).catch(ignore);
  }
  const schedules = options.schedules ?? DEFAULT_SCHEDULES;
  for (const name of SCHEDULED_JOBS) {
    const pattern = schedules[name];
    if (pattern !== null) schedule(name, pattern);
  }
  logger.info('embedded jobs started', { schedules, timezone, followsLog: Boolean(options.store) });

  return {
    leaderboards: store,
    jobs: log,
    run: (name, asOf) => runScheduled(name, asOf ?? clock.now()),
    idle: async (position) => {
      if (position !== undefined && options.store) {
        while (!hasFollowed(position) && !abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      while (debouncing.size > 0 || runner.busy) {
        await runner.idle();
        if (debouncing.size > 0) await new Promise((resolve) => setTimeout(resolve, debounceMs));
      }
    },
    stop: async () => {
      abort.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      debouncing.clear();
      await runner.stop();
    },
  };
};
