import type { EventStore, RecordedEvent, SubscribeToAllOptions, SubscriptionMessage } from '#libs/event-store';
import type { InMemoryReadStore } from '#libs/projector';
import type { ReadModelSnapshot } from './in-memory-runner';

/**
 * Just enough of an event store for a rebuild: a subscription that yields the given events as recorded
 * (their `recordedAt` included, which the ratings are computed as of), then catches up and waits.
 */
export const recordedLogStore = (events: readonly RecordedEvent[]): EventStore => {
  const subscribeToAll = async function* (options: SubscribeToAllOptions = {}): AsyncIterable<SubscriptionMessage> {
    for (const event of events) yield { kind: 'event', event: { ...event } };
    yield { kind: 'caught-up', position: events.at(-1)?.position ?? null };
    await new Promise<void>((resolve) => (options.signal?.aborted ? resolve() : options.signal?.addEventListener('abort', () => resolve())));
  };
  return new Proxy({ subscribeToAll } as unknown as EventStore, {
    get: (target, name) => {
      if (name === 'subscribeToAll') return subscribeToAll;
      if (name === 'then') return undefined;
      throw new Error(`recordedLogStore has no ${String(name)}`);
    },
  });
};

/** What rebuilt read models hold, in the InMemoryRunner's snapshot form, to compare the two. */
export const snapshotOf = (readStore: InMemoryReadStore, projections: readonly string[]): ReadModelSnapshot => {
  const snapshot: { docs: ReadModelSnapshot['docs']; indexes: Record<string, Record<string, number>>; lists: Record<string, ReadModelSnapshot['lists'][string]> } = { docs: {}, indexes: {}, lists: {} };
  for (const projection of projections) {
    const dump = readStore.dump(projection);
    for (const [key, doc] of Object.entries(dump.docs)) snapshot.docs[`${projection}:${key}`] = doc;
    for (const [name, members] of Object.entries(dump.indexes)) snapshot.indexes[name] = Object.fromEntries(members.map(({ member, score }) => [member, score]));
    for (const [name, entries] of Object.entries(dump.lists)) snapshot.lists[name] = Object.fromEntries(entries.map(({ id, score, entry }) => [id, { score, entry }]));
  }
  return snapshot;
};
