import fc from 'fast-check';
import { decodeListMember, listMember, listSortKey } from './list-order';

const byScoreThenId = (a: { score: number; id: string }, b: { score: number; id: string }) =>
  a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('list order', () => {
  const entry = fc.record({ score: fc.double({ noNaN: true, noDefaultInfinity: true }), id: fc.string({ minLength: 1 }).filter((id) => !id.includes('\u0000')) });

  it('sorts stored entries by score, then id, in plain string order', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const stored = entries.map((e) => ({ ...e, member: listMember(e.score, e.id, '{}') }));
        const byString = [...stored].sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
        const expected = [...stored].sort(byScoreThenId);
        expect(byString.map((e) => [e.score === 0 ? 0 : e.score, e.id])).toEqual(expected.map((e) => [e.score === 0 ? 0 : e.score, e.id]));
      }),
    );
  });

  it('gives back the score, id and JSON it was built from', () => {
    fc.assert(
      fc.property(entry, fc.json(), ({ score, id }, json) => {
        expect(decodeListMember(listMember(score, id, json))).toEqual({ sortKey: listSortKey(score, id), score: score === 0 ? 0 : score, id, json });
      }),
    );
  });
});
