import { Module } from '@nestjs/common';
import { ApiModule } from './api.module';
import { IngestionModule } from '../../ingestion/src';
import { CredentialsModule } from './auth/credentials.module';

/** `npm start`: the API, and partner ingestion over gRPC in the same process (started by `startRapport`). */
@Module({
  imports: [ApiModule, CredentialsModule, IngestionModule],
})
export class AppModule {}
