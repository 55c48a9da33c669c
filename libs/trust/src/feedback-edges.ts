import { relationshipEventOccurredAt, type RelationshipEvent } from '#libs/relationships';
import type { StoredEvent } from '#libs/shared-kernel';
import type { RatingEdge } from './trust-graph';

/**
 * Rating edges from recorded feedback, as the platform knows it at `asOfMs`: feedback counts once revealed
 * (double-blind) and not retracted by then. A feedback's value is its average star rating on [−1, 1]:
 * (a − 3) / 2, so 1 star is −1, 3 stars 0, 5 stars +1; `at` is when it was submitted.
 */
export const feedbackEdges = (events: Iterable<StoredEvent<RelationshipEvent>>, asOfMs: number): RatingEdge[] => {
  const submitted = new Map<string, { readonly eventId: string; readonly edge: RatingEdge }>();
  const revealed = new Set<string>();
  const retracted = new Set<string>();
  for (const { id, event, streamId } of events) {
    if (Date.parse(relationshipEventOccurredAt(event)) > asOfMs) continue;
    if (event.type === 'FeedbackSubmitted') {
      const stars = Object.values(event.data.ratings).filter((r): r is number => typeof r === 'number');
      const average = stars.reduce((a, b) => a + b, 0) / stars.length;
      const edge = { rater: event.data.by, ratee: event.data.about, value: (average - 3) / 2, at: Date.parse(event.data.submittedAt) };
      submitted.set(`${streamId}/${event.data.feedbackId}`, { eventId: id, edge });
    } else if (event.type === 'FeedbackRevealed') {
      for (const feedbackId of event.data.feedbackIds) revealed.add(`${streamId}/${feedbackId}`);
    } else if (event.type === 'FactRetracted') {
      retracted.add(event.data.retractedEventId);
    }
  }
  return [...submitted].filter(([key, { eventId }]) => revealed.has(key) && !retracted.has(eventId)).map(([, { edge }]) => edge);
};
