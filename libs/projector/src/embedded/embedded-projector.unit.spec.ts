import { InMemoryEventStore } from '#libs/event-store';
import { startEmbeddedProjector, type EmbeddedProjector } from '#libs/projector';
import { appendSpread, countsIn, RecordingLogger, uniquePrefix, waitFor } from '../../test/projector-test-support';
import { streamCounterProjection } from '../../test/stream-counter.projection';

describe('embedded projector', () => {
  let embedded: EmbeddedProjector | null = null;

  afterEach(async () => {
    await embedded?.stop();
  });

  it('has replayed the whole log into memory when it resolves, then follows new events', async () => {
    const store = new InMemoryEventStore({ pollIntervalMs: 10 });
    const prefix = uniquePrefix('embedded');
    const history = await appendSpread(store, prefix, 500, 5);
    embedded = await startEmbeddedProjector({ store, projections: [streamCounterProjection(prefix)], logger: new RecordingLogger() });
    expect(await countsIn(embedded.readStore, 'stream-counter', history.keys())).toEqual(history);

    await store.appendToStream(`${prefix}0`, [{ id: '0b0e2a52-7d0f-4d8e-9a55-8f1f2f6b2f31', type: 'Later', data: {} }]);
    await waitFor(async () => (await countsIn(embedded!.readStore, 'stream-counter', [`${prefix}0`])).get(`${prefix}0`) === 101);
  });
});
