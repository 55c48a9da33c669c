import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { comparePositions, PostgresEventStore, type EventData } from '#libs/event-store';
import { rebuildProjection, RedisReadStore } from '#libs/projector';
import { countsIn, waitFor } from '../../../libs/projector/test/projector-test-support';
import { deletePrefix, dumpPrefix } from '../../../libs/projector/test/redis-test-support';
import { streamCounterProjection } from '../../../libs/projector/test/stream-counter.projection';
import { buildProjector, ChildProjector, createDatabase } from './projector-e2e-support';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Short, so that a restart or a takeover waits little; long enough that a loaded machine's pauses do not lose it. */
const LEASE_TTL_MS = 2000;
const redis = new Redis(REDIS_URL);
const keyPrefix = `rapport-test-${randomUUID().slice(0, 8)}:`;
const children: ChildProjector[] = [];

interface AppendPacing {
  /** Each writer's pause after each append. */
  readonly pauseMs?: number;
  readonly onAppended?: (count: number) => void;
  /** Awaited by each writer before each append: lets the test hold the writers for a while. */
  readonly gate?: () => Promise<unknown>;
}

/**
 * Appends `total` events, ten per append, from four writers each owning its streams; every 97th event
 * is one the projection skips.
 */
const appendEvents = async (store: PostgresEventStore, streams: string, total: number, { pauseMs = 0, onAppended = () => {}, gate }: AppendPacing = {}) => {
  const tally = new Map<string, number>();
  let appended = 0;
  const writer = async (w: number) => {
    for (let n = w; n < total / 10; n += 4) {
      const streamId = `${streams}${w}x${n % 25}`;
      const events: EventData[] = Array.from({ length: 10 }, (_, i) => ({ id: randomUUID(), type: (n * 10 + i) % 97 === 0 ? 'Poison' : 'Counted', data: { n, i } }));
      await gate?.();
      await store.appendToStream(streamId, events);
      tally.set(streamId, (tally.get(streamId) ?? 0) + events.filter((e) => e.type !== 'Poison').length);
      onAppended((appended += 10));
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));
  return tally;
};

/** What the processes said, bar the skipped-event warnings the test provokes on purpose. */
const reportChildren = () => {
  for (const child of children) {
    const lines = child.log().split('\n').filter((line) => !line.includes('event skipped'));
    process.stderr.write(`--- projector ${child.pid}\n${lines.slice(-30).join('\n')}\n`);
  }
};

const startChild = (databaseUrl: string, prefix: string, streams: string) => {
  const child = new ChildProjector({
    EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, REDIS_URL, READ_MODEL_PREFIX: prefix,
    PROJECTOR_LEASE_TTL_MS: String(LEASE_TTL_MS), PROJECTOR_LAG_LOG_MS: '0', E2E_STREAM_PREFIX: streams,
  });
  children.push(child);
  return child;
};

const holdsLease = async (child: ChildProjector, reads: RedisReadStore) =>
  (await redis.get(reads.keys.lease('stream-counter')))?.split('/')[1] === String(child.pid);

const caughtUp = async (store: PostgresEventStore, reads: RedisReadStore) => {
  const [head, checkpoint] = await Promise.all([store.headPosition(), reads.readCheckpoint('stream-counter')]);
  return head !== null && checkpoint !== null && comparePositions(checkpoint.position, head) >= 0;
};

/** Read models built live (with crashes) must be key for key what a fresh replay of the same log builds. */
const expectEqualToRebuild = async (store: PostgresEventStore, live: string, streams: string) => {
  const rebuilt = `${keyPrefix}rebuilt-${randomUUID().slice(0, 6)}-`;
  const reads = new RedisReadStore(redis, { prefix: rebuilt, ownsConnection: false });
  const result = await rebuildProjection({ store, readStore: reads, projection: streamCounterProjection(streams) });
  const [liveDump, rebuiltDump] = await Promise.all([dumpPrefix(redis, live), dumpPrefix(redis, rebuilt)]);
  expect(Object.keys(liveDump).length).toBeGreaterThan(100);
  expect(liveDump).toEqual(rebuiltDump);
  return result;
};

