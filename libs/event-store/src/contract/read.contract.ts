import { comparePositions, type AllFilter, type Position, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent } from '../event-store.port';
import { anEvent, collect, idsOf, someEvents, uniquePrefix, type ContractContext } from './contract-support';

const isStrictlyAscending = (events: readonly RecordedEvent[]): boolean =>
  events.every((event, index) => index === 0 || comparePositions(events[index - 1].position, event.position) < 0);

export const readContract = ({ store }: ContractContext): void => {
  const readAllIds = async (filter: AllFilter, options: Omit<ReadAllOptions, 'filter'> = {}) =>
    idsOf(await collect(store().readAll({ ...options, filter })));

  describe('reading a stream', () => {
    it('reads a stream that does not exist as empty, in both directions', async () => {
      const streamId = `${uniquePrefix('nothing')}s`;
      expect(await collect(store().readStream(streamId))).toEqual([]);
      expect(await collect(store().readStream(streamId, { direction: 'backwards' }))).toEqual([]);
      expect(await collect(store().readStream(streamId, { fromRevision: 3 }))).toEqual([]);
    });

    it('reads from a revision (inclusive), in both directions, up to maxCount', async () => {
      const streamId = `${uniquePrefix('window')}s`;
      await store().appendToStream(streamId, someEvents(10), { expectedRevision: 'no_stream' });
      const revisions = async (options: ReadStreamOptions) =>
        (await collect(store().readStream(streamId, options))).map((event) => event.revision);
      expect(await revisions({ fromRevision: 3, maxCount: 4 })).toEqual([3, 4, 5, 6]);
      expect(await revisions({ direction: 'backwards', fromRevision: 6, maxCount: 3 })).toEqual([6, 5, 4]);
      expect(await revisions({ direction: 'backwards', maxCount: 2 })).toEqual([9, 8]);
      expect(await revisions({ fromRevision: 8 })).toEqual([8, 9]);
      expect(await revisions({ fromRevision: 10 })).toEqual([]);
    });

    it('reads long streams whole and in order, across many pages', async () => {
      const prefix = uniquePrefix('long');
      const streamId = `${prefix}s`;
      for (let batch = 0; batch < 6; batch += 1) await store().appendToStream(streamId, someEvents(250), { expectedRevision: batch === 0 ? 'no_stream' : batch * 250 - 1 });
      const forwards = await collect(store().readStream(streamId));
      expect(forwards.map((event) => event.revision)).toEqual(Array.from({ length: 1500 }, (_, index) => index));
      const backwards = await collect(store().readStream(streamId, { direction: 'backwards' }));
      expect(idsOf(backwards)).toEqual(idsOf(forwards).reverse());
      expect(await readAllIds({ streamNamePrefixes: [prefix] })).toEqual(idsOf(forwards));
    });
  });

  describe('reading all streams', () => {
    it('follows commit order across streams, with ascending positions', async () => {
      const prefix = uniquePrefix('order');
      const written: string[] = [];
      const positions: Position[] = [];
      for (let round = 0; round < 4; round += 1) {
        for (const name of ['b', 'a', 'c']) {
          const events = [anEvent(), anEvent()];
          positions.push((await store().appendToStream(`${prefix}${name}`, events)).position);
          written.push(...idsOf(events));
        }
      }
      const read = await collect(store().readAll({ filter: { streamNamePrefixes: [prefix] } }));
      expect(idsOf(read)).toEqual(written);
      expect(isStrictlyAscending(read)).toBe(true);
      expect(positions.every((position, index) => index === 0 || comparePositions(positions[index - 1], position) < 0)).toBe(true);
      const backwards = await readAllIds({ streamNamePrefixes: [prefix] }, { direction: 'backwards' });
      expect(backwards).toEqual([...written].reverse());
    });

    it('reads from a position (inclusive), in both directions, up to maxCount', async () => {
      const prefix = uniquePrefix('from');
      for (const name of ['x', 'y', 'x', 'y', 'x', 'y']) await store().appendToStream(`${prefix}${name}`, [anEvent()]);
      const all = await collect(store().readAll({ filter: { streamNamePrefixes: [prefix] } }));
      const filter = { streamNamePrefixes: [prefix] };
      expect(await readAllIds(filter, { fromPosition: all[3].position })).toEqual(idsOf(all.slice(3)));
      expect(await readAllIds(filter, { fromPosition: all[1].position, maxCount: 2 })).toEqual(idsOf(all.slice(1, 3)));
      expect(await readAllIds(filter, { direction: 'backwards', fromPosition: all[3].position })).toEqual(idsOf(all.slice(0, 4)).reverse());
      expect(await readAllIds(filter, { direction: 'backwards', maxCount: 2 })).toEqual(idsOf(all.slice(4)).reverse());
    });

    it('filters by stream-name prefixes and by event types, both applying when both are given', async () => {
      const prefix = uniquePrefix('filter');
      const plan: [string, string][] = [
        ['party-1', 'Registered'], ['relationship-1', 'InvoicePaid'], ['party-2', 'Updated'],
        ['other-1', 'InvoicePaid'], ['relationship-2', 'DisputeRaised'], ['party-3', 'Registered'],
      ];
      const ids: string[] = [];
      for (const [stream, type] of plan) {
        const event = anEvent(type);
        await store().appendToStream(`${prefix}${stream}`, [event]);
        ids.push(event.id);
      }
      const pick = (...indexes: number[]) => indexes.map((index) => ids[index]);
      const byPrefixes = { streamNamePrefixes: [`${prefix}party-`, `${prefix}relationship-`] };
      expect(await readAllIds(byPrefixes)).toEqual(pick(0, 1, 2, 4, 5));
      expect(await readAllIds({ streamNamePrefixes: [prefix], eventTypes: ['InvoicePaid', 'Registered'] })).toEqual(pick(0, 1, 3, 5));
      expect(await readAllIds({ ...byPrefixes, eventTypes: ['InvoicePaid', 'Registered'] })).toEqual(pick(0, 1, 5));
      expect(await readAllIds({ ...byPrefixes, eventTypes: ['Registered'] }, { direction: 'backwards', maxCount: 1 })).toEqual(pick(5));
    });

    it('reports the position of the newest event as the head', async () => {
      const result = await store().appendToStream(`${uniquePrefix('head')}s`, [anEvent()]);
      const head = await store().headPosition();
      expect(head).not.toBeNull();
      expect(comparePositions(head!, result.position)).toBeGreaterThanOrEqual(0);
    });
  });
};
