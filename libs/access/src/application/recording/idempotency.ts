import { hash } from 'node:crypto';
import { CommandValidationError, RapportError } from '#libs/shared-kernel';

/** A retry with a key the client already used, for another request: refused, nothing recorded. */
export class IdempotencyKeyReusedError extends RapportError {
  readonly kind = 'conflict';
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
}

/** What a fact recorded under a client's key carries in its event metadata. */
export interface IdempotencyMark {
  readonly key: string;
  /** sha256 of the request as the client sent it (see `requestHashOf`). */
  readonly request: string;
}

const MAX_KEY_LENGTH = 200;

export const requireValidKey = (key: string): void => {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new CommandValidationError('IDEMPOTENCY.INVALID_KEY', [
      { path: 'idempotencyKey', message: `an idempotency key is 1–${MAX_KEY_LENGTH} characters` },
    ]);
  }
};

const RAPPORT_NAMESPACE = Buffer.from('4f0c9a3e5d2b4c7e9b1a6e8d2f7c3b51', 'hex');
/** The namespace, then room for a name: one buffer hashed per id instead of a hash object fed twice. */
const nameBuffer = Buffer.alloc(1024);
RAPPORT_NAMESPACE.copy(nameBuffer);
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A name-based (version 5, RFC 9562) UUID: the same name always gives the same id, so an event's id says
 * which request recorded it and a retry of that request finds it.
 */
const uuidV5 = (name: string): string => {
  const named =
    RAPPORT_NAMESPACE.length + name.length * 3 <= nameBuffer.length
      ? nameBuffer.subarray(0, RAPPORT_NAMESPACE.length + nameBuffer.write(name, RAPPORT_NAMESPACE.length, 'utf8'))
      : Buffer.concat([RAPPORT_NAMESPACE, Buffer.from(name, 'utf8')]);
  const h = hash('sha1', named, 'buffer');
  const [version, variant] = [(h[6] & 0x0f) | 0x50, (h[8] & 0x3f) | 0x80];
  return (
    `${HEX[h[0]]}${HEX[h[1]]}${HEX[h[2]]}${HEX[h[3]]}-${HEX[h[4]]}${HEX[h[5]]}-${HEX[version]}${HEX[h[7]]}-` +
    `${HEX[variant]}${HEX[h[9]]}-${HEX[h[10]]}${HEX[h[11]]}${HEX[h[12]]}${HEX[h[13]]}${HEX[h[14]]}${HEX[h[15]]}`
  );
};

/** The id of the `index`-th event a keyed request records in a stream, for the one who sent it (`scope`). */
export const idempotentEventId = (scope: string, streamId: string, key: string, index: number): string =>
  uuidV5(JSON.stringify([scope, streamId, key, index]));

const MAX_ARRAY_INDEX = 2 ** 32 - 2;
const isArrayIndex = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= MAX_ARRAY_INDEX;
};

/**
 * Object keys in the order `JSON.stringify` wrote them when stored hashes were made (fields sorted into a
 * fresh object): array indices first, ascending, then the others sorted by UTF-16 code units.
 */
const canonicalKeys = (object: object): string[] => {
  const keys = Object.keys(object).sort();
  if (!keys.some(isArrayIndex)) return keys;
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((key) => !isArrayIndex(key))];
};

/** Field names as JSON, kept for the few names commands use (bounded: names come from clients too). */
const keyJson = new Map<string, string>();
const jsonOfKey = (key: string): string => {
  let json = keyJson.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    if (keyJson.size < 1000) keyJson.set(key, json);
  }
  return json;
};

/** JSON with every object's fields sorted and undefined ones left out; undefined where JSON has no value. */
const canonicalJson = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let json = '[';
    for (let i = 0; i < value.length; i++) json += (i === 0 ? '' : ',') + (canonicalJson(value[i]) ?? 'null');
    return `${json}]`;
  }
  let json = '{';
  for (const key of canonicalKeys(value)) {
    const field = canonicalJson((value as Record<string, unknown>)[key]);
    if (field !== undefined) json += (json.length === 1 ? '' : ',') + jsonOfKey(key) + ':' + field;
  }
  return `${json}}`;
};

/** Two requests that differ only in the order of their fields hash the same. */
export const requestHashOf = (request: unknown): string => hash('sha256', canonicalJson(request) ?? '', 'hex');
