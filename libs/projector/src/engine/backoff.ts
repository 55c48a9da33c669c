import { setTimeout as sleep } from 'node:timers/promises';

/** Capped exponential backoff with jitter, so that restarted instances do not retry in step. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 100,
    private readonly maxMs = 10_000,
  ) {}

  nextDelayMs(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Sleeps, waking early (without an error) when the signal aborts. */
export const pause = async (ms: number, signal: AbortSignal): Promise<void> => {
  if (signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
};
