import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { comparePositions, PostgresEventStore } from '#libs/event-store';
import { rebuildProjection, rebuildProjections, RedisReadStore } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { fillReputationLog, type ReputationLogShape } from '../../../bench/projections/reputation-log';
import { waitFor } from '../../../libs/projector/test/projector-test-support';
import { deletePrefix, dumpPrefix } from '../../../libs/projector/test/redis-test-support';
import { runNode } from '../../../tests/support/run-node';
import { buildProjector, ChildProjector, createDatabase, MAIN_ENTRY, REBUILD_ENTRY, ROOT } from './projector-e2e-support';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL);
const keyPrefix = `rapport-test-${randomUUID().slice(0, 8)}:`;
const children: ChildProjector[] = [];

/** 10,000 valid events: 240 registrations, then relationship stories over 480 pairs, from four writers. */
const SHAPE: ReputationLogShape = { suppliers: 40, clients: 200, suppliersPerClient: 3, relationshipEvents: 9760, shards: 4 };

/** `npm run rebuild [args]` (built already) run to its end against a database and a prefix: exit code, output, and its "rebuilt" lines. */
const runRebuild = async (databaseUrl: string, prefix: string, ...args: string[]) => {
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, REDIS_URL, READ_MODEL_PREFIX: prefix, PROJECTOR_LEASE_TTL_MS: '30000' };
  const run = await runNode(REBUILD_ENTRY, args, { cwd: ROOT, env });
  const rebuilt = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"msg":"rebuilt"'))
    .map((line) => JSON.parse(line) as { projection: string; events: number; skipped: number; droppedKeys: number });
  return { ...run, rebuilt };
};

const startMain = (databaseUrl: string, prefix: string, extra: Record<string, string> = {}) => {
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, REDIS_URL, READ_MODEL_PREFIX: prefix, PROJECTOR_LEASE_TTL_MS: '1000', PROJECTOR_LAG_LOG_MS: '0', ...extra };
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

