import { InMemoryEventStore } from '#libs/event-store';
import { InMemoryReadStore, Projector, rebuildProjection, type CommitInfo, type ProjectorOptions } from '#libs/projector';
import { anEvent, appendSpread, countsIn, RecordingLogger, uniquePrefix, waitFor } from '../../test/projector-test-support';
import { streamCounterProjection, type StreamCount } from '../../test/stream-counter.projection';

describe('Projector', () => {
  let store: InMemoryEventStore;
  let readStore: InMemoryReadStore;
  let prefix: string;
  let logger: RecordingLogger;
  const running: Projector[] = [];
  const start = (options: Partial<ProjectorOptions> = {}) => {
    const projector = new Projector({ store, readStore, projections: [streamCounterProjection(prefix)], logger, ...options }).start();
    running.push(projector);
    return projector;
  };

  beforeEach(() => {
    store = new InMemoryEventStore({ pollIntervalMs: 10 });
    readStore = new InMemoryReadStore();
    prefix = uniquePrefix('unit');
    logger = new RecordingLogger();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((projector) => projector.stop()));
  });

  it('applies every event once, in bounded batches, and ends equal to a rebuild of the same log', async () => {
    const early = await appendSpread(store, prefix, 1200, 7);
    const commits: CommitInfo[] = [];
    const projector = start({ catchUp: { maxEvents: 100 }, live: { maxEvents: 50 }, onCommit: (info) => commits.push(info) });
    await projector.waitUntilLive();
    const late = await appendSpread(store, prefix, 300, 7, 3);
    await waitFor(async () => (await projector.lag())[0].caughtUp && (await projector.lag())[0].eventsProcessed === 1500);

    const expected = new Map([...early].map(([stream, n]) => [stream, n + (late.get(stream) ?? 0)]));
    expect(await countsIn(readStore, 'stream-counter', expected.keys())).toEqual(expected);
    expect(Math.max(...commits.map((c) => c.events))).toBeLessThanOrEqual(100);
    expect(commits.filter((c) => c.events > 0).length).toBeGreaterThanOrEqual(12);

    const rebuilt = new InMemoryReadStore();
    await rebuildProjection({ store, readStore: rebuilt, projection: streamCounterProjection(prefix) });
    const [stream] = expected.keys();
    for (const reader of [readStore, rebuilt]) expect(await reader.rangeIndex('stream-counter', 'by-count', { order: 'desc' })).toEqual(await rebuilt.rangeIndex('stream-counter', 'by-count', { order: 'desc' }));
    expect(await readStore.readList('stream-counter', stream, { limit: 1000 })).toEqual(await rebuilt.readList('stream-counter', stream, { limit: 1000 }));
  });

  it("replaces a document's index entries when it changes and removes them when it is deleted", async () => {
    const projector = start();
    await store.appendToStream(`${prefix}a`, [anEvent('Opened'), anEvent('Opened')]);
    await store.appendToStream(`${prefix}b`, [anEvent('Opened')]);
    await projector.waitUntilLive();
    await waitFor(async () => (await readStore.indexSize('stream-counter', 'by-count')) === 2);
    await store.appendToStream(`${prefix}a`, [anEvent('Moved')]);
    await waitFor(async () => (await readStore.getDoc<StreamCount>('stream-counter', `${prefix}a`))?.count === 3);
    expect(await readStore.rangeIndex('stream-counter', 'by-count', { order: 'desc' })).toEqual([{ member: `${prefix}a`, score: 3 }, { member: `${prefix}b`, score: 1 }]);
    expect(await readStore.rangeIndex('stream-counter', 'last-type:Opened')).toEqual([{ member: `${prefix}b`, score: 0 }]);
    expect(await readStore.rangeIndex('stream-counter', 'last-type:Moved')).toEqual([{ member: `${prefix}a`, score: 2 }]);

    await store.appendToStream(`${prefix}a`, [anEvent('StreamClosed')]);
    await waitFor(async () => (await readStore.getDoc('stream-counter', `${prefix}a`)) === null);
    expect(await readStore.rangeIndex('stream-counter', 'by-count')).toEqual([{ member: `${prefix}b`, score: 1 }]);
    expect(await readStore.indexSize('stream-counter', 'last-type:Moved')).toBe(0);
    expect((await readStore.readList('stream-counter', `${prefix}a`)).entries).toHaveLength(4);
  });

  it('skips and logs an event the projection throws on, and goes on with the next ones', async () => {
    const poison = anEvent('Poison');
    await store.appendToStream(`${prefix}a`, [anEvent(), poison, anEvent()]);
    const projector = start();
    await projector.waitUntilLive();
    expect(await readStore.getDoc<StreamCount>('stream-counter', `${prefix}a`)).toMatchObject({ count: 2, lastRevision: 2 });
    expect((await readStore.readList('stream-counter', `${prefix}a`)).entries.map((e) => e.entry.revision)).toEqual([2, 0]);
    const [skipped] = logger.withMessage('event skipped');
    expect(skipped).toMatchObject({ level: 'warn', fields: { projection: 'stream-counter', eventId: poison.id, type: 'Poison', revision: 1 } });
    expect((await projector.lag())[0]).toMatchObject({ eventsSkipped: 1, eventsProcessed: 3, lastError: null, caughtUp: true, secondsBehind: 0 });
  });

  it('rebuilds by itself when the projection version changes', async () => {
    await appendSpread(store, prefix, 30, 3);
    const first = start();
    await first.waitUntilLive();
    await first.stop();
    const second = start({ projections: [streamCounterProjection(prefix, { version: 2 })] });
    await second.waitUntilLive();
    expect(logger.withMessage('rebuilding from the log').map((line) => line.fields.reason)).toEqual(['no checkpoint', 'checkpoint written by version 1']);
    expect(await readStore.readCheckpoint('stream-counter')).toMatchObject({ version: 2 });
    expect(await countsIn(readStore, 'stream-counter', [`${prefix}0`, `${prefix}1`, `${prefix}2`])).toEqual(new Map([[`${prefix}0`, 10], [`${prefix}1`, 10], [`${prefix}2`, 10]]));
  });

  it('reports how far behind the head it is while it catches up', async () => {
    await appendSpread(store, prefix, 40, 2);
    const standby = new Projector({ store, readStore, projections: [streamCounterProjection(prefix)], logger, owner: 'other' });
    await readStore.seizeLease('stream-counter', 'elsewhere', 60_000);
    standby.start();
    running.push(standby);
    await waitFor(async () => (await standby.lag())[0].state === 'standby');
    expect((await standby.lag())[0]).toMatchObject({ position: null, caughtUp: false, secondsBehind: null });
  });
});
