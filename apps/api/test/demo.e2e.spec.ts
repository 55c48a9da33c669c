import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, fetchExchange, gql } from '@urql/core';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { startRapport } from '../src/start';

const PROFILE = gql`
  query ($id: ID!) {
    party(id: $id) {
      id
      identity { name }
      asClient { score grade components { reasons { direction eventIds } } }
      asSupplier { score grade components { reasons { direction eventIds } } }
      flags { flag }
    }
  }
`;

const ENDING = gql`
  query { relationship(supplierId: "lumen", clientId: "oakridge") { status engagements { ending { amicable handoverArranged eventId } } } }
`;

interface Started {
  readonly app: NestFastifyApplication;
  readonly banner: string;
  readonly url: string;
}

/** `npm start` as `main` runs it, on port 0 and a data directory of its own; the banner is kept. */
const start = async (dataDir: string, argv: string[] = []): Promise<Started> => {
  const settings: Record<string, string> = { EVENT_STORE: 'pglite', PGLITE_DATA_DIR: dataDir, READ_MODELS: 'memory', RATE_LIMIT_MAX: '0' };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  let banner = '';
  try {
    const app = await startRapport({ argv, port: 0, host: '127.0.0.1', print: (text) => (banner += text) });
    app.useLogger(['error']);
    return { app, banner, url: `${await app.getUrl()}/graphql` };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
};

const tokenIn = (banner: string, name: string): string => {
  const match = new RegExp(`export ${name}=(\\S+)`).exec(banner);
  if (!match) throw new Error(`no ${name} in the banner:\n${banner}`);
  return match[1];
};

const clientOf = (url: string, token: string) =>
  new Client({ url, exchanges: [fetchExchange], requestPolicy: 'network-only', preferGetMethod: false, fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }) });

const eventCount = async (store: EventStore): Promise<number> => {
  let count = 0;
  for await (const _event of store.readAll()) count++;
  return count;
};

type Rating = { score: number; grade: string; components: { reasons: { direction: string; eventIds: string[] }[] }[] };
const loweredBy = (rating: Rating | null, eventId: string): boolean =>
  (rating?.components ?? []).some((c) => c.reasons.some((r) => r.direction === 'LOWERED' && r.eventIds.includes(eventId)));

describe('npm start on an empty embedded store: the demo', () => {
  let dataDir: string;
  let running: Started | undefined;
  let client: Client;
  const profileOf = async (id: string) => {
    const { data, error } = await client.query(PROFILE, { id }).toPromise();
    expect(error).toBeUndefined();
    return data.party;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-demo-'));
    running = await start(dataDir);
    client = clientOf(running.url, tokenIn(running.banner, 'TOKEN'));
  }, 180_000);

  afterAll(async () => {
    await running?.app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a ready-made party token, an admin token and curl examples that work', async () => {
    expect(running?.banner).toContain('Demo seeded');
    expect(running?.banner).toMatch(/curl -s http:\/\/localhost:\d+\/graphql -H "authorization: Bearer \$TOKEN"/);
    const admin = clientOf(running!.url, tokenIn(running!.banner, 'ADMIN_TOKEN'));

    expect((await client.query(gql`{ me { kind partyId } }`, {}).toPromise()).data.me).toEqual({ kind: 'PARTY', partyId: 'lumen' });
    expect((await admin.query(gql`{ me { kind name } }`, {}).toPromise()).data.me).toEqual({ kind: 'ADMIN', name: 'demo-admin' });
  });

  it('tells the ten-year ideal client from the one that drains the team', async () => {
    const ideal = await profileOf('harbor_foods');
    const draining = await profileOf('grindstone');

    expect(ideal).toMatchObject({ identity: { name: 'Harbor Foods' }, asClient: { grade: 'A' }, flags: [] });
    expect(ideal.asClient.score).toBeGreaterThan(draining.asClient.score + 25);
    expect(draining.asClient.grade > ideal.asClient.grade).toBe(true);
  });

  it('flags the supplier that sued its client over a review', async () => {
    const litigious = await profileOf('sharkline');

    expect(litigious.flags).toEqual([{ flag: 'RETALIATION' }]);
    expect(litigious.asSupplier.grade).toBe('D');
  });

  it('counts the amicable parting against no one', async () => {
    const { data } = await client.query(ENDING, {}).toPromise();
    const [{ ending }] = data.relationship.engagements;
    const [client_, supplier] = [await profileOf('oakridge'), await profileOf('lumen')];

    expect(data.relationship.status).toBe('ENDED');
    expect(ending).toMatchObject({ amicable: true, handoverArranged: true });
    expect(loweredBy(client_.asClient, ending.eventId)).toBe(false);
    expect(loweredBy(supplier.asSupplier, ending.eventId)).toBe(false);
    expect(client_.asClient.grade).toBe('A');
    expect(client_.flags).toEqual([]);
  });

  it('does not seed again on a store that holds facts, and says how to get a token', async () => {
    const store = running!.app.get<EventStore>(EVENT_STORE);
    const before = await eventCount(store);
    await running!.app.close();

    running = await start(dataDir);
    expect(running.banner).toContain('no demo seeded');
    expect(running.banner).toContain('npm run rapport -- token create');
    expect(running.banner).not.toContain('export TOKEN=');
    expect(await eventCount(running.app.get<EventStore>(EVENT_STORE))).toBe(before);
    await running.app.close();

    running = await start(dataDir, ['--demo']);
    expect(running.banner).toContain('fresh tokens');
    expect(await eventCount(running.app.get<EventStore>(EVENT_STORE))).toBe(before + 2);
    const again = clientOf(running.url, tokenIn(running.banner, 'TOKEN'));
    expect((await again.query(PROFILE, { id: 'harbor_foods' }).toPromise()).data.party.asClient.grade).toBe('A');
  }, 120_000);
});
