import { randomUUID } from 'node:crypto';
import type { Position } from '#libs/event-store';
import { CheckpointMovedError, LeaseLostError, type CommitBatch, type Lease, type ReadStore } from '#libs/projector';

/** One suite for every read store, as the event store has one for its adapters. */
export const describeReadStoreContract = (name: string, open: () => ReadStore): void => {
  describe(`${name} read store`, () => {
    let store: ReadStore;
    let projection: string;
    let lease: Lease;
    const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
    const batch = (patch: Partial<CommitBatch> = {}): CommitBatch => ({
      projection, version: 1, after: null, position: at(1), docs: [], indexRemovals: [], indexAdds: [], listAppends: [], ...patch,
    });

    beforeEach(async () => {
      store = open();
      projection = `p-${randomUUID().slice(0, 8)}`;
      lease = (await store.acquireLease(projection, 'owner-a', 10_000))!;
    });

    describe('commit', () => {
      it('writes documents, index entries, list entries and the checkpoint together', async () => {
        await store.commit(batch({
          docs: [{ key: 'a', json: '{"n":1}' }],
          indexAdds: [{ index: 'top', member: 'a', score: 1 }],
          listAppends: [{ list: 'log', id: 'e1', score: 5, entry: { what: 'x' } }],
        }), lease);
        expect(await store.getDoc(projection, 'a')).toEqual({ n: 1 });
        expect(await store.rangeIndex(projection, 'top')).toEqual([{ member: 'a', score: 1 }]);
        expect((await store.readList(projection, 'log')).entries).toEqual([{ id: 'e1', score: 5, entry: { what: 'x' } }]);
        expect(await store.readCheckpoint(projection)).toEqual({ position: at(1), version: 1 });
      });

      it('refuses a batch from an instance whose lease was taken, and writes none of it', async () => {
        await store.seizeLease(projection, 'owner-b', 10_000);
        await expect(store.commit(batch({ docs: [{ key: 'a', json: '{}' }] }), lease)).rejects.toBeInstanceOf(LeaseLostError);
        expect(await store.getDoc(projection, 'a')).toBeNull();
        expect(await store.readCheckpoint(projection)).toBeNull();
      });

      it('refuses a batch once the lease has expired, even when no one took it', async () => {
        const short = (await store.acquireLease(`${projection}-x`, 'owner-a', 50))!;
        await new Promise((resolve) => setTimeout(resolve, 120));
        await expect(store.commit(batch({ projection: `${projection}-x` }), short)).rejects.toBeInstanceOf(LeaseLostError);
      });

      it('refuses a batch that does not follow the stored checkpoint, and writes none of it', async () => {
        await store.commit(batch(), lease);
        await expect(store.commit(batch({ after: null, position: at(2), docs: [{ key: 'a', json: '{}' }] }), lease)).rejects.toBeInstanceOf(CheckpointMovedError);
        await expect(store.commit(batch({ after: at(7), position: at(8) }), lease)).rejects.toBeInstanceOf(CheckpointMovedError);
        expect(await store.getDoc(projection, 'a')).toBeNull();
        expect(await store.readCheckpoint(projection)).toEqual({ position: at(1), version: 1 });
      });

      it("writes a rebuild's part without a checkpoint, and refuses one once a checkpoint is stored", async () => {
        await store.commit(batch({ position: null, docs: [{ key: 'a', json: '{"n":1}' }], listAppends: [{ list: 'log', id: 'e1', score: 1, entry: {} }] }), lease);
        expect(await store.getDoc(projection, 'a')).toEqual({ n: 1 });
        expect(await store.readCheckpoint(projection)).toBeNull();
        await store.commit(batch({ position: null, docs: [{ key: 'b', json: '{}' }] }), lease);
        await store.commit(batch({ position: at(5) }), lease);
        expect(await store.readCheckpoint(projection)).toEqual({ position: at(5), version: 1 });

        await expect(store.commit(batch({ position: null, docs: [{ key: 'c', json: '{}' }] }), lease)).rejects.toBeInstanceOf(CheckpointMovedError);
        await store.seizeLease(projection, 'owner-b', 10_000);
        await expect(store.commit(batch({ projection, position: null, docs: [{ key: 'c', json: '{}' }] }), lease)).rejects.toBeInstanceOf(LeaseLostError);
        expect(await store.getDoc(projection, 'c')).toBeNull();
      });

      it('deletes documents, removes index entries and keeps list appends idempotent by id', async () => {
        await store.commit(batch({
          docs: [{ key: 'a', json: '{}' }],
          indexAdds: [{ index: 'top', member: 'a', score: 1 }, { index: 'top', member: 'b', score: 2 }],
          listAppends: [{ list: 'log', id: 'e1', score: 1, entry: { v: 1 } }],
        }), lease);
        await store.commit(batch({
          after: at(1), position: at(2),
          docs: [{ key: 'a', json: null }],
          indexRemovals: [{ index: 'top', member: 'a' }],
          listAppends: [{ list: 'log', id: 'e1', score: 9, entry: { v: 2 } }],
        }), lease);
        expect(await store.loadDocs(projection, ['a'])).toEqual([null]);
        expect(await store.rangeIndex(projection, 'top')).toEqual([{ member: 'b', score: 2 }]);
        expect((await store.readList(projection, 'log')).entries).toEqual([{ id: 'e1', score: 1, entry: { v: 1 } }]);
      });
    });

    describe("a document's append-only arrays", () => {
      const facts = JSON.stringify(['internal', 'facts']);
      const notes = JSON.stringify(['notes']);
      const head = '{"notes":[],"internal":{"facts":[],"n":0}}';

      it('are stored apart, appended to, replaced, and put back in place for readers', async () => {
        await store.commit(batch({ docs: [{ key: 'a', json: head, tails: [{ path: facts, text: '1,2', replace: true }] }] }), lease);
        await store.commit(batch({ after: at(1), position: at(2), docs: [{ key: 'a', json: head, tails: [{ path: facts, text: '{"x":3}', replace: false }, { path: notes, text: '"hi"', replace: false }] }] }), lease);
        expect(await store.loadDocs(projection, ['a'])).toEqual([{ head, tails: { [facts]: '1,2,{"x":3}', [notes]: '"hi"' } }]);
        expect(await store.getDoc(projection, 'a')).toEqual({ notes: ['hi'], internal: { facts: [1, 2, { x: 3 }], n: 0 } });

        await store.commit(batch({ after: at(2), position: at(3), docs: [{ key: 'a', json: head, tails: [{ path: facts, text: '', replace: true }] }] }), lease);
        expect(await store.getDocs(projection, ['a'])).toEqual([{ notes: ['hi'], internal: { facts: [], n: 0 } }]);
      });

      it('come back empty to a reader that asks for documents without them', async () => {
        await store.commit(batch({ docs: [{ key: 'a', json: head, tails: [{ path: facts, text: '1,2', replace: true }, { path: notes, text: '"hi"', replace: true }] }] }), lease);
        expect(await store.getDocs(projection, ['a', 'nobody'], { appendOnlyArrays: false })).toEqual([{ notes: [], internal: { facts: [], n: 0 } }, null]);
        expect(await store.getDoc(projection, 'a', { appendOnlyArrays: false })).toEqual({ notes: [], internal: { facts: [], n: 0 } });
        expect(await store.getDocs(projection, [], { appendOnlyArrays: false })).toEqual([]);
        expect(await store.getDoc(projection, 'a', { appendOnlyArrays: true })).toEqual({ notes: ['hi'], internal: { facts: [1, 2], n: 0 } });
      });

      it('go with their document when it is deleted or its read model dropped', async () => {
        await store.commit(batch({ docs: [{ key: 'a', json: head, tails: [{ path: facts, text: '1', replace: true }] }, { key: 'b', json: head, tails: [{ path: notes, text: '"x"', replace: true }] }] }), lease);
        await store.commit(batch({ after: at(1), position: at(2), docs: [{ key: 'a', json: null }] }), lease);
        await store.commit(batch({ after: at(2), position: at(3), docs: [{ key: 'a', json: head }] }), lease);
        expect(await store.getDoc(projection, 'a')).toEqual({ notes: [], internal: { facts: [], n: 0 } });

        await store.dropProjection(lease);
        await store.commit(batch({ docs: [{ key: 'b', json: head }] }), lease);
        expect(await store.loadDocs(projection, ['b'])).toEqual([{ head, tails: {} }]);
      });
    });

    describe('lease', () => {
      it('is held by one owner at a time, re-granted to its holder, and its token grows with each grant', async () => {
        expect(await store.acquireLease(projection, 'owner-b', 10_000)).toBeNull();
        expect(await store.acquireLease(projection, 'owner-a', 10_000)).toEqual(lease);
        await store.releaseLease(lease);
        const next = await store.acquireLease(projection, 'owner-b', 10_000);
        expect(next?.token).toBeGreaterThan(lease.token);
      });

      it('cannot be renewed or released by a holder it was seized from', async () => {
        const seized = await store.seizeLease(projection, 'owner-b', 10_000);
        expect(await store.renewLease(lease, 10_000)).toBe(false);
        await store.releaseLease(lease);
        expect(await store.renewLease(seized, 10_000)).toBe(true);
      });
    });

    describe('queries', () => {
      beforeEach(async () => {
        const scores: [string, number][] = [['c', 3], ['a', 1], ['b2', 2], ['b1', 2], ['d', -4.5]];
        await store.commit(batch({
          docs: [{ key: 'x', json: '{"x":1}' }, { key: 'y', json: '{"y":2}' }],
          indexAdds: scores.map(([member, score]) => ({ index: 'top', member, score })),
          listAppends: [3, 1, 2, 2, 2, 5].map((score, i) => ({ list: 'log', id: `e${i}`, score, entry: { i } })),
        }), lease);
      });

      it('loads documents in the order asked, absent ones as null', async () => {
        expect(await store.loadDocs(projection, ['y', 'nope', 'x'])).toEqual([{ head: '{"y":2}', tails: {} }, null, { head: '{"x":1}', tails: {} }]);
        expect(await store.getDocs(projection, ['x', 'nope'])).toEqual([{ x: 1 }, null]);
      });

      it('ranges an index by rank both ways, ties by member, with offset and count', async () => {
        const members = async (options: Parameters<ReadStore['rangeIndex']>[2]) => (await store.rangeIndex(projection, 'top', options)).map((m) => m.member);
        expect(await members({})).toEqual(['d', 'a', 'b1', 'b2', 'c']);
        expect(await members({ order: 'desc' })).toEqual(['c', 'b2', 'b1', 'a', 'd']);
        expect(await members({ order: 'desc', offset: 1, count: 2 })).toEqual(['b2', 'b1']);
        expect(await members({ offset: 4, count: 10 })).toEqual(['c']);
        expect(await members({ count: 0 })).toEqual([]);
        expect(await store.rankOf(projection, 'top', 'b1', 'desc')).toEqual({ rank: 2, score: 2 });
        expect(await store.rankOf(projection, 'top', 'd')).toEqual({ rank: 0, score: -4.5 });
        expect(await store.rankOf(projection, 'top', 'zz')).toBeNull();
        expect(await store.indexSize(projection, 'top')).toBe(5);
        expect(await store.rangeIndex(projection, 'none')).toEqual([]);
      });

      it('pages a list newest first, exactly through entries of equal score', async () => {
        const seen: string[] = [];
        let before: string | null = null;
        do {
          const page = await store.readList(projection, 'log', { limit: 2, before });
          seen.push(...page.entries.map((entry) => entry.id));
          before = page.nextCursor;
        } while (before);
        expect(seen).toEqual(['e5', 'e0', 'e4', 'e3', 'e2', 'e1']);
        expect((await store.readList(projection, 'log', { limit: 6 })).nextCursor).toBeNull();
        expect(await store.readList(projection, 'none')).toEqual({ entries: [], nextCursor: null });
      });
    });

    describe('drop', () => {
      it("removes the checkpoint and the whole read model, and only this projection's", async () => {
        const other = (await store.acquireLease(`${projection}-other`, 'owner-a', 10_000))!;
        const everything = { docs: [{ key: 'a', json: '{}' }], indexAdds: [{ index: 'i', member: 'a', score: 1 }], listAppends: [{ list: 'l', id: 'e', score: 1, entry: {} }] };
        await store.commit(batch(everything), lease);
        await store.commit(batch({ ...everything, projection: `${projection}-other` }), other);
        expect(await store.dropProjection(lease)).toBeGreaterThanOrEqual(3);
        expect(await store.readCheckpoint(projection)).toBeNull();
        expect(await store.getDoc(projection, 'a')).toBeNull();
        expect(await store.indexSize(projection, 'i')).toBe(0);
        expect((await store.readList(projection, 'l')).entries).toEqual([]);
        expect(await store.getDoc(`${projection}-other`, 'a')).toEqual({});
        await store.commit(batch(everything), lease);
        expect(await store.getDoc(projection, 'a')).toEqual({});
      });

      it('is refused to an instance that lost the lease', async () => {
        await store.commit(batch({ docs: [{ key: 'a', json: '{}' }] }), lease);
        await store.seizeLease(projection, 'owner-b', 10_000);
        await expect(store.dropProjection(lease)).rejects.toBeInstanceOf(LeaseLostError);
        expect(await store.getDoc(projection, 'a')).toEqual({});
      });
    });
  });
};
