import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { AppendTooLargeError, StoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors';
import {
  checkpointWindow,
  encodedSizeBytes,
  isStreamNotFound,
  isTransient,
  matchesFilter,
  selectEvent,
  toEsdbExpectedRevision,
  toPortError,
  toRecordedEvent,
  toRevision,
  toServerFilter,
} from './eventstoredb-mapping';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const AT = { commit: 1200n, prepare: 1100n };

const resolved = (overrides: Partial<{ streamId: string; type: string; data: unknown; metadata: unknown }> = {}) =>
  ({
    event: {
      streamId: 'party-1',
      id: ID,
      type: 'PartyRegistered',
      revision: 3n,
      created: new Date('2026-01-02T03:04:05Z'),
      data: { name: 'Acme' },
      metadata: { recordedBy: 'u-1' },
      isJson: true,
      position: AT,
      ...overrides,
    },
  }) as AllStreamResolvedEvent;

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it.each([
      ['any', 'any'],
      ['no_stream', 'no_stream'],
      ['stream_exists', 'stream_exists'],
      [0, 0n],
      [41, 41n],
    ] as const)('sends %p as %p', (ours, theirs) => {
      expect(toEsdbExpectedRevision(ours)).toBe(theirs);
    });
  });

  it('reads revisions as numbers and refuses ones a number cannot hold exactly', () => {
    expect(toRevision(7n)).toBe(7);
    expect(() => toRevision(2n ** 60n)).toThrow(RangeError);
  });

  describe('recorded events', () => {
    it('carries the server position, revision and payloads over unchanged', () => {
      expect(toRecordedEvent(resolved())).toEqual({
        id: ID,
        type: 'PartyRegistered',
        streamId: 'party-1',
        revision: 3,
        position: AT,
        data: { name: 'Acme' },
        metadata: { recordedBy: 'u-1' },
        recordedAt: new Date('2026-01-02T03:04:05Z'),
      });
    });

    it('reads absent metadata as an empty object', () => {
      expect(toRecordedEvent(resolved({ metadata: undefined }))?.metadata).toEqual({});
    });

    it('parses JSON metadata the client handed over as bytes', () => {
      const bytes = new Uint8Array(Buffer.from('{"a":1}'));
      expect(toRecordedEvent(resolved({ metadata: bytes }))?.metadata).toEqual({ a: 1 });
    });

    it('refuses a payload that is not a JSON object rather than inventing one', () => {
      expect(() => toRecordedEvent(resolved({ data: [1, 2] }))).toThrow(/not a JSON object/);
      expect(() => toRecordedEvent(resolved({ data: new Uint8Array([0xff, 0x00]) }))).toThrow(/not a JSON object/);
    });

    it('hides system records', () => {
      expect(toRecordedEvent(resolved({ type: '$>' }))).toBeNull();
      expect(selectEvent(resolved({ streamId: '$stats-127.0.0.1:2113', type: 'Stats' }), undefined)).toBeNull();
    });
  });

  describe('filters', () => {
    it('always excludes system events and streams', () => {
      expect(matchesFilter('party-1', 'PartyRegistered', undefined)).toBe(true);
      expect(matchesFilter('$settings', 'Anything', undefined)).toBe(false);
      expect(matchesFilter('party-1', '$metadata', undefined)).toBe(false);
    });

    it('requires both lists to match when both are given, types exactly and streams by prefix', () => {
      const filter = { streamNamePrefixes: ['party-'], eventTypes: ['PartyRegistered'] };
      expect(matchesFilter('party-1', 'PartyRegistered', filter)).toBe(true);
      expect(matchesFilter('relationship-1-2', 'PartyRegistered', filter)).toBe(false);
      expect(matchesFilter('party-1', 'PartyRegisteredAgain', filter)).toBe(false);
    });

    it('reads an empty list as no constraint, as the other adapters do', () => {
      expect(matchesFilter('party-1', 'PartyRegistered', { streamNamePrefixes: [], eventTypes: [] })).toBe(true);
    });

    it('sends the server an event-type prefix filter when types are asked for', () => {
      const filter = toServerFilter({ streamNamePrefixes: ['party-'], eventTypes: ['InvoicePaid', '$metadata'] }, 1000, () => {});
      expect(filter).toMatchObject({ filterOn: 'eventType', prefixes: ['InvoicePaid'] });
    });

    it('sends a stream prefix filter when only prefixes are asked for', () => {
      expect(toServerFilter({ streamNamePrefixes: ['party-', 'relationship-'] }, 1000, () => {})).toMatchObject({
        filterOn: 'streamName',
        prefixes: ['party-', 'relationship-'],
      });
    });

    it.each([
      ['no filter', undefined],
      ['an empty prefix, which selects every stream', { streamNamePrefixes: ['', 'party-'] }],
      ['only system prefixes', { streamNamePrefixes: ['$ce-'] }],
    ])('falls back to excluding system events on the server for %s', (_case, ours) => {
      expect(toServerFilter(ours, 1000, () => {})).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    });

    it('hands server checkpoints over as port positions', async () => {
      const seen: unknown[] = [];
      const filter = toServerFilter(undefined, 10, (position) => seen.push(position));
      await filter.checkpointReached?.({} as never, { commit: 5n, prepare: 4n });
      expect(seen).toEqual([{ commit: 5n, prepare: 4n }]);
    });

    it.each([
      [1, 1, 1],
      [10, 10, 1],
      [32, 32, 1],
      [1000, 32, 31],
      [100, 32, 3],
    ])('asks for a checkpoint no later than every %i events (window %i × %i)', (interval, window, multiplier) => {
      expect(checkpointWindow(interval)).toEqual({ maxSearchWindow: window, checkpointInterval: multiplier });
      expect(window * multiplier).toBeLessThanOrEqual(interval);
    });

    it('treats an interval below one as one, as the other adapters do', () => {
      expect(checkpointWindow(0)).toEqual({ maxSearchWindow: 1, checkpointInterval: 1 });
    });
  });

  describe('errors', () => {
    const append = { streamId: 'party-1', expected: 2, sizeBytes: 2_000_000 } as const;

    it('turns a wrong expected version into our conflict, keeping the expected revision we sent', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'party-1', expected: 2n, current: 5n });
      const mapped = toPortError(error, append);
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ streamId: 'party-1', expected: 2, actual: 5 });
    });

    it('reports a missing stream as no_stream in a conflict', () => {
      const error = new WrongExpectedVersionError(undefined, { streamName: 'party-1', expected: 2n, current: 'no_stream' });
      expect(toPortError(error, append)).toMatchObject({ actual: 'no_stream' });
    });

    it("turns the server's append size limit into AppendTooLargeError", () => {
      const mapped = toPortError(new MaxAppendSizeExceededError(undefined, 1_048_576), append);
      expect(mapped).toBeInstanceOf(AppendTooLargeError);
      expect(mapped).toMatchObject({ streamId: 'party-1', sizeBytes: 2_000_000, maxBytes: 1_048_576 });
    });

    it.each([
      ['the server is unavailable', new UnavailableError()],
      ['a deadline passed', new DeadlineExceededError()],
      ['the server cancelled the call', new CancelledError()],
      ['the connection was refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { code: 'ECONNREFUSED' })],
      ['a raw gRPC UNAVAILABLE', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 })],
      ['cluster discovery failed', new Error('Failed to discover after 10 attempts.')],
    ])('reports the store unavailable when %s', (_case, error) => {
      expect(isTransient(error)).toBe(true);
      const mapped = toPortError(error) as StoreUnavailableError;
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped.cause).toBe(error);
    });

    it('lets a programming error through untouched', () => {
      const error = new TypeError('boom');
      expect(isTransient(error)).toBe(false);
      expect(toPortError(error)).toBe(error);
    });

    it('recognises a missing stream, which reads as empty', () => {
      expect(isStreamNotFound(new StreamNotFoundError(undefined, 'party-9'))).toBe(true);
      expect(isStreamNotFound(new Error('nope'))).toBe(false);
    });
  });

  it('measures an append as the UTF-8 bytes of its JSON data and metadata', () => {
    expect(encodedSizeBytes({ data: ['{"a":"é"}'], metadata: ['{}'] })).toBe(10 + 2);
  });
});
