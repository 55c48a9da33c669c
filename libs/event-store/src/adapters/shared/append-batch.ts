import { InvalidEventDataError, AppendTooLargeError } from '../../event-store.errors';
import type { EventData, ExpectedRevision } from '../../event-store.port';

/** An append checked once, in the same way by every adapter, and already JSON-encoded for storage. */
export interface AppendBatch {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly ids: string[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const prepareAppend = (
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
  maxBytes: number,
): AppendBatch => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidEventDataError('the stream id is empty', { streamId });
  assertExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventDataError('an append needs at least one event', { streamId });
  const batch: AppendBatch = { streamId, expected, ids: [], types: [], data: [], metadata: [] };
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: count exact bytes only when that bound is too high.
  let units = 0;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index];
    assertEventShape(event, index);
    const data = encode(event.data, 'data', index);
    const metadata = event.metadata === undefined ? '{}' : encode(event.metadata, 'metadata', index);
    units += data.length + metadata.length;
    // Stores answer UUIDs in lower case; normalising here makes every adapter read back what it stored.
    batch.ids.push(event.id.toLowerCase());
    batch.types.push(event.type);
    batch.data.push(data);
    batch.metadata.push(metadata);
  }
  if (units * 3 > maxBytes) {
    let sizeBytes = 0;
    for (let i = 0; i < batch.data.length; i += 1) sizeBytes += Buffer.byteLength(batch.data[i], 'utf8') + Buffer.byteLength(batch.metadata[i], 'utf8');
    if (sizeBytes > maxBytes) throw new AppendTooLargeError(streamId, sizeBytes, maxBytes);
  }
  return batch;
};

const assertExpectedRevision = (expected: unknown): void => {
  const named = expected === 'any' || expected === 'no_stream' || expected === 'stream_exists';
  if (named || (Number.isSafeInteger(expected) && (expected as number) >= 0)) return;
  throw new InvalidEventDataError('expected revision must be any, no_stream, stream_exists or a revision ≥ 0', {
    expectedRevision: String(expected),
  });
};

const assertEventShape = (event: EventData, index: number): void => {
  if (typeof event !== 'object' || event === null) throw new InvalidEventDataError('an event must be an object', { index });
  if (typeof event.id !== 'string' || !UUID.test(event.id)) throw new InvalidEventDataError('event id must be a UUID', { index, id: event.id });
  if (typeof event.type !== 'string' || event.type.length === 0) throw new InvalidEventDataError('event type is empty', { index });
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Encodes first: JSON.stringify already refuses cycles and BigInts, so the checks below need not track
 * them. Then one cheap pass (no paths built) confirms that nothing was dropped or altered on the way; only an
 * event that fails it is walked again, to name the offending path.
 */
const encode = (value: unknown, field: 'data' | 'metadata', index: number): string => {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    const path = `events[${index}].${field}`;
    throw new InvalidEventDataError(`${path} cannot be encoded as JSON: ${(error as Error).message}`, { path });
  }
  if (isJsonObject(value)) return text;
  const path = `events[${index}].${field}`;
  if (!isPlainObject(value)) throw new InvalidEventDataError(`${path} must be a JSON object`, { path });
  const bad = firstNonJson(value);
  if (!bad) return text;
  const where = path + bad.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
  throw new InvalidEventDataError(`${where} is not a JSON value (undefined, NaN, Infinity or a non-plain object)`, { path: where });
};

/** True when JSON.stringify keeps `value` exactly: the fast form of `firstNonJson(value) === null`. */
const isJsonValue = (value: unknown): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i += 1) if (!(i in value) || !isJsonValue(value[i])) return false;
        return true;
      }
      return isJsonObject(value);
  }
  return false;
};

const isJsonObject = (value: unknown): boolean => {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) if (!isJsonValue(value[keys[i]])) return false;
  return true;
};

/**
 * The path to the first value JSON.stringify would drop or alter (undefined, NaN, a Date …), or null.
 * Index and key loops, not forEach/entries: holes in sparse arrays must not slip through, and this runs per event.
 */
const firstNonJson = (value: unknown): (string | number)[] | null => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : [];
    case 'object':
      if (value === null) return null;
      if (Array.isArray(value)) return firstNonJsonIn(value, Array.from(value.keys()));
      if (isPlainObject(value)) return firstNonJsonIn(value, Object.keys(value));
  }
  return [];
};

const firstNonJsonIn = (container: object, keys: (string | number)[]): (string | number)[] | null => {
  for (const key of keys) {
    const bad = firstNonJson((container as Record<string | number, unknown>)[key]);
    if (bad) return [key, ...bad];
  }
  return null;
};
