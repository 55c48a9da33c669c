/** One `ZADD <index> <score> <member>`: the shape of the projector's index entries. */
export interface IndexEntry {
  readonly index: string;
  readonly member: string;
  readonly score: number;
}

export interface LeaderboardEntry {
  readonly member: string;
  readonly score: number;
}

/** A sorted set held in memory: entries best first, as `ZRANGE <index> 0 -1 REV WITHSCORES` returns them. */
export interface Leaderboard {
  readonly index: string;
  readonly entries: LeaderboardEntry[];
  readonly scoreOf: Map<string, number>;
}

export type Leaderboards = Map<string, Leaderboard>;

/** Redis's reverse order: higher score first, equal scores by member in reverse byte order. */
export const compareEntries = (a: LeaderboardEntry, b: LeaderboardEntry): number =>
  b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0);

export const leaderboardsFrom = (entries: Iterable<IndexEntry>): Leaderboards => {
  const boards: Leaderboards = new Map();
  for (const { index, member, score } of entries) {
    const board = boardOf(boards, index);
    if (board.scoreOf.has(member)) throw new RangeError(`${member} appears twice in ${index}`);
    board.entries.push({ member, score });
    board.scoreOf.set(member, score);
  }
  for (const board of boards.values()) board.entries.sort(compareEntries);
  return boards;
};

const boardOf = (boards: Leaderboards, index: string): Leaderboard => {
  let board = boards.get(index);
  if (board === undefined) boards.set(index, (board = { index, entries: [], scoreOf: new Map() }));
  return board;
};

/** Where `entry` stands or would stand: the first position not ahead of it. */
const positionOf = (entries: readonly LeaderboardEntry[], entry: LeaderboardEntry): number => {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(entries[mid], entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** 0-based position from the top, as `ZREVRANK`; null when not ranked there. */
export const rankIn = (board: Leaderboard | undefined, member: string): number | null => {
  const score = board?.scoreOf.get(member);
  return board === undefined || score === undefined ? null : positionOf(board.entries, { member, score });
};

/** A party's position in one leaderboard before and after an update; null where it was or is not ranked. */
export interface PositionChange {
  readonly index: string;
  readonly member: string;
  readonly score: number | null;
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * Moves one party to its new entries, in place (the caller owns the leaderboards, as a worker owns its
 * sorted sets): it leaves the leaderboards it is no longer in and takes its new score in the others. Returns
 * its position changes, every leaderboard it was or is in, sorted by index name.
 */
export const moveParty = (boards: Leaderboards, member: string, entries: readonly IndexEntry[]): PositionChange[] => {
  const next = new Map(entries.filter((e) => e.member === member).map((e) => [e.index, e.score]));
  const touched = new Set(next.keys());
  for (const board of boards.values()) if (board.scoreOf.has(member)) touched.add(board.index);
  const changes: PositionChange[] = [];
  for (const index of [...touched].sort()) {
    const board = boardOf(boards, index);
    const before = rankIn(board, member);
    if (before !== null) {
      board.entries.splice(before, 1);
      board.scoreOf.delete(member);
    }
    const score = next.get(index);
    let after: number | null = null;
    if (score !== undefined) {
      after = positionOf(board.entries, { member, score });
      board.entries.splice(after, 0, { member, score });
      board.scoreOf.set(member, score);
    }
    if (board.entries.length === 0) boards.delete(index);
    changes.push({ index, member, score: score ?? null, before, after });
  }
  return changes;
};
