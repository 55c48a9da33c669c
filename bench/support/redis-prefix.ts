import type { Redis } from 'ioredis';

/** Deletes every key under a prefix (SCAN, never KEYS): a bench's or a test's own keys. */
export const dropPrefix = async (redis: Redis, prefix: string): Promise<void> => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
};
