import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projector';

/** A test projection: a document per stream, a leaderboard by count, an index by last type, a per-stream log. */
export type StreamCount = {
  streamId: string;
  count: number;
  lastRevision: number;
  lastType: string;
};

export interface StreamCounterOptions {
  readonly name?: string;
  readonly version?: number;
}

/**
 * `Poison` events make it throw (an event it cannot use); `StreamClosed` deletes the document.
 * Counting makes a double-applied event visible: the count and the log's length would part ways.
 */
export const streamCounterProjection = (streamPrefix: string, options: StreamCounterOptions = {}): Projection<StreamCount> => ({
  name: options.name ?? 'stream-counter',
  version: options.version ?? 1,
  filter: { streamNamePrefixes: [streamPrefix] },
  keysOf: (event: RecordedEvent) => [event.streamId],
  evolve: (doc, key, event) => {
    if (event.type === 'Poison') throw new Error('poisoned event');
    if (event.type === 'StreamClosed') return null;
    return { streamId: key, count: (doc?.count ?? 0) + 1, lastRevision: event.revision, lastType: event.type };
  },
  indexesOf: (key, doc) => [
    { index: 'by-count', member: key, score: doc.count },
    { index: `last-type:${doc.lastType}`, member: key, score: doc.lastRevision },
  ],
  entriesOf: (event) => [{ list: event.streamId, id: event.id, score: event.revision, entry: { type: event.type, revision: event.revision } }],
});
