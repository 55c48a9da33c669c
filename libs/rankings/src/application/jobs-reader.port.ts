/** Where a job is in its life, as BullMQ names it; the embedded runner uses the same words. */
export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One run of a background job, as the admin `jobs` query shows it. */
export interface JobRun {
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  /** 0–100, with the phase it is in and how far through it; null before it reports any. */
  readonly progress: { readonly percent: number; readonly phase: string | null; readonly done: number | null; readonly total: number | null } | null;
  readonly attempts: number;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Why the last attempt failed; null when none did. */
  readonly error: string | null;
}

export interface JobsFilter {
  readonly name?: string | null;
  readonly states?: readonly JobState[] | null;
  /** Most recent first; default 20, at most 100. */
  readonly limit?: number | null;
}

/** Recent runs of the background jobs, newest first: BullMQ's queue in production, the embedded runner's log otherwise. */
export interface JobsReader {
  recentRuns(filter: JobsFilter): Promise<JobRun[]>;
}

export const DEFAULT_JOBS_LIMIT = 20;
export const MAX_JOBS_LIMIT = 100;

export const limitOf = (filter: JobsFilter): number => Math.max(1, Math.min(MAX_JOBS_LIMIT, filter.limit ?? DEFAULT_JOBS_LIMIT));

/** Progress as the processors report it (`JobProgress`), or a bare percentage, as a `JobRun` shows it. */
export const progressOf = (raw: unknown): JobRun['progress'] => {
  if (typeof raw === 'number') return raw > 0 ? { percent: raw, phase: null, done: null, total: null } : null;
  if (raw === null || typeof raw !== 'object') return null;
  const { phase, done, total, percent } = raw as { phase?: unknown; done?: unknown; total?: unknown; percent?: unknown };
  const d = typeof done === 'number' ? done : null;
  const t = typeof total === 'number' ? total : null;
  const p = typeof percent === 'number' ? percent : t === 0 ? 100 : d !== null && t ? (100 * d) / t : 0;
  return { percent: Math.round(p * 10) / 10, phase: typeof phase === 'string' ? phase : null, done: d, total: t };
};
