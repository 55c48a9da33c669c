import fc from 'fast-check';
import { InMemoryReadStore, rebuildProjection, rebuildProjections } from '#libs/projector';
import { logOf, moveArb } from '../../test/arbitrary-log';
import { InMemoryRunner } from '../../test/in-memory-runner';
import { recordedLogStore, snapshotOf } from '../../test/recorded-log-store';
import { reputationProjections } from './reputation-projections';

const names = reputationProjections.map((projection) => projection.name);
const moves = fc.array(moveArb, { minLength: 1, maxLength: 80, size: 'medium' });

describe('rebuilding the reputation read models in one read of the log', () => {
  it('gives what rebuilding each on its own gives, and what applying the events one by one gives, however few documents it may keep in memory', async () => {
    await fc.assert(
      fc.asyncProperty(moves, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 50 }), async (ms, maxDocs, batch) => {
        const events = logOf(ms);
        const store = recordedLogStore(events);
        const together = new InMemoryReadStore();
        await rebuildProjections({ store, readStore: together, projections: reputationProjections, batch: { maxEvents: batch }, limits: { maxDocs, flushSlice: 3, maxOperations: 7 } });
        const apart = new InMemoryReadStore();
        for (const projection of reputationProjections) await rebuildProjection({ store, readStore: apart, projection });

        const oneByOne = new InMemoryRunner(reputationProjections).run(events).snapshot();
        expect(snapshotOf(together, names)).toEqual(oneByOne);
        expect(snapshotOf(apart, names)).toEqual(oneByOne);
      }),
      { numRuns: 25 },
    );
  });
});
