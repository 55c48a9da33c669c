import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueEvents, type Job, type Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { INITIAL_PROPAGATE_JOB_ID, RAPPORT_JOBS_QUEUE, RedisLeaderboardStore, leaderboardPrefixOf, redisOptionsOf } from '#libs/rankings';
import type { Clock } from '#libs/shared-kernel';
import { TEST_REDIS_URL } from '../../../libs/rankings/test/redis';
import type { WorkerConfig } from '../src/worker-config';
import { WorkerModule } from '../src/worker.module';

export interface RunningWorker {
  readonly app: INestApplicationContext;
  readonly queue: Queue;
  readonly events: QueueEvents;
  readonly leaderboards: RedisLeaderboardStore;
  /** Adds a job and resolves with it once it has finished (completed or failed for good). */
  runJob(name: string, data: object, jobId?: string): Promise<Job>;
  close(): Promise<void>;
}

export const testWorkerConfig = (prefix: string, overrides: Partial<WorkerConfig> = {}): WorkerConfig => ({
  connection: { redisUrl: TEST_REDIS_URL, prefix: `${prefix}:worker` },
  readModelPrefix: `${prefix}:rm:`,
  // Yearly, at instants no test reaches: the schedulers are registered, their jobs never fire here.
  schedules: { 'decay-sweep': '0 4 1 1 *', 'recompute-rankings': '0 5 1 1 *', 'propagate-trust': '0 6 1 1 *', 'reveal-feedback': '0 7 1 1 *' },
  timezone: 'UTC',
  concurrency: 2,
  lockDurationMs: 60_000,
  // Wide enough that the burst test's 25 commands land in one window even on a loaded machine (they take
  // about 0.2 s; at 1.5 s a stall of 1.3 s had split them over two recompute jobs).
  debounceMs: 4000,
  retry: { attempts: 3, backoffMs: 200 },
  recomputeRetry: { attempts: 8, backoffMs: 300 },
  recomputeWaitMs: 300,
  chunkSize: 40,
  followLog: true,
  ...overrides,
});

/** The worker as `main.ts` composes it, on the given store and clock, with its own key prefix. */
export const startWorker = async (store: EventStore, config: WorkerConfig, clock: Clock): Promise<RunningWorker> => {
  @Global()
  @Module({ providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] })
  class TestEventStoreModule {}

  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { eventStore: TestEventStoreModule, clock }), { logger: false });
  await app.init();
  const queue = app.get<Queue>(getQueueToken(RAPPORT_JOBS_QUEUE));
  const events = new QueueEvents(RAPPORT_JOBS_QUEUE, { connection: redisOptionsOf(config.connection.redisUrl), prefix: config.connection.prefix });
  await events.waitUntilReady();
  const redis = new Redis(config.connection.redisUrl, { maxRetriesPerRequest: 1 });
  const leaderboards = new RedisLeaderboardStore(redis, { prefix: leaderboardPrefixOf(config.connection), ownsConnection: true });
  const finished = async (job: Job): Promise<Job> => {
    await job.waitUntilFinished(events).catch(() => undefined);
    return (await queue.getJob(job.id ?? '')) ?? job;
  };
  return {
    app,
    queue,
    events,
    leaderboards,
    runJob: async (name, data, jobId) => finished(await queue.add(name, data, { jobId, attempts: config.retry.attempts, backoff: { type: 'exponential', delay: config.retry.backoffMs } })),
    close: async () => {
      await events.close();
      await app.close();
      await leaderboards.close();
    },
  };
};

/** The first start's `propagate-trust`, finished: tests start from the leaderboards it builds. */
export const initialPropagation = async (worker: RunningWorker, timeoutMs = 120_000): Promise<Job | undefined> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await worker.queue.getJob(INITIAL_PROPAGATE_JOB_ID);
    if (job) {
      await job.waitUntilFinished(worker.events, timeoutMs).catch(() => undefined);
      return job;
    }
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
