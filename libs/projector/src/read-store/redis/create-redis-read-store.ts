import { Redis } from 'ioredis';
import { silentLogger, type ProjectorLogger } from '../../engine/projector-logger';
import { READ_STORE_REDIS_OPTIONS, RedisReadStore } from './redis-read-store';

export interface RedisReadStoreConfig {
  /** Default redis://127.0.0.1:6379. */
  readonly url?: string;
  /** Default `rapport:`. */
  readonly prefix?: string;
  readonly logger?: ProjectorLogger;
}

/**
 * Connects a Redis read store. Connection trouble is logged once per outage (ioredis keeps
 * reconnecting by itself); an eviction policy other than noeviction is reported, because Redis would
 * then silently drop documents or checkpoints under memory pressure.
 */
export const createRedisReadStore = (config: RedisReadStoreConfig = {}): RedisReadStore => {
  const logger = config.logger ?? silentLogger;
  const redis = new Redis(config.url ?? 'redis://127.0.0.1:6379', READ_STORE_REDIS_OPTIONS);
  let failing = false;
  redis.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    logger.warn('redis connection failed; reconnecting', { error });
  });
  redis.on('ready', () => {
    if (failing) logger.info('redis connection restored');
    failing = false;
  });
  redis.once('ready', () => void warnAboutEviction(redis, logger));
  return new RedisReadStore(redis, { prefix: config.prefix });
};

const warnAboutEviction = async (redis: Redis, logger: ProjectorLogger): Promise<void> => {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    if (policy && policy !== 'noeviction') logger.warn('redis may evict read-model keys; run it with maxmemory-policy noeviction', { policy });
  } catch {
    // Managed Redis services often disable CONFIG; the check is advice, not a requirement.
  }
};
