import { defaultRepeatStrategy } from 'bullmq';
import { JOB, type ScheduledJob } from '../bullmq/rapport-jobs';

/** When each scheduled job runs: a cron pattern (minute hour day month weekday), or null when off. */
export type Schedules = Readonly<Record<ScheduledJob, string | null>>;

export const SCHEDULE_ENV: Readonly<Record<ScheduledJob, string>> = {
  [JOB.decaySweep]: 'DECAY_SWEEP_CRON',
  [JOB.recomputeRankings]: 'RECOMPUTE_RANKINGS_CRON',
  [JOB.propagateTrust]: 'PROPAGATE_TRUST_CRON',
  [JOB.revealFeedback]: 'REVEAL_FEEDBACK_CRON',
};

/**
 * Defaults: reveal every 15 minutes (the window is days; a reveal is cheap), rankings hourly, trust nightly
 * (the costly one), and the decay sweep once a day after it, off the hour (decay moves scores over months, not hours).
 */
export const DEFAULT_SCHEDULES: Schedules = {
  [JOB.revealFeedback]: '*/15 * * * *',
  [JOB.recomputeRankings]: '0 * * * *',
  [JOB.propagateTrust]: '30 2 * * *',
  [JOB.decaySweep]: '15 4 * * *',
};

export class ScheduleConfigError extends Error {
  override readonly name = 'ScheduleConfigError';
}

/** The next tick of a cron pattern after `afterMs`, as BullMQ's schedulers compute it (the embedded runner uses the same). */
export const nextTick = (pattern: string, afterMs: number, timezone: string): number => {
  const next = defaultRepeatStrategy(afterMs, { pattern, tz: timezone });
  if (next === undefined) throw new ScheduleConfigError(`cron pattern ${JSON.stringify(pattern)} has no next run`);
  return next;
};

/** DECAY_SWEEP_CRON, RECOMPUTE_RANKINGS_CRON, PROPAGATE_TRUST_CRON, REVEAL_FEEDBACK_CRON (`off` disables one), JOBS_TIMEZONE (default UTC). */
export const schedulesFromEnv = (env: Readonly<Record<string, string | undefined>>): { schedules: Schedules; timezone: string } => {
  const timezone = env.JOBS_TIMEZONE?.trim() || 'UTC';
  const schedules = Object.fromEntries(
    Object.entries(SCHEDULE_ENV).map(([job, name]) => {
      const raw = env[name]?.trim();
      const pattern = raw === undefined || raw === '' ? DEFAULT_SCHEDULES[job as ScheduledJob] : raw.toLowerCase() === 'off' ? null : raw;
      if (pattern !== null) {
        try {
          nextTick(pattern, Date.now(), timezone);
        } catch (error) {
          throw new ScheduleConfigError(`${name} must be a cron pattern such as "0 * * * *" or "off"; got ${JSON.stringify(raw)} (${String(error instanceof Error ? error.message : error)})`);
        }
      }
      return [job, pattern];
    }),
  ) as Record<ScheduledJob, string | null>;
  return { schedules, timezone };
};
