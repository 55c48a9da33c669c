import { InMemoryEventStore } from '#libs/event-store';
import { InMemoryReadStore, Projector, type ReadStore } from '#libs/projector';
import { appendSpread, countsIn, RecordingLogger, uniquePrefix, waitFor } from '../../test/projector-test-support';
import { streamCounterProjection } from '../../test/stream-counter.projection';

/** A process that stalled (a long GC pause, a frozen VM): it believes its renewals succeed, but they never reach the store. */
const stalledRenewals = (store: ReadStore): ReadStore =>
  new Proxy(store, { get: (target, name) => (name === 'renewLease' ? async () => true : Reflect.get(target, name, target)) });

describe('Projector lease', () => {
  let store: InMemoryEventStore;
  let readStore: InMemoryReadStore;
  let prefix: string;
  /** How far the read store's clock runs ahead of the real one: a test expires a lease by moving it on. */
  let skewMs: number;
  const running: Projector[] = [];
  const start = (owner: string, reads: ReadStore, leaseTtlMs: number, logger = new RecordingLogger()) => {
    const projector = new Projector({ store, readStore: reads, projections: [streamCounterProjection(prefix)], owner, logger, leaseTtlMs, standbyPollMs: 20 });
    running.push(projector.start());
    return projector;
  };
  const stateOf = async (projector: Projector) => (await projector.lag())[0].state;

  beforeEach(() => {
    store = new InMemoryEventStore({ pollIntervalMs: 10 });
    skewMs = 0;
    readStore = new InMemoryReadStore({ now: () => Date.now() + skewMs });
    prefix = uniquePrefix('lease');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((projector) => projector.stop()));
  });

  it('keeps a second instance on stand-by while the first one holds the lease', async () => {
    const active = start('a', readStore, 10_000);
    await active.waitUntilLive();
    const standby = start('b', readStore, 10_000);
    await waitFor(async () => (await stateOf(standby)) === 'standby');
    const counts = await appendSpread(store, prefix, 200, 4);
    await waitFor(async () => (await active.lag())[0].eventsProcessed === 200);
    expect((await standby.lag())[0]).toMatchObject({ state: 'standby', eventsProcessed: 0, caughtUp: true });
    expect(await countsIn(readStore, 'stream-counter', counts.keys())).toEqual(counts);
  });

  it('hands over at once when the active instance stops', async () => {
    const first = start('a', readStore, 60_000);
    await first.waitUntilLive();
    const second = start('b', readStore, 60_000);
    const early = await appendSpread(store, prefix, 100, 4);
    await waitFor(async () => (await first.lag())[0].eventsProcessed === 100);
    const stoppedAt = Date.now();
    await first.stop();
    await waitFor(async () => (await stateOf(second)) !== 'standby', 20_000, 'the stand-by to take over');
    // Well under the 60 s lease: the stand-by did not wait for it to expire.
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    const late = await appendSpread(store, prefix, 100, 4);
    await waitFor(async () => (await second.lag())[0].eventsProcessed === 100);
    const expected = new Map([...early].map(([stream, n]) => [stream, n + late.get(stream)!]));
    expect(await countsIn(readStore, 'stream-counter', expected.keys())).toEqual(expected);
  });

  it('lets a stand-by take an expired lease and refuses the stalled holder its next batch', async () => {
    const stalledLog = new RecordingLogger();
    const stalled = start('stalled', stalledRenewals(readStore), 10_000, stalledLog);
    const early = await appendSpread(store, prefix, 100, 4);
    await waitFor(async () => (await stalled.lag())[0].eventsProcessed === 100);
    // The stalled holder's renewals never arrived: past its lease, as the store sees it (not by a real wait, which a slow test could overrun).
    skewMs = 20_000;
    const successor = start('successor', readStore, 10_000);
    await waitFor(async () => (await stateOf(successor)) === 'live', 5_000, 'the successor to take over');

    const late = await appendSpread(store, prefix, 100, 4);
    await waitFor(async () => (await stateOf(stalled)) === 'standby', 5_000, 'the stalled instance to stand by');
    await waitFor(async () => (await successor.lag())[0].caughtUp);
    expect(stalledLog.withMessage('lease lost: standing by')).toHaveLength(1);
    const expected = new Map([...early].map(([stream, n]) => [stream, n + late.get(stream)!]));
    expect(await countsIn(readStore, 'stream-counter', expected.keys())).toEqual(expected);
    expect((await readStore.readList('stream-counter', `${prefix}0`, { limit: 100 })).entries).toHaveLength(expected.get(`${prefix}0`)!);
  });
});
