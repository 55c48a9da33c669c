import { Redis, type RedisOptions } from 'ioredis';
import { parsePosition } from '#libs/event-store';
import type { ReadModelDoc } from '../../projection';
import { decodeListCursor, decodeListMember, encodeListCursor } from '../list-order';
import { CheckpointMovedError, LeaseLostError } from '../read-store.errors';
import type { CommitBatch, DocReadOptions, Lease, ListPage, Order, RangeOptions, RankedMember, ReadStore, StoredCheckpoint } from '../read-store.port';
import { assembleDoc, type StoredDocText } from '../stored-doc';
import { encodeCommit, leaseValue } from './commit-encoding';
import { DEFAULT_READ_MODEL_PREFIX, RedisKeys } from './redis-keys';
import * as scripts from './redis-scripts';

type Args = (string | number | Buffer)[];

/** The scripts, registered with ioredis (EVALSHA, falling back to EVAL); each takes [numkeys, ...keys, ...argv]. */
interface ScriptCommands {
  rapportCommit(args: Args): Promise<string>;
  /** Per document: its head (null when absent) and its tails hash as [field, value, …]. */
  rapportLoadDocs(args: Args): Promise<[string | null, string[]][]>;
  rapportFencedUnlink(args: Args): Promise<number>;
  rapportAcquireLease(args: Args): Promise<string | null>;
  rapportSeizeLease(args: Args): Promise<string>;
  rapportRenewLease(args: Args): Promise<number>;
  rapportReleaseLease(args: Args): Promise<number>;
}

const SCRIPTS: Record<keyof ScriptCommands, string> = {
  rapportCommit: scripts.COMMIT_SCRIPT,
  rapportLoadDocs: scripts.LOAD_DOCS_SCRIPT,
  rapportFencedUnlink: scripts.FENCED_UNLINK_SCRIPT,
  rapportAcquireLease: scripts.ACQUIRE_LEASE_SCRIPT,
  rapportSeizeLease: scripts.SEIZE_LEASE_SCRIPT,
  rapportRenewLease: scripts.RENEW_LEASE_SCRIPT,
  rapportReleaseLease: scripts.RELEASE_LEASE_SCRIPT,
};

const SCAN_COUNT = 1000;

export interface RedisReadStoreOptions {
  /** Prefix of every key. Default `rapport:`. */
  readonly prefix?: string;
  /** Close the connection on `close()`. Default true. */
  readonly ownsConnection?: boolean;
}

/** Commands are not resent forever: the projector retries with backoff and resumes from its checkpoint. */
export const READ_STORE_REDIS_OPTIONS: RedisOptions = { maxRetriesPerRequest: 1, enableAutoPipelining: false };

/** Read models in Redis; see redis-keys.ts for the layout and redis-scripts.ts for the atomic writes. */
export class RedisReadStore implements ReadStore {
  readonly keys: RedisKeys;
  private readonly commands: ScriptCommands;
  private readonly ownsConnection: boolean;

  constructor(
    readonly redis: Redis,
    options: RedisReadStoreOptions = {},
  ) {
    this.keys = new RedisKeys(options.prefix ?? DEFAULT_READ_MODEL_PREFIX);
    this.ownsConnection = options.ownsConnection ?? true;
    for (const [name, lua] of Object.entries(SCRIPTS)) if (!(name in redis)) redis.defineCommand(name, { lua });
    this.commands = redis as unknown as ScriptCommands;
  }

