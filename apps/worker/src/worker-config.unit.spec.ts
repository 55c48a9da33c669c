import { DEFAULT_SCHEDULES, redisOptionsOf } from '#libs/rankings';
import { WorkerConfigError, workerConfigFromEnv } from './worker-config';

describe('the worker configuration', () => {
  it('has defaults for everything', () => {
    expect(workerConfigFromEnv({})).toMatchObject({
      connection: { redisUrl: 'redis://127.0.0.1:6379', prefix: 'rapport:worker' },
      readModelPrefix: 'rapport:',
      schedules: DEFAULT_SCHEDULES,
      timezone: 'UTC',
      concurrency: 2,
      followLog: true,
    });
  });

  it('reads its prefix, crons and limits from the environment', () => {
    const config = workerConfigFromEnv({ WORKER_PREFIX: 'acme:jobs:', RECOMPUTE_RANKINGS_CRON: '*/5 * * * *', WORKER_CONCURRENCY: '4', JOB_ATTEMPTS: '3', WORKER_FOLLOW_LOG: 'false' });
    expect(config.connection.prefix).toBe('acme:jobs');
    expect(config.schedules['recompute-rankings']).toBe('*/5 * * * *');
    expect(config.concurrency).toBe(4);
    expect(config.retry.attempts).toBe(3);
    expect(config.followLog).toBe(false);
  });

  it('refuses a value it cannot use, naming the variable', () => {
    expect(() => workerConfigFromEnv({ WORKER_CONCURRENCY: '0' })).toThrow(WorkerConfigError);
    expect(() => workerConfigFromEnv({ WORKER_FOLLOW_LOG: 'maybe' })).toThrow(/WORKER_FOLLOW_LOG/);
  });

  it('turns REDIS_URL into connection options BullMQ opens itself', () => {
    expect(redisOptionsOf('redis://:s3cret@cache:6380/2')).toEqual({ host: 'cache', port: 6380, password: 's3cret', db: 2 });
  });
});
