import type { Clock } from '#libs/shared-kernel';
import { type JobRun, type JobsFilter, type JobsReader, limitOf, progressOf } from './jobs-reader.port';

/** The embedded runner's record of its recent runs, kept to the last `capacity`. */
export class InMemoryJobsLog implements JobsReader {
  private readonly runs: JobRun[] = [];
  private sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 500,
  ) {}

  /** A new run, waiting, of a job about `subject` (a party, a run); the handle moves it through its states. */
  open(name: string, subject: string): JobHandle {
    const run: JobRun = { id: `${name}.${subject}.${++this.sequence}`, name, state: 'waiting', progress: null, attempts: 0, queuedAt: this.clock.now(), startedAt: null, finishedAt: null, error: null };
    this.runs.push(run);
    if (this.runs.length > this.capacity) this.runs.splice(0, this.runs.length - this.capacity);
    return new JobHandle(this.runs, run.id, this.clock);
  }

  async recentRuns(filter: JobsFilter): Promise<JobRun[]> {
    return this.runs
      .filter((run) => (filter.name ? run.name === filter.name : true) && (filter.states?.length ? filter.states.includes(run.state) : true))
      .reverse()
      .slice(0, limitOf(filter));
  }
}

export class JobHandle {
  constructor(
    private readonly runs: JobRun[],
    readonly id: string,
    private readonly clock: Clock,
  ) {}

  private update(change: (run: JobRun) => Partial<JobRun>): void {
    const i = this.runs.findIndex((run) => run.id === this.id);
    if (i >= 0) this.runs[i] = { ...this.runs[i], ...change(this.runs[i]) };
  }

  started(): void {
    this.update((run) => ({ state: 'active', attempts: run.attempts + 1, startedAt: run.startedAt ?? this.clock.now() }));
  }

  progress(raw: unknown): void {
    this.update(() => ({ progress: progressOf(raw) }));
  }

  /** A failed attempt that will be retried. */
  retrying(error: unknown): void {
    this.update(() => ({ state: 'delayed', error: String(error instanceof Error ? error.message : error) }));
  }

  completed(): void {
    this.update(() => ({ state: 'completed', finishedAt: this.clock.now() }));
  }

  failed(error: unknown): void {
    this.update(() => ({ state: 'failed', finishedAt: this.clock.now(), error: String(error instanceof Error ? error.message : error) }));
  }
}
