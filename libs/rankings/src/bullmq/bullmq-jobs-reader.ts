import type { Job, Queue } from 'bullmq';
import { JOB_STATES, type JobRun, type JobState, type JobsFilter, type JobsReader, limitOf, progressOf } from '../application/jobs-reader.port';

const iso = (ms: number | undefined): string | null => (ms ? new Date(ms).toISOString() : null);

const runOf = (job: Job, state: JobState): JobRun => ({
  id: job.id ?? '',
  name: job.name,
  state,
  progress: progressOf(job.progress),
  attempts: job.attemptsMade,
  queuedAt: new Date(job.timestamp).toISOString(),
  startedAt: iso(job.processedOn),
  finishedAt: iso(job.finishedOn),
  error: job.failedReason || null,
});

const momentOf = (run: JobRun): string => run.finishedAt ?? run.startedAt ?? run.queuedAt;

/**
 * Recent runs from the worker's BullMQ queue: a page of each asked state, newest first, merged. Jobs
 * BullMQ has removed (after a day when completed, a week when failed) are gone from here too.
 */
export class BullMqJobsReader implements JobsReader {
  constructor(private readonly queue: Queue) {}

  async recentRuns(filter: JobsFilter): Promise<JobRun[]> {
    const limit = limitOf(filter);
    const states = filter.states?.length ? filter.states : JOB_STATES;
    // A name is not a BullMQ index: read deeper pages when filtering by one.
    const depth = filter.name ? limit * 10 : limit;
    const pages = await Promise.all(
      states.map(async (state) => (await this.queue.getJobs([state], 0, depth - 1, false)).filter((job): job is Job => Boolean(job)).map((job) => runOf(job, state))),
    );
    return pages
      .flat()
      .filter((run) => !filter.name || run.name === filter.name)
      .sort((a, b) => (momentOf(a) < momentOf(b) ? 1 : momentOf(a) > momentOf(b) ? -1 : 0))
      .slice(0, limit);
  }
}