  async loadDocs(projection: string, keys: readonly string[]): Promise<(StoredDocText | null)[]> {
    if (keys.length === 0) return [];
    const keyList = keys.flatMap((key) => [this.keys.doc(projection, key), this.keys.tails(projection, key)]);
    const found = await this.commands.rapportLoadDocs([keyList.length, ...keyList]);
    return found.map(([head, fields]) => {
      if (head === null) return null;
      const tails: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) tails[fields[i]] = fields[i + 1];
      return { head, tails };
    });
  }

  async commit(batch: CommitBatch, lease: Lease): Promise<void> {
    const { keys, args } = encodeCommit(this.keys, batch, lease);
    try {
      // One Buffer argument puts ioredis in buffer mode: it writes each argument into one buffer, where
      // otherwise it concatenates a batch's documents into one string of megabytes that V8 then copies
      // into fresh memory, page by page, to send it (which costs most on these virtual machines).
      await this.commands.rapportCommit([Buffer.from(String(keys.length)), ...keys, ...args]);
    } catch (error) {
      throw this.refusal(error, batch.projection);
    }
  }

  async readCheckpoint(projection: string): Promise<StoredCheckpoint | null> {
    const [position, version] = await this.redis.hmget(this.keys.checkpoint(projection), 'position', 'version');
    return position === null ? null : { position: parsePosition(position), version: Number(version) };
  }

  async dropProjection(lease: Lease): Promise<number> {
    const { projection } = lease;
    const fenced = async (keys: string[]) => {
      try {
        return await this.commands.rapportFencedUnlink([keys.length + 1, this.keys.lease(projection), ...keys, leaseValue(lease)]);
      } catch (error) {
        throw this.refusal(error, projection);
      }
    };
    // The checkpoint goes first: a drop cut short leaves no checkpoint, which the next start takes for "rebuild".
    await fenced([this.keys.checkpoint(projection)]);
    let dropped = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.keys.readModelPattern(projection), 'COUNT', SCAN_COUNT);
      if (keys.length > 0) dropped += await fenced(keys);
      cursor = next;
    } while (cursor !== '0');
    return dropped;
  }

  async acquireLease(projection: string, owner: string, ttlMs: number): Promise<Lease | null> {
    const value = await this.commands.rapportAcquireLease([2, this.keys.lease(projection), this.keys.fence(projection), owner, ttlMs]);
    return value === null ? null : toLease(projection, owner, value);
  }

  async seizeLease(projection: string, owner: string, ttlMs: number): Promise<Lease> {
    const value = await this.commands.rapportSeizeLease([2, this.keys.lease(projection), this.keys.fence(projection), owner, ttlMs]);
    return toLease(projection, owner, value);
  }

  async renewLease(lease: Lease, ttlMs: number): Promise<boolean> {
    return (await this.commands.rapportRenewLease([1, this.keys.lease(lease.projection), leaseValue(lease), ttlMs])) === 1;
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.commands.rapportReleaseLease([1, this.keys.lease(lease.projection), leaseValue(lease)]);
  }

  async getDoc<D extends ReadModelDoc = ReadModelDoc>(projection: string, key: string, options?: DocReadOptions): Promise<D | null> {
    const [doc] = await this.getDocs<D>(projection, [key], options);
    return doc;
  }

  async getDocs<D extends ReadModelDoc = ReadModelDoc>(projection: string, keys: readonly string[], options: DocReadOptions = {}): Promise<(D | null)[]> {
    if (options.appendOnlyArrays === false) {
      if (keys.length === 0) return [];
      const heads = await this.redis.mget(keys.map((key) => this.keys.doc(projection, key)));
      return heads.map((head) => (head === null ? null : (JSON.parse(head) as D)));
    }
    return (await this.loadDocs(projection, keys)).map((stored) => (stored === null ? null : assembleDoc<D>(stored)));
  }

  async rangeIndex(projection: string, index: string, options: RangeOptions = {}): Promise<RankedMember[]> {
    const start = options.offset ?? 0;
    if (options.count !== undefined && options.count <= 0) return [];
    const stop = options.count === undefined ? -1 : start + options.count - 1;
    const key = this.keys.index(projection, index);
    const flat = options.order === 'desc' ? await this.redis.zrange(key, start, stop, 'REV', 'WITHSCORES') : await this.redis.zrange(key, start, stop, 'WITHSCORES');
    const members: RankedMember[] = [];
    for (let i = 0; i < flat.length; i += 2) members.push({ member: flat[i], score: Number(flat[i + 1]) });
    return members;
  }

  async rankOf(projection: string, index: string, member: string, order: Order = 'asc'): Promise<{ rank: number; score: number } | null> {
    const key = this.keys.index(projection, index);
    const pipeline = this.redis.pipeline();
    if (order === 'desc') pipeline.zrevrank(key, member);
    else pipeline.zrank(key, member);
    pipeline.zscore(key, member);
    const [[rankError, rank], [scoreError, score]] = (await pipeline.exec()) as [Error | null, unknown][];
    if (rankError || scoreError) throw rankError ?? scoreError;
    return rank === null || score === null ? null : { rank: Number(rank), score: Number(score) };
  }

  async indexSize(projection: string, index: string): Promise<number> {
    return this.redis.zcard(this.keys.index(projection, index));
  }

  async readList(projection: string, list: string, options: { limit?: number; before?: string | null } = {}): Promise<ListPage> {
    const limit = Math.max(1, options.limit ?? 20);
    const max = options.before ? `(${decodeListCursor(options.before)}` : '+';
    const members = (await this.redis.call('ZRANGE', this.keys.list(projection, list), max, '-', 'BYLEX', 'REV', 'LIMIT', 0, limit + 1)) as string[];
    const page = members.slice(0, limit).map(decodeListMember);
    return {
      entries: page.map(({ id, score, json }) => ({ id, score, entry: JSON.parse(json) as ReadModelDoc })),
      nextCursor: members.length > limit ? encodeListCursor(page[page.length - 1].sortKey) : null,
    };
  }

  async close(): Promise<void> {
    if (this.ownsConnection && this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private refusal(error: unknown, projection: string): unknown {
    const message = error instanceof Error ? error.message : '';
    if (message.includes('FENCED')) return new LeaseLostError(projection);
    if (message.includes('CHECKPOINT_MOVED')) return new CheckpointMovedError(projection);
    return error;
  }
}

const toLease = (projection: string, owner: string, value: string): Lease => ({
  projection,
  owner,
  token: Number(value.slice(value.lastIndexOf('#') + 1)),
});
