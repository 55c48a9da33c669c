import { InMemoryEventStore, type AppendOptions, type EventData } from '#libs/event-store';
import { eventMetadataFor, RapportError, type CommandContext, type EventEnvelope } from '#libs/shared-kernel';
import { ConcurrencyConflictError } from './recording.errors';
import { StreamRecorder } from './stream-recorder';
import type { FactPlan, StreamModel } from './stream-model';

type Counted = { type: 'Counted'; data: { n: number } };
const counter: StreamModel<number, Counted> = {
  initialState: 0,
  evolve: (count: number, _envelope: EventEnvelope<Counted>) => count + 1,
  upcast: (type, _version, data) => ({ type: 'Counted', data: data as Counted['data'] }),
  schemaVersion: () => 1,
};
const context: CommandContext = { now: '2026-03-01T12:00:00Z', actor: { kind: 'system' }, correlationId: 'c1' };
const count: FactPlan<number, Counted> = { kind: 'planned', context, decide: (n) => [{ type: 'Counted', data: { n: n + 1 } }] };

/** A store where someone else always writes first. */
class ContendedStore extends InMemoryEventStore {
  appends = 0;

  override async appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions) {
    this.appends += 1;
    await super.appendToStream(streamId, [{ ...events[0], id: crypto.randomUUID() }]);
    return super.appendToStream(streamId, events, options);
  }
}

describe('recording on a stream', () => {
  it('gives up with a conflict after a bounded number of retries', async () => {
    const store = new ContendedStore();
    const error = await new StreamRecorder(store, { maxRetries: 3 }).recordOne('counter-1', counter, count).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMMAND.CONCURRENCY_CONFLICT' });
    expect(store.appends).toBe(4);
  });

  it('decides again on the reloaded state after a concurrent write', async () => {
    const store = new InMemoryEventStore();
    const recorder = new StreamRecorder(store);
    let raced = false;
    const racing: FactPlan<number, Counted> = {
      ...count,
      decide: (n) => {
        if (!raced) {
          raced = true;
          void store.appendToStream('counter-2', [{ id: crypto.randomUUID(), type: 'Counted', data: { n: 1 }, metadata: eventMetadataFor(context, { schemaVersion: 1 }) }]);
        }
        return [{ type: 'Counted', data: { n: n + 1 } }];
      },
    };
    const recorded = await recorder.recordOne('counter-2', counter, racing);

    expect(recorded.revision).toBe(1);
    const data: unknown[] = [];
    for await (const event of store.readStream('counter-2')) data.push(event.data);
    expect(data).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('answers a batch’s refusals rather than throwing them, and records nothing', async () => {
    class Refused extends RapportError {
      readonly kind = 'illegal-state';
      readonly code = 'TEST.REFUSED';
    }
    const store = new InMemoryEventStore();
    const error = new Refused('no');
    const outcome = await new StreamRecorder(store).record('counter-3', counter, [count, { kind: 'refused', error }]);

    expect(outcome).toEqual({ status: 'refused', streamId: 'counter-3', refusals: [{ index: 1, error }] });
    expect(await store.headPosition()).toBeNull();
  });
});
