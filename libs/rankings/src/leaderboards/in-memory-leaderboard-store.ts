import type { RankedMember } from '#libs/projector';
import { type IndexEntry, type Leaderboards, type RaterWeight, moveParty, rankIn } from '#libs/trust';
import { positionKey } from './position-key';
import type { CurrentRating, PartyStanding } from './current-rating';
import type { LeaderboardStore, RankingRun } from './leaderboard-store.port';

/**
 * The leaderboards in memory, for the embedded mode (one process, no Redis). The same rules as the Redis
 * store: per-party moves, the read-model position guard, boards swapped whole, rebuilds remembering who moved.
 */
export class InMemoryLeaderboardStore implements LeaderboardStore {
  private boardMap: Leaderboards = new Map();
  private readonly ratings = new Map<string, CurrentRating>();
  private weights = new Map<string, RaterWeight>();
  private readonly runs: Record<string, RankingRun> = {};
  private readonly rebuilds = new Map<string, Set<string>>();

  async range(index: string, options: { offset?: number; count?: number } = {}): Promise<RankedMember[]> {
    const offset = options.offset ?? 0;
    const entries = this.boardMap.get(index)?.entries ?? [];
    return entries.slice(offset, options.count === undefined ? undefined : offset + options.count).map(({ member, score }) => ({ member, score }));
  }

  async rankOf(index: string, member: string): Promise<{ rank: number; score: number } | null> {
    const board = this.boardMap.get(index);
    const rank = rankIn(board, member);
    const score = board?.scoreOf.get(member);
    return rank === null || score === undefined ? null : { rank, score };
  }

  async size(index: string): Promise<number> {
    return this.boardMap.get(index)?.entries.length ?? 0;
  }

  async boards(): Promise<string[]> {
    return [...this.boardMap.keys()].sort();
  }

  async currentRatings(partyIds: readonly string[]): Promise<(CurrentRating | null)[]> {
    return partyIds.map((id) => this.ratings.get(id) ?? null);
  }

  async lastRuns(): Promise<Record<string, RankingRun>> {
    return { ...this.runs };
  }

  async applyStandings(standings: readonly PartyStanding[]): Promise<number> {
    let applied = 0;
    for (const { rating, entries } of standings) {
      const stored = this.ratings.get(rating.partyId);
      if (stored !== undefined && positionKey(stored.basedOn) > positionKey(rating.basedOn)) continue;
      moveParty(this.boardMap, rating.partyId, entries as IndexEntry[]);
      this.ratings.set(rating.partyId, rating);
      for (const dirty of this.rebuilds.values()) dirty.add(rating.partyId);
      applied += 1;
    }
    return applied;
  }

  async weightsOf(partyIds: readonly string[]): Promise<Map<string, RaterWeight>> {
    const found = new Map<string, RaterWeight>();
    for (const id of partyIds) {
      const weight = this.weights.get(id);
      if (weight !== undefined) found.set(id, weight);
    }
    return found;
  }

  async beginRebuild(runId: string): Promise<void> {
    this.rebuilds.set(runId, new Set());
  }

  async replaceBoards(_runId: string, boards: Leaderboards, weights: ReadonlyMap<string, RaterWeight> | null, onProgress?: (done: number, total: number) => void): Promise<void> {
    // Copies: the caller keeps its leaderboards, and later moves here must not reach them.
    const copy: Leaderboards = new Map();
    for (const [index, board] of boards) copy.set(index, { index, entries: board.entries.map((e) => ({ ...e })), scoreOf: new Map(board.scoreOf) });
    this.boardMap = copy;
    if (weights !== null) this.weights = new Map(weights);
    onProgress?.(boards.size, boards.size);
  }

  async endRebuild(runId: string): Promise<string[]> {
    const dirty = this.rebuilds.get(runId) ?? new Set<string>();
    this.rebuilds.delete(runId);
    return [...dirty].sort();
  }

  async recordRun(run: RankingRun): Promise<void> {
    this.runs[run.job] = run;
  }
}
