/**
 * Lets pollers sleep until new events may exist. A poller takes a `mark` before it reads, so an append
 * that lands while it is reading wakes it at once instead of being noticed one poll interval later.
 */
export class Wakeup {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get mark(): number {
    return this.generation;
  }

  notify(): void {
    this.generation += 1;
    for (const wake of [...this.waiters]) wake();
  }

  wait(sinceMark: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.generation !== sinceMark || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
