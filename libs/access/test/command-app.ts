import { randomBytes } from 'node:crypto';
import { Global, Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, InMemoryEventStore, PGliteEventStore, type EventStore, type RecordedEvent } from '#libs/event-store';
import { SettableClock, type PartyId } from '#libs/shared-kernel';
import { ClockModule, type Principal } from '../src';

export const NOW = '2026-03-01T12:00:00.000Z';

/** The adapters the application specs run on: no server needed. */
export const ADAPTERS: ReadonlyArray<[string, () => Promise<EventStore>]> = [
  ['in-memory', async () => new InMemoryEventStore()],
  [
    'PGlite',
    async () => {
      const store = new PGliteEventStore('memory://');
      await store.open();
      return store;
    },
  ],
];

export interface CommandApp {
  readonly app: INestApplicationContext;
  readonly commandBus: CommandBus;
  readonly clock: SettableClock;
  close(): Promise<void>;
}

/** A Nest application context as an app composes one: CQRS, the store, a settable clock (at `now`), and the given modules. */
export const startCommandApp = async (store: EventStore, modules: readonly Type[], now: string = NOW): Promise<CommandApp> => {
  @Global()
  @Module({ providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] })
  class TestEventStoreModule {}

  const clock = new SettableClock(now);

  @Module({ imports: [CqrsModule.forRoot(), TestEventStoreModule, ClockModule.using(clock), ...modules] })
  class TestAppModule {}

  const app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
  return { app, commandBus: app.get(CommandBus), clock, close: () => app.close() };
};

/** What `useCommandApp` opened for a suite: valid from its `beforeAll` to its `afterAll`. */
export interface SuiteApp {
  readonly store: EventStore;
  readonly app: CommandApp;
}

/**
 * Opens a store and starts a command app on it before the suite's tests, and closes both after them:
 * the lifecycle every application spec needs. Read `store` and `app` inside tests and hooks only.
 */
export const useCommandApp = (openStore: () => Promise<EventStore>, modules: readonly Type[]): SuiteApp => {
  let opened: SuiteApp | null = null;
  beforeAll(async () => {
    const store = await openStore();
    opened = { store, app: await startCommandApp(store, modules) };
  });
  afterAll(async () => {
    await opened?.app.close();
    await opened?.store.close();
  });
  const current = (): SuiteApp => {
    if (opened === null) throw new Error('useCommandApp: the store and app exist only inside tests and hooks');
    return opened;
  };
  return {
    get store() {
      return current().store;
    },
    get app() {
      return current().app;
    },
  };
};

/** A party id no other test uses, so tests can share one store. */
export const aParty = (name: string): PartyId => `${name}_${randomBytes(4).toString('hex')}`;

export const asParty = (partyId: PartyId): Principal => ({ kind: 'party', credentialId: `cred_${partyId}`, partyId });
export const asPartner = (partnerId: string, parties: readonly PartyId[], eventTypes: readonly string[] | 'all' = 'all'): Principal => ({
  kind: 'partner',
  credentialId: `cred_${partnerId}`,
  partnerId,
  parties,
  eventTypes,
});
export const ADMIN: Principal = { kind: 'admin', credentialId: 'cred_admin', name: 'ops' };

export const readStream = async (store: EventStore, streamId: string): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

/** What the promise rejected with; fails the test when it resolved. */
export const refusalOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal, but the command succeeded');
};
