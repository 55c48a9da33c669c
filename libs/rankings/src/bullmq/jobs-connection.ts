/** Where the worker keeps its queue and its leaderboards: one Redis, one key prefix. */
export interface JobsConnection {
  readonly redisUrl: string;
  /** BullMQ's prefix (its keys are `<prefix>:<queue>:…`); the leaderboards live under `<prefix>:`. Default `rapport:worker`. */
  readonly prefix: string;
}

export const DEFAULT_WORKER_PREFIX = 'rapport:worker';

/** REDIS_URL (default redis://127.0.0.1:6379) and WORKER_PREFIX (default `rapport:worker`). */
export const jobsConnectionFromEnv = (env: Readonly<Record<string, string | undefined>>): JobsConnection => ({
  redisUrl: env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379',
  prefix: (env.WORKER_PREFIX?.trim() || DEFAULT_WORKER_PREFIX).replace(/:+$/, ''),
});

/** The leaderboard store's key prefix under the worker's. */
export const leaderboardPrefixOf = (connection: JobsConnection): string => `${connection.prefix}:`;

/** ioredis options from a redis:// or rediss:// URL, for BullMQ to open (and close) its own connections. */
export const redisOptionsOf = (url: string): { host: string; port: number; username?: string; password?: string; db?: number; tls?: object } => {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new RangeError(`REDIS_URL must be a redis:// or rediss:// URL; got ${parsed.protocol}`);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(db && { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' && { tls: {} }),
  };
};
