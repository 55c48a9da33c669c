/**
 * The live phase's writers, as a process of their own (forked by live-lag.ts from its compiled form in
 * dist/), so that appending does not compete with the projector for its event loop, as other
 * processes' appends would not. Appends `rate` events/s for `seconds` from `writers` concurrent writers
 * on a fixed schedule, then sends back, per append, its position and when it returned (epoch ms).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresEventStore, serializePosition } from '#libs/event-store';
import { reputationAppends, type Append, type ReputationLogShape } from './reputation-log';

export interface LiveWriterTask {
  readonly databaseUrl: string;
  readonly shape: ReputationLogShape;
  readonly ratePerSec: number;
  readonly seconds: number;
  readonly writers: number;
}

export interface LiveWriterReport {
  /** Per append: serialized position and epoch ms when the append returned. */
  readonly marks: [string, number][];
  readonly events: number;
  readonly appendRatePerSec: number;
  /** This process's CPU seconds while appending (the load generator's share of the cores). */
  readonly cpuSeconds: number;
}

const now = () => performance.timeOrigin + performance.now();

/** More stories between the same parties: the registrations are left out. */
const storiesOf = (shape: ReputationLogShape, writer: number): Iterator<Append> => {
  const appends = reputationAppends(shape, writer);
  return (function* () {
    for (const append of appends) if (!append.streamId.startsWith('party-')) yield append;
  })();
};

const run = async (task: LiveWriterTask): Promise<LiveWriterReport> => {
  const store = new PostgresEventStore(task.databaseUrl, { notify: true, poolSize: task.writers });
  await store.open();
  const marks: [string, number][] = [];
  const perWriter = (task.ratePerSec * task.seconds) / task.writers;
  let written = 0;
  const startedAt = now();
  const cpuBefore = process.cpuUsage();
  const writer = async (w: number) => {
    const source = storiesOf(task.shape, w);
    for (let sent = 0; sent < perWriter; ) {
      const next = source.next();
      if (next.done) throw new Error('the live log ran out of appends');
      const wait = startedAt + (sent * 1000 * task.writers) / task.ratePerSec - now();
      if (wait > 0) await sleep(wait);
      const result = await store.appendToStream(next.value.streamId, next.value.events);
      marks.push([serializePosition(result.position), now()]);
      sent += next.value.events.length;
      written += next.value.events.length;
    }
  };
  try {
    await Promise.all(Array.from({ length: task.writers }, (_, w) => writer(w)));
  } finally {
    await store.close();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { marks, events: written, appendRatePerSec: Math.round(written / ((now() - startedAt) / 1000)), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
};

if (require.main === module) {
  process.once('message', (task: LiveWriterTask) => {
    run(task).then(
      (report) => process.send!(report, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
