import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { ClockModule, type Principal } from '#libs/access';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { PartiesModule } from '#libs/parties';
import { RelationshipsModule } from '#libs/relationships';
import { SettableClock } from '#libs/shared-kernel';

export interface CommandApp {
  readonly app: INestApplicationContext;
  readonly commandBus: CommandBus;
  readonly clock: SettableClock;
  close(): Promise<void>;
}

/** The write side as an app composes it: CQRS, the store, a settable clock, the party and relationship handlers. */
export const startCommandApp = async (store: EventStore, now: string): Promise<CommandApp> => {
  @Global()
  @Module({ providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] })
  class TestEventStoreModule {}

  const clock = new SettableClock(now);

  @Module({ imports: [CqrsModule.forRoot(), TestEventStoreModule, ClockModule.using(clock), PartiesModule, RelationshipsModule] })
  class TestCommandModule {}

  const app = await NestFactory.createApplicationContext(TestCommandModule, { logger: false });
  return { app, commandBus: app.get(CommandBus), clock, close: () => app.close() };
};

export const asParty = (partyId: string): Principal => ({ kind: 'party', credentialId: `cred_${partyId}`, partyId });
export const asPartner = (partnerId: string, parties: readonly string[]): Principal => ({ kind: 'partner', credentialId: `cred_${partnerId}`, partnerId, parties, eventTypes: 'all' });
