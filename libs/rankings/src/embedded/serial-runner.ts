import type { InMemoryJobsLog, JobHandle } from '../application/in-memory-jobs-log';
import type { JobRetryOptions } from '../bullmq/rapport-jobs';
import type { OnProgress } from '../jobs/rankings-jobs';

interface Task {
  readonly name: string;
  readonly handle: JobHandle;
  readonly work: (onProgress: OnProgress) => Promise<unknown>;
  attempt: number;
  settle(result: { ok: true; value: unknown } | { ok: false; error: unknown }): void;
}

/**
 * Runs jobs one at a time, in the order they come (so a full run never overlaps a party's recompute),
 * retries a failed attempt after `backoffMs · 2^(attempt − 1)`, and logs every run for the `jobs` query.
 */
export class SerialRunner {
  private readonly queue: Task[] = [];
  private readonly retrying = new Map<NodeJS.Timeout, Task>();
  private running: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly log: InMemoryJobsLog,
    private readonly retry: JobRetryOptions,
    private readonly onFailure: (name: string, error: unknown) => void,
  ) {}

  /** Queues a run of `name` about `subject`; resolves with its result, or rejects once its last attempt failed. */
  enqueue(name: string, subject: string, work: Task['work']): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ name, handle: this.log.open(name, subject), work, attempt: 0, settle: (r) => (r.ok ? resolve(r.value) : reject(r.error)) });
      this.drain();
    });
  }

  /** Resolves once nothing is queued, running or waiting to be retried. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.notifyIdle();
    });
  }

  /** Lets the running job finish; the queued and retrying ones are rejected. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retrying.keys()) clearTimeout(timer);
    const stopped = new Error('the embedded jobs stopped');
    for (const task of [...this.queue.splice(0), ...this.retrying.values()]) task.settle({ ok: false, error: stopped });
    this.retrying.clear();
    await this.running;
    this.notifyIdle();
  }

  get busy(): boolean {
    return this.queue.length > 0 || this.running !== null || this.retrying.size > 0;
  }

  notifyIdle(): void {
    if (this.busy && !this.stopped) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private drain(): void {
    if (this.running !== null || this.stopped) return this.notifyIdle();
    const task = this.queue.shift();
    if (task === undefined) return this.notifyIdle();
    this.running = this.execute(task).finally(() => {
      this.running = null;
      this.drain();
    });
  }

  private async execute(task: Task): Promise<void> {
    task.attempt += 1;
    task.handle.started();
    try {
      const value = await task.work((progress) => task.handle.progress(progress));
      task.handle.completed();
      task.settle({ ok: true, value });
    } catch (error) {
      if (task.attempt < this.retry.attempts && !this.stopped) {
        task.handle.retrying(error);
        const timer = setTimeout(() => {
          this.retrying.delete(timer);
          this.queue.push(task);
          this.drain();
        }, this.retry.backoffMs * 2 ** (task.attempt - 1));
        timer.unref();
        this.retrying.set(timer, task);
        return;
      }
      task.handle.failed(error);
      this.onFailure(task.name, error);
      task.settle({ ok: false, error });
    }
  }
}
