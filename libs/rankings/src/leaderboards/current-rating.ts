import { type Grade, gradeFor } from '#libs/scoring';
import { type IndexEntry, type PartyScores, type Policies, type RoleScore } from '#libs/trust';

export interface RoleRating extends RoleScore {
  readonly grade: Grade;
}

/** A party's trust-weighted rating as of a recent instant, decayed to it: what the jobs keep per party. */
export interface CurrentRating {
  readonly partyId: string;
  readonly asOf: string;
  /**
   * The party-profile read model's position (serialized) the evidence was read at or after; null when
   * unknown. A store refuses to replace a rating with one based on an older position.
   */
  readonly basedOn: string | null;
  readonly client: RoleRating | null;
  readonly supplier: RoleRating | null;
  /** The leaderboards it stands on, by index name (`rankings:<role>:<scope>`). */
  readonly boards: readonly string[];
  readonly policyVersions: { readonly scoring: string; readonly trust: string };
}

/** What a job writes for one party: its rating and its leaderboard entries (every other board drops it). */
export interface PartyStanding {
  readonly rating: CurrentRating;
  readonly entries: readonly IndexEntry[];
}

const roleRating = (score: RoleScore | null, policies: Policies): RoleRating | null =>
  score === null ? null : { score: score.score, rankingScore: score.rankingScore, confidence: score.confidence, grade: gradeFor(score.score, policies.scoring) };

export const standingOf = (scores: PartyScores, entries: readonly IndexEntry[], asOf: string, basedOn: string | null, policies: Policies): PartyStanding => ({
  entries,
  rating: {
    partyId: scores.partyId,
    asOf,
    basedOn,
    client: roleRating(scores.client, policies),
    supplier: roleRating(scores.supplier, policies),
    boards: [...new Set(entries.map((e) => e.index))].sort(),
    policyVersions: { scoring: policies.scoring.version, trust: policies.trust.version },
  },
});
