import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { z } from 'zod';

/**
 * The worker's queue and its jobs: the contract between whoever enqueues (the worker's log follower and
 * schedulers, an operator) and the processors. Payloads are versioned (`v`); a payload this code does not
 * know fails at once, without retries.
 */
export const RAPPORT_JOBS_QUEUE = 'rapport-jobs';

export const JOB = {
  recomputeParty: 'recompute-party',
  decaySweep: 'decay-sweep',
  decaySweepChunk: 'decay-sweep-chunk',
  decaySweepDone: 'decay-sweep-done',
  recomputeRankings: 'recompute-rankings',
  propagateTrust: 'propagate-trust',
  revealFeedback: 'reveal-feedback',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

/** The jobs the schedulers run, each on its own cron. */
export const SCHEDULED_JOBS = [JOB.decaySweep, JOB.recomputeRankings, JOB.propagateTrust, JOB.revealFeedback] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

const Instant = z.iso.datetime({ offset: false });
const Position = z.string().regex(/^\d+\/\d+$/);

const RecomputePartyV1 = z.object({ v: z.literal(1), partyId: z.string().min(1), position: Position.nullable() });
/**
 * A scheduled run: as of its tick unless `asOf` says otherwise (an operator's run for a given instant).
 * `after`: an event the read models must have processed before the run reads them (the worker's first
 * start: the last rated event recorded before it, which a projector started alongside may not have yet).
 */
const ScheduledRunV1 = z.object({ v: z.literal(1), asOf: Instant.optional(), after: z.object({ position: Position, streamId: z.string().min(1) }).optional() });
const DecaySweepChunkV1 = z.object({ v: z.literal(1), runId: z.string(), asOf: Instant, chunk: z.number().int().min(0), partyIds: z.array(z.string()) });
const DecaySweepDoneV1 = z.object({ v: z.literal(1), runId: z.string(), asOf: Instant, startedAt: Instant, parties: z.number().int().min(0), chunks: z.number().int().min(0) });

export type RecomputePartyPayload = z.infer<typeof RecomputePartyV1>;
export type ScheduledRunPayload = z.infer<typeof ScheduledRunV1>;
export type DecaySweepChunkPayload = z.infer<typeof DecaySweepChunkV1>;
export type DecaySweepDonePayload = z.infer<typeof DecaySweepDoneV1>;

const PAYLOADS = {
  [JOB.recomputeParty]: RecomputePartyV1,
  [JOB.decaySweep]: ScheduledRunV1,
  [JOB.decaySweepChunk]: DecaySweepChunkV1,
  [JOB.decaySweepDone]: DecaySweepDoneV1,
  [JOB.recomputeRankings]: ScheduledRunV1,
  [JOB.propagateTrust]: ScheduledRunV1,
  [JOB.revealFeedback]: ScheduledRunV1,
} as const;
export type PayloadOf<N extends JobName> = z.infer<(typeof PAYLOADS)[N]>;

export const isJobName = (name: string): name is JobName => Object.hasOwn(PAYLOADS, name);

/** The job's typed payload; an unknown job or payload version is unrecoverable (retrying cannot help). */
export const payloadOf = <N extends JobName>(name: N, data: unknown): PayloadOf<N> => {
  const parsed = PAYLOADS[name].safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`${name}: unknown payload (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  return parsed.data as PayloadOf<N>;
};

/** BullMQ job ids cannot hold ':'; positions are `<commit>/<prepare>`. */
const idSafe = (text: string): string => text.replace(/[:/]/g, '-');

/** One job per (party, event): the follower enqueueing the same event again after a restart adds nothing. */
export const recomputePartyJobId = (partyId: string, position: string | null): string => `${JOB.recomputeParty}.${partyId}.${idSafe(position ?? 'none')}`;
/** At most one waiting and one running `recompute-party` per party: a burst of events costs one job. */
export const recomputePartyDedupeId = (partyId: string): string => `${JOB.recomputeParty}.${partyId}`;

/** A run's id, from its job and instant: the run a retry resumes, and the prefix of its chunks' job ids. */
export const runIdOf = (name: JobName, asOf: string): string => `${name}.${Date.parse(asOf)}`;
/** The `propagate-trust` a worker enqueues on its first start, before any leaderboard exists. */
export const INITIAL_PROPAGATE_JOB_ID = `${JOB.propagateTrust}.initial`;
export const decaySweepChunkJobId = (runId: string, chunk: number): string => `${JOB.decaySweepChunk}.${runId}.${chunk}`;
export const decaySweepDoneJobId = (runId: string): string => `${JOB.decaySweepDone}.${runId}`;

/** The instant a scheduled job runs as of: its payload's, else its scheduler tick (in its id), else when it was added. */
export const asOfOfJob = (job: { readonly id?: string; readonly timestamp: number }, payload: { readonly asOf?: string }): string => {
  if (payload.asOf) return payload.asOf;
  const tick = /^repeat:.+:(\d+)$/.exec(job.id ?? '');
  return new Date(tick ? Number(tick[1]) : job.timestamp).toISOString();
};

export interface JobRetryOptions {
  /** Attempts before a job fails for good. */
  readonly attempts: number;
  /** First retry after this many ms, doubling each time. */
  readonly backoffMs: number;
}

export const DEFAULT_RETRY: JobRetryOptions = { attempts: 6, backoffMs: 2000 };

/** Options every job gets (a flow's children do not inherit the queue's defaults, so they are spelled out). */
export const jobOptions = ({ attempts, backoffMs }: JobRetryOptions): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay: backoffMs },
  removeOnComplete: { age: 24 * 3600, count: 2000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 2000 },
});
