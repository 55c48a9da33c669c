import { randomUUID } from 'node:crypto';
import { AppendTooLargeError, InvalidEventDataError } from '../event-store.errors';
import { DEFAULT_MAX_APPEND_SIZE_BYTES, type EventData, type JsonObject } from '../event-store.port';
import { anEvent, collect, rejectionOf, uniquePrefix, type ContractContext } from './contract-support';

const nested = (depth: number): JsonObject => (depth === 0 ? { leaf: 'bottom' } : { depth, child: nested(depth - 1), siblings: [depth, [depth]] });

const RICH_DATA: JsonObject = {
  zebra: 'keys stay in the order they were written',
  alpha: 1,
  text: {
    accents: 'Crème brûlée à la façon de Zoë, Øresund, Łódź',
    cjk: '日本語の文章、한국어 문장, 中文句子',
    emoji: '👩‍👩‍👧‍👦 🇫🇷 🫶🏽 👍🏿',
    combining: 'e\u0301 a\u0308 n\u0303 Z\u0351\u0352',
    rightToLeft: 'مرحبا بالعالم שלום עולם',
    escapes: 'tab\t newline\n quote" backslash\\ slash/ nul\u0000 bell\u0007',
    invisible: 'zero\u200bwidth\u200d joiner\ufeff',
  },
  numbers: { zero: 0, negative: -42, fraction: 0.1 + 0.2, maxSafe: Number.MAX_SAFE_INTEGER, tiny: 5e-324, huge: 1.7976931348623157e308, avogadro: 6.02214076e23 },
  flags: [true, false, null],
  empty: { object: {}, array: [], string: '' },
  '': 'an empty key',
  'key with spaces, ünïcödé and 🔑': 'odd keys',
  nested: nested(25),
};

export const payloadContract = ({ store }: ContractContext): void => {
  describe('payloads', () => {
    it('round-trips data and metadata exactly, key order included', async () => {
      const streamId = `${uniquePrefix('payload')}s`;
      const metadata: JsonObject = { correlationId: randomUUID(), recordedBy: 'Zoë 🧑‍💼', schemaVersion: 3, attested: true, note: null };
      const event: EventData = { id: randomUUID(), type: 'PayloadChecked', data: RICH_DATA, metadata };
      await store().appendToStream(streamId, [event, { id: randomUUID(), type: 'NoMetadata', data: { only: 'data' } }]);
      const [read, bare] = await collect(store().readStream(streamId));
      expect(read).toMatchObject({ id: event.id, type: 'PayloadChecked', streamId, revision: 0 });
      expect(JSON.stringify(read.data)).toBe(JSON.stringify(RICH_DATA));
      expect(read.data).toEqual(RICH_DATA);
      expect(JSON.stringify(read.metadata)).toBe(JSON.stringify(metadata));
      expect(bare.metadata).toEqual({});
      expect(read.recordedAt).toBeInstanceOf(Date);
      expect(Math.abs(read.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('stores a payload of 1,000,000 bytes', async () => {
      const streamId = `${uniquePrefix('big')}s`;
      const blob = 'Rapport 0123456789 '.repeat(60_000).slice(0, 1_000_000 - '{"blob":""}'.length);
      const data = { blob };
      expect(Buffer.byteLength(JSON.stringify(data))).toBe(1_000_000);
      await store().appendToStream(streamId, [anEvent('Big', data)]);
      const [read] = await collect(store().readStream(streamId));
      expect((read.data as { blob: string }).blob).toBe(blob);
    });

    it.each([
      ['one event of 1.5 MiB', [anEvent('Huge', { blob: 'x'.repeat(1.5 * 1024 * 1024) })]],
      ['two events that only together pass the limit', [anEvent('Half', { blob: 'x'.repeat(600_000) }), anEvent('Half', { blob: 'y'.repeat(600_000) })]],
    ])('refuses an append over the size limit (%s) and writes nothing', async (_label, events) => {
      const streamId = `${uniquePrefix('huge')}s`;
      await store().appendToStream(streamId, [anEvent()]);
      const error = await rejectionOf(store().appendToStream(streamId, events));
      expect(error).toBeInstanceOf(AppendTooLargeError);
      expect(error).toMatchObject({ streamId, maxBytes: DEFAULT_MAX_APPEND_SIZE_BYTES });
      expect((error as AppendTooLargeError).sizeBytes).toBeGreaterThan(DEFAULT_MAX_APPEND_SIZE_BYTES);
      expect(await collect(store().readStream(streamId))).toHaveLength(1);
    });
  });

  describe('invalid events', () => {
    const cases: [string, unknown[]][] = [
      ['an empty append', []],
      ['an id that is not a UUID', [{ id: 'not-a-uuid', type: 'T', data: {} }]],
      ['an empty type', [{ id: randomUUID(), type: '', data: {} }]],
      ['data that is an array', [{ id: randomUUID(), type: 'T', data: [1, 2] }]],
      ['data that is null', [{ id: randomUUID(), type: 'T', data: null }]],
      ['data that is a string', [{ id: randomUUID(), type: 'T', data: '{"a":1}' }]],
      ['data holding undefined', [{ id: randomUUID(), type: 'T', data: { a: undefined } }]],
      ['data holding NaN', [{ id: randomUUID(), type: 'T', data: { a: Number.NaN } }]],
      ['data holding a Date', [{ id: randomUUID(), type: 'T', data: { at: new Date() } }]],
      ['metadata that is an array', [{ id: randomUUID(), type: 'T', data: {}, metadata: [] }]],
      ['one bad event among good ones', [anEvent(), { id: randomUUID(), type: 'T', data: 42 }]],
    ];

    it.each(cases)('refuses %s and writes nothing', async (_label, events) => {
      const streamId = `${uniquePrefix('invalid')}s`;
      expect(await rejectionOf(store().appendToStream(streamId, events as EventData[]))).toBeInstanceOf(InvalidEventDataError);
      expect(await collect(store().readStream(streamId))).toEqual([]);
    });
  });
};
