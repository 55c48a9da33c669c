import { InMemoryEventStore, serializePosition, StoreUnavailableError, type AppendOptions, type EventData, type ReadStreamOptions, type RecordedEvent } from '#libs/event-store';
import { RapportError, type CommandContext, type EventEnvelope, type Recorded } from '#libs/shared-kernel';
import { IdempotencyKeyReusedError } from './idempotency';
import { StreamRecorder, type StreamRecorderOptions } from './stream-recorder';
import type { PlannedFact, StreamModel } from './stream-model';

type Counted = { type: 'Counted'; data: { n: number } };
const counter: StreamModel<number, Counted> = {
  initialState: 0,
  evolve: (count: number, _envelope: EventEnvelope<Counted>) => count + 1,
  upcast: (_type, _version, data) => ({ type: 'Counted', data: data as Counted['data'] }),
  schemaVersion: () => 1,
};
const context = (correlationId = 'c1'): CommandContext => ({ now: '2026-03-01T12:00:00Z', actor: { kind: 'party', partyId: 'acme' }, correlationId });
const count = (correlationId?: string): PlannedFact<number, Counted> => ({ kind: 'planned', context: context(correlationId), decide: (n) => [{ type: 'Counted', data: { n: n + 1 } }] });
/** A count sent under a client's key; `request` stands for the hash of what was sent. */
const keyed = (key: string, { request = 'request-1', correlationId = 'c1' } = {}): PlannedFact<number, Counted> => ({
  ...count(correlationId),
  idempotency: { scope: 'party:acme', key, request },
});
class Refused extends RapportError {
  readonly kind = 'illegal-state';
  readonly code = 'TEST.REFUSED';
}

/** Counts reads and appends; `failNextAppend` fails one append, before or after it writes. */
class WatchedStore extends InMemoryEventStore {
  readonly reads: (number | 'start' | 'end' | undefined)[] = [];
  appends = 0;
  failNextAppend: 'before-writing' | 'after-writing' | null = null;

  override readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    this.reads.push(options?.fromRevision);
    return super.readStream(streamId, options);
  }

  override async appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions) {
    this.appends += 1;
    const failure = this.failNextAppend;
    this.failNextAppend = null;
    if (failure === 'before-writing') throw new StoreUnavailableError('connection lost');
    const result = await super.appendToStream(streamId, events, options);
    if (failure === 'after-writing') throw new StoreUnavailableError('connection lost after commit');
    return result;
  }
}

const stored = async (store: InMemoryEventStore, streamId: string) => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

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

  it('reads a stream whole again once it was evicted', async () => {
    const store = new WatchedStore();
    const recorder = recorderOn(store, { cache: { maxStreams: 1 } });
    await recorder.recordOne('counter-1', counter, count());
    await recorder.recordOne('counter-2', counter, count());
    const again = await recorder.recordOne('counter-1', counter, count());

    expect(again.revision).toBe(1);
    expect(store.reads).toEqual([0, 0, 0]);
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
