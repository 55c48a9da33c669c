import { DEFAULT_SCORING_POLICY } from '#libs/scoring';
import { DEFAULT_TRUST_POLICY, type Leaderboard, type RecomputeResult, recomputeRankings } from '#libs/trust';
import { AS_OF, market } from '../test/market';

const policies = { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };
const isRing = (member: string) => member.startsWith('ring');
const RING_BOARDS = ['rankings:supplier:all', 'rankings:client:all', 'rankings:supplier:industry:software', 'rankings:client:region:bretagne'];

const topTenPercent = (board: Leaderboard | undefined) => {
  if (board === undefined) throw new Error('no such leaderboard');
  return board.entries.slice(0, Math.ceil(board.entries.length / 10)).map((e) => e.member);
};
const positions = (result: RecomputeResult, index: string) => {
  const entries = result.leaderboards.get(index)?.entries ?? [];
  return new Map(entries.map((e, i) => [e.member, i]));
};

describe('a collusion ring of 20 fresh accounts giving each other perfect feedback, among established parties', () => {
  const parties = market({ seed: 1, suppliers: 30, clients: 90, ring: 20 }).evidence(AS_OF);
  const trusted = recomputeRankings({ parties, asOf: AS_OF, policies });

  it('reaches the top 10% when every rater counts the same (the attack works on the plain rating)', () => {
    const plain = recomputeRankings({ parties, asOf: AS_OF, policies, weights: () => ({ fairness: 1, standing: 1 }) });
    expect(topTenPercent(plain.leaderboards.get('rankings:client:all')).some(isRing)).toBe(true);
  });

  it.each(RING_BOARDS)('does not reach the top 10%% of %s once raters are weighed by fairness and standing', (index) => {
    expect(topTenPercent(trusted.leaderboards.get(index)).filter(isRing)).toEqual([]);
  });

  it.each(['rankings:supplier:all', 'rankings:supplier:industry:software', 'rankings:supplier:region:bretagne'])(
    'is outranked in %s by the one honest long-standing supplier, and by an honest newcomer its established clients vouch for',
    (index) => {
      const at = positions(trusted, index);
      const bestRing = Math.min(...[...at].filter(([m]) => isRing(m)).map(([, i]) => i));
      expect(at.get('veteran')).toBeLessThan(bestRing);
      expect(at.get('newcomer')).toBeLessThan(bestRing);
    },
  );

  it('holds no standing and so no earned weight, while established parties hold both', () => {
    const trust = trusted.trust;
    if (trust === null) throw new Error('trust was propagated');
    const weightOf = (id: string) => trust.weight[trust.graph.indexOf.get(id) ?? -1];
    for (let i = 0; i < 20; i++) expect(weightOf(`ring${i}`)).toBe(0);
    expect(weightOf('veteran')).toBeGreaterThan(0.5);
    expect(trust.converged).toBe(true);
  });

  it('gains nothing from fabricating five times the evidence', () => {
    const louder = market({ seed: 1, suppliers: 30, clients: 90, ring: 20, ringEngagements: 5 }).evidence(AS_OF);
    const loud = recomputeRankings({ parties: louder, asOf: AS_OF, policies });
    for (const member of ['ring0', 'ring7']) {
      expect(loud.scores.get(member)?.supplier?.rankingScore).toBeCloseTo(trusted.scores.get(member)?.supplier?.rankingScore ?? NaN, 6);
    }
  });
});
