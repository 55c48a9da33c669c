import { Module } from '@nestjs/common';
import { StreamRecorder } from '#libs/access';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { RecordPartyFactHandler } from './record-party-fact/record-party-fact';

/**
 * The party command handlers. Needs `EVENT_STORE` and `CLOCK` (see `ClockModule`) from a global module,
 * and `CqrsModule.forRoot()` imported once by the app.
 */
@Module({
  providers: [
    { provide: StreamRecorder, inject: [EVENT_STORE], useFactory: (store: EventStore) => new StreamRecorder(store) },
    RecordPartyFactHandler,
  ],
})
export class PartiesModule {}
