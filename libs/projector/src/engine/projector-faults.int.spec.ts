import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { InMemoryEventStore } from '#libs/event-store';
import { createRedisReadStore, Projector, RedisReadStore } from '#libs/projector';
import { appendSpread, countsIn, RecordingLogger, uniquePrefix, waitFor } from '../../test/projector-test-support';
import { deletePrefix } from '../../test/redis-test-support';
import { streamCounterProjection } from '../../test/stream-counter.projection';
import { TcpProxy } from '../../test/tcp-proxy';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Projector on Redis, under faults', () => {
  const redis = new Redis(REDIS_URL);
  const keyPrefix = `rapport-test-${randomUUID().slice(0, 8)}:`;
  let store: InMemoryEventStore;
  let streams: string;
  let logger: RecordingLogger;
  const cleanups: (() => Promise<unknown>)[] = [];
  const merge = (a: Map<string, number>, b: Map<string, number>) => new Map([...a].map(([stream, n]) => [stream, n + (b.get(stream) ?? 0)]));

  beforeEach(() => {
    store = new InMemoryEventStore({ pollIntervalMs: 10 });
    streams = uniquePrefix('faults');
    logger = new RecordingLogger();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await deletePrefix(redis, keyPrefix);
    await redis.quit();
  });

  const startProjector = (readStore: RedisReadStore) => {
    const projector = new Projector({ store, readStore, projections: [streamCounterProjection(streams)], logger, backoff: { initialMs: 20, maxMs: 200 } }).start();
    cleanups.push(() => readStore.close(), () => projector.stop());
    return projector;
  };
  const processed = async (projector: Projector, events: number) => (await projector.lag())[0].eventsProcessed >= events && (await projector.lag())[0].caughtUp;

  it('rebuilds by itself when Redis loses everything, checkpoint and lease included', async () => {
    const readStore = new RedisReadStore(new Redis(REDIS_URL), { prefix: keyPrefix });
    const projector = startProjector(readStore);
    const early = await appendSpread(store, streams, 300, 5);
    await waitFor(() => processed(projector, 300));
    await deletePrefix(redis, readStore.keys.checkpoint('stream-counter').split('{')[0]);
    const late = await appendSpread(store, streams, 100, 5);
    await waitFor(async () => (await readStore.readCheckpoint('stream-counter')) !== null && (await projector.lag())[0].caughtUp && (await countsIn(readStore, 'stream-counter', late.keys())).get(`${streams}0`) === 80);
    expect(await countsIn(readStore, 'stream-counter', early.keys())).toEqual(merge(early, late));
    expect(logger.withMessage('rebuilding from the log').map((line) => line.fields.reason)).toEqual(['no checkpoint', 'no checkpoint']);
  });

  it('rebuilds by itself when only the checkpoint is gone, dropping the documents it finds', async () => {
    const readStore = new RedisReadStore(new Redis(REDIS_URL), { prefix: `${keyPrefix}cp-` });
    const projector = startProjector(readStore);
    const early = await appendSpread(store, streams, 200, 4);
    await waitFor(() => processed(projector, 200));
    await redis.unlink(readStore.keys.checkpoint('stream-counter'));
    const late = await appendSpread(store, streams, 40, 4);
    await waitFor(async () => logger.withMessage('read model dropped').length === 2 && (await projector.lag())[0].caughtUp);
    await waitFor(async () => (await countsIn(readStore, 'stream-counter', early.keys())).get(`${streams}0`) === 60);
    expect(await countsIn(readStore, 'stream-counter', early.keys())).toEqual(merge(early, late));
    expect(logger.withMessage('read model dropped')[1].fields.keys).toBeGreaterThan(0);
  });

  it('retries while Redis is unreachable and resumes from its checkpoint, losing and repeating nothing', async () => {
    const proxy = await TcpProxy.reserve({ host: '127.0.0.1', port: 6379 });
    cleanups.push(() => proxy.down());
    const readStore = createRedisReadStore({ url: `redis://127.0.0.1:${proxy.port}`, prefix: `${keyPrefix}down-`, logger });
    const projector = startProjector(readStore);
    const first = await appendSpread(store, streams, 200, 4);
    await waitFor(() => logger.withMessage('projection failed; retrying').length >= 2, 10_000, 'retries');
    await proxy.up();
    await waitFor(() => processed(projector, 200), 20_000, 'the first events after Redis came up');

    await proxy.down();
    const second = await appendSpread(store, streams, 200, 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.up();
    await waitFor(async () => (await projector.lag())[0].caughtUp && (await countsIn(readStore, 'stream-counter', second.keys())).get(`${streams}0`) === 100, 20_000, 'catching up after the outage');
    expect(await countsIn(readStore, 'stream-counter', first.keys())).toEqual(merge(first, second));
    const list = await readStore.readList('stream-counter', `${streams}0`, { limit: 500 });
    expect(new Set(list.entries.map((entry) => entry.id)).size).toBe(100);
    expect(logger.withMessage('redis connection failed').length).toBeGreaterThan(0);
  });
});
