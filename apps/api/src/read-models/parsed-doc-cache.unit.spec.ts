import type { Position } from '#libs/event-store';
import { InMemoryReadStore, type Lease } from '#libs/projector';
import { ParsedDocCache } from './parsed-doc-cache';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });

describe('the parsed documents of the embedded read store', () => {
  let store: InMemoryReadStore;
  let lease: Lease;
  let checkpoint: Position | null;

  const commit = async (docs: Record<string, object>) => {
    const position = at((checkpoint ? Number(checkpoint.commit) : 0) + 1);
    const writes = Object.entries(docs).map(([key, doc]) => ({ key, json: JSON.stringify(doc) }));
    await store.commit({ projection: 'profile', version: 1, after: checkpoint, position, docs: writes, indexRemovals: [], indexAdds: [], listAppends: [] }, lease);
    checkpoint = position;
  };

  beforeEach(async () => {
    store = new InMemoryReadStore();
    lease = (await store.acquireLease('profile', 'test', 60_000))!;
    checkpoint = null;
    await commit({ acme: { score: 1 } });
  });

  it('parses a document once while its projection does not move', async () => {
    const cache = new ParsedDocCache(store);
    const parse = jest.spyOn(store, 'getDocs');

    const [first] = await cache.getDocs('profile', ['acme']);
    const [second] = await cache.getDocs('profile', ['acme', 'acme']);

    expect(second).toBe(first);
    expect(first).toEqual({ score: 1 });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('reads afresh once the projection commits', async () => {
    const cache = new ParsedDocCache(store);
    await cache.getDocs('profile', ['acme', 'nobody']);

    await commit({ acme: { score: 2 }, nobody: { score: 3 } });

    expect(await cache.getDocs('profile', ['acme', 'nobody'])).toEqual([{ score: 2 }, { score: 3 }]);
  });

  it('does not keep documents read while a commit moved the projection', async () => {
    const cache = new ParsedDocCache(store);
    const read = store.getDocs.bind(store);
    jest.spyOn(store, 'getDocs').mockImplementationOnce(async (projection, keys) => {
      const docs = await read(projection, keys);
      await commit({ acme: { score: 5 } });
      return docs;
    });

    expect(await cache.getDocs('profile', ['acme'])).toEqual([{ score: 1 }]);
    expect(await cache.getDocs('profile', ['acme'])).toEqual([{ score: 5 }]);
  });

  it('keeps a document read without its append-only arrays apart from the whole one', async () => {
    const facts = JSON.stringify(['facts']);
    await store.commit(
      { projection: 'profile', version: 1, after: checkpoint, position: at(2), docs: [{ key: 'acme', json: '{"score":2,"facts":[]}', tails: [{ path: facts, text: '1,2', replace: true }] }], indexRemovals: [], indexAdds: [], listAppends: [] },
      lease,
    );
    const cache = new ParsedDocCache(store);

    expect(await cache.getDocs('profile', ['acme'], { appendOnlyArrays: false })).toEqual([{ score: 2, facts: [] }]);
    expect(await cache.getDocs('profile', ['acme'])).toEqual([{ score: 2, facts: [1, 2] }]);
    expect(await cache.getDocs('profile', ['acme'], { appendOnlyArrays: false })).toEqual([{ score: 2, facts: [] }]);
  });

  it('hands out frozen documents, since requests share them', async () => {
    const [doc] = await new ParsedDocCache(store).getDocs<{ score: number }>('profile', ['acme']);

    expect(() => {
      (doc as { score: number }).score = 9;
    }).toThrow(TypeError);
  });
});
