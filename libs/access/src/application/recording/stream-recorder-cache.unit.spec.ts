import { serializePosition, StoreUnavailableError, type InMemoryEventStore } from '#libs/event-store';
import type { Recorded } from '#libs/shared-kernel';
import { IdempotencyKeyReusedError } from './idempotency';
import { StreamRecorder, type StreamRecorderOptions } from './stream-recorder';
import { count, counter, keyed, Refused, stored, WatchedStore } from './testing/counter-stream';

describe('recording with the folded streams kept between commands', () => {
  const recorderOn = (store: InMemoryEventStore, options?: StreamRecorderOptions) => new StreamRecorder(store, options);

  it('appends on the state it kept, without reading the stream again', async () => {
    const store = new WatchedStore();
    const recorder = recorderOn(store);
    await recorder.recordOne('counter-1', counter, count());
    const second = await recorder.recordOne('counter-1', counter, count());

    expect(second.revision).toBe(1);
    expect(store.reads).toHaveLength(1);
    expect(store.appends).toBe(2);
  });

  it('catches up on what another recorder appended since, reading only the events after its state', async () => {
    const store = new WatchedStore();
    const [mine, theirs] = [recorderOn(store), recorderOn(store)];
    await mine.recordOne('counter-1', counter, count());
    await theirs.recordOne('counter-1', counter, count());
    store.reads.length = 0;
    const recorded = await mine.recordOne('counter-1', counter, count());

    expect(recorded.revision).toBe(2);
    expect(store.reads).toEqual([1]);
    expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual([1, 2, 3]);
  });

  describe('with a key another recorder recorded after the state it kept', () => {
    const setUp = async () => {
      const store = new WatchedStore();
      const [mine, theirs] = [recorderOn(store), recorderOn(store)];
      await mine.recordOne('counter-1', counter, count());
      return { store, mine, theirs };
    };
    const positionOf = async (store: InMemoryEventStore, revision: number) => serializePosition((await stored(store, 'counter-1'))[revision].position);

    it('answers the replay, with the original revision and position: the store took the append for a retry, the read-back tells', async () => {
      const { store, mine, theirs } = await setUp();
      const original = await theirs.recordOne('counter-1', counter, keyed('k1', { correlationId: 'theirs' }));
      const retry = await mine.recordOne('counter-1', counter, keyed('k1', { correlationId: 'mine' }));

      expect(retry).toEqual<Recorded>({ ...original, replayed: true });
      expect(retry.position).toBe(await positionOf(store, 1));
      expect(await stored(store, 'counter-1')).toHaveLength(2);
    });

    it('answers the replay when another fact came first: the append fails and the catch-up finds the key', async () => {
      const { store, mine, theirs } = await setUp();
      await theirs.recordOne('counter-1', counter, count());
      const original = await theirs.recordOne('counter-1', counter, keyed('k1'));
      const retry = await mine.recordOne('counter-1', counter, keyed('k1'));

      expect(retry).toEqual<Recorded>({ ...original, replayed: true });
      expect(retry).toMatchObject({ revision: 2, position: await positionOf(store, 2) });
      expect(await stored(store, 'counter-1')).toHaveLength(3);
    });

    it('refuses the key for another request, and decides the next command on what the store holds', async () => {
      const { store, mine, theirs } = await setUp();
      await theirs.recordOne('counter-1', counter, keyed('k1', { request: 'request-1' }));

      const error = await mine.recordOne('counter-1', counter, keyed('k1', { request: 'request-2' })).catch((e: unknown) => e);
      const next = await mine.recordOne('counter-1', counter, count());

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(next.revision).toBe(2);
      expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual([1, 2, 3]);
    });

    it('records nothing twice when the same request came with the same correlation id, and answers its ids, revision and position', async () => {
      const { store, mine, theirs } = await setUp();
      const original = await theirs.recordOne('counter-1', counter, keyed('k1'));
      const retry = await mine.recordOne('counter-1', counter, keyed('k1'));

      // Identical events under identical ids: nothing tells this append from the original but who sent it.
      expect({ ...retry, replayed: true }).toEqual({ ...original, replayed: true });
      expect(await stored(store, 'counter-1')).toHaveLength(2);
    });
  });

  it('leaves the state it kept as it was when a batch is refused', async () => {
    const store = new WatchedStore();
    const recorder = recorderOn(store);
    await recorder.recordOne('counter-1', counter, count());

    const outcome = await recorder.record('counter-1', counter, [count(), { kind: 'refused', error: new Refused('no') }]);
    const next = await recorder.recordOne('counter-1', counter, count());

    expect(outcome.status).toBe('refused');
    expect(next.revision).toBe(1);
    expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual([1, 2]);
    expect(store.reads).toHaveLength(1 + 1);
  });

  it.each([
    ['before writing', 'before-writing', [1, 2]],
    ['after writing, its answer lost', 'after-writing', [1, 2, 3]],
  ] as const)('leaves the state it kept as it was when an append fails %s', async (_when, failure, expected) => {
    const store = new WatchedStore();
    const recorder = recorderOn(store);
    await recorder.recordOne('counter-1', counter, count());
    store.failNextAppend = failure;

    expect(await recorder.recordOne('counter-1', counter, count()).catch((e: unknown) => e)).toBeInstanceOf(StoreUnavailableError);
    await recorder.recordOne('counter-1', counter, count());

    expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual(expected);
  });

  it('reads a stream whole again once it was evicted, when its append as a new stream fails', async () => {
    const store = new WatchedStore();
    const recorder = recorderOn(store, { cache: { maxStreams: 1 } });
    await recorder.recordOne('counter-1', counter, count());
    await recorder.recordOne('counter-2', counter, count());
    const again = await recorder.recordOne('counter-1', counter, count());

    expect(again.revision).toBe(1);
    expect(store.reads).toEqual([0, 0]);
    expect(store.appends).toBe(4);
    expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual([1, 2]);
  });

  it('reads every stream whole for every command when it keeps none', async () => {
    const store = new WatchedStore();
    const recorder = recorderOn(store, { cache: false });
    await recorder.recordOne('counter-1', counter, count());
    await recorder.recordOne('counter-1', counter, count());

    expect(store.reads).toEqual([0, 0]);
  });

  it('lets commands on one stream take turns, so that they never conflict with each other', async () => {
    const store = new WatchedStore();
    const recorder = recorderOn(store);
    const answers = await Promise.all(Array.from({ length: 10 }, () => recorder.recordOne('counter-1', counter, count())));

    expect(answers.map((a) => a.revision)).toEqual([...Array(10).keys()]);
    expect(store.appends).toBe(10);
  });
});
