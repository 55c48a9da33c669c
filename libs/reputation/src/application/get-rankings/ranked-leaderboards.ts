import type { RankedMember } from '#libs/projector';

/**
 * The background jobs' trust-adjusted leaderboards, under the same index names as the profile read
 * model's ranking indexes. Where the app provides them (`RANKED_LEADERBOARDS`), `rankings` reads them once
 * a full recompute has filled them; until then, and where none are provided, the read model's indexes.
 */
export interface RankedLeaderboards {
  /** False until the first full recompute has written the boards. */
  ready(): Promise<boolean>;
  range(index: string, options: { readonly offset: number; readonly count: number }): Promise<RankedMember[]>;
  size(index: string): Promise<number>;
}

export const RANKED_LEADERBOARDS = Symbol('RANKED_LEADERBOARDS');
