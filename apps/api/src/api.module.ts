import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClockModule } from '#libs/access';
import { EventStoreModule } from '#libs/event-store';
import { PartiesModule } from '#libs/parties';
import { RelationshipsModule } from '#libs/relationships';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { HealthController } from './health/health.controller';
import { ReadModelsModule } from './read-models/read-models.module';

/**
 * The API without its credential store: /health and /graphql over the event store, the command handlers
 * (system clock) and the read models. Needs `CREDENTIAL_VERIFIER` and `CredentialService` from a global
 * module (`CredentialsModule` in the app; a test's own in tests).
 */
@Module({
  imports: [EventStoreModule, ClockModule, ReadModelsModule, CqrsModule.forRoot(), PartiesModule, RelationshipsModule, GraphqlApiModule],
  controllers: [HealthController],
})
export class ApiModule {}
