import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { anEvent, collect, idsOf, someEvents, SubscriptionProbe, uniquePrefix } from '../../contract/contract-support';
import { describeEventStoreContract } from '../../contract/event-store.contract';
import { describeWrittenPositions } from '../../contract/written-positions.contract';
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
describeWrittenPositions('PostgreSQL', () => openStore());

describe('PostgreSQL adapter', () => {
  it('applies its schema again on every open, concurrently too, keeping what is stored', async () => {
    const schema = `s_${randomBytes(4).toString('hex')}`;
    const streamId = `${uniquePrefix('migrate')}s`;
    const first = await openStore({ schema });
    await first.appendToStream(streamId, [anEvent()]);
    const again = await Promise.all([openStore({ schema }), openStore({ schema }), openStore({ schema })]);
    for (const store of again) expect(await collect(store.readStream(streamId))).toHaveLength(1);
  });

  it('upgrades a store made with the streams table and the 7-argument append function, keeping its events', async () => {
    const schema = `s_${randomBytes(4).toString('hex')}`;
    const streamId = `${uniquePrefix('upgrade')}s`;
    const seed = await openStore({ schema });
    const [kept] = someEvents(1);
    await seed.appendToStream(streamId, [kept]);
    // What the earlier schema left behind (the events table is unchanged).
    const old = new Client({ connectionString: databaseUrl });
    await old.connect();
    await old.query(`CREATE TABLE ${schema}.streams (stream_id text PRIMARY KEY, revision bigint NOT NULL);
      INSERT INTO ${schema}.streams VALUES ('${streamId}', 0);
      DROP FUNCTION ${schema}.append_to_stream(text, bigint, json, json, json, json, text, boolean);
      CREATE FUNCTION ${schema}.append_to_stream(p_stream_id text, p_expected bigint, p_ids json, p_types json, p_data json,
        p_metadata json, p_channel text, OUT o_outcome text, OUT o_revision bigint, OUT o_commit xid8, OUT o_prepare bigint)
        LANGUAGE sql AS $$ SELECT 'wrong', -1::bigint, NULL::xid8, NULL::bigint $$;`);

    const upgraded = await openStore({ schema });
    const [{ tables }] = (await old.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = $1 AND tablename = 'streams'`, [schema])).rows;
    const [{ functions }] = (await old.query(`SELECT count(*)::int AS functions FROM pg_proc WHERE proname = 'append_to_stream' AND pronamespace = $1::regnamespace`, [schema])).rows;
    await old.end();
    expect({ tables, functions }).toEqual({ tables: 0, functions: 1 });
    expect((await upgraded.appendToStream(streamId, [anEvent()], { expectedRevision: 0 })).nextExpectedRevision).toBe(1);
    expect(idsOf(await collect(upgraded.readStream(streamId)))[0]).toBe(kept.id);
  });

  it('lets 20 concurrent appends with expected revision any all land, once each, at consecutive revisions', async () => {
    const store = await openStore({ poolSize: 20 });
    const streamId = `${uniquePrefix('race-any')}s`;
    const contenders = Array.from({ length: 20 }, () => someEvents(3));
    const results = await Promise.all(contenders.map((events) => store.appendToStream(streamId, events, { expectedRevision: 'any' })));
    expect(results.map((result) => result.nextExpectedRevision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i * 3 + 2));
    const stored = await collect(store.readStream(streamId));
    expect(stored.map((event) => event.revision)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Each append's events stay together, in order.
    const byEnd = new Map(results.map((result, i) => [result.nextExpectedRevision, contenders[i]]));
    for (const [end, events] of byEnd) expect(idsOf(stored.slice(end - 2, end + 1))).toEqual(idsOf(events));
  });

  it('recognises a retry racing its original append as the same append', async () => {
    const store = await openStore({ poolSize: 20 });
    const streamId = `${uniquePrefix('race-retry')}s`;
    const events = someEvents(2);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.appendToStream(streamId, events, { expectedRevision: 'no_stream' })));
    // One of them wrote the events (and may say where each went); every other one is answered as its retry.
    const same = ({ nextExpectedRevision, position }: (typeof results)[number]) => ({ nextExpectedRevision, position });
    for (const result of results) expect(same(result)).toEqual(same(results[0]));
    expect(results.filter((result) => result.written !== undefined).length).toBeLessThanOrEqual(1);
    expect(idsOf(await collect(store.readStream(streamId)))).toEqual(idsOf(events));
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

  it('wakes subscriptions in other processes for the last of many quick appends, not only the first', async () => {
    const [reader, writer] = await Promise.all([openStore({ pollIntervalMs: 60_000 }), openStore()]);
    const prefix = uniquePrefix('notify-burst');
    const probe = new SubscriptionProbe(reader, { fromPosition: 'end', filter: { streamNamePrefixes: [prefix] } });
    await probe.waitFor((p) => p.caughtUp);
    // Concurrent appends, so that most commit while the announcement of an earlier one is on its way.
    const events = someEvents(20);
    await Promise.all(events.map((event, i) => writer.appendToStream(`${prefix}s${i}`, [event], { expectedRevision: 'no_stream' })));
    await probe.waitFor((p) => p.events.length === events.length, 5_000);
    await probe.stop();
    expect(idsOf(probe.events).sort()).toEqual(idsOf(events).sort());
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
