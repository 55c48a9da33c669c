import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '#libs/access';
import { JobsForbiddenError } from '../../jobs/rankings-jobs.errors';
import type { JobRun, JobsFilter, JobsReader } from '../jobs-reader.port';

/** Nest injection token of the `JobsReader` the `GetJobs` handler reads. */
export const JOBS_READER = Symbol('JOBS_READER');

/** Recent runs of the background jobs, newest first; an admin's query only. */
export class GetJobs extends Query<JobRun[]> {
  constructor(
    readonly principal: Principal,
    readonly filter: JobsFilter = {},
  ) {
    super();
  }
}

@QueryHandler(GetJobs)
export class GetJobsHandler implements IQueryHandler<GetJobs, JobRun[]> {
  constructor(@Inject(JOBS_READER) private readonly reader: JobsReader) {}

  async execute({ principal, filter }: GetJobs): Promise<JobRun[]> {
    if (principal.kind !== 'admin') throw new JobsForbiddenError('Only an admin sees the background jobs', { principal: principal.kind });
    return this.reader.recentRuns(filter);
  }
}
