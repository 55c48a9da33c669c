import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JobsQueriesModule, type JobsReader } from '#libs/rankings';
import { RANKED_LEADERBOARDS, type RankedLeaderboards } from '#libs/reputation';
import { BACKGROUND_JOBS, backgroundJobsProvider, type BackgroundJobs } from './background-jobs.provider';
import { JobsResolver } from './jobs.resolver';

const JOBS_READER = Symbol('API_JOBS_READER');

/**
 * The background jobs in the API: in memory mode it runs them (the embedded runner: same job functions,
 * same crons, in process); with Redis read models it reads what `apps/worker` does. Gives the admin `jobs`
 * query, and (global) `BACKGROUND_JOBS` and the `RANKED_LEADERBOARDS` that `rankings` prefers.
 */
@Global()
@Module({
  imports: [CqrsModule, JobsQueriesModule.forReader(JOBS_READER)],
  providers: [
    backgroundJobsProvider,
    { provide: JOBS_READER, inject: [BACKGROUND_JOBS], useFactory: (background: BackgroundJobs): JobsReader => background.jobs },
    {
      provide: RANKED_LEADERBOARDS,
      inject: [BACKGROUND_JOBS],
      useFactory: ({ leaderboards }: BackgroundJobs): RankedLeaderboards => ({
        ready: async () => Object.keys(await leaderboards.lastRuns()).some((job) => job === 'propagate-trust' || job === 'recompute-rankings'),
        range: (index, options) => leaderboards.range(index, options),
        size: (index) => leaderboards.size(index),
      }),
    },
    JobsResolver,
  ],
  exports: [BACKGROUND_JOBS, JOBS_READER, RANKED_LEADERBOARDS],
})
export class JobsModule implements OnModuleDestroy {
  constructor(@Inject(BACKGROUND_JOBS) private readonly background: BackgroundJobs) {}

  async onModuleDestroy(): Promise<void> {
    await this.background.close();
  }
}
