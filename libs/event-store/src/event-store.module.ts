import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, eventStoreConfigFromEnv, type EventStoreConfig } from './create-event-store';
import type { EventStore } from './event-store.port';

/** Injection token for the configured `EventStore`. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVENT_STORE_CONFIG = Symbol('EVENT_STORE_CONFIG');

/** Opens the store chosen by `EVENT_STORE` (default: embedded PGlite under ./data) and closes it on shutdown. */
@Global()
@Module({
  providers: [
    { provide: EVENT_STORE_CONFIG, useFactory: () => eventStoreConfigFromEnv(process.env) },
    { provide: EVENT_STORE, inject: [EVENT_STORE_CONFIG], useFactory: (config: EventStoreConfig) => createEventStore(config) },
  ],
  exports: [EVENT_STORE, EVENT_STORE_CONFIG],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
