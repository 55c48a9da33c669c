import { Global, Module } from '@nestjs/common';
import { CREDENTIAL_VERIFIER, CredentialService, EventStoreCredentialVerifier } from '#libs/access';
import { EVENT_STORE, EVENT_STORE_CONFIG, type EventStore, type EventStoreConfig } from '#libs/event-store';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { CachedCredentialService, CredentialCache } from './credential-cache';

/** Stores that only this process writes: every revocation then goes through it. */
const EXCLUSIVE_STORES: readonly string[] = ['pglite', 'memory'];

const CACHE = Symbol('CREDENTIAL_CACHE');

/**
 * Credentials on the event store, for the whole app: `CREDENTIAL_VERIFIER` and `CredentialService` (the
 * admin mutations), as `AccessModule` wires them. On an embedded store, verified credentials are kept in
 * a cache every revocation clears (see `CredentialCache`); on a shared store (PostgreSQL, EventStoreDB),
 * where the CLI or another instance may revoke, each request reads its credential's stream.
 */
@Global()
@Module({
  providers: [
    {
      provide: CACHE,
      inject: [EVENT_STORE, EVENT_STORE_CONFIG],
      useFactory: (store: EventStore, config: EventStoreConfig) =>
        EXCLUSIVE_STORES.includes(config.adapter) ? new CredentialCache(new EventStoreCredentialVerifier(store)) : null,
    },
    {
      provide: CREDENTIAL_VERIFIER,
      inject: [CACHE, EVENT_STORE],
      useFactory: (cache: CredentialCache | null, store: EventStore) => cache ?? new EventStoreCredentialVerifier(store),
    },
    {
      provide: CredentialService,
      inject: [CACHE, EVENT_STORE, CLOCK],
      useFactory: (cache: CredentialCache | null, store: EventStore, clock: Clock) =>
        cache ? new CachedCredentialService(store, clock, cache) : new CredentialService(store, clock),
    },
  ],
  exports: [CREDENTIAL_VERIFIER, CredentialService],
})
export class CredentialsModule {}
