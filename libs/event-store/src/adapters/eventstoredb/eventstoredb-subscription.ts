import type { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../event-store.errors';
import {
  comparePositions,
  type AllFilter,
  type Position,
  type SubscribeToAllOptions,
  type SubscriptionMessage,
} from '../../event-store.port';
import { eventPosition, isTransient, selectEvent, toPortError, toServerFilter } from './eventstoredb-mapping';

export interface ResubscribePolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failed attempts (nothing received) before the subscription gives up with StoreUnavailableError. */
  readonly maxAttempts: number;
}

export const DEFAULT_RESUBSCRIBE_POLICY: ResubscribePolicy = { initialDelayMs: 100, maxDelayMs: 5000, maxAttempts: 20 };

export const resubscribeDelayMs = (policy: ResubscribePolicy, failures: number): number =>
  Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));

type RawMessage =
  | { readonly kind: 'event'; readonly resolved: AllStreamResolvedEvent }
  | { readonly kind: 'checkpoint'; readonly position: Position }
  | { readonly kind: 'caught-up' };

const HIGH_WATER = 512;
const LOW_WATER = 128;

/**
 * One server subscription, as an ordered stream of events, checkpoints and the caught-up signal.
 * The client reports checkpoints and caught-up out of band (callback, event) while events may still sit
 * in its readable buffer; each signal is therefore held back until the events pushed before it are out.
 */
const openServerSubscription = (
  client: EventStoreDBClient,
  fromPosition: Position | 'start' | 'end',
  filter: AllFilter | undefined,
  checkpointInterval: number,
  signal: AbortSignal | undefined,
) => {
  const ready: RawMessage[] = [];
  const heldBack: { message: RawMessage; eventsAhead: number }[] = [];
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const signalInOrder = (message: RawMessage) => {
    const eventsAhead = subscription.readableLength;
    if (eventsAhead === 0) ready.push(message);
    else heldBack.push({ message, eventsAhead });
    notify();
  };

  const serverFilter = toServerFilter(filter, checkpointInterval, (position) => signalInOrder({ kind: 'checkpoint', position }));
  const subscription = client.subscribeToAll({ fromPosition, filter: serverFilter });
  subscription
    .on('data', (resolved: AllStreamResolvedEvent) => {
      ready.push({ kind: 'event', resolved });
      for (const held of heldBack) held.eventsAhead -= 1;
      while (heldBack.length > 0 && heldBack[0].eventsAhead <= 0) ready.push(heldBack.shift()!.message);
      if (ready.length >= HIGH_WATER) subscription.pause();
      notify();
    })
    .on('caughtUp', () => signalInOrder({ kind: 'caught-up' }))
    .on('error', (error: unknown) => {
      failure ??= error;
      notify();
    })
    .on('end', () => {
      ended = true;
      notify();
    });
  signal?.addEventListener('abort', notify, { once: true });

  async function* messages(): AsyncGenerator<RawMessage> {
    for (;;) {
      if (signal?.aborted) return;
      const next = ready.shift();
      if (next) {
        if (ready.length < LOW_WATER && subscription.isPaused()) subscription.resume();
        yield next;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  const close = async () => {
    signal?.removeEventListener('abort', notify);
    subscription.removeAllListeners('data');
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  };

  return { messages, close };
};

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

const later = (a: Position | null, b: Position): Position => (a && comparePositions(a, b) >= 0 ? a : b);

export interface SubscriptionSource {
  readonly client: EventStoreDBClient;
  /** The position of the last record in $all, system records included, or null when it is empty. */
  readonly lastRecordPosition: () => Promise<Position | null>;
  readonly policy: ResubscribePolicy;
  /** Throws StoreUnavailableError once the store is closed, which ends the subscription with that error. */
  readonly assertOpen: () => void;
}

/**
 * A catch-up subscription to $all that survives dropped connections: it resubscribes from the furthest
 * position it has passed (event or checkpoint) with exponential, capped backoff, and never yields an event twice.
 */
export async function* subscribeToAllResilient(
  source: SubscriptionSource,
  options: SubscribeToAllOptions,
): AsyncGenerator<SubscriptionMessage> {
  const { signal, filter, checkpointInterval = 1000 } = options;
  const { client, policy } = source;
  let resumeFrom: Position | 'start' | 'end' | undefined = options.fromPosition === 'end' ? undefined : (options.fromPosition ?? 'start');
  let passed: Position | null = typeof resumeFrom === 'object' ? resumeFrom : null;
  let lastEvent: Position | null = null;
  let lastCheckpoint: Position | null = passed;
  let caughtUp = false;
  let failures = 0;
  let lastError: unknown;

  while (!signal?.aborted) {
    source.assertOpen();
    let server: ReturnType<typeof openServerSubscription> | undefined;
    try {
      // 'end' is pinned to a real position once, so a resubscription cannot skip what was appended meanwhile.
      if (resumeFrom === undefined) {
        passed = await source.lastRecordPosition();
        resumeFrom = passed ?? 'start';
      }
      server = openServerSubscription(client, resumeFrom, filter, checkpointInterval, signal);
      for await (const message of server.messages()) {
        failures = 0;
        if (message.kind === 'event') {
          const position = eventPosition(message.resolved);
          // Subscriptions start after their position; a server that repeats it must not cause a duplicate.
          if (passed && comparePositions(position, passed) <= 0) continue;
          passed = position;
          const event = selectEvent(message.resolved, filter);
          if (event) {
            lastEvent = event.position;
            yield { kind: 'event', event };
          }
        } else if (message.kind === 'checkpoint') {
          passed = later(passed, message.position);
          // Some server versions repeat a checkpoint once live; a consumer must never store one that goes back.
          if (lastCheckpoint && comparePositions(message.position, lastCheckpoint) <= 0) continue;
          if (lastEvent && comparePositions(message.position, lastEvent) < 0) continue;
          lastCheckpoint = message.position;
          yield { kind: 'checkpoint', position: message.position };
        } else if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position: passed };
        }
      }
      if (signal?.aborted) return;
      source.assertOpen();
      lastError = new Error('the server ended the subscription');
    } catch (error) {
      if (signal?.aborted) return;
      source.assertOpen();
      if (!isTransient(error)) throw toPortError(error);
      lastError = error;
    } finally {
      await server?.close();
    }
    failures += 1;
    if (failures > policy.maxAttempts) {
      throw new StoreUnavailableError(`subscription to $all dropped ${failures} times in a row`, lastError);
    }
    if (passed) resumeFrom = passed;
    await sleep(resubscribeDelayMs(policy, failures), signal);
  }
}
