import { join } from 'node:path';
import { EventStoreDbEventStore } from './adapters/eventstoredb/eventstoredb-event-store';
import { InMemoryEventStore } from './adapters/in-memory/in-memory-event-store';
import { PGliteEventStore } from './adapters/pglite/pglite-event-store';
import { PostgresEventStore } from './adapters/postgres/postgres-event-store';
import { PagedEventStore } from './adapters/shared/paged-event-store';
import type { EventStore } from './event-store.port';

export const EVENT_STORE_ADAPTERS = ['pglite', 'postgres', 'eventstoredb', 'memory'] as const;
export type EventStoreAdapter = (typeof EVENT_STORE_ADAPTERS)[number];

interface CommonConfig {
  readonly maxAppendSizeBytes?: number;
}

export type EventStoreConfig =
  | (CommonConfig & { readonly adapter: 'pglite'; readonly dataDir: string })
  | (CommonConfig & { readonly adapter: 'postgres'; readonly databaseUrl: string })
  | (CommonConfig & { readonly adapter: 'eventstoredb'; readonly eventStoreUrl: string })
  | (CommonConfig & { readonly adapter: 'memory' });

/** The environment names a store that cannot be built; the message says which variable and why. */
export class EventStoreConfigError extends Error {
  override readonly name = 'EventStoreConfigError';
}

const ESDB_URL = /^(esdb|kurrentdb|kurrent)(\+discover)?:\/\/\S+$/;

/**
 * Reads EVENT_STORE (pglite | postgres | eventstoredb | memory; default pglite) and the variable its
 * choice needs: DATABASE_URL, PGLITE_DATA_DIR (default ./data, the store in its `eventstore` folder;
 * `memory://` for a throwaway one) or EVENTSTORE_URL. Values that may hold passwords are never echoed.
 */
export const eventStoreConfigFromEnv = (env: Readonly<Record<string, string | undefined>>): EventStoreConfig => {
  const adapter = (env.EVENT_STORE?.trim() || 'pglite') as EventStoreAdapter;
  if (!EVENT_STORE_ADAPTERS.includes(adapter)) {
    throw new EventStoreConfigError(`EVENT_STORE must be one of ${EVENT_STORE_ADAPTERS.join(', ')}; got ${JSON.stringify(env.EVENT_STORE)}`);
  }
  switch (adapter) {
    case 'pglite': {
      const dir = env.PGLITE_DATA_DIR?.trim() || './data';
      return { adapter, dataDir: dir.startsWith('memory://') ? dir : join(dir, 'eventstore') };
    }
    case 'postgres':
      return { adapter, databaseUrl: postgresUrl(env.DATABASE_URL) };
    case 'eventstoredb': {
      const url = env.EVENTSTORE_URL?.trim();
      if (!url || !ESDB_URL.test(url)) {
        throw new EventStoreConfigError('EVENT_STORE=eventstoredb needs EVENTSTORE_URL, an esdb:// (or esdb+discover://) connection string');
      }
      return { adapter, eventStoreUrl: url };
    }
    case 'memory':
      return { adapter };
  }
};

const postgresUrl = (value: string | undefined): string => {
  const url = value?.trim();
  const problem = 'EVENT_STORE=postgres needs DATABASE_URL, a postgres:// or postgresql:// URL';
  if (!url) throw new EventStoreConfigError(`${problem}; it is not set`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EventStoreConfigError(`${problem}; the value set is not a URL`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new EventStoreConfigError(`${problem}; the value set uses ${parsed.protocol}`);
  }
  return url;
};

/** Builds the configured store and, where the adapter can, opens it now so a bad setup fails at startup. */
export const createEventStore = async (config: EventStoreConfig): Promise<EventStore> => {
  const store = instantiate(config);
  if (store instanceof PagedEventStore) await store.open();
  return store;
};

const instantiate = (config: EventStoreConfig): EventStore => {
  const options = { maxAppendSizeBytes: config.maxAppendSizeBytes };
  switch (config.adapter) {
    case 'pglite':
      return new PGliteEventStore(config.dataDir, options);
    case 'postgres':
      return new PostgresEventStore(config.databaseUrl, options);
    case 'eventstoredb':
      return new EventStoreDbEventStore(config.eventStoreUrl, options);
    case 'memory':
      return new InMemoryEventStore(options);
  }
};
