export * from './event-store.port';
export * from './event-store.errors';
export * from './create-event-store';
export { InMemoryEventStore } from './adapters/in-memory/in-memory-event-store';
export { PGliteEventStore, type PGliteEventStoreOptions } from './adapters/pglite/pglite-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './adapters/postgres/postgres-event-store';
export type { PagedEventStoreOptions } from './adapters/shared/paged-event-store';
export * from './event-store.module';
