import type { StoredCheckpoint } from '#libs/projector';
import { ProjectionProgress } from './projection-progress';

const PROJECTIONS = [
  { name: 'profile', filter: { streamNamePrefixes: ['party-', 'relationship-'] } },
  { name: 'relationship', filter: { streamNamePrefixes: ['relationship-'] } },
];

describe('waiting for the read models to reach a position', () => {
  const checkpoints = new Map<string, number>();
  const progress = new ProjectionProgress(
    PROJECTIONS,
    async (name): Promise<StoredCheckpoint | null> => {
      const n = checkpoints.get(name);
      return n === undefined ? null : { position: { commit: BigInt(n), prepare: BigInt(n) }, version: 1 };
    },
    1,
  );

  beforeEach(() => checkpoints.clear());

  it('resolves once every read model of the stream has processed the position', async () => {
    checkpoints.set('profile', 4).set('relationship', 2);
    const waiting = progress.waitFor('5/5', 'relationship-acme-globex', 5000);

    setTimeout(() => checkpoints.set('profile', 5), 5);
    setTimeout(() => checkpoints.set('relationship', 7), 15);

    await expect(waiting).resolves.toBe(true);
  });

  it('waits only for the read models that read the stream: a party event never reaches the relationship one', async () => {
    checkpoints.set('profile', 9).set('relationship', 3);

    await expect(progress.waitFor('9/9', 'party-acme', 5000)).resolves.toBe(true);
  });

  it('answers false when the read models do not get there in time', async () => {
    checkpoints.set('profile', 1).set('relationship', 1);

    await expect(progress.waitFor('2/2', 'relationship-acme-globex', 30)).resolves.toBe(false);
  });

  it('answers at once for a stream no read model reads', async () => {
    await expect(progress.waitFor('2/2', 'credential-0123', 30)).resolves.toBe(true);
  });
});
