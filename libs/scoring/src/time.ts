import { RapportError } from '#libs/shared-kernel';

export const DAY_MS = 86_400_000;
export const YEAR_DAYS = 365.25;

export class InvalidAsOfError extends RapportError {
  readonly kind = 'validation';
  readonly code = 'SCORING.INVALID_AS_OF';

  constructor(readonly asOf: string) {
    super(`asOf must be an ISO-8601 instant, got "${asOf}"`, { asOf });
  }
}

export const instantMs = (iso: string): number => Date.parse(iso);

export const parseAsOf = (asOf: string): number => {
  const ms = Date.parse(asOf);
  if (Number.isNaN(ms)) throw new InvalidAsOfError(asOf);
  return ms;
};

export const isoOf = (ms: number): string => new Date(ms).toISOString();

/** Whole days from `fromMs` to `toMs`, truncated toward zero: 23 hours late is not yet a day late. */
export const wholeDaysBetween = (fromMs: number, toMs: number): number => Math.trunc((toMs - fromMs) / DAY_MS);

/** Calendar months, so "the last 12 months" ends on the same day of the month a year earlier. */
export const monthsBefore = (ms: number, months: number): number => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
};
