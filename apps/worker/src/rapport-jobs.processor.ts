import { Inject } from '@nestjs/common';
import { InjectFlowProducer, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type FlowProducer, type Job } from 'bullmq';
import { JOB, RankingsJobs, asOfOfJob, isJobName, payloadOf, runIdOf, type JobProgress, type ScheduledJob } from '#libs/rankings';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { planDecaySweep } from './decay-sweep.flow';
import { PartyPositions } from './party-positions';
import type { WorkerConfig } from './worker-config';
import { RAPPORT_FLOWS, WORKER_CONFIG } from './worker.tokens';

const reporter = (job: Job) => async (progress: JobProgress) => {
  await job.updateProgress({ ...progress, percent: progress.total > 0 ? Math.round((1000 * progress.done) / progress.total) / 10 : 100 });
};

/**
 * The queue's processor: reads the typed payload, calls the job function, reports its progress. Retries,
 * backoff and deduplication are the queue's; what a job does is `RankingsJobs`'.
 */
export class RapportJobsProcessor extends WorkerHost {
  constructor(
    @Inject(RankingsJobs) private readonly jobs: RankingsJobs,
    @Inject(PartyPositions) private readonly positions: PartyPositions,
    @InjectFlowProducer(RAPPORT_FLOWS) private readonly flows: FlowProducer,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  /** A scheduled run's instant, once the read models hold the event its payload says they must (`after`). */
  private async runAsOf(job: Job, name: ScheduledJob): Promise<string> {
    const payload = payloadOf(name, job.data);
    if (payload.after) await this.jobs.readModelsAt(payload.after);
    return asOfOfJob(job, payload);
  }

  async process(job: Job): Promise<unknown> {
    if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
    const progress = reporter(job);
    switch (job.name) {
      case JOB.recomputeParty: {
        const { partyId, position } = payloadOf(JOB.recomputeParty, job.data);
        return this.jobs.recomputeParty({ partyId, after: await this.positions.latest(partyId, position) });
      }
      case JOB.decaySweep: {
        const asOf = await this.runAsOf(job, JOB.decaySweep);
        const partyIds = await this.jobs.rankedPartyIds();
        const { chunkSize, retry } = this.config;
        const planned = await planDecaySweep(this.flows, { runId: runIdOf(JOB.decaySweep, asOf), asOf, startedAt: this.clock.now(), partyIds, chunkSize, retry });
        await progress({ phase: 'planned', done: planned.chunks, total: planned.chunks });
        return planned;
      }
      case JOB.decaySweepChunk: {
        const { partyIds, asOf } = payloadOf(JOB.decaySweepChunk, job.data);
        return this.jobs.refreshParties({ partyIds, asOf }, progress);
      }
      case JOB.decaySweepDone: {
        const { runId, asOf, startedAt, parties } = payloadOf(JOB.decaySweepDone, job.data);
        const chunks = Object.values(await job.getChildrenValues<{ applied: number }>());
        const applied = chunks.reduce((sum, chunk) => sum + chunk.applied, 0);
        await this.jobs.recordRun({ job: JOB.decaySweep, runId, asOf, startedAt, parties, boards: (await this.jobs.leaderboardCount()) });
        return { runId, asOf, parties, applied, chunks: chunks.length };
      }
      case JOB.recomputeRankings: {
        const asOf = await this.runAsOf(job, JOB.recomputeRankings);
        return this.jobs.recomputeRankings({ asOf, runId: runIdOf(JOB.recomputeRankings, asOf) }, progress);
      }
      case JOB.propagateTrust: {
        const asOf = await this.runAsOf(job, JOB.propagateTrust);
        return this.jobs.propagateTrust({ asOf, runId: runIdOf(JOB.propagateTrust, asOf) }, progress);
      }
      case JOB.revealFeedback: {
        const asOf = await this.runAsOf(job, JOB.revealFeedback);
        return this.jobs.revealFeedback({ asOf, runId: runIdOf(JOB.revealFeedback, asOf) }, progress);
      }
    }
  }
}
