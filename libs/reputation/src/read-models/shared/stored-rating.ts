import type { ComponentName, ComponentScore, Rating, Reason } from '#libs/scoring';

/** A reason names at most this many of its events: the latest. The rest are on the party's timeline. */
export const MAX_REASON_EVENT_IDS = 10;

export type StoredComponentScore = Omit<ComponentScore, 'reasons'> & {
  /** The component's reasons that are not among the rating's top `reasons`, strongest first. */
  readonly otherReasons: readonly Reason[];
};

/**
 * A rating as documents store it. The scoring lib lists every reason under its component, and the
 * strongest again in the rating's top list: stored, each reason appears once — in `reasons` if it is
 * among the strongest, else in its component's `otherReasons` — and names at most
 * MAX_REASON_EVENT_IDS events. `ratingView` gives back the scoring lib's shape.
 */
export type StoredRating = Omit<Rating, 'components'> & {
  readonly components: Readonly<Partial<Record<ComponentName, StoredComponentScore>>>;
};

/** Whether `ids` holds an id twice: a pairwise check, as a reason's few ids are not worth a Set. */
const repeats = (ids: readonly string[]): boolean => {
  for (let i = 1; i < ids.length; i++) for (let j = 0; j < i; j++) if (ids[i] === ids[j]) return true;
  return false;
};

/** The latest distinct ids, in their order. */
export const cappedEventIds = (ids: readonly string[]): readonly string[] => {
  if (ids.length <= MAX_REASON_EVENT_IDS && !repeats(ids)) return ids;
  const kept: string[] = [];
  const seen = new Set<string>();
  for (let i = ids.length - 1; i >= 0 && kept.length < MAX_REASON_EVENT_IDS; i--) {
    if (seen.has(ids[i])) continue;
    seen.add(ids[i]);
    kept.push(ids[i]);
  }
  return kept.reverse();
};

const capped = (reason: Reason): Reason => {
  const eventIds = cappedEventIds(reason.eventIds);
  return eventIds === reason.eventIds ? reason : { ...reason, eventIds };
};

/** The component's fields in their order, with `otherReasons` where `reasons` was; written out, as a spread or an object rest costs more than the rest of storing a rating. */
const storedComponent = (score: ComponentScore, top: readonly Reason[]): StoredComponentScore => {
  const { component, weight, value, confidence, lowerBound, positive, negative, evidenceCount } = score;
  const otherReasons: Reason[] = [];
  for (const reason of score.reasons) if (!top.includes(reason)) otherReasons.push(capped(reason));
  return 'paydex' in score
    ? { component, weight, value, confidence, lowerBound, positive, negative, evidenceCount, paydex: score.paydex, otherReasons }
    : { component, weight, value, confidence, lowerBound, positive, negative, evidenceCount, otherReasons };
};

export const storedRating = (rating: Rating | null): StoredRating | null => {
  if (rating === null) return null;
  const components: Partial<Record<ComponentName, StoredComponentScore>> = {};
  for (const name of Object.keys(rating.components) as ComponentName[]) components[name] = storedComponent(rating.components[name]!, rating.reasons);
  return { ...rating, components, reasons: rating.reasons.map(capped) };
};

/**
 * The scoring lib's rating back from its stored form. The top reasons are the strongest of all, so a
 * component's reasons are its top ones followed by its others, in the order scoring gave them.
 */
export const ratingView = (stored: StoredRating | null): Rating | null => {
  if (stored === null) return null;
  const components: Partial<Record<ComponentName, ComponentScore>> = {};
  for (const [name, score] of Object.entries(stored.components) as [ComponentName, StoredComponentScore][]) {
    const { otherReasons, ...rest } = score;
    components[name] = { ...rest, reasons: [...stored.reasons.filter((reason) => reason.component === name), ...otherReasons] };
  }
  return { ...stored, components };
};