beforeAll(() => buildProjector(), 180_000);

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill('SIGKILL')));
});

afterAll(async () => {
  await deletePrefix(redis, keyPrefix);
  await redis.quit();
});

describe('projector process', () => {
  it('survives SIGKILL in the middle of 10,000 incoming events: every read model equals a fresh rebuild', async () => {
    const db = await createDatabase();
    const store = new PostgresEventStore(db.url);
    const prefix = `${keyPrefix}crash-`;
    const streams = `crash-${randomUUID().slice(0, 6)}-`;
    const reads = new RedisReadStore(redis, { prefix, ownsConnection: false });
    try {
      let child = startChild(db.url, prefix, streams);
      let appended = 0;
      // Held while the test waits for a projector to take the lease, so that a slow start cannot outlast the 10,000 events.
      let starting: Promise<unknown> = Promise.resolve();
      const appending = appendEvents(store, streams, 10_000, { pauseMs: 25, onAppended: (count) => (appended = count), gate: () => starting });
      appending.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      const kills: number[] = [];
      for (const threshold of [2000, 4500, 7000]) {
        await waitFor(() => appended >= threshold, 30_000, `${threshold} events appended`);
        // Somewhere inside its work: it holds the lease and events keep coming.
        starting = waitFor(() => holdsLease(child, reads), 20_000, 'the projector to take the lease');
        await starting;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 50));
        kills.push(appended);
        expect(await child.kill('SIGKILL')).toBe('SIGKILL');
        child = startChild(db.url, prefix, streams);
      }
      const tally = await appending;
      await waitFor(() => caughtUp(store, reads), 30_000, 'the restarted projector to catch up');

      expect(kills.every((count) => count < 10_000)).toBe(true);
      expect(await countsIn(reads, 'stream-counter', tally.keys())).toEqual(tally);
      const rebuilt = await expectEqualToRebuild(store, prefix, streams);
      expect(rebuilt.events).toBe(10_000);
      expect(await child.kill('SIGTERM')).toBe(0);
      expect(child.log()).toContain('"msg":"stopped"');
    } catch (error) {
      reportChildren();
      throw error;
    } finally {
      await store.close();
      await db.drop();
    }
  }, 120_000);

  it('hands the projection to a stand-by process when the active one is killed', async () => {
    const db = await createDatabase();
    const store = new PostgresEventStore(db.url);
    const prefix = `${keyPrefix}takeover-`;
    const streams = `takeover-${randomUUID().slice(0, 6)}-`;
    const reads = new RedisReadStore(redis, { prefix, ownsConnection: false });
    const holder = async () => (await redis.get(reads.keys.lease('stream-counter')))?.split('/')[1];
    try {
      const pair = [startChild(db.url, prefix, streams), startChild(db.url, prefix, streams)];
      const first = await appendEvents(store, streams, 2000);
      await waitFor(() => caughtUp(store, reads), 30_000, 'the first projector to catch up');
      const activePid = await holder();
      const [killed, standby] = String(pair[0].pid) === activePid ? pair : [pair[1], pair[0]];
      expect(String(killed.pid)).toBe(activePid);
      expect(standby.log()).not.toContain('"msg":"lease acquired"');

      const killedAt = Date.now();
      await killed.kill('SIGKILL');
      // Timed while the writers go on, not after them: appending can take seconds on a loaded machine.
      const takeover = waitFor(async () => (await holder()) === String(standby.pid), 10_000, 'the stand-by to take the lease').then(() => Date.now() - killedAt);
      takeover.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      const second = await appendEvents(store, streams, 2000);
      const takeoverMs = await takeover;
      await waitFor(() => caughtUp(store, reads), 30_000, 'the stand-by to catch up');

      expect(takeoverMs).toBeLessThan(LEASE_TTL_MS + 3000);
      const tally = new Map([...first].map(([stream, n]) => [stream, n + (second.get(stream) ?? 0)]));
      expect(await countsIn(reads, 'stream-counter', tally.keys())).toEqual(tally);
      await expectEqualToRebuild(store, prefix, streams);
    } catch (error) {
      reportChildren();
      throw error;
    } finally {
      await store.close();
      await db.drop();
    }
  }, 120_000);
});
