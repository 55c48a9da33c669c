import { normalizeSegment, rankingIndex, type RankingScope } from '#libs/reputation';
import type { Role } from '#libs/shared-kernel';
import { type IndexEntry, type Leaderboards, type PositionChange, leaderboardsFrom, moveParty } from './leaderboards';
import { type PartyEvidence, establishment, forEachEvidenceEdge } from './party-evidence';
import { type RaterWeight, type TrustWeights, propagateTrust, weightLookup } from './propagate-trust';
import { TrustGraphBuilder } from './trust-graph';
import { type Policies, type RoleScore, trustAdjustedScore } from './weighted-score';

export interface PartyScores {
  readonly partyId: string;
  readonly client: RoleScore | null;
  readonly supplier: RoleScore | null;
}

export interface RecomputeInput {
  readonly parties: readonly PartyEvidence[];
  readonly asOf: string;
  readonly policies: Policies;
  /** Pre-trust of a party (any non-negative scale); by default its `establishment`. */
  readonly preTrust?: (party: PartyEvidence) => number;
  /** Rater weights from an earlier propagation: trust is then not propagated again. */
  readonly weights?: (partyId: string) => RaterWeight;
}

export interface RecomputeResult {
  readonly asOf: string;
  readonly policyVersions: { readonly scoring: string; readonly trust: string };
  /** What propagation learned; null when the weights were given. */
  readonly trust: TrustWeights | null;
  readonly weightOf: (partyId: string) => RaterWeight;
  readonly scores: ReadonlyMap<string, PartyScores>;
  /** Index name (`rankings:<role>:<scope>`) → entries best first: one `ZADD` per entry. */
  readonly leaderboards: Leaderboards;
}

const ROLES = [
  ['client', 'asClient'],
  ['supplier', 'asSupplier'],
] as const satisfies readonly (readonly [Role, keyof PartyEvidence])[];

/** A party's trust-adjusted scores in the roles it has a rating in, with rater weights as given. */
export const rescoreParty = (party: PartyEvidence, weightOf: (partyId: string) => RaterWeight, policies: Policies, asOfMs: number): PartyScores => {
  const [client, supplier] = ROLES.map(([role, field]) => {
    const items = party[field];
    return items === null ? null : trustAdjustedScore(role, items, weightOf, policies, asOfMs);
  });
  return { partyId: party.partyId, client, supplier };
};

/** The scopes a party is ranked in, as the party-profile read model ranks it. */
const scopesOf = (party: Pick<PartyEvidence, 'industry' | 'region'>): RankingScope[] => {
  const scopes: RankingScope[] = [{ kind: 'all' }];
  if (party.industry !== undefined && normalizeSegment(party.industry)) scopes.push({ kind: 'industry', value: party.industry });
  if (party.region !== undefined && normalizeSegment(party.region)) scopes.push({ kind: 'region', value: party.region });
  return scopes;
};

/** Its entries in `rankings:<role>:all|industry:<i>|region:<r>`, scored by the trust-adjusted ranking score. */
export const rankingEntriesOf = (party: Pick<PartyEvidence, 'partyId' | 'industry' | 'region'>, scores: PartyScores): IndexEntry[] =>
  ROLES.flatMap(([role]) => {
    const score = scores[role];
    if (score === null) return [];
    return scopesOf(party).map((scope) => ({ index: rankingIndex(role, scope), member: party.partyId, score: score.rankingScore }));
  });

/**
 * The full recompute: trust propagated over the graph of all evidence (unless weights are given), every
 * party rescored with its evidence weighed by who it comes from, and every leaderboard sorted.
 */
export const recomputeRankings = (input: RecomputeInput): RecomputeResult => {
  const { parties, asOf, policies } = input;
  const asOfMs = Date.parse(asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf must be an ISO-8601 instant, got "${asOf}"`);
  let trust: TrustWeights | null = null;
  let weightOf = input.weights;
  if (weightOf === undefined) {
    const builder = new TrustGraphBuilder(parties.map((p) => p.partyId));
    forEachEvidenceEdge(parties, policies.scoring, asOfMs, (rater, ratee, value, weight) => builder.add(rater, ratee, value, weight));
    const graph = builder.build();
    const preTrustOf = input.preTrust ?? ((party: PartyEvidence) => establishment(party, policies.trust));
    const preTrust = new Float64Array(graph.size);
    parties.forEach((party, i) => (preTrust[i] = preTrustOf(party)));
    trust = propagateTrust(graph, preTrust, policies.trust);
    weightOf = weightLookup(trust);
  }
  const scores = new Map<string, PartyScores>();
  const entries: IndexEntry[] = [];
  for (const party of parties) {
    const partyScores = rescoreParty(party, weightOf, policies, asOfMs);
    scores.set(party.partyId, partyScores);
    for (const entry of rankingEntriesOf(party, partyScores)) entries.push(entry);
  }
  return {
    asOf,
    policyVersions: { scoring: policies.scoring.version, trust: policies.trust.version },
    trust,
    weightOf,
    scores,
    leaderboards: leaderboardsFrom(entries),
  };
};

export interface PartyUpdate {
  readonly scores: PartyScores;
  readonly entries: IndexEntry[];
  readonly changes: PositionChange[];
}

/**
 * The incremental update: one party's evidence changed; rescore it with the rater weights of the last
 * propagation and move it in the leaderboards (in place). The same as a full recompute with those weights.
 */
export const updatePartyRanking = (boards: Leaderboards, party: PartyEvidence, weightOf: (partyId: string) => RaterWeight, policies: Policies, asOf: string): PartyUpdate => {
  const scores = rescoreParty(party, weightOf, policies, Date.parse(asOf));
  const entries = rankingEntriesOf(party, scores);
  return { scores, entries, changes: moveParty(boards, party.partyId, entries) };
};
