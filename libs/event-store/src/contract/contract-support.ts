import { randomUUID } from 'node:crypto';
import type {
  EventData,
  EventStore,
  JsonObject,
  Position,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '../event-store.port';

/** The suite shares one store between its tests: each names its streams under a prefix of its own. */
export interface ContractContext {
  store(): EventStore;
  /** A second, independent store on the same backend, for lifecycle tests. */
  openAnother(): Promise<EventStore>;
}

export const uniquePrefix = (label: string): string => `contract-${label}-${randomUUID().slice(0, 8)}-`;

export const anEvent = (type = 'SomethingHappened', data: JsonObject = {}, metadata?: JsonObject): EventData => ({
  id: randomUUID(),
  type,
  data,
  metadata,
});

export const someEvents = (count: number, type = 'SomethingHappened'): EventData[] =>
  Array.from({ length: count }, (_, index) => anEvent(type, { index }));

export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

export const idsOf = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

/** Resolves with what the promise rejected with; fails the test if it resolved. */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
};

/** Consumes a subscription in the background so a test can append, wait for what arrives, and stop it. */
export class SubscriptionProbe {
  readonly messages: SubscriptionMessage[] = [];
  private readonly controller = new AbortController();
  private readonly finished: Promise<void>;
  private notify: () => void = () => undefined;

  constructor(store: EventStore, options: Omit<SubscribeToAllOptions, 'signal'>) {
    this.finished = (async () => {
      for await (const message of store.subscribeToAll({ ...options, signal: this.controller.signal })) {
        this.messages.push(message);
        this.notify();
      }
    })();
    this.finished.catch(() => this.notify());
  }

  get events(): RecordedEvent[] {
    return this.messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));
  }

  get checkpoints(): Position[] {
    return this.messages.flatMap((message) => (message.kind === 'checkpoint' ? [message.position] : []));
  }

  get caughtUp(): boolean {
    return this.messages.some((message) => message.kind === 'caught-up');
  }

  async waitFor(condition: (probe: this) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      if (Date.now() > deadline) throw new Error(`subscription did not get there in ${timeoutMs} ms (${this.messages.length} messages so far)`);
      const settled = await Promise.race([
        new Promise<false>((resolve) => {
          this.notify = () => resolve(false);
          setTimeout(() => resolve(false), 50);
        }),
        this.finished.then(() => true),
      ]);
      if (settled && !condition(this)) throw new Error('subscription ended before the condition was met');
    }
  }

  /** Aborts the subscription; resolves once its iteration has completed, and rethrows if it failed. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.finished;
  }
}
