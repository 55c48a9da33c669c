import type { CurrentRating, LeaderboardStore, PartyStanding } from '#libs/rankings';
import { type IndexEntry, type Leaderboards, compareEntries, leaderboardsFrom } from '#libs/trust';

const ALL = 'rankings:client:all';
const SOFTWARE = 'rankings:client:industry:software';
const LOGISTICS = 'rankings:client:industry:logistics';

const rating = (partyId: string, entries: readonly IndexEntry[], basedOn: string | null = null): CurrentRating => ({
  partyId,
  asOf: '2026-01-05T00:00:00.000Z',
  basedOn,
  client: entries.length === 0 ? null : { score: entries[0].score + 1, rankingScore: entries[0].score, confidence: 0.5, grade: 'B' },
  supplier: null,
  boards: [...new Set(entries.map((e) => e.index))].sort(),
  policyVersions: { scoring: 's', trust: 't' },
});

const standing = (partyId: string, scores: Record<string, number>, basedOn: string | null = null): PartyStanding => {
  const entries = Object.entries(scores).map(([index, score]) => ({ index, member: partyId, score }));
  return { entries, rating: rating(partyId, entries, basedOn) };
};

/** The same rules for every leaderboard store: the jobs' results must not depend on where the boards live. */
export const describeLeaderboardStoreContract = (name: string, open: () => Promise<LeaderboardStore>, close: (store: LeaderboardStore) => Promise<void> = async () => undefined): void => {
  describe(`${name} leaderboard store`, () => {
    let store: LeaderboardStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(() => close(store));

    it('ranks best first, equal scores by member in reverse byte order, as the trust lib sorts them', async () => {
      const scores = { a: 50, b: 70, c: 50, d: 90, e: 50.5 };
      await store.applyStandings(Object.entries(scores).map(([id, score]) => standing(id, { [ALL]: score })));
      const expected = Object.entries(scores).map(([member, score]) => ({ member, score })).sort(compareEntries);
      expect(await store.range(ALL)).toEqual(expected);
      expect(await store.range(ALL, { offset: 1, count: 2 })).toEqual(expected.slice(1, 3));
      expect(await store.rankOf(ALL, 'c')).toEqual({ rank: expected.findIndex((e) => e.member === 'c'), score: 50 });
      expect(await store.rankOf(ALL, 'nobody')).toBeNull();
      expect(await store.size(ALL)).toBe(5);
    });

    it('moves a party: it takes its new entries and leaves the boards it no longer stands on', async () => {
      await store.applyStandings([standing('a', { [ALL]: 60, [SOFTWARE]: 60 }), standing('b', { [ALL]: 40, [SOFTWARE]: 40 })]);
      await store.applyStandings([standing('a', { [ALL]: 30, [LOGISTICS]: 30 })]);
      expect(await store.range(ALL)).toEqual([{ member: 'b', score: 40 }, { member: 'a', score: 30 }]);
      expect(await store.range(SOFTWARE)).toEqual([{ member: 'b', score: 40 }]);
      expect(await store.range(LOGISTICS)).toEqual([{ member: 'a', score: 30 }]);
      await store.applyStandings([standing('b', { [ALL]: 40 })]);
      expect(await store.boards()).toEqual([ALL, LOGISTICS].sort());
      expect((await store.currentRatings(['a', 'zz']))[0]?.boards).toEqual([ALL, LOGISTICS].sort());
      expect((await store.currentRatings(['a', 'zz']))[1]).toBeNull();
    });

    it('refuses a standing based on an older read-model position than the one it holds', async () => {
      expect(await store.applyStandings([standing('a', { [ALL]: 60 }, '10/10')])).toBe(1);
      expect(await store.applyStandings([standing('a', { [ALL]: 20 }, '9/99')])).toBe(0);
      expect(await store.rankOf(ALL, 'a')).toEqual({ rank: 0, score: 60 });
      expect(await store.applyStandings([standing('a', { [ALL]: 70 }, '10/10'), standing('b', { [ALL]: 10 }, null)])).toBe(2);
      expect(await store.applyStandings([standing('a', { [ALL]: 80 }, '100/0')])).toBe(1);
      expect((await store.currentRatings(['a']))[0]?.basedOn).toBe('100/0');
    });

    it('swaps whole boards in, drops the others, and replaces the weights only when given', async () => {
      await store.applyStandings([standing('old', { [ALL]: 99, [SOFTWARE]: 99 })]);
      const boards: Leaderboards = leaderboardsFrom([
        { index: ALL, member: 'x', score: 10 },
        { index: ALL, member: 'y', score: 20 },
        { index: LOGISTICS, member: 'y', score: 20 },
      ]);
      await store.replaceBoards('run1', boards, new Map([['x', { fairness: 0.5, standing: 0.25 }]]));
      expect(await store.boards()).toEqual([ALL, LOGISTICS].sort());
      expect(await store.range(ALL)).toEqual([{ member: 'y', score: 20 }, { member: 'x', score: 10 }]);
      expect(await store.range(SOFTWARE)).toEqual([]);
      expect(await store.weightsOf(['x', 'y'])).toEqual(new Map([['x', { fairness: 0.5, standing: 0.25 }]]));
      await store.replaceBoards('run2', leaderboardsFrom([{ index: ALL, member: 'z', score: 1 / 3 }]), null);
      expect(await store.range(ALL)).toEqual([{ member: 'z', score: 1 / 3 }]);
      expect(await store.weightsOf(['x'])).toEqual(new Map([['x', { fairness: 0.5, standing: 0.25 }]]));
      await store.replaceBoards('run3', new Map(), new Map());
      expect(await store.boards()).toEqual([]);
      expect(await store.weightsOf(['x'])).toEqual(new Map());
    });

    it('tells a rebuild which parties moved while it ran, and no one else', async () => {
      await store.applyStandings([standing('before', { [ALL]: 1 })]);
      await store.beginRebuild('r1');
      await store.applyStandings([standing('during', { [ALL]: 2 }), standing('also', { [ALL]: 3 })]);
      expect(await store.endRebuild('r1')).toEqual(['also', 'during']);
      await store.applyStandings([standing('after', { [ALL]: 4 })]);
      expect(await store.endRebuild('r1')).toEqual([]);
    });

    it('keeps the last run of each job', async () => {
      expect(await store.lastRuns()).toEqual({});
      const run = { job: 'propagate-trust', runId: 'r', asOf: 'a', startedAt: 'b', finishedAt: 'c', parties: 3, boards: 2, policyVersions: { scoring: 's', trust: 't' } };
      await store.recordRun(run);
      await store.recordRun({ ...run, runId: 'r2' });
      expect(await store.lastRuns()).toEqual({ 'propagate-trust': { ...run, runId: 'r2' } });
    });
  });
};
