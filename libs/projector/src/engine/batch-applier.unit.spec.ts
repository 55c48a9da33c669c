import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '../projection';
import { RecordingLogger } from '../../test/projector-test-support';
import { BatchApplier, type DocLoader } from './batch-applier';

type Tally = { count: number; settledAt: number | null };

let position = 0n;
const eventIn = (streamId: string, type = 'Counted'): RecordedEvent => {
  position += 1n;
  return { id: `id-${position}`, type, streamId, revision: 0, position: { commit: position, prepare: position }, data: {}, metadata: {}, recordedAt: new Date(0) };
};

/** Counts events; `settle` derives `settledAt` from the count and records each call, so a spec can count them. */
const tallyProjection = (settled: string[], settle: (key: string, doc: Tally) => Tally = (key, doc) => (settled.push(key), { ...doc, settledAt: doc.count })): Projection<Tally> => ({
  name: 'tally',
  version: 1,
  filter: {},
  keysOf: (event) => (event.type === 'Ignored' ? [] : [event.streamId]),
  evolve: (doc, _key, event) => (event.type === 'Noop' ? doc : { count: (doc?.count ?? 0) + 1, settledAt: doc?.settledAt ?? null }),
  settle,
  indexesOf: (key, doc) => [{ index: 'by-settled-count', member: key, score: doc.settledAt ?? -1 }],
});

const storeOf = (docs: Record<string, object>): DocLoader => async (keys) => keys.map((key) => (docs[key] ? { head: JSON.stringify(docs[key]), tails: {} } : null));

describe('settling a batch', () => {
  it('settles each changed document once, after all its events and before its index entries are taken', async () => {
    const settled: string[] = [];
    const applier = new BatchApplier(tallyProjection(settled), new RecordingLogger());

    const changes = await applier.apply([eventIn('a'), eventIn('b'), eventIn('a'), eventIn('a')], storeOf({}));

    expect(settled.sort()).toEqual(['a', 'b']);
    expect(changes.docs).toEqual([
      { key: 'a', json: JSON.stringify({ count: 3, settledAt: 3 }) },
      { key: 'b', json: JSON.stringify({ count: 1, settledAt: 1 }) },
    ]);
    expect(changes.indexAdds).toEqual([
      { index: 'by-settled-count', member: 'a', score: 3 },
      { index: 'by-settled-count', member: 'b', score: 1 },
    ]);
  });

  it('leaves alone a document that every evolve of the batch returned as it was', async () => {
    const settled: string[] = [];
    const applier = new BatchApplier(tallyProjection(settled), new RecordingLogger());

    const changes = await applier.apply([eventIn('a', 'Noop')], storeOf({ a: { count: 2, settledAt: 2 } }));

    expect(settled).toEqual([]);
    expect(changes.docs).toEqual([]);
  });

  it('writes what settle derived but keeps, for the next batch, the document as evolve left it', async () => {
    const applier = new BatchApplier(tallyProjection([]), new RecordingLogger());
    const item = applier.working('a');
    applier.evolve(applier.plan([eventIn('a'), eventIn('a')]).plans, new Map([['a', item]]));
    const evolved = item.doc;

    const changes = applier.flush([item]);

    expect(changes.docs).toEqual([{ key: 'a', json: JSON.stringify({ count: 2, settledAt: 2 }) }]);
    expect(item.stored).toBe(evolved);
    expect(item.stored).toEqual({ count: 2, settledAt: null });
    expect(applier.asStored(item)).toEqual({ doc: { count: 2, settledAt: null }, entries: [{ index: 'by-settled-count', member: 'a', score: 2 }], tails: [] });

    applier.evolve(applier.plan([eventIn('a')]).plans, new Map([['a', item]]));
    const next = applier.flush([item]);

    expect(next.docs).toEqual([{ key: 'a', json: JSON.stringify({ count: 3, settledAt: 3 }) }]);
    expect(next.indexAdds).toEqual([{ index: 'by-settled-count', member: 'a', score: 3 }]);
  });

  it('keeps the stored document and logs when settle throws', async () => {
    const logger = new RecordingLogger();
    const failing = tallyProjection([], () => {
      throw new Error('settle bug');
    });
    const applier = new BatchApplier(failing, logger);

    const changes = await applier.apply([eventIn('a')], storeOf({ a: { count: 2, settledAt: 2 } }));

    expect(changes.docs).toEqual([]);
    expect(logger.withMessage('settle threw')).toHaveLength(1);
  });
});

describe('append-only arrays', () => {
  type Journal = { seen: number; log: { n: number }[] };
  /** Appends one entry per event; an event of type 'Reset' empties the log, one of type 'Broken' drops it. */
  const journal: Projection<Journal> = {
    name: 'journal',
    version: 1,
    filter: {},
    keysOf: (event) => [event.streamId],
    evolve: (doc, _key, event) => {
      const seen = (doc?.seen ?? 0) + 1;
      if (event.type === 'Reset') return { seen, log: [] };
      if (event.type === 'Broken') return { seen } as Journal;
      return { seen, log: [...(doc?.log ?? []), { n: seen }] };
    },
    appendOnlyArrays: [['log']],
  };
  const path = JSON.stringify(['log']);
  const stored = (seen: number, entries: number): DocLoader => async () => [
    { head: JSON.stringify({ seen, log: [] }), tails: { [path]: Array.from({ length: entries }, (_, i) => JSON.stringify({ n: i + 1 })).join(',') } },
  ];

  it('writes the document without them, and the whole of each when it is new', async () => {
    const changes = await new BatchApplier(journal, new RecordingLogger()).apply([eventIn('j'), eventIn('j')], async () => [null]);
    expect(changes.docs).toEqual([{ key: 'j', json: '{"seen":2,"log":[]}', tails: [{ path, text: '{"n":1},{"n":2}', replace: true }] }]);
  });

  it('writes only the elements a batch appended', async () => {
    const changes = await new BatchApplier(journal, new RecordingLogger()).apply([eventIn('j'), eventIn('j')], stored(3, 3));
    expect(changes.docs).toEqual([{ key: 'j', json: '{"seen":5,"log":[]}', tails: [{ path, text: '{"n":4},{"n":5}', replace: false }] }]);
  });

  it('writes an array that got shorter whole again', async () => {
    const changes = await new BatchApplier(journal, new RecordingLogger()).apply([eventIn('j', 'Reset'), eventIn('j')], stored(3, 3));
    expect(changes.docs).toEqual([{ key: 'j', json: '{"seen":5,"log":[]}', tails: [{ path, text: '{"n":5}', replace: true }] }]);
  });

  it('keeps the stored document and logs when a declared array is missing', async () => {
    const logger = new RecordingLogger();
    const changes = await new BatchApplier(journal, logger).apply([eventIn('j', 'Broken')], stored(3, 3));
    expect(changes.docs).toEqual([]);
    expect(logger.withMessage('cannot be encoded')).toHaveLength(1);
  });
});
