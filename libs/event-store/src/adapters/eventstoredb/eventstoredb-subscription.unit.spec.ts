import { Transform } from 'node:stream';
import { UnavailableError, type EventStoreDBClient, type Filter, type Position } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../event-store.errors';
import type { SubscribeToAllOptions, SubscriptionMessage } from '../../event-store.port';
import { subscribeToAllResilient, type ResubscribePolicy } from './eventstoredb-subscription';

/**
 * A stand-in for the client's Subscription: a Transform fed server responses, which awaits the checkpoint
 * callback and emits `caughtUp` out of band exactly as @eventstore/db-client 6.x does, so buffering and
 * ordering behave as they would against a server.
 */
type Response = { event: { streamId: string; type: string; at: number } } | { checkpoint: number } | { caughtUp: true };

class FakeSubscription extends Transform {
  constructor(private readonly serverFilter: Filter) {
    super({ objectMode: true, highWaterMark: 4 });
  }

  override async _transform(response: Response, _encoding: BufferEncoding, next: (error?: Error | null, data?: unknown) => void) {
    if ('checkpoint' in response) await this.serverFilter.checkpointReached?.(this as never, pos(response.checkpoint));
    if ('caughtUp' in response) this.emit('caughtUp');
    if (!('event' in response)) return next();
    const { streamId, type, at } = response.event;
    const id = `00000000-0000-4000-8000-${String(at).padStart(12, '0')}`;
    next(null, { event: { streamId, type, id, revision: 0n, created: new Date(0), data: { at }, metadata: undefined, isJson: true, position: pos(at) } });
  }

  async unsubscribe() {
    this.end();
  }
}

const pos = (at: number): Position => ({ commit: BigInt(at), prepare: BigInt(at) });
const event = (at: number, streamId = 'party-1', type = 'PartyRegistered'): Response => ({ event: { streamId, type, at } });

type Script = (subscription: FakeSubscription, fromPosition: Position | 'start' | 'end') => void;

const fakeClient = (...scripts: Script[]) => {
  const starts: (Position | 'start' | 'end')[] = [];
  const client = {
    subscribeToAll: ({ fromPosition, filter }: { fromPosition: Position | 'start' | 'end'; filter: Filter }) => {
      const subscription = new FakeSubscription(filter);
      const script = scripts[starts.length] ?? (() => {});
      starts.push(fromPosition);
      setImmediate(() => script(subscription, fromPosition));
      return subscription;
    },
  };
  return { client: client as unknown as EventStoreDBClient, starts };
};

const fastRetry: ResubscribePolicy = { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 };

const subscribe = (client: EventStoreDBClient, options: SubscribeToAllOptions, lastRecord: Position | null = null) =>
  subscribeToAllResilient({ client, policy: fastRetry, lastRecordPosition: async () => lastRecord, assertOpen: () => {} }, options);

const describeMessage = (m: SubscriptionMessage) =>
  m.kind === 'event' ? `event@${m.event.position.commit}` : m.kind === 'checkpoint' ? `checkpoint@${m.position.commit}` : `caught-up@${m.position?.commit ?? null}`;

const take = async (messages: AsyncIterable<SubscriptionMessage>, count: number, slow = false) => {
  const seen: string[] = [];
  for await (const message of messages) {
    seen.push(describeMessage(message));
    if (slow) await new Promise((resolve) => setImmediate(resolve));
    if (seen.length === count) break;
  }
  return seen;
};

