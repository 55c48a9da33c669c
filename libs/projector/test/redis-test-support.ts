import type { Redis } from 'ioredis';

/** Deletes every key under a test's prefix (SCAN, never KEYS): the benches' own. */
export { dropPrefix as deletePrefix } from '../../../bench/support/redis-prefix';

/**
 * Everything under a prefix, keyed without it, each value in a comparable form — except leases and
 * fencing counters, which belong to instances, not to read models, and checkpoints, which say where
 * a writer stopped rather than what it wrote.
 */
export const dumpPrefix = async (redis: Redis, prefix: string): Promise<Record<string, unknown>> => {
  const dump: Record<string, unknown> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    for (const key of keys) {
      if (/:(lease|fence|checkpoint)$/.test(key)) continue;
      dump[key.slice(prefix.length)] = await valueOf(redis, key);
    }
    cursor = next;
  } while (cursor !== '0');
  return Object.fromEntries(Object.entries(dump).sort(([a], [b]) => (a < b ? -1 : 1)));
};

const valueOf = async (redis: Redis, key: string): Promise<unknown> => {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'set':
      return (await redis.smembers(key)).sort();
    case 'hash':
      return redis.hgetall(key);
    default:
      return `unexpected type of ${key}`;
  }
};
