import fc from 'fast-check';
import { type IndexEntry, leaderboardsFrom, moveParty, rankIn } from '#libs/trust';

const entry = (index: string, member: string, score: number): IndexEntry => ({ index, member, score });
const members = (boards: ReturnType<typeof leaderboardsFrom>) => Object.fromEntries([...boards].map(([index, b]) => [index, b.entries.map((e) => `${e.member}:${e.score}`)]));

describe('leaderboards', () => {
  it('sort best first and, on equal scores, by member in reverse order, as ZRANGE … REV does', () => {
    const boards = leaderboardsFrom([entry('x', 'b', 50), entry('x', 'a', 50), entry('x', 'c', 70), entry('x', 'd', 10)]);
    expect(members(boards)).toEqual({ x: ['c:70', 'b:50', 'a:50', 'd:10'] });
    expect(['c', 'b', 'a', 'd', 'z'].map((m) => rankIn(boards.get('x'), m))).toEqual([0, 1, 2, 3, null]);
  });

  it('move one party: it leaves the boards it is no longer in, joins new ones, and says where it stood and stands', () => {
    const boards = leaderboardsFrom([entry('all', 'a', 90), entry('all', 'b', 80), entry('all', 'c', 70), entry('old', 'c', 1)]);
    const changes = moveParty(boards, 'c', [entry('all', 'c', 85), entry('new', 'c', 5)]);
    expect(changes).toEqual([
      { index: 'all', member: 'c', score: 85, before: 2, after: 1 },
      { index: 'new', member: 'c', score: 5, before: null, after: 0 },
      { index: 'old', member: 'c', score: null, before: 0, after: null },
    ]);
    expect(members(boards)).toEqual({ all: ['a:90', 'c:85', 'b:80'], new: ['c:5'] });
  });

  it('end up, after any moves, as if built from scratch from everyone’s latest entries', () => {
    const scores = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.constantFrom('i1', 'i2', 'i3'), fc.integer({ min: 0, max: 5 })), { maxLength: 30 });
    fc.assert(
      fc.property(scores, fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'g'), scores), { maxLength: 8 }), (initial, moves) => {
        const latest = new Map<string, IndexEntry>();
        for (const [member, index, score] of initial) latest.set(`${index}/${member}`, entry(index, member, score));
        const boards = leaderboardsFrom(latest.values());
        for (const [member, next] of moves) {
          const entries = [...new Map(next.map(([, index, score]) => [index, entry(index, member, score)])).values()];
          moveParty(boards, member, entries);
          for (const key of [...latest.keys()]) if (key.endsWith(`/${member}`)) latest.delete(key);
          for (const e of entries) latest.set(`${e.index}/${member}`, e);
        }
        expect(members(boards)).toEqual(members(leaderboardsFrom(latest.values())));
      }),
    );
  });
});
