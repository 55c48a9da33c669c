/**
 * Lists are read newest first with a cursor that stays exact however many entries share a score. Each
 * entry is stored as one string — its score as 16 order-preserving hex digits, its id, a NUL, its JSON —
 * so that plain byte order is (score, id) order: Redis keeps these in a sorted set of equal scores and
 * pages them with ZRANGE BYLEX in one round trip; the in-memory store sorts them with `<`.
 */
const view = new DataView(new ArrayBuffer(8));
const SIGN = 1n << 63n;
const ALL = (1n << 64n) - 1n;
const SEPARATOR = '\u0000';

export const listSortKey = (score: number, id: string): string => {
  view.setFloat64(0, score === 0 ? 0 : score);
  const bits = view.getBigUint64(0);
  const ordered = bits & SIGN ? ~bits & ALL : bits | SIGN;
  return `${ordered.toString(16).padStart(16, '0')}:${id}`;
};

/** The stored form of an entry: NUL sorts below every other character, so (score, id) order holds. */
export const listMember = (score: number, id: string, json: string): string => `${listSortKey(score, id)}${SEPARATOR}${json}`;

export interface DecodedListMember {
  readonly sortKey: string;
  readonly id: string;
  readonly score: number;
  readonly json: string;
}

export const decodeListMember = (member: string): DecodedListMember => {
  const cut = member.indexOf(SEPARATOR);
  const sortKey = member.slice(0, cut);
  const ordered = BigInt(`0x${sortKey.slice(0, 16)}`);
  view.setBigUint64(0, ordered & SIGN ? ordered ^ SIGN : ~ordered & ALL);
  return { sortKey, id: sortKey.slice(17), score: view.getFloat64(0), json: member.slice(cut + 1) };
};

export const encodeListCursor = (sortKey: string): string => Buffer.from(sortKey, 'utf8').toString('base64url');

export const decodeListCursor = (cursor: string): string => {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{16}:/.test(sortKey)) throw new TypeError(`Not a list cursor: ${JSON.stringify(cursor)}`);
  return sortKey;
};

/** Ids may not hold NUL: it would break the order of the stored form. */
export const assertListEntryId = (id: string): void => {
  if (typeof id !== 'string' || id.length === 0 || id.includes(SEPARATOR)) throw new TypeError(`List entry id must be a non-empty string without NUL: ${JSON.stringify(id)}`);
};
