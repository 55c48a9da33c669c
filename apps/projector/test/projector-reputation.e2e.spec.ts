import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { comparePositions, PostgresEventStore } from '#libs/event-store';
import { rebuildProjection, RedisReadStore } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { fillReputationLog, type ReputationLogShape } from '../../../bench/projections/reputation-log';
import { waitFor } from '../../../libs/projector/test/projector-test-support';
import { deletePrefix, dumpPrefix } from '../../../libs/projector/test/redis-test-support';
import { buildProjector, ChildProjector, createDatabase, MAIN_ENTRY } from './projector-e2e-support';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL);
const keyPrefix = `rapport-test-${randomUUID().slice(0, 8)}:`;
const children: ChildProjector[] = [];

/** 10,000 valid events: 240 registrations, then relationship stories over 480 pairs, from four writers. */
const SHAPE: ReputationLogShape = { suppliers: 40, clients: 200, suppliersPerClient: 3, relationshipEvents: 9760, shards: 4 };

const startMain = (databaseUrl: string, prefix: string) => {
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, REDIS_URL, READ_MODEL_PREFIX: prefix, PROJECTOR_LEASE_TTL_MS: '1000', PROJECTOR_LAG_LOG_MS: '0' };
  const child = new ChildProjector(env, MAIN_ENTRY);
  children.push(child);
  return child;
};

const holdsEveryLease = async (child: ChildProjector, reads: RedisReadStore) => {
  const holders = await Promise.all(reputationProjections.map((p) => redis.get(reads.keys.lease(p.name))));
  return holders.every((holder) => holder?.split('/')[1] === String(child.pid));
};

const allCaughtUp = async (store: PostgresEventStore, reads: RedisReadStore) => {
  const head = await store.headPosition();
  const checkpoints = await Promise.all(reputationProjections.map((p) => reads.readCheckpoint(p.name)));
  return head !== null && checkpoints.every((c) => c !== null && comparePositions(c.position, head) >= 0);
};

beforeAll(() => buildProjector(), 180_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill('SIGKILL')));
});

afterAll(async () => {
  await deletePrefix(redis, keyPrefix);
  await redis.quit();
});

describe('the projector process with the reputation read models', () => {
  it('survives SIGKILL in the middle of 10,000 domain events: profiles, rankings, relationships and timelines equal a fresh rebuild', async () => {
    const db = await createDatabase();
    const store = new PostgresEventStore(db.url);
    const live = `${keyPrefix}live-`;
    const reads = new RedisReadStore(redis, { prefix: live, ownsConnection: false });
    let child = startMain(db.url, live);
    try {
      let appended = 0;
      const appending = fillReputationLog(store, SHAPE, { pauseMs: 4, onAppended: (count) => (appended = count) });
      appending.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      const kills: number[] = [];
      for (const threshold of [2000, 4500, 7000]) {
        await waitFor(() => appended >= threshold, 60_000, `${threshold} events appended`);
        await waitFor(() => holdsEveryLease(child, reads), 20_000, 'the projector to take every lease');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50));
        kills.push(appended);
        expect(await child.kill('SIGKILL')).toBe('SIGKILL');
        child = startMain(db.url, live);
      }
      expect(await appending).toBe(10_000);
      await waitFor(() => allCaughtUp(store, reads), 60_000, 'the restarted projector to catch up');
      expect(kills.every((count) => count < 10_000)).toBe(true);

      const rebuilt = `${keyPrefix}rebuilt-`;
      const fresh = new RedisReadStore(redis, { prefix: rebuilt, ownsConnection: false });
      for (const projection of reputationProjections) {
        const result = await rebuildProjection({ store, readStore: fresh, projection });
        // The relationship model reads relationship streams only; every event it reads, it can use.
        expect(result).toMatchObject({ events: projection.name === 'relationship' ? SHAPE.relationshipEvents : 10_000, skipped: 0 });
      }
      const [liveDump, rebuiltDump] = await Promise.all([dumpPrefix(redis, live), dumpPrefix(redis, rebuilt)]);
      const kinds = (part: string) => Object.keys(liveDump).filter((key) => key.includes(part)).length;
      expect(kinds('{party-profile}:rm:d:')).toBe(240);
      expect(kinds('{party-profile}:rm:i:rankings:')).toBeGreaterThan(10);
      expect(kinds('{relationship}:rm:d:')).toBeGreaterThan(400);
      expect(kinds('{party-timeline}:rm:l:timeline:')).toBe(240);
      expect(liveDump).toEqual(rebuiltDump);
      expect(await child.kill('SIGTERM')).toBe(0);
    } catch (error) {
      for (const c of children) process.stderr.write(`--- projector ${c.pid}\n${c.log().split('\n').slice(-30).join('\n')}\n`);
      throw error;
    } finally {
      await store.close();
      await db.drop();
    }
  }, 180_000);
});
