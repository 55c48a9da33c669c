/**
 * Tells listeners in other processes that appends committed, off the appends' own path: one message at
 * a time, and appends that commit while one is on its way share the next. Every append is followed by
 * a message sent after its commit, so a woken listener finds it; a failed message is dropped, since
 * listeners also poll.
 */
export class AppendAnnouncer {
  private sending: Promise<void> | null = null;
  private again = false;

  constructor(private readonly send: () => Promise<unknown>) {}

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
    } while (this.again);
    this.sending = null;
  }
}
