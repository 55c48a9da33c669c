import { assertProjectionName } from '../../projection-name';

/**
 * Key layout, all under the configured prefix (default `rapport:`). Every key of a projection carries
 * the projection's name as a hash tag, `{name}`, so on Redis Cluster they share one slot and a batch
 * stays one atomic script. The read model itself lives under `…:rm:` so a drop can SCAN it by pattern
 * while the lease and its fencing counter, which must outlive a drop, stay outside it.
 *
 *   <prefix>{<name>}:checkpoint        hash: position, version, token of the lease that wrote it
 *   <prefix>{<name>}:lease             string "<owner>#<token>", with an expiry
 *   <prefix>{<name>}:fence             counter: the last lease token granted
 *   <prefix>{<name>}:rm:d:<key>        a document's JSON, without its append-only arrays (see StoredDocText)
 *   <prefix>{<name>}:rm:t:<key>        hash: the paths of the document's append-only arrays (path → '')
 *   <prefix>{<name>}:rm:t:<key>\0<path>  string: that array's elements' JSON joined by commas, APPENDed to
 *   <prefix>{<name>}:rm:i:<index>      sorted set: member → score
 *   <prefix>{<name>}:rm:l:<list>       sorted set, all scores 0: "<sort key>\0<entry JSON>", ranged BYLEX
 *   <prefix>{<name>}:rm:li:<list>      set of the list's entry ids, which makes an append idempotent
 */
export const DEFAULT_READ_MODEL_PREFIX = 'rapport:';

export const assertKeyPrefix = (prefix: string): void => {
  if (/[{}*?[\]\\]/.test(prefix)) throw new TypeError(`Read-model prefix may not hold { } * ? [ ] or \\: ${JSON.stringify(prefix)}`);
};

export class RedisKeys {
  /** Checked names, with their key base: a batch builds thousands of keys of one projection. */
  private readonly bases = new Map<string, string>();

  constructor(private readonly prefix: string) {
    assertKeyPrefix(prefix);
  }

  private base(projection: string): string {
    let base = this.bases.get(projection);
    if (base === undefined) {
      assertProjectionName(projection);
      this.bases.set(projection, (base = `${this.prefix}{${projection}}:`));
    }
    return base;
  }

  checkpoint = (projection: string): string => `${this.base(projection)}checkpoint`;
  lease = (projection: string): string => `${this.base(projection)}lease`;
  fence = (projection: string): string => `${this.base(projection)}fence`;
  doc = (projection: string, key: string): string => `${this.base(projection)}rm:d:${key}`;
  tails = (projection: string, key: string): string => `${this.base(projection)}rm:t:${key}`;
  /** The key of one append-only array: its document's tails key, a NUL and the path, as the scripts derive it too. */
  tail = (projection: string, key: string, path: string): string => `${this.tails(projection, key)}\u0000${path}`;
  index = (projection: string, index: string): string => `${this.base(projection)}rm:i:${index}`;
  list = (projection: string, list: string): string => `${this.base(projection)}rm:l:${list}`;
  listIds = (projection: string, list: string): string => `${this.base(projection)}rm:li:${list}`;
  /** SCAN pattern of the read model; the name is checked above, and glob characters cannot occur in it. */
  readModelPattern = (projection: string): string => `${this.base(projection)}rm:*`;
}
