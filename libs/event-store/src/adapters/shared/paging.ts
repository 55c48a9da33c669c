import type { AllFilter, Direction, Position, ReadStreamOptions, ReadAllOptions, RecordedEvent } from '../../event-store.port';

export interface EventPage {
  readonly events: RecordedEvent[];
  /** Bytes of JSON carried by the page, to size the next one. */
  readonly bytes: number;
}

/** A window of the global log: the events in it that match the filter, and how far it reached. */
export interface ScanPage extends EventPage {
  readonly scanned: number;
  /** Position of the last event scanned, matching or not; null when the window was empty. */
  readonly last: Position | null;
}

/** A filter with empty lists dropped: an empty list constrains nothing. */
export interface NormalizedFilter {
  readonly streamNamePrefixes: readonly string[] | null;
  readonly eventTypes: readonly string[] | null;
}

export const normalizeFilter = (filter: AllFilter | undefined): NormalizedFilter => ({
  streamNamePrefixes: filter?.streamNamePrefixes?.length ? filter.streamNamePrefixes : null,
  eventTypes: filter?.eventTypes?.length ? filter.eventTypes : null,
});

export const matchesFilter = (filter: NormalizedFilter, streamId: string, type: string): boolean =>
  (filter.streamNamePrefixes === null || filter.streamNamePrefixes.some((prefix) => streamId.startsWith(prefix))) &&
  (filter.eventTypes === null || filter.eventTypes.includes(type));

const TARGET_PAGE_BYTES = 4 * 1024 * 1024;
const MIN_PAGE = 8;
const MAX_PAGE = 1000;

/** Sizes pages by the bytes the last one carried, so a log of 1 MB events never loads a thousand at once. */
export class PageSizer {
  size = 128;

  adapt(bytes: number, count: number): void {
    if (count === 0) return;
    const averageBytes = Math.max(bytes / count, 1);
    this.size = Math.min(MAX_PAGE, Math.max(MIN_PAGE, Math.floor(TARGET_PAGE_BYTES / averageBytes)));
  }
}

/** The first revision a stream read includes, or null when the read is empty by definition. */
export const firstRevision = (direction: Direction, from: ReadStreamOptions['fromRevision']): number | null => {
  if (direction === 'forwards') {
    if (from === undefined || from === 'start') return 0;
    return from === 'end' ? null : Math.max(0, from);
  }
  if (from === undefined || from === 'end') return Number.MAX_SAFE_INTEGER;
  if (from === 'start') return 0;
  return from < 0 ? null : from;
};

/**
 * The exclusive boundary a global read starts from (null: the log's edge), or 'empty'.
 * Positions are integers in `prepare`, so "from P inclusive" is "strictly past P's neighbour".
 */
export const allBoundary = (direction: Direction, from: ReadAllOptions['fromPosition']): Position | null | 'empty' => {
  if (direction === 'forwards') {
    if (from === undefined || from === 'start') return null;
    return from === 'end' ? 'empty' : { commit: from.commit, prepare: from.prepare - 1n };
  }
  if (from === undefined || from === 'end') return null;
  return from === 'start' ? 'empty' : { commit: from.commit, prepare: from.prepare + 1n };
};
