import type { JsonValue } from '#libs/event-store';

type Path = readonly string[];

const childOf = (value: unknown, step: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[step] : undefined;

const valueAt = (doc: unknown, path: Path): unknown => path.reduce(childOf, doc);

/** The array at `path` in a document; a TypeError when there is none (a projection bug, which the engine logs). */
export const arrayAt = (doc: unknown, path: Path): readonly JsonValue[] => {
  const value = valueAt(doc, path);
  if (!Array.isArray(value)) throw new TypeError(`the document has no array at ${JSON.stringify(path)}, which its projection declares append-only`);
  return value as JsonValue[];
};

/** How many elements the array at `path` holds, 0 when there is none. */
export const lengthAt = (doc: unknown, path: Path): number => {
  const value = valueAt(doc, path);
  return Array.isArray(value) ? value.length : 0;
};

const emptied = (value: unknown, path: Path, depth: number): unknown => {
  if (depth === path.length) return [];
  const object = value as Record<string, unknown>;
  return { ...object, [path[depth]]: emptied(object[path[depth]], path, depth + 1) };
};

/** A copy of the document with each array at `paths` empty, its keys in the same order; the document itself is left as it is. */
export const withEmptyArrays = <D>(doc: D, paths: readonly Path[]): D => paths.reduce<unknown>((head, path) => emptied(head, path, 0), doc) as D;
