import type { RankedMember } from '#libs/projector';
import type { CurrentRating, LeaderboardReader } from '#libs/rankings';

export interface BoardsSnapshot {
  readonly boards: Record<string, RankedMember[]>;
  readonly ratings: Record<string, CurrentRating | null>;
}

/** Every board in full and the ratings of the given parties: what "the same result" compares. */
export const snapshotOf = async (reader: LeaderboardReader, partyIds: readonly string[]): Promise<BoardsSnapshot> => {
  const boards: Record<string, RankedMember[]> = {};
  for (const index of await reader.boards()) boards[index] = await reader.range(index);
  const ratings = await reader.currentRatings(partyIds);
  return { boards, ratings: Object.fromEntries(partyIds.map((id, i) => [id, ratings[i]])) };
};

/** The top tenth of a board (rounded up), best first. */
export const topTenth = (members: readonly RankedMember[]): string[] => members.slice(0, Math.ceil(members.length / 10)).map((m) => m.member);
