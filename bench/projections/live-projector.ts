/**
 * A projector over some of the read models, as a process of its own (forked by live-lag.ts from its compiled
 * form in dist/), for the live phase's process-per-projection layout: what a deployment that runs one
 * projector process per projection (PROJECTIONS) does on a machine with more than one core. It tells its parent when it
 * is live and each commit it made until it is told to stop.
 */
import { PostgresEventStore, serializePosition } from '#libs/event-store';
import { createRedisReadStore, jsonLogger, Projector } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';
import { projectionsNamed } from '../../apps/projector/src/projections';

export interface LiveProjectorTask {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly projections: readonly string[];
}

export type LiveProjectorMessage =
  | { readonly kind: 'live' }
  | { readonly kind: 'commits'; readonly commits: readonly (readonly [projection: string, position: string, at: number, events: number])[] };

const now = () => performance.timeOrigin + performance.now();

const run = async (task: LiveProjectorTask): Promise<void> => {
  const projections = projectionsNamed(task.projections, reputationProjections);
  const store = new PostgresEventStore(task.databaseUrl);
  const readStore = createRedisReadStore({ url: task.redisUrl, prefix: task.prefix });
  // Commits go to the parent in one message per turn of the event loop, not one each.
  const pending: [string, string, number, number][] = [];
  const send = (message: LiveProjectorMessage) => process.send!(message);
  const projector = new Projector({
    store,
    readStore,
    projections,
    logger: jsonLogger('bench-projector'),
    onCommit: (info) => {
      if (!info.durable) return;
      if (pending.length === 0) setImmediate(() => send({ kind: 'commits', commits: pending.splice(0) }));
      pending.push([info.projection, serializePosition(info.position), now(), info.events]);
    },
  }).start();
  await projector.waitUntilLive(600_000);
  send({ kind: 'live' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  await projector.stop();
  await Promise.allSettled([readStore.close(), store.close()]);
};

if (require.main === module) {
  process.once('message', (task: LiveProjectorTask) => {
    run(task).then(
      () => process.disconnect(),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
