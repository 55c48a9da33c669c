import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { anEvent, collect, idsOf, rejectionOf, someEvents, uniquePrefix, type ContractContext } from './contract-support';

export const appendContract = ({ store }: ContractContext): void => {
  const expectWrongRevision = async (promise: Promise<unknown>, streamId: string, expected: ExpectedRevision, actual: number | 'no_stream') => {
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId, expected, actual });
  };

  describe('appending to a stream that does not exist', () => {
    it.each<ExpectedRevision>(['any', 'no_stream'])('accepts expected revision %s and starts the stream at revision 0', async (expected) => {
      const streamId = `${uniquePrefix('new')}s`;
      const result = await store().appendToStream(streamId, someEvents(3), { expectedRevision: expected });
      expect(result.nextExpectedRevision).toBe(2);
      const read = await collect(store().readStream(streamId));
      expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(read[2].position).toEqual(result.position);
      // An adapter that tells each written event's position must tell the truth (the SQL and in-memory
      // adapters do, checked in their own specs; EventStoreDB does not say).
      if (result.written !== undefined) expect(result.written).toEqual(read.map((event) => event.position));
    });

    it('treats a missing expected revision as any', async () => {
      const streamId = `${uniquePrefix('default')}s`;
      expect((await store().appendToStream(streamId, [anEvent()])).nextExpectedRevision).toBe(0);
      expect((await store().appendToStream(streamId, [anEvent()])).nextExpectedRevision).toBe(1);
    });

    it.each<ExpectedRevision>(['stream_exists', 0, 5])('refuses expected revision %s, reporting no_stream, and writes nothing', async (expected) => {
      const streamId = `${uniquePrefix('missing')}s`;
      await expectWrongRevision(store().appendToStream(streamId, [anEvent()], { expectedRevision: expected }), streamId, expected, 'no_stream');
      expect(await collect(store().readStream(streamId))).toEqual([]);
    });
  });

  describe('appending to a stream at revision 1', () => {
    const existingStream = async () => {
      const streamId = `${uniquePrefix('existing')}s`;
      await store().appendToStream(streamId, someEvents(2), { expectedRevision: 'no_stream' });
      return streamId;
    };

    it.each<ExpectedRevision>(['any', 'stream_exists', 1])('accepts expected revision %s', async (expected) => {
      const streamId = await existingStream();
      const result = await store().appendToStream(streamId, someEvents(2), { expectedRevision: expected });
      expect(result.nextExpectedRevision).toBe(3);
      expect((await collect(store().readStream(streamId))).map((event) => event.revision)).toEqual([0, 1, 2, 3]);
    });

    it.each<ExpectedRevision>(['no_stream', 0, 2, 7])('refuses expected revision %s, reporting revision 1, and writes nothing', async (expected) => {
      const streamId = await existingStream();
      await expectWrongRevision(store().appendToStream(streamId, [anEvent()], { expectedRevision: expected }), streamId, expected, 1);
      expect(await collect(store().readStream(streamId))).toHaveLength(2);
    });
  });

  describe('retrying an append (idempotence by event id)', () => {
    /** A retry answers what the first append did, except that it wrote nothing now. */
    const expectRetryOf = (again: AppendResult, first: AppendResult) => {
      expect(again).toEqual({ nextExpectedRevision: first.nextExpectedRevision, position: first.position });
      expect(again.written).toBeUndefined();
    };
    const expectNothingNew = async (prefix: string, streamId: string, count: number) => {
      expect(await collect(store().readStream(streamId))).toHaveLength(count);
      expect(await collect(store().readAll({ filter: { streamNamePrefixes: [prefix] } }))).toHaveLength(count);
    };

    it('returns the original result for the same ids at the same expected revision, and writes nothing new', async () => {
      const prefix = uniquePrefix('retry');
      const streamId = `${prefix}s`;
      await store().appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });
      const events = someEvents(3);
      const first = await store().appendToStream(streamId, events, { expectedRevision: 0 });
      expectRetryOf(await store().appendToStream(streamId, events, { expectedRevision: 0 }), first);
      await expectNothingNew(prefix, streamId, 4);
    });

    it.each<ExpectedRevision>(['no_stream', 'any'])('recognises a retry of a first append with expected revision %s', async (expected) => {
      const prefix = uniquePrefix('retry-first');
      const streamId = `${prefix}s`;
      const events = someEvents(2);
      const first = await store().appendToStream(streamId, events, { expectedRevision: expected });
      expectRetryOf(await store().appendToStream(streamId, events, { expectedRevision: expected }), first);
      await expectNothingNew(prefix, streamId, 2);
    });

    it('still returns the original result after the stream has moved on', async () => {
      const prefix = uniquePrefix('retry-late');
      const streamId = `${prefix}s`;
      const events = someEvents(2);
      const first = await store().appendToStream(streamId, events, { expectedRevision: 'no_stream' });
      await store().appendToStream(streamId, [anEvent()], { expectedRevision: 1 });
      expectRetryOf(await store().appendToStream(streamId, events, { expectedRevision: 'no_stream' }), first);
      await expectNothingNew(prefix, streamId, 3);
    });

    it('treats ids that only partly match the events at that revision as a wrong expected revision', async () => {
      const prefix = uniquePrefix('retry-partial');
      const streamId = `${prefix}s`;
      const [a, b] = someEvents(2);
      await store().appendToStream(streamId, [a, b], { expectedRevision: 'no_stream' });
      await expectWrongRevision(store().appendToStream(streamId, [a, anEvent()], { expectedRevision: 'no_stream' }), streamId, 'no_stream', 1);
      await expectNothingNew(prefix, streamId, 2);
    });
  });

  describe('concurrent writers', () => {
    it.each<ExpectedRevision>([0, 'no_stream'])('let exactly one of 20 appends at expected revision %s win', async (expected) => {
      const prefix = uniquePrefix('race');
      const streamId = `${prefix}s`;
      if (expected === 0) await store().appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' });
      const contenders = Array.from({ length: 20 }, () => [anEvent('Contended'), anEvent('Contended')]);
      const outcomes = await Promise.allSettled(contenders.map((events) => store().appendToStream(streamId, events, { expectedRevision: expected })));
      const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
      expect(winners).toHaveLength(1);
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      const actual = expected === 0 ? 2 : 1;
      for (const loser of losers) {
        expect(loser).toBeInstanceOf(WrongExpectedRevisionError);
        expect(loser).toMatchObject({ streamId, expected, actual });
      }
      const stored = await collect(store().readStream(streamId));
      expect(idsOf(stored.slice(-2))).toEqual(idsOf(contenders[winners[0]]));
      expect(stored).toHaveLength(actual + 1);
    });
  });
};
