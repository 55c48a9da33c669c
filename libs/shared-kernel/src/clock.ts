import type { Instant } from './schema';

/**
 * Where the application layer reads `now` for a command's context. Pure code never reads it: it takes `now`
 * from the command. Inject it under `CLOCK`; a replay of historical data sets it per command.
 */
export interface Clock {
  now(): Instant;
}

/** Nest injection token of the `Clock`. */
export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date().toISOString() };

/** A clock that says what it was last set to: for tests and for replaying history at its own dates. */
export class SettableClock implements Clock {
  constructor(private current: Instant) {}

  set(now: Instant): void {
    this.current = now;
  }

  now(): Instant {
    return this.current;
  }
}
