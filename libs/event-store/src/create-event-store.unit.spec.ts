import { join } from 'node:path';
import { InMemoryEventStore } from './adapters/in-memory/in-memory-event-store';
import { createEventStore, EventStoreConfigError, eventStoreConfigFromEnv } from './create-event-store';

describe('eventStoreConfigFromEnv', () => {
  it('defaults to embedded PGlite in ./data/eventstore', () => {
    expect(eventStoreConfigFromEnv({})).toEqual({ adapter: 'pglite', dataDir: join('data', 'eventstore') });
  });

  it('puts the PGlite store under PGLITE_DATA_DIR, or in memory for memory://', () => {
    expect(eventStoreConfigFromEnv({ PGLITE_DATA_DIR: '/var/rapport' })).toEqual({ adapter: 'pglite', dataDir: '/var/rapport/eventstore' });
    expect(eventStoreConfigFromEnv({ PGLITE_DATA_DIR: 'memory://' })).toEqual({ adapter: 'pglite', dataDir: 'memory://' });
  });

  it('reads DATABASE_URL for postgres and EVENTSTORE_URL for eventstoredb', () => {
    expect(eventStoreConfigFromEnv({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u:p@db:5432/rapport' })).toEqual({
      adapter: 'postgres',
      databaseUrl: 'postgres://u:p@db:5432/rapport',
    });
    expect(eventStoreConfigFromEnv({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://es:2113?tls=false' })).toEqual({
      adapter: 'eventstoredb',
      eventStoreUrl: 'esdb://es:2113?tls=false',
    });
    expect(eventStoreConfigFromEnv({ EVENT_STORE: 'memory' })).toEqual({ adapter: 'memory' });
  });

  it.each([
    [{ EVENT_STORE: 'mongo' }, /EVENT_STORE must be one of pglite, postgres, eventstoredb, memory; got "mongo"/],
    [{ EVENT_STORE: 'postgres' }, /needs DATABASE_URL.*not set/],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://u:secret@db/x' }, /uses mysql:/],
    [{ EVENT_STORE: 'postgres', DATABASE_URL: 'not a url' }, /not a URL/],
    [{ EVENT_STORE: 'eventstoredb' }, /needs EVENTSTORE_URL/],
    [{ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://es:2113' }, /esdb:\/\//],
  ])('refuses %j with a message that says what to fix', (env, message) => {
    expect(() => eventStoreConfigFromEnv(env)).toThrow(EventStoreConfigError);
    expect(() => eventStoreConfigFromEnv(env)).toThrow(message);
  });

  it('never echoes a database URL, which may hold a password', () => {
    expect(() => eventStoreConfigFromEnv({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://u:secret@db/x' })).not.toThrow(/secret/);
  });
});

describe('createEventStore', () => {
  it('builds and opens the configured store', async () => {
    const store = await createEventStore({ adapter: 'memory', maxAppendSizeBytes: 10 });
    expect(store).toBeInstanceOf(InMemoryEventStore);
    await expect(store.appendToStream('s', [{ id: '6f1c1b1e-8d3a-4c55-9a47-0c7e1f2a9b10', type: 'T', data: { far: 'too large' } }])).rejects.toThrow(/over the limit of 10/);
    await store.close();
  });
});
