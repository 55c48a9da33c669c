import { Redis } from 'ioredis';
import { RedisLeaderboardStore } from '#libs/rankings';
import { describeLeaderboardStoreContract } from '../../test/leaderboard-store.contract';
import { TEST_REDIS_URL, deletePrefix, describeWithRedis, testPrefix } from '../../test/redis';

describeWithRedis('the Redis leaderboard store (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = testPrefix('leaderboards');
  let run = 0;

  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  describeLeaderboardStoreContract(
    'Redis',
    async () => new RedisLeaderboardStore(redis, { prefix: `${prefix}:${++run}:` }),
    async () => deletePrefix(redis, `${prefix}:${run}:`),
  );

  it('leaves no key behind once a test prefix is cleaned', async () => {
    await deletePrefix(redis, prefix);
    expect((await redis.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 1000))[1]).toEqual([]);
  });
});
