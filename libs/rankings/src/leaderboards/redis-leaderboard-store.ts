import type { Redis } from 'ioredis';
import type { RankedMember } from '#libs/projector';
import type { Leaderboards, RaterWeight } from '#libs/trust';
import type { CurrentRating, PartyStanding } from './current-rating';
import type { LeaderboardStore, RankingRun } from './leaderboard-store.port';
import { positionKey } from './position-key';
import { APPLY_STANDING, END_REBUILD, SWAP_BOARDS } from './redis-leaderboard-scripts';

interface ScriptCommands {
  rapportApplyStanding(numKeys: number, ...args: (string | number)[]): Promise<number>;
  rapportSwapBoards(numKeys: number, ...args: (string | number)[]): Promise<number>;
  rapportEndRebuild(numKeys: number, ...args: (string | number)[]): Promise<string[]>;
}

const SCRIPTS: Record<keyof ScriptCommands, string> = {
  rapportApplyStanding: APPLY_STANDING,
  rapportSwapBoards: SWAP_BOARDS,
  rapportEndRebuild: END_REBUILD,
};

const INDEX_PREFIX = 'rankings:';
const ZADD_CHUNK = 1000;
const READ_CHUNK = 5000;
/** A crashed rebuild's temporary keys and flag expire on their own. */
const REBUILD_TTL_MS = 60 * 60 * 1000;

export interface RedisLeaderboardStoreOptions {
  /** Prefix of every key, separator included, e.g. `rapport:worker:`. */
  readonly prefix: string;
  /** Close the connection on `close()`. Default false. */
  readonly ownsConnection?: boolean;
}

const encodeWeight = ({ fairness, standing }: RaterWeight): string => `${fairness} ${standing}`;
const decodeWeight = (text: string): RaterWeight => {
  const [fairness, standing] = text.split(' ').map(Number);
  return { fairness, standing };
};

/**
 * Layout under the prefix:
 *
 *   leaderboard:<role>:<scope>        sorted set: party id → trust-adjusted ranking score
 *   leaderboards                      set of the boards' index names (`rankings:<role>:<scope>`)
 *   current-rating:<partyId>          hash: json (CurrentRating), boards, basedOn (sortable position)
 *   trust-weights                     hash: party id → "<fairness> <standing>"
 *   runs                              hash: job name → json (RankingRun)
 *   rebuilds, rebuild:<run>[:dirty]   rebuilds under way, the parties that moved during each
 *   tmp:<run>:…                       boards and weights being built, renamed into place
 */
export class RedisLeaderboardStore implements LeaderboardStore {
  private readonly commands: ScriptCommands;

