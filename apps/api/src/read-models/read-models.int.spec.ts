import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { InMemoryEventStore, serializePosition, type EventData } from '#libs/event-store';
import { createRedisReadStore, Projector, silentLogger, type RedisReadStore } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { TEST_REDIS_URL, deletePrefix, describeWithRedis, testPrefix } from '../../../../libs/rankings/test/redis';
import { openReadModels, type ReadModelLag, type ReadModels } from './read-models';

const fact = (type: string, data: EventData['data'], recordedBy: string): EventData => ({
  id: randomUUID(),
  type,
  data,
  metadata: { recordedBy, source: 'party', attested: false, correlationId: randomUUID(), schemaVersion: 1 },
});

const registered = (partyId: string, roles: string[]) =>
  fact('PartyRegistered', { partyId, name: partyId, roles, industry: 'Software', region: 'Bretagne', registeredAt: '2024-01-01T09:00:00Z' }, partyId);

const delivered = (deliveryId: string) =>
  fact('DeliveryCompleted', { supplierId: 'acme', clientId: 'globex', deliveryId, dueAt: '2024-03-01T09:00:00Z', deliveredAt: '2024-02-28T09:00:00Z' }, 'acme');

const eventually = async (condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** The API's read side on Redis, with a projector of its own writing there, as `/health` reports it. */
describeWithRedis('read models in Redis: how far behind the log /health says they are', () => {
  const prefix = `${testPrefix('api-lag')}:`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const store = new InMemoryEventStore();
  let readStore: RedisReadStore;
  let projector: Projector;
  let readModels: ReadModels;
  const lag = async (): Promise<ReadModelLag[]> => readModels.lag();
  const head = async () => serializePosition((await store.headPosition())!);

  beforeAll(async () => {
    readStore = createRedisReadStore({ url: TEST_REDIS_URL, prefix });
    projector = new Projector({ store, readStore, projections: reputationProjections, logger: silentLogger }).start();
    readModels = await openReadModels({ mode: 'redis', redisUrl: TEST_REDIS_URL, prefix }, store, reputationProjections);
    await store.appendToStream('party-acme', [registered('acme', ['supplier'])]);
    await store.appendToStream('party-globex', [registered('globex', ['client'])]);
    await store.appendToStream('relationship-acme-globex', [delivered('d1')]);
    const at = await head();
    await eventually(async () => (await lag()).every((l) => l.position === at), 'every read model to reach the head');
  }, 30_000);

  afterAll(async () => {
    await projector?.stop();
    await readModels?.close();
    await readStore?.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('shows every read model caught up at the head', async () => {
    const at = await head();
    expect(await lag()).toEqual(reputationProjections.map(({ name }) => ({ projection: name, state: 'checkpoint', position: at, head: at, caughtUp: true, secondsBehind: 0 })));
  });

  it('still shows them caught up when the log ends with events no read model reads', async () => {
    const before = await head();
    await store.appendToStream(`credential-${randomUUID()}`, [fact('CredentialIssued', { partyId: 'acme' }, 'acme')]);
    const after = await head();
    expect(after).not.toBe(before);
    // The projector never sees that event, so no checkpoint moves: the head is past every one of them.
    for (const l of await lag()) expect(l).toEqual({ projection: l.projection, state: 'checkpoint', position: before, head: after, caughtUp: true, secondsBehind: 0 });
  });

  it('shows a read model behind while an event it reads waits, and caught up once it is processed', async () => {
    await projector.stop();
    await store.appendToStream('relationship-acme-globex', [delivered('d2')], { expectedRevision: 0 });
    const at = await head();
    for (const l of await lag()) expect(l).toMatchObject({ head: at, caughtUp: false, secondsBehind: null });

    projector = new Projector({ store, readStore, projections: reputationProjections, logger: silentLogger }).start();
    await eventually(async () => (await lag()).every((l) => l.caughtUp), 'the restarted projector to process it');
    for (const l of await lag()) expect(l).toMatchObject({ position: at, head: at, caughtUp: true, secondsBehind: 0 });
  });

  it('does not count a read model written by another version of its projection as caught up', async () => {
    const bumped = reputationProjections.map((projection) => ({ ...projection, version: projection.version + 1 }));
    const newer = await openReadModels({ mode: 'redis', redisUrl: TEST_REDIS_URL, prefix }, store, bumped);
    try {
      const at = await head();
      for (const l of await newer.lag()) expect(l).toMatchObject({ position: at, head: at, caughtUp: false, secondsBehind: null });
    } finally {
      await newer.close();
    }
  });
});
