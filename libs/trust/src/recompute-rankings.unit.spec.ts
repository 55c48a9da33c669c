import { DEFAULT_SCORING_POLICY } from '#libs/scoring';
import { DEFAULT_TRUST_POLICY, type Leaderboards, leaderboardsFrom, recomputeRankings, updatePartyRanking } from '#libs/trust';
import { DAY_MS } from '../test/history';
import { AS_OF, market } from '../test/market';

const policies = { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };
const AS_OF_MS = Date.parse(AS_OF);
const copy = (boards: Leaderboards): Leaderboards => leaderboardsFrom([...boards.values()].flatMap((b) => b.entries.map((e) => ({ index: b.index, ...e }))));
const plain = (boards: Leaderboards) => Object.fromEntries([...boards].map(([index, b]) => [index, b.entries]));

describe('the full recompute', () => {
  const history = market({ seed: 7, suppliers: 12, clients: 30, ring: 5 });
  const parties = history.evidence(AS_OF);
  const full = recomputeRankings({ parties, asOf: AS_OF, policies });

  it('ranks every party with a rating in each role, overall, by industry and by region, under the read models’ key names', () => {
    const indexes = [...full.leaderboards.keys()].sort();
    expect(indexes).toEqual(expect.arrayContaining(['rankings:client:all', 'rankings:supplier:all', 'rankings:supplier:industry:software', 'rankings:client:region:bretagne']));
    expect(indexes.every((i) => /^rankings:(client|supplier):(all|industry:[a-z0-9-]+|region:[a-z0-9-]+)$/.test(i))).toBe(true);
    const suppliers = parties.filter((p) => p.asSupplier !== null).map((p) => p.partyId).sort();
    expect(full.leaderboards.get('rankings:supplier:all')?.entries.map((e) => e.member).sort()).toEqual(suppliers);
    expect(full.policyVersions).toEqual({ scoring: DEFAULT_SCORING_POLICY.version, trust: DEFAULT_TRUST_POLICY.version });
  });

  it('gives the same leaderboards for the same evidence', () => {
    expect(plain(recomputeRankings({ parties, asOf: AS_OF, policies }).leaderboards)).toEqual(plain(full.leaderboards));
  });

  it('gives the same scores whatever the order of the parties', () => {
    const reversed = recomputeRankings({ parties: [...parties].reverse(), asOf: AS_OF, policies });
    for (const [id, scores] of full.scores) {
      for (const role of ['client', 'supplier'] as const) {
        const other = reversed.scores.get(id)?.[role];
        expect(other === null).toBe(scores[role] === null);
        if (other && scores[role]) expect(other.rankingScore).toBeCloseTo(scores[role].rankingScore, 9);
      }
    }
  });

  // A late delivery is evidence about the supplier only, a late payment about the client only.
  it.each([
    ['s3', 'delivers late'],
    ['veteran', 'delivers late'],
    ['ring2', 'delivers late'],
    ['c4', 'pays late'],
    ['ring3', 'pays late'],
  ])('moves %s, which %s, incrementally to exactly where a full recompute with the same rater weights puts it', (partyId, what) => {
    const before = history.events.length;
    const at = AS_OF_MS - 200 * DAY_MS;
    for (let k = 0; k < 8; k++) {
      if (what === 'pays late') history.payInvoice('s0', partyId, at - (60 + k) * DAY_MS, 90, true);
      else history.deliver(partyId, 'c0', at - k * DAY_MS, 30, true);
    }
    const changed = history.evidence(AS_OF);
    history.events.length = before;
    const boards = copy(full.leaderboards);
    const party = changed.find((p) => p.partyId === partyId);
    if (party === undefined) throw new Error(`no ${partyId}`);
    const update = updatePartyRanking(boards, party, full.weightOf, policies, AS_OF);
    const recomputed = recomputeRankings({ parties: changed, asOf: AS_OF, policies, weights: full.weightOf });
    expect(update.changes.length).toBeGreaterThan(0);
    for (const change of update.changes) expect(change.after).toBe(recomputed.leaderboards.get(change.index)?.entries.findIndex((e) => e.member === partyId));
    expect(plain(boards)).toEqual(plain(recomputed.leaderboards));
    expect(update.changes.some((c) => c.after !== c.before)).toBe(true);
  });
});
