import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { CLOCK, type Clock } from '#libs/shared-kernel';
import { EventStoreCredentialVerifier } from './application/credentials/credential-verifier';
import { CredentialService } from './application/credentials/credential.service';
import { CREDENTIAL_VERIFIER } from './principal';

/** Credentials on the event store: `CREDENTIAL_VERIFIER` for transports, `CredentialService` for operators. Needs `EVENT_STORE` and `CLOCK`. */
@Module({
  providers: [
    { provide: CredentialService, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new CredentialService(store, clock) },
    { provide: CREDENTIAL_VERIFIER, inject: [EVENT_STORE], useFactory: (store: EventStore) => new EventStoreCredentialVerifier(store) },
  ],
  exports: [CredentialService, CREDENTIAL_VERIFIER],
})
export class AccessModule {}