/** One test on a scratch database: a store on it, closed and dropped after; on failure, what the processes printed last. */
const onScratchDatabase = async (test: (databaseUrl: string, store: PostgresEventStore) => Promise<void>): Promise<void> => {
  const db = await createDatabase();
  const store = new PostgresEventStore(db.url);
  try {
    await test(db.url, store);
  } catch (error) {
    for (const c of children) process.stderr.write(`--- process ${c.pid}\n${c.log().split('\n').slice(-30).join('\n')}\n`);
    throw error;
  } finally {
    await store.close();
    await db.drop();
  }
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
  it('survives SIGKILL in the middle of 10,000 domain events: profiles, rankings, relationships and timelines equal a fresh rebuild', () =>
    onScratchDatabase(async (databaseUrl, store) => {
      const live = `${keyPrefix}live-`;
      const reads = new RedisReadStore(redis, { prefix: live, ownsConnection: false });
      let child = startMain(databaseUrl, live);
      let appended = 0;
      // Held while the test waits for a projector to take the leases, so that a slow start cannot outlast the 10,000 events.
      let starting: Promise<unknown> = Promise.resolve();
      const appending = fillReputationLog(store, SHAPE, { pauseMs: 4, onAppended: (count) => (appended = count), gate: () => starting });
      appending.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      const kills: number[] = [];
      for (const threshold of [2000, 4500, 7000]) {
        await waitFor(() => appended >= threshold, 60_000, `${threshold} events appended`);
        starting = waitFor(() => holdsEveryLease(child, reads), 20_000, 'the projector to take every lease');
        await starting;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50));
        kills.push(appended);
        expect(await child.kill('SIGKILL')).toBe('SIGKILL');
        child = startMain(databaseUrl, live);
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
    }), 180_000);

  it('with PROJECTIONS, processes share the read models between them, and one that names no known projection does not start', () =>
    onScratchDatabase(async (databaseUrl, store) => {
      const split = `${keyPrefix}split-`;
      const reads = new RedisReadStore(redis, { prefix: split, ownsConnection: false });
      const profiles = startMain(databaseUrl, split, { PROJECTIONS: 'party-profile' });
      const others = startMain(databaseUrl, split, { PROJECTIONS: ' relationship, party-timeline ,relationship' });
      const shape: ReputationLogShape = { suppliers: 10, clients: 40, suppliersPerClient: 3, relationshipEvents: 1950, shards: 2 };
      expect(await fillReputationLog(store, shape, { pauseMs: 2 })).toBe(2000);
      await waitFor(() => allCaughtUp(store, reads), 60_000, 'both processes to catch up');
      const holders = await Promise.all(reputationProjections.map(async (p) => [p.name, (await redis.get(reads.keys.lease(p.name)))?.split('/')[1]]));
      expect(holders).toEqual([
        ['party-profile', String(profiles.pid)],
        ['relationship', String(others.pid)],
        ['party-timeline', String(others.pid)],
      ]);
      const reference = `${keyPrefix}expected-split-`;
      await rebuildProjections({ store, readStore: new RedisReadStore(redis, { prefix: reference, ownsConnection: false }), projections: reputationProjections });
      const expected = await dumpPrefix(redis, reference);
      expect(Object.keys(expected).length).toBeGreaterThan(100);
      expect(await dumpPrefix(redis, split)).toEqual(expected);

      const typo = startMain(databaseUrl, `${keyPrefix}typo-`, { PROJECTIONS: 'party-profiles' });
      expect(await typo.exited).toBe(1);
      expect(typo.log()).toContain('No projection named \\"party-profiles\\"; known: party-profile, relationship, party-timeline');
      expect(await redis.keys(`${keyPrefix}typo-*`)).toEqual([]);
      expect(await profiles.kill('SIGTERM')).toBe(0);
      expect(await others.kill('SIGTERM')).toBe(0);
    }), 180_000);

  it('npm run rebuild replays the log into every read model, or only the ones named, and refuses a name it does not know', () =>
    onScratchDatabase(async (databaseUrl, store) => {
      const target = `${keyPrefix}cli-`;
      const reference = `${keyPrefix}reference-`;
      const reads = new RedisReadStore(redis, { prefix: target, ownsConnection: false });
      const fences = () => Promise.all(reputationProjections.map((p) => redis.get(reads.keys.fence(p.name))));
      const shape: ReputationLogShape = { suppliers: 10, clients: 40, suppliersPerClient: 3, relationshipEvents: 1950 };
      expect(await fillReputationLog(store, shape)).toBe(2000);

      const all = await runRebuild(databaseUrl, target);
      expect(all).toMatchObject({ code: 0 });
      expect(all.rebuilt.map(({ projection, events, skipped }) => [projection, events, skipped])).toEqual([
        ['party-profile', 2000, 0],
        ['relationship', 1950, 0],
        ['party-timeline', 2000, 0],
      ]);
      const head = await store.headPosition();
      for (const projection of reputationProjections) expect((await reads.readCheckpoint(projection.name))?.position).toEqual(head);
      await rebuildProjections({ store, readStore: new RedisReadStore(redis, { prefix: reference, ownsConnection: false }), projections: reputationProjections });
      const expected = await dumpPrefix(redis, reference);
      expect(Object.keys(expected).length).toBeGreaterThan(100);
      expect(await dumpPrefix(redis, target)).toEqual(expected);

      // One read model damaged: rebuilt alone, the others not even leased.
      const [damaged] = Object.keys(expected).filter((key) => key.startsWith('{relationship}:rm:d:'));
      await redis.del(`${target}${damaged}`);
      const [profileFence, , timelineFence] = await fences();
      const one = await runRebuild(databaseUrl, target, '--projection', 'relationship');
      expect(one).toMatchObject({ code: 0 });
      expect(one.rebuilt).toEqual([expect.objectContaining({ projection: 'relationship', events: 1950, skipped: 0 })]);
      expect(await dumpPrefix(redis, target)).toEqual(expected);
      const [profileAfter, , timelineAfter] = await fences();
      expect([profileAfter, timelineAfter]).toEqual([profileFence, timelineFence]);

      const unknown = await runRebuild(databaseUrl, target, '--projection', 'nope');
      expect(unknown).toMatchObject({ code: 1 });
      expect(unknown.stderr).toContain('No projection named "nope"; known: party-profile, relationship, party-timeline');
      expect(await dumpPrefix(redis, target)).toEqual(expected);

      // Asking for help, or a flag it does not know, rebuilds nothing and takes no lease.
      const leasesBefore = await fences();
      const help = await runRebuild(databaseUrl, target, '--help');
      expect(help).toMatchObject({ code: 0, rebuilt: [] });
      expect(help.stdout).toContain('Usage: npm run rebuild [-- --projection NAME]');
      const typo = await runRebuild(databaseUrl, target, '--projections', 'relationship');
      expect(typo).toMatchObject({ code: 1, rebuilt: [] });
      expect(typo.stderr).toContain("Unknown option '--projections'");
      expect(await dumpPrefix(redis, target)).toEqual(expected);
      expect(await fences()).toEqual(leasesBefore);
    }), 180_000);
});
