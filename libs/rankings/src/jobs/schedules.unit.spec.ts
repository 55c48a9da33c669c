import { DEFAULT_SCHEDULES, ScheduleConfigError, nextTick, schedulesFromEnv } from '#libs/rankings';

describe('the job schedules', () => {
  it('defaults every job to its cron, in UTC', () => {
    expect(schedulesFromEnv({})).toEqual({ schedules: DEFAULT_SCHEDULES, timezone: 'UTC' });
  });

  it('takes a cron per job from the environment, and `off` to disable one', () => {
    const { schedules, timezone } = schedulesFromEnv({ DECAY_SWEEP_CRON: '0 5 * * 1', REVEAL_FEEDBACK_CRON: 'off', JOBS_TIMEZONE: 'Europe/Paris' });
    expect(schedules).toEqual({ ...DEFAULT_SCHEDULES, 'decay-sweep': '0 5 * * 1', 'reveal-feedback': null });
    expect(timezone).toBe('Europe/Paris');
  });

  it('refuses a pattern that is not a cron, naming the variable', () => {
    expect(() => schedulesFromEnv({ PROPAGATE_TRUST_CRON: 'nightly' })).toThrow(ScheduleConfigError);
    expect(() => schedulesFromEnv({ PROPAGATE_TRUST_CRON: 'nightly' })).toThrow(/PROPAGATE_TRUST_CRON/);
  });

  it('computes the next tick as BullMQ’s schedulers do', () => {
    const after = Date.parse('2026-01-05T10:07:00Z');
    expect(new Date(nextTick('*/15 * * * *', after, 'UTC')).toISOString()).toBe('2026-01-05T10:15:00.000Z');
    expect(new Date(nextTick('30 2 * * *', after, 'UTC')).toISOString()).toBe('2026-01-06T02:30:00.000Z');
  });
});
