import fc from 'fast-check';
import { DEFAULT_SCORING_POLICY, ledgerOf, rateLedger } from '#libs/scoring';
import { DEFAULT_TRUST_POLICY, NEWCOMER, type PartyEvidence, type RaterWeight, evidenceShares, trustAdjustedScore } from '#libs/trust';
import { DAY_MS, History, YEAR_MS } from '../test/history';
import { AS_OF, market } from '../test/market';

const policies = { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };
const AS_OF_MS = Date.parse(AS_OF);
const FULL: RaterWeight = { fairness: 1, standing: 1 };
const iso = (ms: number) => new Date(ms).toISOString();

/** A market plus the rarer kinds of evidence: retaliation, a walk-out, disputes and legal action by outcome. */
const withConflict = (): History => {
  const history = market({ seed: 3, suppliers: 6, clients: 12, ring: 4 });
  const at = (daysAgo: number) => iso(AS_OF_MS - daysAgo * DAY_MS);
  history.record('LegalActionTaken', 's0', 'c0', { legalActionId: 'law-1', takenBy: 's0', kind: 'lawsuit', grounds: 'review', takenAt: at(40) });
  history.record('EngagementEnded', 's1', 'c1', { engagementId: 'eng-x', endedBy: 'c1', reason: 'Left', amicable: false, handoverArranged: false, endedAt: at(30) });
  history.record('DisputeRaised', 's2', 'c2', { disputeId: 'd-1', raisedBy: 'c2', reason: 'Invoice wrong', raisedAt: at(300) });
  history.record('DisputeResolved', 's2', 'c2', { disputeId: 'd-1', outcome: 'rejected', resolvedAt: at(200) });
  history.record('DisputeRaised', 's3', 'c3', { disputeId: 'd-2', raisedBy: 'c3', reason: 'Late work', raisedAt: at(300) });
  history.record('DisputeResolved', 's3', 'c3', { disputeId: 'd-2', outcome: 'upheld', resolvedAt: at(100) }, true);
  history.record('LegalActionTaken', 's4', 'c4', { legalActionId: 'law-2', takenBy: 's4', kind: 'lawsuit', grounds: 'non_payment', takenAt: at(500) });
  history.record('LegalActionConcluded', 's4', 'c4', { legalActionId: 'law-2', outcome: 'won', concludedAt: at(100) });
  return history;
};

