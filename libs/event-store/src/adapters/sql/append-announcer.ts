/**
 * Tells listeners in other processes that appends committed, off the appends' own path. One message at a
 * time, and at most one per `intervalMs`: appends that commit meanwhile share the next. An append after a
 * quiet spell is announced at once; during a burst, a listener hears of an append at most about
 * `intervalMs` after its commit. A failed message is dropped, since listeners also poll.
 */
export class AppendAnnouncer {
  private sending: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly send: () => Promise<unknown>,
    private readonly intervalMs = 0,
  ) {}

  /** Call after an append committed; returns at once. */
  announce(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = this.drain();
  }

  /** Resolves once nothing is left to send. */
  idle(): Promise<void> {
    return this.sending ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      await this.send().catch(() => undefined);
      if (this.intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    } while (this.again);
    this.sending = null;
  }
}