  constructor(
    readonly redis: Redis,
    private readonly options: RedisLeaderboardStoreOptions,
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS)) if (!(name in redis)) redis.defineCommand(name, { lua });
    this.commands = redis as unknown as ScriptCommands;
  }

  private key(suffix: string): string {
    return `${this.options.prefix}${suffix}`;
  }

  private boardKey(index: string): string {
    if (!index.startsWith(INDEX_PREFIX)) throw new RangeError(`not a ranking index: ${index}`);
    return this.key(`leaderboard:${index.slice(INDEX_PREFIX.length)}`);
  }

  async range(index: string, options: { offset?: number; count?: number } = {}): Promise<RankedMember[]> {
    const offset = options.offset ?? 0;
    const stop = options.count === undefined ? -1 : offset + options.count - 1;
    if (stop !== -1 && stop < offset) return [];
    const flat = await this.redis.zrange(this.boardKey(index), offset, stop, 'REV', 'WITHSCORES');
    const members: RankedMember[] = [];
    for (let i = 0; i < flat.length; i += 2) members.push({ member: flat[i], score: Number(flat[i + 1]) });
    return members;
  }

  async rankOf(index: string, member: string): Promise<{ rank: number; score: number } | null> {
    const key = this.boardKey(index);
    const [[, rank], [, score]] = ((await this.redis.multi().zrevrank(key, member).zscore(key, member).exec()) ?? []) as [unknown, number | null][];
    return rank === null || score === null ? null : { rank, score: Number(score) };
  }

  size(index: string): Promise<number> {
    return this.redis.zcard(this.boardKey(index));
  }

  async boards(): Promise<string[]> {
    return (await this.redis.smembers(this.key('leaderboards'))).sort();
  }

  async currentRatings(partyIds: readonly string[]): Promise<(CurrentRating | null)[]> {
    if (partyIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of partyIds) pipeline.hget(this.key(`current-rating:${id}`), 'json');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, json]) => {
      if (error) throw error;
      return typeof json === 'string' ? (JSON.parse(json) as CurrentRating) : null;
    });
  }

  async lastRuns(): Promise<Record<string, RankingRun>> {
    const runs = await this.redis.hgetall(this.key('runs'));
    return Object.fromEntries(Object.entries(runs).map(([job, json]) => [job, JSON.parse(json) as RankingRun]));
  }

  async applyStandings(standings: readonly PartyStanding[]): Promise<number> {
    if (standings.length === 0) return 0;
    const pipeline = this.redis.pipeline() as unknown as ScriptCommands & { exec(): Promise<[Error | null, unknown][] | null> };
    for (const { rating, entries } of standings) {
      const pairs = entries.flatMap((e) => [e.index, e.score]);
      for (const e of entries) this.boardKey(e.index);
      pipeline.rapportApplyStanding(
        3,
        this.key(`current-rating:${rating.partyId}`),
        this.key('leaderboards'),
        this.key('rebuilds'),
        this.options.prefix,
        rating.partyId,
        positionKey(rating.basedOn),
        JSON.stringify(rating),
        rating.boards.join('\n'),
        ...pairs,
      );
    }
    let applied = 0;
    for (const [error, result] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      applied += Number(result);
    }
    return applied;
  }

  async weightsOf(partyIds: readonly string[]): Promise<Map<string, RaterWeight>> {
    const found = new Map<string, RaterWeight>();
    for (let i = 0; i < partyIds.length; i += READ_CHUNK) {
      const ids = partyIds.slice(i, i + READ_CHUNK);
      const values = await this.redis.hmget(this.key('trust-weights'), ...ids);
      values.forEach((value, j) => value !== null && found.set(ids[j], decodeWeight(value)));
    }
    return found;
  }

  async beginRebuild(runId: string): Promise<void> {
    const flag = this.key(`rebuild:${runId}`);
    await this.redis.multi().del(`${flag}:dirty`).set(flag, '1', 'PX', REBUILD_TTL_MS).sadd(this.key('rebuilds'), runId).exec();
  }

  async replaceBoards(runId: string, boards: Leaderboards, weights: ReadonlyMap<string, RaterWeight> | null, onProgress?: (done: number, total: number) => void): Promise<void> {
    const swap: string[] = [];
    let done = 0;
    for (const board of boards.values()) {
      const tmp = this.key(`tmp:${runId}:${board.index}`);
      this.boardKey(board.index);
      const pipeline = this.redis.pipeline().del(tmp);
      for (let i = 0; i < board.entries.length; i += ZADD_CHUNK) {
        pipeline.zadd(tmp, ...board.entries.slice(i, i + ZADD_CHUNK).flatMap((e) => [e.score, e.member]));
      }
      await pipeline.pexpire(tmp, REBUILD_TTL_MS).exec();
      swap.push(board.index, tmp);
      onProgress?.(++done, boards.size);
    }
    let weightsKey = '';
    if (weights !== null && weights.size === 0) weightsKey = '-';
    else if (weights !== null) {
      weightsKey = this.key(`tmp:${runId}:trust-weights`);
      const pipeline = this.redis.pipeline().del(weightsKey);
      const all = [...weights];
      for (let i = 0; i < all.length; i += ZADD_CHUNK) {
        pipeline.hset(weightsKey, Object.fromEntries(all.slice(i, i + ZADD_CHUNK).map(([id, w]) => [id, encodeWeight(w)])));
      }
      await pipeline.pexpire(weightsKey, REBUILD_TTL_MS).exec();
    }
    await this.commands.rapportSwapBoards(2, this.key('leaderboards'), this.key('trust-weights'), this.options.prefix, weightsKey, ...swap);
  }

  async endRebuild(runId: string): Promise<string[]> {
    const flag = this.key(`rebuild:${runId}`);
    const dirty = await this.commands.rapportEndRebuild(3, flag, `${flag}:dirty`, this.key('rebuilds'), runId);
    return [...dirty].sort();
  }

  async recordRun(run: RankingRun): Promise<void> {
    await this.redis.hset(this.key('runs'), run.job, JSON.stringify(run));
  }

  async close(): Promise<void> {
    if (this.options.ownsConnection) await this.redis.quit();
  }
}
