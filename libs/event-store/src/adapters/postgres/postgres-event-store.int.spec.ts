import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { anEvent, collect, idsOf, SubscriptionProbe, uniquePrefix } from '../../contract/contract-support';
import { describeEventStoreContract } from '../../contract/event-store.contract';
import { StoreUnavailableError } from '../../event-store.errors';
import { PostgresEventStore } from './postgres-event-store';

// CI guarantees a server: if it cannot be reached, these tests fail rather than skip.
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `rapport_test_${randomBytes(6).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
})();

const admin = new Client({ connectionString: ADMIN_URL });
const opened: PostgresEventStore[] = [];
const openStore = async (options: ConstructorParameters<typeof PostgresEventStore>[1] = {}) => {
  const store = new PostgresEventStore(databaseUrl, options);
  opened.push(store);
  await store.open();
  return store;
};

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
});

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

describeEventStoreContract('PostgreSQL', () => openStore());

describe('PostgreSQL adapter', () => {
  it('applies its schema again on every open, concurrently too, keeping what is stored', async () => {
    const schema = `s_${randomBytes(4).toString('hex')}`;
    const streamId = `${uniquePrefix('migrate')}s`;
    const first = await openStore({ schema });
    await first.appendToStream(streamId, [anEvent()]);
    const again = await Promise.all([openStore({ schema }), openStore({ schema }), openStore({ schema })]);
    for (const store of again) expect(await collect(store.readStream(streamId))).toHaveLength(1);
  });

  it('keeps stores in different schemas of one database apart', async () => {
    const [left, right] = await Promise.all([openStore({ schema: 'left_store' }), openStore({ schema: 'right_store' })]);
    const streamId = `${uniquePrefix('apart')}s`;
    await left.appendToStream(streamId, [anEvent()]);
    expect(await collect(right.readStream(streamId))).toEqual([]);
  });

  it('reports an unreachable server as StoreUnavailableError, on writes, reads and subscriptions', async () => {
    const store = new PostgresEventStore('postgres://postgres@127.0.0.1:1/nowhere');
    const first = <T>(iterable: AsyncIterable<T>) => iterable[Symbol.asyncIterator]().next();
    await expect(store.appendToStream('s', [anEvent()])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(first(store.readStream('s'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(first(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(first(store.subscribeToAll())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it('wakes subscriptions in other processes through LISTEN/NOTIFY, without waiting for a poll', async () => {
    const [reader, writer] = await Promise.all([openStore({ pollIntervalMs: 60_000 }), openStore()]);
    const prefix = uniquePrefix('notify');
    const probe = new SubscriptionProbe(reader, { fromPosition: 'end', filter: { streamNamePrefixes: [prefix] } });
    await probe.waitFor((p) => p.caughtUp);
    const event = anEvent();
    await writer.appendToStream(`${prefix}s`, [event]);
    await probe.waitFor((p) => p.events.length === 1, 5_000);
    await probe.stop();
    expect(idsOf(probe.events)).toEqual([event.id]);
  });

  it('holds back the global log behind a transaction still running, then yields both in transaction order', async () => {
    const store = await openStore({ settleTimeoutMs: 50 });
    const prefix = uniquePrefix('horizon');
    const filter = { streamNamePrefixes: [prefix] };
    const probe = new SubscriptionProbe(store, { fromPosition: (await store.headPosition()) ?? 'start', filter });
    await probe.waitFor((p) => p.caughtUp);

    const slow = new Client({ connectionString: databaseUrl });
    await slow.connect();
    const early = anEvent();
    await slow.query('BEGIN');
    await slow.query('SELECT * FROM event_store.append_to_stream($1, -2, $2, $3, $4, $5, NULL)', [
      `${prefix}slow`, JSON.stringify([early.id]), JSON.stringify([early.type]), '[{}]', '[{}]',
    ]);
    const late = anEvent();
    await store.appendToStream(`${prefix}fast`, [late]);

    expect(idsOf(await collect(store.readStream(`${prefix}fast`)))).toEqual([late.id]);
    expect(await collect(store.readAll({ filter }))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.events).toEqual([]);

    await slow.query('COMMIT');
    await slow.end();
    await probe.waitFor((p) => p.events.length === 2);
    await probe.stop();
    expect(idsOf(probe.events)).toEqual([early.id, late.id]);
    expect(idsOf(await collect(store.readAll({ filter })))).toEqual([early.id, late.id]);
  });
});
