import type { RankedMember } from '#libs/projector';
import type { Leaderboards, RaterWeight } from '#libs/trust';
import type { CurrentRating, PartyStanding } from './current-rating';

/** What a finished full run (or sweep) left, per job name: when, as of when, over how many parties. */
export interface RankingRun {
  readonly job: string;
  readonly runId: string;
  readonly asOf: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly parties: number;
  readonly boards: number;
  /** Set by `propagate-trust`: the iterations to convergence of both algorithms. */
  readonly trust?: { readonly fairnessGoodness: number; readonly eigenTrust: number; readonly converged: boolean };
  readonly policyVersions: { readonly scoring: string; readonly trust: string };
}

/**
 * The trust-adjusted leaderboards and current ratings as the query side reads them. Index names are the
 * projection's (`rankings:<role>:all|industry:<i>|region:<r>`, from `rankingIndex`), so a reader of the
 * projection's own indexes can be swapped for this one; the order is Redis's `ZRANGE … REV`.
 */
export interface LeaderboardReader {
  /** Best first, `count` from `offset`. */
  range(index: string, options?: { readonly offset?: number; readonly count?: number }): Promise<RankedMember[]>;
  /** 0-based place from the top and score, or null when not on that board. */
  rankOf(index: string, member: string): Promise<{ rank: number; score: number } | null>;
  size(index: string): Promise<number>;
  /** Every board's index name, sorted. */
  boards(): Promise<string[]>;
  currentRatings(partyIds: readonly string[]): Promise<(CurrentRating | null)[]>;
  /** The last finished run of each job, by job name; empty before the first. */
  lastRuns(): Promise<Record<string, RankingRun>>;
}

/** What the jobs write. Every write is idempotent: applying the same thing twice leaves what once does. */
export interface LeaderboardStore extends LeaderboardReader {
  /**
   * Per party, atomically: takes its entries, leaves every board it stood on and has no entry for now,
   * stores its rating. A standing based on an older read-model position than the stored rating is skipped.
   * While a rebuild is under way, each party applied is remembered for `endRebuild`. Returns how many applied.
   */
  applyStandings(standings: readonly PartyStanding[]): Promise<number>;
  /** The rater weights of the last `propagate-trust`, for the parties that have one. */
  weightsOf(partyIds: readonly string[]): Promise<Map<string, RaterWeight>>;
  beginRebuild(runId: string): Promise<void>;
  /**
   * Replaces every board with these (each built aside, then swapped in at once with the others: a reader
   * sees the old boards or the new ones), drops boards not among them, and the weights when given.
   */
  replaceBoards(runId: string, boards: Leaderboards, weights: ReadonlyMap<string, RaterWeight> | null, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Ends the rebuild; answers the parties applied since it began, which the caller recomputes against the new boards. */
  endRebuild(runId: string): Promise<string[]>;
  recordRun(run: RankingRun): Promise<void>;
}
