import { InvalidReputationQueryError } from '../reputation-query.errors';

/**
 * Cursors are opaque to clients (base64url of a small JSON) and checked when they come back: a cursor
 * that was not made here is a validation error, never a read of something else.
 *
 * - Ranked indexes (rankings, a party's relationships) page by offset: an edge's cursor is the offset of
 *   the item after it. An index reorders as scores move, so a page read later may repeat or skip an item
 *   that moved across the cut; the read models keep no snapshot to page against.
 * - Lists (a timeline) are append-only and page by the read store's own list cursor, exact under
 *   appends; an edge inside a page is that page's start plus how many items to skip.
 */
export type IndexCursor = { readonly kind: 'index'; readonly offset: number };
export type ListCursor = { readonly kind: 'list'; readonly before: string | null; readonly skip: number };

/** The read store's list cursor: base64url of `<16 hex digits>:<entry id>` (see the projector's list order). */
const isListStoreCursor = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 2048 && /^[0-9a-f]{16}:./.test(Buffer.from(value, 'base64url').toString('utf8'));

const invalid = (): InvalidReputationQueryError =>
  new InvalidReputationQueryError('REPUTATION.INVALID_CURSOR', [{ path: 'after', message: 'after is not a cursor of this connection' }]);

const encode = (value: object): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const decode = (cursor: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the validation error
  }
  throw invalid();
};

const isCount = (value: unknown, max: number): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;

export const indexCursor = (offset: number): string => encode({ i: offset });

export const decodeIndexCursor = (cursor: string | null | undefined): IndexCursor => {
  if (cursor === undefined || cursor === null) return { kind: 'index', offset: 0 };
  const { i } = decode(cursor);
  if (!isCount(i, Number.MAX_SAFE_INTEGER)) throw invalid();
  return { kind: 'index', offset: i };
};

export const listCursor = (before: string | null, skip: number): string => encode({ b: before, s: skip });

export const decodeListCursor = (cursor: string | null | undefined, maxSkip: number): ListCursor => {
  if (cursor === undefined || cursor === null) return { kind: 'list', before: null, skip: 0 };
  const { b, s } = decode(cursor);
  if (!(b === null || isListStoreCursor(b)) || !isCount(s, maxSkip)) throw invalid();
  return { kind: 'list', before: b, skip: s };
};
