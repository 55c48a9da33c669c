import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { AccessModule, ClockModule } from '#libs/access';
import { EVENT_STORE, EventStoreModule, type EventStore } from '#libs/event-store';
import { PartiesModule } from '#libs/parties';
import { RelationshipsModule } from '#libs/relationships';
import { SettableClock } from '#libs/shared-kernel';

export interface EvalCommandApp {
  readonly commandBus: CommandBus;
  /** Set to each command's `now` before it is sent: the replay records history at its own dates. */
  readonly clock: SettableClock;
  readonly store: EventStore;
  close(): Promise<void>;
}

/**
 * The write side as the apps compose it — the event store module (here on an in-memory store), a clock,
 * the party and relationship command handlers, access — in a Nest application context of its own.
 */
export const startCommandContext = async (): Promise<EvalCommandApp> => {
  process.env.EVENT_STORE = 'memory';
  const clock = new SettableClock('1970-01-01T00:00:00Z');

  @Module({ imports: [CqrsModule.forRoot(), EventStoreModule, ClockModule.using(clock), AccessModule, PartiesModule, RelationshipsModule] })
  class EvalCommandModule {}

  const app: INestApplicationContext = await NestFactory.createApplicationContext(EvalCommandModule, { logger: false });
  return { commandBus: app.get(CommandBus), clock, store: app.get<EventStore>(EVENT_STORE), close: () => app.close() };
};