describe('the trust-adjusted score', () => {
  const history = withConflict();
  const parties = history.evidence(AS_OF);

  it('is exactly scoring’s score and ranking score when every rater is fair and established', () => {
    const ratings = rateLedger(ledgerOf(history.events), DEFAULT_SCORING_POLICY, AS_OF);
    let compared = 0;
    for (const party of parties) {
      for (const [role, field, rating] of [['client', 'asClient', ratings.get(party.partyId)?.asClient], ['supplier', 'asSupplier', ratings.get(party.partyId)?.asSupplier]] as const) {
        const items = party[field];
        expect(items === null).toBe(rating === null || rating === undefined);
        if (items === null || !rating) continue;
        const adjusted = trustAdjustedScore(role, items, () => FULL, policies, AS_OF_MS);
        expect([adjusted.score, adjusted.rankingScore, adjusted.confidence]).toEqual([rating.score, rating.rankingScore, rating.confidence]);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(ratings.get('s0')?.asSupplier?.flags).toHaveLength(1);
  });

  it('stays within 0 ≤ ranking score ≤ score ≤ 100 and confidence within [0, 1], whatever the raters’ weights', () => {
    const weight = fc.record({ fairness: fc.double({ min: 0, max: 1, noNaN: true }), standing: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...parties.map((p) => p.partyId)), weight), fc.constantFrom(...parties), (weights, party: PartyEvidence) => {
        for (const [role, items] of [['client', party.asClient], ['supplier', party.asSupplier]] as const) {
          if (items === null) continue;
          const s = trustAdjustedScore(role, items, (id) => weights[id] ?? NEWCOMER, policies, AS_OF_MS);
          expect(0 <= s.rankingScore && s.rankingScore <= s.score + 1e-9 && s.score <= 100).toBe(true);
          expect(s.confidence >= 0 && s.confidence <= 1).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never discounts the party’s own acts, and keeps a floor under attested evidence', () => {
    const nobody: RaterWeight = { fairness: 0, standing: 0 };
    expect(evidenceShares({ kind: 'retaliation', attested: false }, nobody, DEFAULT_TRUST_POLICY)).toEqual({ earned: 1, unearned: 0 });
    expect(evidenceShares({ kind: 'paid-on-time', attested: true }, nobody, DEFAULT_TRUST_POLICY)).toEqual({ earned: DEFAULT_TRUST_POLICY.attestedFloor, unearned: 0 });
    expect(evidenceShares({ kind: 'feedback-positive', attested: false }, { fairness: 0.8, standing: 0.25 }, DEFAULT_TRUST_POLICY)).toEqual({ earned: 0.2, unearned: 0.6000000000000001 });
  });
});

describe('two raters who disagree about two suppliers: one praises p and pans q, the other the reverse', () => {
  const history = new History();
  const start = AS_OF_MS - 2 * YEAR_MS;
  for (const [rater, p, q] of [['r1', 5, 1], ['r2', 1, 5]] as const) {
    for (let k = 0; k < 8; k++) {
      for (const [supplier, stars] of [['p', p], ['q', q]] as const) {
        const engagementId = history.engage(supplier, rater, start + k * DAY_MS);
        history.feedback(supplier, rater, engagementId, rater, stars, start + (200 + k) * DAY_MS);
      }
    }
  }
  const evidence = new Map(history.evidence(AS_OF).map((party) => [party.partyId, party.asSupplier ?? []]));
  const score = (supplier: string, weights: Record<string, RaterWeight>) =>
    trustAdjustedScore('supplier', evidence.get(supplier) ?? [], (id) => weights[id] ?? FULL, policies, AS_OF_MS).rankingScore;

  it('ranks them alike when both raters count the same', () => {
    expect(score('p', {})).toBeCloseTo(score('q', {}), 9);
  });

  it.each([
    ['r1 is fair and r2 is not', { r2: { fairness: 0.3, standing: 1 } }, 'p'],
    ['r2 is fair and r1 is not', { r1: { fairness: 0.3, standing: 1 } }, 'q'],
    ['r1 is established and r2 has no standing', { r2: { fairness: 1, standing: 0 } }, 'p'],
  ] as const)('ranks higher the supplier the weightier rater praised when %s', (_case, weights, better) => {
    const worse = better === 'p' ? 'q' : 'p';
    expect(score(better, weights)).toBeGreaterThan(score(worse, weights) + 5);
  });
});

describe('feedback from newcomers without standing', () => {
  const start = AS_OF_MS - 2 * YEAR_MS;
  const fromFans = (n: number) => {
    const crowd = new History();
    for (let i = 0; i < n; i++) {
      const engagementId = crowd.engage('shop', `fan${i}`, start);
      crowd.feedback('shop', `fan${i}`, engagementId, `fan${i}`, 5, start + DAY_MS);
    }
    return crowd.evidence(AS_OF).find((p) => p.partyId === 'shop')?.asSupplier ?? [];
  };
  const score = (n: number, rater: RaterWeight) => trustAdjustedScore('supplier', fromFans(n), () => rater, policies, AS_OF_MS);

  it('counts in full up to the newcomer allowance', () => {
    expect(score(1, NEWCOMER)).toEqual(score(1, FULL));
  });

  it('counts no more however many newcomers there are', () => {
    expect(score(60, NEWCOMER).rankingScore).toBeCloseTo(score(30, NEWCOMER).rankingScore, 9);
    expect(score(60, FULL).rankingScore).toBeGreaterThan(score(30, NEWCOMER).rankingScore + 10);
  });
});
