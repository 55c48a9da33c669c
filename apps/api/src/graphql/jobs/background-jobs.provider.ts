import { Logger, type FactoryProvider } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import {
  BullMqJobsReader,
  InMemoryJobsLog,
  InMemoryLeaderboardStore,
  RAPPORT_JOBS_QUEUE,
  RedisLeaderboardStore,
  jobsConnectionFromEnv,
  leaderboardPrefixOf,
  redisOptionsOf,
  schedulesFromEnv,
  startEmbeddedJobs,
  type JobsReader,
  type LeaderboardReader,
} from '#libs/rankings';
import { CLOCK, systemClock, type Clock } from '#libs/shared-kernel';
import type { ReadModels } from '../../read-models/read-models';
import { READ_MODELS } from '../../read-models/read-models.module';

/** The background jobs as the API sees them: their recent runs, and the leaderboards they keep. */
export interface BackgroundJobs {
  readonly mode: 'embedded' | 'worker';
  readonly jobs: JobsReader;
  /** The trust-adjusted leaderboards and current ratings; the `rankings` query prefers them once they exist (`lastRuns()`). */
  readonly leaderboards: LeaderboardReader;
  /**
   * In process: resolves once the jobs have taken in the log up to `position` and have nothing left to do,
   * so the leaderboards reflect it. With the worker (another process) or no jobs: at once.
   */
  settled(position: string): Promise<void>;
  close(): Promise<void>;
}

export const BACKGROUND_JOBS = Symbol('BACKGROUND_JOBS');

/** In memory mode the jobs run in this process, on the embedded read models, the in-process command bus and the log. */
const embedded = (readModels: ReadModels, store: EventStore, commandBus: CommandBus, clock: Clock): BackgroundJobs => {
  const logger = new Logger('EmbeddedJobs');
  const running = startEmbeddedJobs({
    readModels,
    commandBus,
    clock,
    store,
    ...schedulesFromEnv(process.env),
    logger: { info: (message, fields) => logger.log(`${message} ${JSON.stringify(fields ?? {})}`), error: (message, fields) => logger.error(`${message} ${JSON.stringify(fields ?? {})}`) },
  });
  return { mode: 'embedded', jobs: running.jobs, leaderboards: running.leaderboards, settled: (position) => running.idle(position), close: () => running.stop() };
};

/** With Redis read models, `apps/worker` runs the jobs: read its queue and its leaderboards (REDIS_URL, WORKER_PREFIX). */
const worker = (): BackgroundJobs => {
  const connection = jobsConnectionFromEnv(process.env);
  const redis = new Redis(connection.redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(RAPPORT_JOBS_QUEUE, { connection: redisOptionsOf(connection.redisUrl), prefix: connection.prefix });
  return {
    mode: 'worker',
    jobs: new BullMqJobsReader(queue),
    leaderboards: new RedisLeaderboardStore(redis, { prefix: leaderboardPrefixOf(connection) }),
    settled: async () => undefined,
    close: async () => {
      await queue.close();
      await redis.quit().catch(() => undefined);
    },
  };
};

/** `EMBEDDED_JOBS=off`: no jobs in this process (a spec that counts read-store calls, say); rankings stay on the read model. */
const none = (clock: Clock): BackgroundJobs => ({
  mode: 'embedded',
  jobs: new InMemoryJobsLog(clock),
  leaderboards: new InMemoryLeaderboardStore(),
  settled: async () => undefined,
  close: async () => undefined,
});

export const backgroundJobsProvider: FactoryProvider<BackgroundJobs> = {
  provide: BACKGROUND_JOBS,
  inject: [READ_MODELS, EVENT_STORE, CommandBus, { token: CLOCK, optional: true }],
  useFactory: (readModels: ReadModels, store: EventStore, commandBus: CommandBus, clock?: Clock) =>
    readModels.mode === 'redis' ? worker() : process.env.EMBEDDED_JOBS === 'off' ? none(clock ?? systemClock) : embedded(readModels, store, commandBus, clock ?? systemClock),
};
