import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventData, type EventStore } from '#libs/event-store';
import type { ReadModelDoc, ReadStoreReader } from '#libs/projector';
import { PARTY_PROFILE_PROJECTION, type PartyProfileDoc } from '#libs/reputation';
import { AppModule } from '../../apps/api/src/app.module';
import type { Health } from '../../apps/api/src/health/health.controller';
import { READ_STORE } from '../../apps/api/src/read-models/read-models.module';

const fact = (type: string, data: EventData['data'], recordedBy: string): EventData => ({
  id: randomUUID(),
  type,
  data,
  metadata: { recordedBy, source: 'party', attested: false, correlationId: randomUUID(), schemaVersion: 1 },
});

const eventually = async <T>(read: () => Promise<T | null>, what: string, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** The API on its embedded default (PGlite in a data directory, read models in memory), over real HTTP. */
describe('API on the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-api-'));
  let app: NestFastifyApplication;
  let baseUrl: string;
  const health = async () => (await (await fetch(`${baseUrl}/health`)).json()) as Health;

  beforeAll(async () => {
    process.env.EVENT_STORE = 'pglite';
    process.env.PGLITE_DATA_DIR = dataDir;
    app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    delete process.env.EVENT_STORE;
    delete process.env.PGLITE_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports ok with the adapter, an empty log and in-memory read models caught up', async () => {
    const response = await fetch(`${baseUrl}/health`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as Health;
    expect(body).toMatchObject({ status: 'ok', eventStore: { adapter: 'pglite', head: null }, readModels: { mode: 'memory' } });
    expect(body.readModels.projections.map((p) => p.projection)).toEqual(['party-profile', 'relationship', 'party-timeline']);
    expect(body.readModels.projections.every((p) => p.caughtUp && p.secondsBehind === 0)).toBe(true);
  });

  it('projects newly appended events into the read store and shows the projections caught up', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const readStore = app.get<ReadStoreReader>(READ_STORE);
    await store.appendToStream('party-acme', [
      fact('PartyRegistered', { partyId: 'acme', name: 'Acme', roles: ['supplier'], industry: 'Software', region: 'Bretagne', registeredAt: '2024-01-01T09:00:00Z' }, 'acme'),
    ]);
    await store.appendToStream('relationship-acme-globex', [
      fact('EngagementStarted', { supplierId: 'acme', clientId: 'globex', engagementId: 'eng-1', paymentTermsDays: 30, startedAt: '2024-02-01T09:00:00Z' }, 'acme'),
      fact('DeliveryCompleted', { supplierId: 'acme', clientId: 'globex', deliveryId: 'del-1', dueAt: '2024-03-01T09:00:00Z', deliveredAt: '2024-02-28T09:00:00Z' }, 'acme'),
    ]);

    const profile = await eventually(() => readStore.getDoc<ReadModelDoc>(PARTY_PROFILE_PROJECTION, 'acme').then((doc) => (doc?.asSupplier ? (doc as unknown as PartyProfileDoc) : null)), 'acme’s rated profile');
    expect(profile).toMatchObject({ partyId: 'acme', identity: { name: 'Acme', region: 'Bretagne' }, counts: { relationships: 1 } });

    const body = await eventually(async () => {
      const current = await health();
      // An idle projection counts as caught up even in the moment before its subscription hears of an append: wait for the head too.
      return current.readModels.projections.every((p) => p.caughtUp && p.position === current.eventStore.head) ? current : null;
    }, 'every projection to reach the head');
    expect(body.eventStore.head).not.toBeNull();
    for (const lag of body.readModels.projections) {
      expect(lag).toEqual({ projection: lag.projection, state: 'live', position: body.eventStore.head, head: body.eventStore.head, caughtUp: true, secondsBehind: 0 });
    }
  });
});
