import { InMemoryEventStore } from '#libs/event-store';
import { InMemoryReadStore, Projector, type InMemoryReadModelDump, rebuildProjection, rebuildProjections, type CommitBatch, type Lease, type Projection, type ReadStore } from '#libs/projector';
import { appendSpread, RecordingLogger, uniquePrefix, waitFor } from '../../test/projector-test-support';
import { streamCounterProjection } from '../../test/stream-counter.projection';

/** Fails the `failAt`-th commit, as a crash would end a rebuild part way. */
const failingOnCommit = (store: ReadStore, failAt: number): ReadStore => {
  let commits = 0;
  return new Proxy(store, {
    get: (target, name) =>
      name === 'commit'
        ? async (batch: CommitBatch, lease: Lease) => {
            commits += 1;
            if (commits === failAt) throw new Error('connection lost');
            return target.commit(batch, lease);
          }
        : Reflect.get(target, name, target),
  });
};

/** Where a writer stopped is not what it wrote: a live projector checkpoints past events no projection reads. */
const withoutCheckpoint = (dump: InMemoryReadModelDump) => ({ ...dump, checkpoint: null });

describe('rebuilding several projections', () => {
  let store: InMemoryEventStore;
  let projections: Projection[];
  const names = ['counter-a', 'counter-b', 'counter-all'];

  beforeEach(async () => {
    store = new InMemoryEventStore({ pollIntervalMs: 10 });
    const [a, b] = [uniquePrefix('a'), uniquePrefix('b')];
    projections = [
      streamCounterProjection(a, { name: 'counter-a' }),
      streamCounterProjection(b, { name: 'counter-b' }),
      { ...streamCounterProjection('', { name: 'counter-all' }), filter: { streamNamePrefixes: [a, b] } },
    ];
    await appendSpread(store, a, 900, 9, 7);
    await appendSpread(store, uniquePrefix('other'), 200, 3);
    await appendSpread(store, b, 700, 5, 3);
  });

  const dumps = (readStore: InMemoryReadStore) => names.map((name) => readStore.dump(name));

  it('reads the log once, each projection taking what its filter selects, and ends as rebuilding each on its own would', async () => {
    const subscribe = jest.spyOn(store, 'subscribeToAll');
    const together = new InMemoryReadStore();
    const results = await rebuildProjections({ store, readStore: together, projections });
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(results.map((r) => [r.projection, r.events, r.skipped])).toEqual([
      ['counter-a', 900, 0],
      ['counter-b', 700, 0],
      ['counter-all', 1600, 0],
    ]);

    const apart = new InMemoryReadStore();
    for (const projection of projections) await rebuildProjection({ store, readStore: apart, projection });
    expect(dumps(together)).toEqual(dumps(apart));
    expect(Object.keys(together.dump('counter-all').docs)).toHaveLength(14);
  });

  it('ends as a projector that followed the log live, batch by batch', async () => {
    const rebuilt = new InMemoryReadStore();
    await rebuildProjections({ store, readStore: rebuilt, projections });

    const live = new InMemoryReadStore();
    const fresh = new InMemoryEventStore({ pollIntervalMs: 5 });
    const projector = new Projector({ store: fresh, readStore: live, projections, logger: new RecordingLogger(), live: { maxEvents: 7 } }).start();
    try {
      await projector.waitUntilLive();
      for await (const event of store.readAll()) await fresh.appendToStream(event.streamId, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }]);
      await waitFor(async () => (await projector.lag()).map((lag) => lag.eventsProcessed).join() === '900,700,1600', 20_000, 'every event');
      expect(dumps(live).map(withoutCheckpoint)).toEqual(dumps(rebuilt).map(withoutCheckpoint));
    } finally {
      await projector.stop();
    }
  });

  it('keeps at most the documents it is given room for, writing the least recently used back, to the same end', async () => {
    const roomy = new InMemoryReadStore();
    await rebuildProjections({ store, readStore: roomy, projections });
    const tight = new InMemoryReadStore();
    await rebuildProjections({ store, readStore: tight, projections, batch: { maxEvents: 13 }, limits: { maxDocs: 3, flushSlice: 2, maxOperations: 5, maxInFlight: 2 } });

    expect(dumps(tight)).toEqual(dumps(roomy));
  });

  it.each([2, 9, 30])('leaves no checkpoint when it dies at write %i, so the next start rebuilds from scratch to the same end', async (failAt) => {
    const readStore = new InMemoryReadStore();
    const crashing = failingOnCommit(readStore, failAt);
    await expect(rebuildProjections({ store, readStore: crashing, projections, limits: { maxDocs: 4, maxOperations: 20 } })).rejects.toThrow('connection lost');
    const checkpoints = await Promise.all(names.map((name) => readStore.readCheckpoint(name)));
    expect(checkpoints.filter((checkpoint) => checkpoint !== null).length).toBeLessThan(names.length);

    const logger = new RecordingLogger();
    const projector = new Projector({ store, readStore, projections, logger }).start();
    try {
      await projector.waitUntilLive();
    } finally {
      await projector.stop();
    }
    const clean = new InMemoryReadStore();
    await rebuildProjections({ store, readStore: clean, projections });
    expect(dumps(readStore).map(withoutCheckpoint)).toEqual(dumps(clean).map(withoutCheckpoint));
    expect(logger.withMessage('rebuilding from the log').length).toBe(checkpoints.filter((checkpoint) => checkpoint === null).length);
  });
});
