import { DEFAULT_READ_MODEL_PREFIX } from '#libs/projector';
import { DEFAULT_RETRY, jobsConnectionFromEnv, schedulesFromEnv, type JobRetryOptions, type JobsConnection, type Schedules } from '#libs/rankings';

export interface WorkerConfig {
  readonly connection: JobsConnection;
  /** Where the projector's read models are (READ_MODEL_PREFIX). */
  readonly readModelPrefix: string;
  readonly schedules: Schedules;
  readonly timezone: string;
  /** Jobs one worker process runs at once. */
  readonly concurrency: number;
  /** How long a job's lock lasts without renewal: a full recompute holds the CPU for seconds at a time. */
  readonly lockDurationMs: number;
  /** How long a party's `recompute-party` waits for more events before it runs. */
  readonly debounceMs: number;
  readonly retry: JobRetryOptions;
  /** `recompute-party` retries sooner: it usually waits only for the projector to catch up. */
  readonly recomputeRetry: JobRetryOptions;
  /** How long a `recompute-party` waits for the profile read model to reach its event before it fails (and is retried). */
  readonly recomputeWaitMs: number;
  /** Parties per chunk of a sweep, a read or a write. */
  readonly chunkSize: number;
  /** Follow the log and enqueue `recompute-party` (one instance at a time holds the follower's lease). */
  readonly followLog: boolean;
}

export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const whole = (env: Env, name: string, fallback: number, min = 0): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new WorkerConfigError(`${name} must be a whole number ≥ ${min}; got ${JSON.stringify(raw)}`);
  return value;
};

/**
 * REDIS_URL, WORKER_PREFIX (the worker's keys: its queue and its leaderboards), READ_MODEL_PREFIX, the crons
 * (DECAY_SWEEP_CRON, RECOMPUTE_RANKINGS_CRON, PROPAGATE_TRUST_CRON, REVEAL_FEEDBACK_CRON, `off` to disable;
 * JOBS_TIMEZONE), WORKER_CONCURRENCY, WORKER_LOCK_MS, RECOMPUTE_DEBOUNCE_MS, JOB_ATTEMPTS, JOB_BACKOFF_MS,
 * RECOMPUTE_WAIT_MS, JOB_CHUNK_SIZE, WORKER_FOLLOW_LOG (`false` to leave the log to another process).
 */
export const workerConfigFromEnv = (env: Env): WorkerConfig => {
  const { schedules, timezone } = schedulesFromEnv(env);
  const follow = env.WORKER_FOLLOW_LOG?.trim().toLowerCase();
  if (follow && !['true', 'false'].includes(follow)) throw new WorkerConfigError(`WORKER_FOLLOW_LOG must be true or false; got ${JSON.stringify(env.WORKER_FOLLOW_LOG)}`);
  return {
    connection: jobsConnectionFromEnv(env),
    readModelPrefix: env.READ_MODEL_PREFIX?.trim() || DEFAULT_READ_MODEL_PREFIX,
    schedules,
    timezone,
    concurrency: whole(env, 'WORKER_CONCURRENCY', 2, 1),
    lockDurationMs: whole(env, 'WORKER_LOCK_MS', 120_000, 1000),
    debounceMs: whole(env, 'RECOMPUTE_DEBOUNCE_MS', 250),
    retry: { attempts: whole(env, 'JOB_ATTEMPTS', DEFAULT_RETRY.attempts, 1), backoffMs: whole(env, 'JOB_BACKOFF_MS', DEFAULT_RETRY.backoffMs) },
    recomputeRetry: { attempts: 10, backoffMs: 500 },
    recomputeWaitMs: whole(env, 'RECOMPUTE_WAIT_MS', 5000),
    chunkSize: whole(env, 'JOB_CHUNK_SIZE', 500, 1),
    followLog: follow !== 'false',
  };
};
