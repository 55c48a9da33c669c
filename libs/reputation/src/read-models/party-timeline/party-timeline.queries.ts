import type { TimelineEntry, TimelineRetraction } from './party-timeline.entries';

export type TimelineItem = TimelineEntry & { readonly retracted: TimelineRetraction | null };

/** Beyond this, a chain of retractions of retractions is malformed; the decider refuses even the first link. */
const MAX_CHAIN = 32;

/**
 * Marks the entries of a timeline page that were retracted. A retraction retracted in turn no longer
 * counts, as in scoring. `retractions` is the party's whole retractions list: a retraction is newer than
 * what it retracts, so it may sit on an earlier page than its target.
 */
export const withRetractions = (entries: readonly TimelineEntry[], retractions: readonly TimelineRetraction[]): TimelineItem[] => {
  const byTarget = new Map<string, TimelineRetraction[]>();
  for (const r of retractions) byTarget.set(r.retractedEventId, [...(byTarget.get(r.retractedEventId) ?? []), r]);
  const effective = (eventId: string, depth: number): TimelineRetraction | null => {
    if (depth >= MAX_CHAIN) return null;
    return (byTarget.get(eventId) ?? []).find((r) => effective(r.retractionEventId, depth + 1) === null) ?? null;
  };
  return entries.map((entry) => ({ ...entry, retracted: effective(entry.eventId, 0) }));
};
