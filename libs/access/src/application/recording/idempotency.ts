import { createHash } from 'node:crypto';
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

/**
 * A name-based (version 5, RFC 9562) UUID: the same name always gives the same id, so an event's id says
 * which request recorded it and a retry of that request finds it.
 */
const uuidV5 = (name: string): string => {
  const hash = createHash('sha1').update(RAPPORT_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The id of the `index`-th event a keyed request records in a stream, for the one who sent it (`scope`). */
export const idempotentEventId = (scope: string, streamId: string, key: string, index: number): string =>
  uuidV5(JSON.stringify([scope, streamId, key, index]));

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
};

/** Two requests that differ only in the order of their fields hash the same. */
export const requestHashOf = (request: unknown): string =>
  createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
