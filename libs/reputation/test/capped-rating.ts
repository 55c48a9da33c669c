import type { ComponentScore, Rating, Reason } from '#libs/scoring';
import { MAX_REASON_EVENT_IDS } from '../src/read-models/shared/stored-rating';

const latestDistinct = (ids: readonly string[]): string[] => [...new Set([...ids].reverse())].slice(0, MAX_REASON_EVENT_IDS).reverse();
const cappedReason = (reason: Reason): Reason => ({ ...reason, eventIds: latestDistinct(reason.eventIds) });

/** A scoring-lib rating as the read models publish it: every reason names at most its latest MAX_REASON_EVENT_IDS events. */
export const publishedRating = (rating: Rating | null): Rating | null =>
  rating && {
    ...rating,
    reasons: rating.reasons.map(cappedReason),
    components: Object.fromEntries(Object.entries(rating.components).map(([name, score]) => [name, { ...score, reasons: (score as ComponentScore).reasons.map(cappedReason) }])),
  };
