import type { AllFilter, RecordedEvent } from '#libs/event-store';

const prefixesOf = (filter: AllFilter): readonly string[] | null => (filter.streamNamePrefixes?.length ? filter.streamNamePrefixes : null);
const typesOf = (filter: AllFilter): readonly string[] | null => (filter.eventTypes?.length ? filter.eventTypes : null);

/** Whether the store's subscription with `filter` yields `event`: a stream prefix (if any) and a type (if any) both match. */
export const matchesFilter = (filter: AllFilter, event: RecordedEvent): boolean => {
  const prefixes = prefixesOf(filter);
  const types = typesOf(filter);
  return (prefixes === null || prefixes.some((prefix) => event.streamId.startsWith(prefix))) && (types === null || types.includes(event.type));
};

/**
 * One filter that lets through every event any of `filters` does (maybe more), so that one read of the
 * log serves several projections; each then takes what its own filter selects.
 */
export const unionFilter = (filters: readonly AllFilter[]): AllFilter => {
  const prefixes = filters.map(prefixesOf);
  const types = filters.map(typesOf);
  const union: { streamNamePrefixes?: string[]; eventTypes?: string[] } = {};
  if (prefixes.every((p) => p !== null)) union.streamNamePrefixes = [...new Set(prefixes.flatMap((p) => p!))];
  if (types.every((t) => t !== null)) union.eventTypes = [...new Set(types.flatMap((t) => t!))];
  return union;
};

/** Whether `filter` selects exactly what `union` does, so the events need no second look. */
export const sameFilter = (filter: AllFilter, union: AllFilter): boolean => {
  const same = (a: readonly string[] | null, b: readonly string[] | null) => {
    if (a === null || b === null) return a === b;
    const [sa, sb] = [new Set(a), new Set(b)];
    return sa.size === sb.size && [...sa].every((x) => sb.has(x));
  };
  return same(prefixesOf(filter), prefixesOf(union)) && same(typesOf(filter), typesOf(union));
};
