import { decodeIndexCursor, decodeListCursor, indexCursor, listCursor } from './cursors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSizeOf } from './page';

const storeCursor = Buffer.from('bf8a1a2b3c4d5e6f:00000000-0000-4000-8000-000000000001', 'utf8').toString('base64url');

describe('pages', () => {
  it('defaults to 20 items and allows 1 to 100', () => {
    expect(pageSizeOf(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSizeOf(null)).toBe(20);
    expect(pageSizeOf(1)).toBe(1);
    expect(pageSizeOf(MAX_PAGE_SIZE)).toBe(100);
  });

  it.each([0, -1, 101, 2.5])('refuses first = %d, naming the argument and the cap', (first) => {
    expect(() => pageSizeOf(first)).toThrow(expect.objectContaining({ code: 'REPUTATION.PAGE_SIZE_OUT_OF_RANGE', issues: [{ path: 'first', message: expect.stringContaining('1 to 100') }] }));
  });
});

describe('cursors', () => {
  it('round-trip an offset in a ranked index, starting at 0 without one', () => {
    expect(decodeIndexCursor(indexCursor(42))).toEqual({ kind: 'index', offset: 42 });
    expect(decodeIndexCursor(null)).toEqual({ kind: 'index', offset: 0 });
  });

  it('round-trip a position in a list: a store cursor and a skip', () => {
    expect(decodeListCursor(listCursor(storeCursor, 3), 10)).toEqual({ kind: 'list', before: storeCursor, skip: 3 });
    expect(decodeListCursor(listCursor(null, 0), 10)).toEqual({ kind: 'list', before: null, skip: 0 });
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['a list cursor as an index cursor', listCursor(null, 2)],
    ['a negative offset', Buffer.from('{"i":-1}').toString('base64url')],
    ['JSON that is not an object', Buffer.from('[1]').toString('base64url')],
  ])('refuse %s in a ranked index', (_case, cursor) => {
    expect(() => decodeIndexCursor(cursor)).toThrow(expect.objectContaining({ code: 'REPUTATION.INVALID_CURSOR' }));
  });

  it.each([
    ['an index cursor', indexCursor(2)],
    ['a skip past the limit', listCursor(null, 11)],
    ['a store cursor the store did not make', listCursor(Buffer.from('hello').toString('base64url'), 0)],
  ])('refuse %s in a list', (_case, cursor) => {
    expect(() => decodeListCursor(cursor, 10)).toThrow(expect.objectContaining({ code: 'REPUTATION.INVALID_CURSOR' }));
  });
});
