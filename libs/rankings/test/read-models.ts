import { comparePositions, type EventStore } from '#libs/event-store';
import { InMemoryReadStore, Projector, silentLogger, type ReadStore } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';

export interface RunningReadModels {
  readonly readStore: ReadStore;
  readonly projector: Projector;
  /** Resolves once every projection has processed the log's head as it is now. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The reputation read models projected from `store` into `readStore` (memory by default), following live. */
export const startReadModels = (store: EventStore, readStore: ReadStore = new InMemoryReadStore()): RunningReadModels => {
  const projector = new Projector({ store, readStore, projections: reputationProjections, logger: silentLogger, leaseTtlMs: 60_000 }).start();
  return {
    readStore,
    projector,
    caughtUp: async (timeoutMs = 120_000) => {
      const head = await store.headPosition();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const checkpoints = await Promise.all(reputationProjections.map((p) => readStore.readCheckpoint(p.name)));
        if (head === null || checkpoints.every((c) => c !== null && comparePositions(c.position, head) >= 0)) return;
        if (Date.now() > deadline) throw new Error('the read models did not catch up in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: () => projector.stop(),
  };
};
