import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisReadStore } from '#libs/projector';
import { describeReadStoreContract } from '../../../test/read-store.contract';
import { deletePrefix } from '../../../test/redis-test-support';

const prefix = `rapport-test-${randomUUID().slice(0, 8)}:`;
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describeReadStoreContract('Redis', () => new RedisReadStore(redis, { prefix, ownsConnection: false }));
