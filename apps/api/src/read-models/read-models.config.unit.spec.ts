import { readModelsConfigFromEnv } from './read-models.config';

describe('choosing where the API reads its read models', () => {
  it.each([
    ['nothing set (embedded PGlite)', {}, 'memory'],
    ['PGlite and no Redis', { EVENT_STORE: 'pglite' }, 'memory'],
    ['the in-memory store', { EVENT_STORE: 'memory' }, 'memory'],
    ['PGlite with a Redis', { EVENT_STORE: 'pglite', REDIS_URL: 'redis://cache:6379' }, 'redis'],
    ['PostgreSQL', { EVENT_STORE: 'postgres' }, 'redis'],
    ['PostgreSQL, asked for memory', { EVENT_STORE: 'postgres', READ_MODELS: 'memory' }, 'memory'],
    ['PGlite, asked for Redis', { READ_MODELS: 'redis' }, 'redis'],
  ])('with %s: %s', (_case, env, mode) => {
    expect(readModelsConfigFromEnv(env).mode).toBe(mode);
  });

  it('reads Redis where the projector writes it', () => {
    expect(readModelsConfigFromEnv({ EVENT_STORE: 'postgres', REDIS_URL: ' redis://cache:6379 ', READ_MODEL_PREFIX: 'staging:' })).toEqual({
      mode: 'redis',
      redisUrl: 'redis://cache:6379',
      prefix: 'staging:',
    });
  });

  it('refuses a mode it does not know', () => {
    expect(() => readModelsConfigFromEnv({ READ_MODELS: 'sqlite' })).toThrow('READ_MODELS must be memory or redis; got "sqlite"');
  });
});
