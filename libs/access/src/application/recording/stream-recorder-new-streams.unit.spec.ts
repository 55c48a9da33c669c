import { InMemoryEventStore, serializePosition, type AppendOptions, type EventData } from '#libs/event-store';
import type { Recorded } from '#libs/shared-kernel';
import { IdempotencyKeyReusedError } from './idempotency';
import { StreamRecorder } from './stream-recorder';
import type { PlannedFact } from './stream-model';
import { count, counter, keyed, Refused, stored, WatchedStore, type Counted } from './testing/counter-stream';

/** A count that only an existing stream takes: the empty stream refuses it. */
const another: PlannedFact<number, Counted> = {
  ...count(),
  decide: (n) => {
    if (n === 0) throw new Refused('nothing to count on');
    return [{ type: 'Counted', data: { n: n + 1 } }];
  },
};

/** A store that keeps to itself where it wrote, as an adapter may. */
class UntoldStore extends WatchedStore {
  override async appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions) {
    const { written: _told, ...result } = await super.appendToStream(streamId, events, options);
    return result;
  }
}

/** A recorder that has appended once already, so it knows whether its store tells where it wrote. */
const warmRecorder = async (store: InMemoryEventStore) => {
  const recorder = new StreamRecorder(store);
  await recorder.recordOne('warm-up', counter, count());
  return recorder;
};

describe('recording on a stream this process has not seen', () => {
  it('takes it for new: one append at no_stream, no read', async () => {
    const store = new WatchedStore();
    const recorder = await warmRecorder(store);
    store.reads.length = 0;
    const recorded = await recorder.recordOne('counter-1', counter, keyed('k1'));

    const [event] = await stored(store, 'counter-1');
    expect(recorded).toEqual<Recorded>({ streamId: 'counter-1', eventIds: [event.id], revision: 0, position: serializePosition(event.position), replayed: false });
    expect(store.reads).toEqual([]);
    expect(store.appends).toBe(2);
  });

  it('keeps what it appended, so that the next command on it neither reads nor fails', async () => {
    const store = new WatchedStore();
    const recorder = await warmRecorder(store);
    await recorder.recordOne('counter-1', counter, count());
    store.reads.length = 0;
    const next = await recorder.recordOne('counter-1', counter, count());

    expect(next.revision).toBe(1);
    expect(store.reads).toEqual([]);
    expect(store.appends).toBe(3);
  });

  it('decides on what the store holds when the stream exists', async () => {
    const store = new WatchedStore();
    const [mine, theirs] = [await warmRecorder(store), new StreamRecorder(store)];
    await theirs.record('counter-1', counter, [count(), count()]);
    const recorded = await mine.recordOne('counter-1', counter, count());

    expect(recorded.revision).toBe(2);
    expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual([1, 2, 3]);
  });

  it('does not answer a refusal of the empty stream before reading the stream', async () => {
    const store = new WatchedStore();
    const [mine, theirs] = [await warmRecorder(store), new StreamRecorder(store)];
    await theirs.recordOne('counter-1', counter, count());
    const recorded = await mine.recordOne('counter-1', counter, another);

    expect(recorded.revision).toBe(1);
    expect((await stored(store, 'counter-1')).map((e) => e.data.n)).toEqual([1, 2]);
  });

  it('records nothing of a batch with a refused fact', async () => {
    const store = new WatchedStore();
    const recorder = await warmRecorder(store);
    const outcome = await recorder.record('counter-1', counter, [count(), { kind: 'refused', error: new Refused('no') }]);

    expect(outcome).toMatchObject({ status: 'refused', refusals: [{ index: 1 }] });
    expect(await stored(store, 'counter-1')).toEqual([]);
  });

  describe('with keys another process recorded there', () => {
    it('answers a retry as the replay it is, even under the same correlation id (identical events)', async () => {
      const store = new WatchedStore();
      const [mine, theirs] = [await warmRecorder(store), new StreamRecorder(store)];
      const original = await theirs.record('counter-1', counter, [keyed('k1'), keyed('k2')]);
      const retry = await mine.record('counter-1', counter, [keyed('k1'), keyed('k2')]);

      expect(original.status).toBe('recorded');
      expect(retry).toEqual({
        status: 'recorded',
        streamId: 'counter-1',
        facts: original.status === 'recorded' ? original.facts.map((fact) => ({ ...fact, replayed: true })) : [],
      });
      expect(await stored(store, 'counter-1')).toHaveLength(2);
    });

    it('refuses a key used for another request', async () => {
      const store = new WatchedStore();
      const [mine, theirs] = [await warmRecorder(store), new StreamRecorder(store)];
      await theirs.recordOne('counter-1', counter, keyed('k1', { request: 'request-1' }));
      const error = await mine.recordOne('counter-1', counter, keyed('k1', { request: 'request-2' })).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await stored(store, 'counter-1')).toHaveLength(1);
    });
  });

  it('reads it first when the store does not tell where it wrote: only that tells a fresh write from a retry', async () => {
    const store = new UntoldStore();
    const recorder = await warmRecorder(store);
    store.reads.length = 0;
    await recorder.recordOne('counter-1', counter, count());

    expect(store.reads).toEqual([0]);
  });

  it('reads it first when it keeps no streams between commands', async () => {
    const store = new WatchedStore();
    const recorder = new StreamRecorder(store, { cache: false });
    await recorder.recordOne('warm-up', counter, count());
    store.reads.length = 0;
    await recorder.recordOne('counter-1', counter, count());

    expect(store.reads).toEqual([0]);
  });
});
