import type { EventStore } from '../event-store.port';
import { anEvent, collect, someEvents, uniquePrefix } from './contract-support';

/**
 * For adapters that tell each written event's position (`AppendResult.written`): they tell it whenever an
 * append at a known revision writes, and it is what a read gives back. The recorder relies on this to skip
 * reading its own appends back.
 */
export const describeWrittenPositions = (name: string, openStore: () => Promise<EventStore>): void => {
  describe(`${name}: positions of the events an append wrote`, () => {
    it('are told for an append at no_stream and at a revision, and match what readStream gives', async () => {
      const store = await openStore();
      try {
        const streamId = `${uniquePrefix('written')}s`;
        const first = await store.appendToStream(streamId, someEvents(100), { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(streamId, [anEvent(), anEvent()], { expectedRevision: 99 });
        const read = (await collect(store.readStream(streamId))).map((event) => event.position);
        expect(first.written).toEqual(read.slice(0, 100));
        expect(first.position).toEqual(read[99]);
        expect(second.written).toEqual(read.slice(100));
        expect(second.position).toEqual(read[101]);
      } finally {
        await store.close();
      }
    });
  });
};
