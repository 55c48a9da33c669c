import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, parsePosition, serializePosition } from '#libs/event-store';
import type { ReadStoreReader, ReadStoreWriter } from '#libs/projector';
import { PARTY_PROFILE_PROJECTION } from '#libs/reputation';
import type { RankingReadModels } from './ranking-read-models';

/**
 * The jobs' view of a read store the projector writes (Redis in the worker, memory in tests): documents and
 * indexes, and the party-profile checkpoint, which is committed with the documents, so once it has passed a
 * position every profile that event changed is readable.
 */
export const readStoreReadModels = (store: ReadStoreReader & Pick<ReadStoreWriter, 'readCheckpoint'>, pollMs = 10): RankingReadModels => {
  const checkpoint = async (projection: string): Promise<string | null> => {
    const stored = await store.readCheckpoint(projection);
    return stored === null ? null : serializePosition(stored.position);
  };
  return {
    reader: store,
    checkpoint,
    waitFor: async (position, _streamId, timeoutMs) => {
      const target = parsePosition(position);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const reached = await checkpoint(PARTY_PROFILE_PROJECTION);
        if (reached !== null && comparePositions(parsePosition(reached), target) >= 0) return true;
        if (Date.now() >= deadline) return false;
        await sleep(pollMs);
      }
    },
  };
};
