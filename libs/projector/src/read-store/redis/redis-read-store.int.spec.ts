import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Position } from '#libs/event-store';
import { RedisReadStore, type CommitBatch } from '#libs/projector';
import { describeReadStoreContract } from '../../../test/read-store.contract';
import { deletePrefix } from '../../../test/redis-test-support';

const prefix = `rapport-test-${randomUUID().slice(0, 8)}:`;
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describeReadStoreContract('Redis', () => new RedisReadStore(redis, { prefix, ownsConnection: false }));

describe('Redis read store layout', () => {
  const store = new RedisReadStore(redis, { prefix, ownsConnection: false });
  const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
  const facts = JSON.stringify(['facts']);

  it("keeps each append-only array in a string of its own, appended to in place and listed in the document's tails hash", async () => {
    const projection = `layout-${randomUUID().slice(0, 8)}`;
    const lease = (await store.acquireLease(projection, 'owner', 10_000))!;
    const batch = (n: number, patch: Partial<CommitBatch>): CommitBatch => ({
      projection, version: 1, after: n === 1 ? null : at(n - 1), position: at(n), docs: [], indexRemovals: [], indexAdds: [], listAppends: [], ...patch,
    });
    const tail = store.keys.tail(projection, 'a', facts);
    await store.commit(batch(1, { docs: [{ key: 'a', json: '{"facts":[]}', tails: [{ path: facts, text: '1,2', replace: true }] }] }), lease);
    await store.commit(batch(2, { docs: [{ key: 'a', json: '{"facts":[]}', tails: [{ path: facts, text: '3', replace: false }] }] }), lease);

    expect(await redis.type(tail)).toBe('string');
    expect(await redis.get(tail)).toBe('1,2,3');
    expect(await redis.hgetall(store.keys.tails(projection, 'a'))).toEqual({ [facts]: '' });
    expect(await store.getDoc(projection, 'a')).toEqual({ facts: [1, 2, 3] });

    await store.commit(batch(3, { docs: [{ key: 'a', json: null }] }), lease);
    expect(await redis.exists(tail, store.keys.tails(projection, 'a'), store.keys.doc(projection, 'a'))).toBe(0);
  });
});
