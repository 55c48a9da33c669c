import type { FlowProducer } from 'bullmq';
import { JOB, RAPPORT_JOBS_QUEUE, chunksOf, decaySweepChunkJobId, decaySweepDoneJobId, jobOptions, type JobRetryOptions } from '#libs/rankings';

export interface PlannedSweep {
  readonly runId: string;
  readonly parties: number;
  readonly chunks: number;
}

/**
 * Fans a `decay-sweep` out: one `decay-sweep-chunk` child per chunk of parties, which any worker may take,
 * under a `decay-sweep-done` parent that runs once every chunk has. Job ids come from the run, so a retried
 * plan adds nothing twice.
 */
export const planDecaySweep = async (
  flows: FlowProducer,
  input: { readonly runId: string; readonly asOf: string; readonly startedAt: string; readonly partyIds: readonly string[]; readonly chunkSize: number; readonly retry: JobRetryOptions },
): Promise<PlannedSweep> => {
  const { runId, asOf, startedAt, partyIds } = input;
  const chunks = chunksOf(partyIds, input.chunkSize);
  await flows.add({
    name: JOB.decaySweepDone,
    queueName: RAPPORT_JOBS_QUEUE,
    data: { v: 1, runId, asOf, startedAt, parties: partyIds.length, chunks: chunks.length },
    opts: { ...jobOptions(input.retry), jobId: decaySweepDoneJobId(runId) },
    children: chunks.map((ids, chunk) => ({
      name: JOB.decaySweepChunk,
      queueName: RAPPORT_JOBS_QUEUE,
      data: { v: 1, runId, asOf, chunk, partyIds: ids },
      // A chunk that fails for good fails the run, where the `jobs` query shows it, instead of leaving it waiting.
      opts: { ...jobOptions(input.retry), jobId: decaySweepChunkJobId(runId, chunk), failParentOnFailure: true },
    })),
  });
  return { runId, parties: partyIds.length, chunks: chunks.length };
};
