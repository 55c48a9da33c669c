import { Module } from '@nestjs/common';
import { AccessModule } from '#libs/access';
import { RelationshipsModule } from '#libs/relationships';
import { CommandBusIngestionRecorder } from './ingestion/command-bus.recorder';
import { EventIngestion } from './ingestion/event-ingestion';
import { INGESTION_RECORDER, type IngestionRecorder } from './ingestion/ingestion-recorder.port';
import { IngestionServerHost } from './ingestion-server.host';

/**
 * Partner ingestion, to import into any Nest application: the relationship command handlers, credentials, and
 * the gRPC server host (started with `startIngestionServer`). Needs `EVENT_STORE`, `CLOCK` and
 * `CqrsModule.forRoot()` from the application, as `IngestionAppModule` provides them.
 */
@Module({
  imports: [AccessModule, RelationshipsModule],
  providers: [
    { provide: INGESTION_RECORDER, useClass: CommandBusIngestionRecorder },
    { provide: EventIngestion, inject: [INGESTION_RECORDER], useFactory: (recorder: IngestionRecorder) => new EventIngestion(recorder) },
    IngestionServerHost,
  ],
  exports: [EventIngestion, IngestionServerHost, AccessModule],
})
export class IngestionModule {}
