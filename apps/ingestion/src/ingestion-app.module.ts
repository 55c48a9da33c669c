import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClockModule } from '#libs/access';
import { EVENT_STORE, EventStoreModule, type EventStore } from '#libs/event-store';
import { IngestionModule } from './ingestion.module';

/** The ingestion process on its own: the event store the environment names, the system clock, command handlers, gRPC. */
@Module({
  imports: [EventStoreModule, ClockModule, CqrsModule.forRoot(), IngestionModule],
})
export class IngestionAppModule {}

/** An event store opened by the caller (the import, the bench), provided as `EVENT_STORE`; the caller closes it. */
@Global()
@Module({})
class GivenEventStoreModule {
  static of(store: EventStore): DynamicModule {
    return { module: GivenEventStoreModule, providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] };
  }
}

/** Ingestion on a store the caller already opened. */
export const ingestionModuleOn = (store: EventStore): DynamicModule => ({
  module: IngestionOnGivenStoreModule,
  imports: [GivenEventStoreModule.of(store), ClockModule, CqrsModule.forRoot(), IngestionModule],
});

@Module({})
class IngestionOnGivenStoreModule {}
