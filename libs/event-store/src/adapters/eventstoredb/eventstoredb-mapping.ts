import {
  ANY,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Filter,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { AppendTooLargeError, StoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors';
import type { AllFilter, ExpectedRevision, JsonObject, Position, RecordedEvent } from '../../event-store.port';
import { matchesFilter as matchesNormalizedFilter, normalizeFilter } from '../shared/paging';

export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
};

export const toRevision = (revision: bigint): number => {
  const value = Number(revision);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Stream revision ${revision} is beyond Number.MAX_SAFE_INTEGER`);
  return value;
};

export const toPosition = (position: { commit: bigint; prepare: bigint }): Position => ({
  commit: position.commit,
  prepare: position.prepare,
});

/** ESDB marks its own streams and events with `$` (`$>` links, `$metadata`, `$stats-…`); Rapport never sees them. */
export const isSystemEvent = (streamId: string, type: string): boolean => streamId.startsWith('$') || type.startsWith('$');

/** The shared filter rule (an empty list constrains nothing), with system events always left out. */
export const matchesFilter = (streamId: string, type: string, filter: AllFilter | undefined): boolean =>
  !isSystemEvent(streamId, type) && matchesNormalizedFilter(normalizeFilter(filter), streamId, type);

/** The server's batch size for filtered reads; a checkpoint comes every `window × multiplier` events scanned. */
const SERVER_SEARCH_WINDOW = 32;

export const checkpointWindow = (interval: number): { maxSearchWindow: number; checkpointInterval: number } => {
  const events = Math.max(1, Math.floor(interval) || 1);
  const maxSearchWindow = Math.min(events, SERVER_SEARCH_WINDOW);
  return { maxSearchWindow, checkpointInterval: Math.floor(events / maxSearchWindow) };
};

/**
 * The server filters on one thing only (stream name or event type), by prefix or regex. The filter sent is a
 * superset of what the port asks for, chosen to cut the most traffic; `matchesFilter` then applies the exact
 * rule on the client. Without a port filter, the server still drops system events so checkpoints keep coming.
 */
export const toServerFilter = (
  filter: AllFilter | undefined,
  interval: number,
  checkpointReached: (position: Position) => void,
): Filter => {
  const options = { ...checkpointWindow(interval), checkpointReached: (_: unknown, position: Position) => checkpointReached(toPosition(position)) };
  const eventTypes = filter?.eventTypes?.filter((type) => !type.startsWith('$'));
  if (eventTypes && eventTypes.length > 0) return eventTypeFilter({ ...options, prefixes: eventTypes });
  const prefixes = filter?.streamNamePrefixes;
  // An empty prefix selects every stream, which a server prefix list cannot say once it holds other prefixes.
  if (prefixes && prefixes.length > 0 && !prefixes.includes('')) {
    const userPrefixes = prefixes.filter((prefix) => !prefix.startsWith('$'));
    if (userPrefixes.length > 0) return streamNameFilter({ ...options, prefixes: userPrefixes });
  }
  return excludeSystemEvents(options);
};

const parseBytes = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return bytes;
  }
};

const asJsonObject = (value: unknown, what: string, eventId: string): JsonObject => {
  if (value === undefined || (value instanceof Uint8Array && value.length === 0)) return {};
  const parsed = value instanceof Uint8Array ? parseBytes(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed instanceof Uint8Array) {
    throw new TypeError(`Event ${eventId} has ${what} that is not a JSON object; Rapport writes only JSON objects`);
  }
  return parsed as JsonObject;
};

export const eventPosition = (resolved: ResolvedEvent | AllStreamResolvedEvent): Position => {
  const position = resolved.event?.position;
  if (position) return toPosition(position);
  throw new Error(`EventStoreDB returned a record without a position (${resolved.event?.id}); the server must be 22.6 or later`);
};

/** Null for system records (`$`-typed: links, metadata), whose payloads are not Rapport's JSON objects. */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null => {
  const event = resolved.event;
  if (!event || event.type.startsWith('$')) return null;
  const position = eventPosition(resolved);
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: toRevision(event.revision),
    position,
    data: asJsonObject(event.data, 'data', event.id),
    metadata: asJsonObject(event.metadata, 'metadata', event.id),
    recordedAt: event.created,
  };
};

/** The event as the port shows it, or null when `readAll`/`subscribeToAll` must not show it. */
export const selectEvent = (resolved: AllStreamResolvedEvent, filter: AllFilter | undefined): RecordedEvent | null => {
  const event = resolved.event;
  return event && matchesFilter(event.streamId, event.type, filter) ? toRecordedEvent(resolved) : null;
};

export const isStreamNotFound = (error: unknown): boolean => error instanceof StreamNotFoundError;

const TRANSIENT_GRPC_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']);

/** True when retrying later may succeed: the server was unreachable, timed out, or is not the leader. */
export const isTransient = (error: unknown): boolean => {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof UnknownError
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'number') return TRANSIENT_GRPC_CODES.has(code);
  if (typeof code === 'string') return CONNECTION_ERROR_CODES.has(code);
  return /^Failed to discover/.test(error.message);
};

/** The port's size rule (the shared append check applies it before sending); ESDB's own limit counts more. */
export const encodedSizeBytes = (batch: { readonly data: readonly string[]; readonly metadata: readonly string[] }): number =>
  [...batch.data, ...batch.metadata].reduce((total, json) => total + Buffer.byteLength(json, 'utf8'), 0);

export interface AppendErrorContext {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly sizeBytes: number;
}

/** Translates a client error into the port's errors; anything else is a bug or misconfiguration and passes through. */
export const toPortError = (error: unknown, append?: AppendErrorContext): unknown => {
  if (append && error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion === NO_STREAM ? 'no_stream' : toRevision(error.actualVersion);
    return new WrongExpectedRevisionError(append.streamId, append.expected, actual);
  }
  if (append && error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(append.streamId, append.sizeBytes, error.maxAppendSize);
  }
  if (isTransient(error)) return new StoreUnavailableError((error as Error).message, error);
  return error;
};
