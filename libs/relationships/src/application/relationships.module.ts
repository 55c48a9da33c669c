import { Module } from '@nestjs/common';
import { StreamRecorder } from '#libs/access';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { RecordRelationshipFactHandler } from './record-facts/record-relationship-fact';
import { RecordRelationshipFactsHandler } from './record-facts/record-relationship-facts';

/**
 * The relationship command handlers. Needs `EVENT_STORE` and `CLOCK` (see `ClockModule`) from a global
 * module, and `CqrsModule.forRoot()` imported once by the app.
 */
@Module({
  providers: [
    { provide: StreamRecorder, inject: [EVENT_STORE], useFactory: (store: EventStore) => new StreamRecorder(store) },
    RecordRelationshipFactsHandler,
    RecordRelationshipFactHandler,
  ],
})
export class RelationshipsModule {}
