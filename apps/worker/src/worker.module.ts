import { Global, Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type ModuleMetadata, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BullModule, Processor } from '@nestjs/bullmq';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Redis } from 'ioredis';
import { ClockModule } from '#libs/access';
import { createRedisReadStore, jsonLogger, type RedisReadStore } from '#libs/projector';
import { RAPPORT_JOBS_QUEUE, RankingsJobs, RedisLeaderboardStore, leaderboardPrefixOf, readStoreReadModels, redisOptionsOf, type LeaderboardStore, type RankingReadModels } from '#libs/rankings';
import { RelationshipsModule } from '#libs/relationships';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { JobSchedulers } from './job-schedulers';
import { LogFollower } from './log-follower';
import { PartyPositions } from './party-positions';
import { RapportJobsProcessor } from './rapport-jobs.processor';
import type { WorkerConfig } from './worker-config';
import { JOBS_REDIS, LEADERBOARD_STORE, RANKING_READ_MODELS, RAPPORT_FLOWS, WORKER_CONFIG } from './worker.tokens';

const READ_STORE = Symbol('READ_STORE');
const RAPPORT_PROCESSOR = Symbol('RAPPORT_PROCESSOR');

/** Starts the processor's worker once everything is wired, and lets it finish its jobs before the connections close. */
@Injectable()
class ProcessorRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RapportJobsProcessor');

  constructor(@Inject(RAPPORT_PROCESSOR) private readonly processor: RapportJobsProcessor) {}

  onApplicationBootstrap(): void {
    this.processor.worker.on('failed', (job, error) => this.logger.warn(`${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    this.processor.worker.run().catch((error: unknown) => this.logger.error(`the worker stopped: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.processor.worker.close();
  }
}

/** The worker's own connections, closed last (after BullMQ's workers have finished their jobs). */
@Global()
@Module({})
class WorkerConnectionsModule implements OnApplicationShutdown {
  constructor(
    @Inject(JOBS_REDIS) private readonly redis: Redis,
    @Inject(READ_STORE) private readonly readStore: RedisReadStore,
  ) {}

  static forConfig(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerConnectionsModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: JOBS_REDIS, useFactory: () => new Redis(config.connection.redisUrl, { maxRetriesPerRequest: 1 }) },
        { provide: READ_STORE, useFactory: () => createRedisReadStore({ url: config.connection.redisUrl, prefix: config.readModelPrefix, logger: jsonLogger('worker-read-models') }) },
        { provide: RANKING_READ_MODELS, inject: [READ_STORE], useFactory: (store: RedisReadStore): RankingReadModels => readStoreReadModels(store) },
        { provide: LEADERBOARD_STORE, inject: [JOBS_REDIS], useFactory: (redis: Redis) => new RedisLeaderboardStore(redis, { prefix: leaderboardPrefixOf(config.connection) }) },
        { provide: PartyPositions, inject: [JOBS_REDIS], useFactory: (redis: Redis) => new PartyPositions(redis, config.connection.prefix) },
      ],
      exports: [WORKER_CONFIG, JOBS_REDIS, RANKING_READ_MODELS, LEADERBOARD_STORE, PartyPositions],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
    await this.redis.quit().catch(() => undefined);
  }
}

export interface WorkerInfrastructure {
  /** Provides `EVENT_STORE` globally: `EventStoreModule` (from the environment) in the process, a test's own in tests. */
  readonly eventStore: NonNullable<ModuleMetadata['imports']>[number];
  /** Default: the system clock. */
  readonly clock?: Clock;
}

/**
 * The worker process: BullMQ on Redis (one queue, `rapport-jobs`, with its schedulers and a flow producer),
 * the processor over the job functions, the log follower, and the command side the reveal goes through.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, infrastructure: WorkerInfrastructure): DynamicModule {
    // A subclass per configuration: BullMQ reads a worker's options from its class's decorator.
    class ConfiguredProcessor extends RapportJobsProcessor {}
    Processor(RAPPORT_JOBS_QUEUE, { concurrency: config.concurrency, lockDuration: config.lockDurationMs, autorun: false })(ConfiguredProcessor);

    const connection = redisOptionsOf(config.connection.redisUrl);
    return {
      module: WorkerModule,
      imports: [
        infrastructure.eventStore,
        infrastructure.clock ? ClockModule.using(infrastructure.clock) : ClockModule,
        CqrsModule.forRoot(),
        RelationshipsModule,
        WorkerConnectionsModule.forConfig(config),
        BullModule.forRootAsync({ useFactory: () => ({ connection, prefix: config.connection.prefix }) }),
        BullModule.registerQueue({ name: RAPPORT_JOBS_QUEUE }),
        BullModule.registerFlowProducer({ name: RAPPORT_FLOWS }),
      ],
      providers: [
        {
          provide: RankingsJobs,
          inject: [RANKING_READ_MODELS, LEADERBOARD_STORE, CLOCK, CommandBus],
          useFactory: (readModels: RankingReadModels, leaderboards: LeaderboardStore, clock: Clock, commandBus: CommandBus) =>
            new RankingsJobs({ readModels, leaderboards, clock, commandBus }, { chunkSize: config.chunkSize, waitTimeoutMs: config.recomputeWaitMs }),
        },
        ConfiguredProcessor,
        { provide: RAPPORT_PROCESSOR, useExisting: ConfiguredProcessor },
        ProcessorRunner,
        JobSchedulers,
        LogFollower,
      ],
      exports: [RankingsJobs],
    };
  }
}
