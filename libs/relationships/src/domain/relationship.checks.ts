import { Instant } from '#libs/shared-kernel';
import { FactInTheFutureError, FactOutOfOrderError } from './relationship.errors';

const DAY_MS = 24 * 60 * 60 * 1000;

export const epochMs = (instant: Instant): number => Date.parse(instant);

export const addDays = (instant: Instant, days: number): number => epochMs(instant) + days * DAY_MS;

/** A fact is recorded once it happened; a due date may lie ahead and is never passed here. */
export const refuseFuture = (now: Instant, happened: Readonly<Record<string, Instant | undefined>>): void => {
  for (const [field, at] of Object.entries(happened)) {
    if (at !== undefined && epochMs(at) > epochMs(now)) {
      throw new FactInTheFutureError(`${field} ${at} is later than now (${now})`, { field, at, now });
    }
  }
};

export const refuseBefore = (what: string, at: Instant, earliest: Instant): void => {
  if (epochMs(at) < epochMs(earliest)) {
    throw new FactOutOfOrderError(`${what} at ${at}, before ${earliest}`, { at, earliest });
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInstant = (v: unknown): v is Instant => typeof v === 'string' && Instant.safeParse(v).success;

/** Deep equality where two spellings of the same instant (`…00Z`, `…00.000Z`) are equal. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (isInstant(a) && isInstant(b)) return epochMs(a) === epochMs(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (!isObject(a) || !isObject(b) || Array.isArray(a) || Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => same(a[k], b[k]));
};

/** Every field the command states matches the recorded fact; fields it leaves out match anything. */
export const sameContent = (requested: object, recorded: object): boolean =>
  Object.entries(requested).every(
    ([key, value]) => value === undefined || same(value, (recorded as Record<string, unknown>)[key]),
  );

/**
 * Idempotency by business id: true when the command repeats what is recorded (so nothing new happens);
 * throws the conflict when the same id was recorded with other content.
 */
export const alreadySatisfied = (
  recorded: { readonly data: object } | undefined,
  requested: object,
  conflict: () => Error,
): boolean => {
  if (!recorded) return false;
  if (sameContent(requested, recorded.data)) return true;
  throw conflict();
};
