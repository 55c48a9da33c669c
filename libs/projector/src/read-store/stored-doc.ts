import type { JsonValue } from '#libs/event-store';
import type { ReadModelDoc } from '../projection';

/**
 * A document as a read store holds it. Its append-only arrays (a projection's `appendOnlyArrays`) are
 * kept apart from the rest, so that a batch appends the new elements instead of writing the whole
 * history again: `head` is the document's JSON with each of those arrays empty, and `tails` holds each
 * array's elements as JSON texts joined by commas, by the array's path (`tailPath`). A document without
 * such arrays is its head alone.
 */
export interface StoredDocText {
  readonly head: string;
  readonly tails: Readonly<Record<string, string>>;
}

/** How a tail is named in storage: its path in the document, as JSON text. */
export const tailPath = (path: readonly string[]): string => JSON.stringify(path);

/** The JSON text of the elements from `from` on, joined by commas (the empty string when none). */
export const tailText = (elements: readonly JsonValue[], from: number): string => JSON.stringify(from === 0 ? elements : elements.slice(from)).slice(1, -1);

/** A tail after appending `text`, which holds at least one element, to `stored`. */
export const appendedTail = (stored: string | undefined, text: string): string => (stored ? `${stored},${text}` : text);

/** The whole document: its head parsed, each stored tail put back at its path (where the head has an object to hold it). */
export const assembleDoc = <D = ReadModelDoc>(stored: StoredDocText): D => {
  const doc = JSON.parse(stored.head) as D;
  for (const [path, text] of Object.entries(stored.tails)) {
    const steps = JSON.parse(path) as string[];
    let parent: unknown = doc;
    for (let i = 0; i < steps.length - 1 && isObject(parent); i++) parent = parent[steps[i]];
    if (isObject(parent) && steps.length > 0) parent[steps[steps.length - 1]] = JSON.parse(`[${text}]`) as JsonValue[];
  }
  return doc;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
