import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { GetJobs, type JobRun as JobRunView } from '#libs/rankings';
import type { ApiContext } from '../context/api-context';
import { JobRun, JobsArgs } from './jobs.types';

@Resolver(() => JobRun)
export class JobsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [JobRun], { description: 'Recent runs of the background jobs, newest first. An admin only.' })
  jobs(@Args() { name, states, first }: JobsArgs, @Context() ctx: ApiContext): Promise<JobRunView[]> {
    return this.queries.execute(new GetJobs(ctx.viewer, { name, states, limit: first }));
  }
}
