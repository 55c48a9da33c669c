import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '#libs/event-store';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { HealthController } from './health/health.controller';
import { ReadModelsModule } from './read-models/read-models.module';

/**
 * The API without its credential store: /health and /graphql over the event store and the read models.
 * Needs `CREDENTIAL_VERIFIER` from a global module (the access module in the app; a test's own in tests).
 */
@Module({
  imports: [EventStoreModule, ReadModelsModule, CqrsModule.forRoot(), GraphqlApiModule],
  controllers: [HealthController],
})
export class ApiModule {}
