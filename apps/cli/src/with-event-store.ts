import {
  createEventStore,
  eventStoreConfigFromEnv,
  StoreUnavailableError,
  type EventStore,
  type EventStoreConfig,
} from '#libs/event-store';

/** The event store could not be opened; the message says why and what to do. */
export class EventStoreNotOpenedError extends Error {
  override readonly name = 'EventStoreNotOpenedError';
}

const hintFor = (config: EventStoreConfig): string =>
  config.adapter === 'pglite'
    ? 'The embedded store serves one process at a time: stop the running Rapport, run this command, then start Rapport again ' +
      '(or point PGLITE_DATA_DIR at another directory).'
    : 'Check that the server is up and the connection settings (EVENT_STORE, DATABASE_URL, EVENTSTORE_URL) are right.';

/** Opens the store the environment names, as the apps do, runs `work` on it and always closes it. */
export const withEventStore = async <T>(env: Readonly<Record<string, string | undefined>>, work: (store: EventStore) => Promise<T>): Promise<T> => {
  const config = eventStoreConfigFromEnv(env);
  let store: EventStore;
  try {
    store = await createEventStore(config);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    throw new EventStoreNotOpenedError(`cannot open the event store (${config.adapter}): ${error.message.replace(/^Event store unavailable: /, '')}\n${hintFor(config)}`);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
};