describe('EventStoreDB subscription to $all', () => {
  it('keeps checkpoints and the caught-up signal in server order behind buffered events', async () => {
    const { client } = fakeClient((sub) => {
      for (let at = 1; at <= 3000; at += 1) {
        sub.write(event(at));
        if (at % 32 === 0) sub.write({ checkpoint: at });
      }
      sub.write({ caughtUp: true });
    });
    const seen = await take(subscribe(client, {}), 3000 + 93 + 1, true);
    const expected: string[] = [];
    for (let at = 1; at <= 3000; at += 1) {
      expected.push(`event@${at}`);
      if (at % 32 === 0) expected.push(`checkpoint@${at}`);
    }
    expect(seen).toEqual([...expected, 'caught-up@3000']);
  });

  it('hides system events and applies the port filter on the client', async () => {
    const { client } = fakeClient((sub) => {
      sub.write(event(1, '$stats-node', 'Stats'));
      sub.write(event(2, 'party-1', '$metadata'));
      sub.write(event(3, 'relationship-1-2', 'InvoicePaid'));
      sub.write(event(4, 'party-1', 'InvoicePaid'));
      sub.write(event(5, 'party-1', 'PartyRegistered'));
      sub.write({ caughtUp: true });
    });
    const messages = subscribe(client, { filter: { streamNamePrefixes: ['party-'], eventTypes: ['InvoicePaid'] } });
    expect(await take(messages, 2)).toEqual(['event@4', 'caught-up@5']);
  });

  it('drops checkpoints that would move a stored checkpoint backwards or repeat it', async () => {
    const { client } = fakeClient((sub) => {
      sub.write(event(10));
      sub.write({ checkpoint: 8 });
      sub.write({ checkpoint: 12 });
      sub.write({ checkpoint: 12 });
      sub.write(event(14));
    });
    expect(await take(subscribe(client, {}), 3)).toEqual(['event@10', 'checkpoint@12', 'event@14']);
  });

  it('resubscribes from the furthest position passed after a drop, without duplicates', async () => {
    const { client, starts } = fakeClient(
      (sub) => {
        [1, 2, 3].forEach((at) => sub.write(event(at)));
        sub.write({ checkpoint: 5 });
        setImmediate(() => sub.destroy(new UnavailableError()));
      },
      (sub) => {
        // A server that replays the resume position must not produce a duplicate.
        [5, 6, 7].forEach((at) => sub.write(event(at)));
        sub.write({ caughtUp: true });
      },
    );
    const seen = await take(subscribe(client, { fromPosition: pos(0) }), 7);
    expect(seen).toEqual(['event@1', 'event@2', 'event@3', 'checkpoint@5', 'event@6', 'event@7', 'caught-up@7']);
    expect(starts).toEqual([pos(0), pos(5)]);
  });

  it('resubscribes when the server ends the subscription without an error', async () => {
    const { client, starts } = fakeClient(
      (sub) => {
        sub.write(event(1));
        sub.end();
      },
      (sub) => sub.write(event(2)),
    );
    expect(await take(subscribe(client, {}), 2)).toEqual(['event@1', 'event@2']);
    expect(starts).toEqual(['start', pos(1)]);
  });

  it('gives up with StoreUnavailableError after the configured number of consecutive drops', async () => {
    const drop: Script = (sub) => sub.destroy(new UnavailableError());
    const { client, starts } = fakeClient(drop, drop, drop, drop, drop);
    await expect(take(subscribe(client, {}), 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(starts).toHaveLength(fastRetry.maxAttempts + 1);
  });

  it('fails at once on an error that retrying cannot fix', async () => {
    const { client, starts } = fakeClient((sub) => sub.destroy(new TypeError('bad filter')));
    await expect(take(subscribe(client, {}), 1)).rejects.toThrow('bad filter');
    expect(starts).toHaveLength(1);
  });

  it('pins a subscription from the end to the last record, so a resubscription cannot skip anything', async () => {
    const { client, starts } = fakeClient(
      (sub) => sub.destroy(new UnavailableError()),
      (sub) => sub.write(event(43)),
    );
    expect(await take(subscribe(client, { fromPosition: 'end' }, pos(42)), 1)).toEqual(['event@43']);
    expect(starts).toEqual([pos(42), pos(42)]);
  });

  it('fails with StoreUnavailableError, instead of resubscribing, once the store is closed', async () => {
    let closed = false;
    const { client, starts } = fakeClient((sub) => {
      closed = true;
      sub.end();
    });
    const assertOpen = () => {
      if (closed) throw new StoreUnavailableError('the event store is closed');
    };
    const messages = subscribeToAllResilient({ client, policy: fastRetry, lastRecordPosition: async () => null, assertOpen }, {});
    await expect(take(messages, 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(starts).toHaveLength(1);
  });

  it('ends cleanly when aborted while following live', async () => {
    const controller = new AbortController();
    const { client } = fakeClient((sub) => {
      sub.write(event(1));
      sub.write({ caughtUp: true });
    });
    const seen: string[] = [];
    for await (const message of subscribe(client, { signal: controller.signal })) {
      seen.push(describeMessage(message));
      if (message.kind === 'caught-up') setTimeout(() => controller.abort(), 5);
    }
    expect(seen).toEqual(['event@1', 'caught-up@1']);
  });

  it('ends cleanly when aborted while waiting to resubscribe', async () => {
    const controller = new AbortController();
    const { client } = fakeClient((sub) => {
      controller.abort();
      sub.destroy(new UnavailableError());
    });
    const slowRetry = { initialDelayMs: 60_000, maxDelayMs: 60_000, maxAttempts: 5 };
    const messages = subscribeToAllResilient({ client, policy: slowRetry, lastRecordPosition: async () => null, assertOpen: () => {} }, { signal: controller.signal });
    await expect(take(messages, 1)).resolves.toEqual([]);
  });
});
