import type { ReadStoreReader } from '#libs/projector';
import type { RelationshipRef } from '#libs/relationships';
import { PARTY_PROFILE_PROJECTION, parseRelationshipKey, RELATIONSHIP_PROJECTION, rankingIndex, relationshipsOfIndex, type RelationshipDoc } from '#libs/reputation';
import { mapChunks, type ChunkOptions } from '../jobs/chunks';

const DAY_MS = 86_400_000;
const PAGE = 10_000;

/** Sealed feedback is due for reveal once its window has passed with the other side silent. */
export const hasFeedbackDue = (doc: Pick<RelationshipDoc, 'pendingFeedback'>, asOfMs: number, revealWindowDays: number): boolean =>
  doc.pendingFeedback.some((f) => Date.parse(f.submittedAt) + revealWindowDays * DAY_MS <= asOfMs);

const membersOf = async (reader: ReadStoreReader, projection: string, index: string): Promise<string[]> => {
  const members: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await reader.rangeIndex(projection, index, { order: 'asc', offset, count: PAGE });
    members.push(...page.map((m) => m.member));
    if (page.length < PAGE) return members;
  }
};

/**
 * The relationships holding sealed feedback whose reveal window has passed, from the relationship read
 * model (`pendingFeedback`: who submitted what, when, without its content). Feedback needs an engagement,
 * and an engagement ranks its client, so every such relationship is among the `relationships-of` index of
 * a member of `rankings:client:all`; each is read once, from its client's side.
 */
export const relationshipsWithFeedbackDue = async (
  reader: ReadStoreReader,
  asOf: string,
  revealWindowDays: number,
  options: ChunkOptions,
): Promise<{ scanned: number; due: RelationshipRef[] }> => {
  const asOfMs = Date.parse(asOf);
  const clients = await membersOf(reader, PARTY_PROFILE_PROJECTION, rankingIndex('client'));
  const keys = (
    await mapChunks(clients, { ...options, onChunk: undefined }, async (chunk) => {
      const lists = await Promise.all(chunk.map((clientId) => membersOf(reader, RELATIONSHIP_PROJECTION, relationshipsOfIndex(clientId))));
      return lists.flatMap((list, i) => list.filter((key) => parseRelationshipKey(key)?.clientId === chunk[i]));
    })
  ).flat();
  const due = await mapChunks(keys, options, async (chunk) => {
    const docs = (await reader.getDocs(RELATIONSHIP_PROJECTION, chunk)) as unknown as (Pick<RelationshipDoc, 'supplierId' | 'clientId' | 'pendingFeedback'> | null)[];
    return docs.flatMap((doc) => (doc !== null && hasFeedbackDue(doc, asOfMs, revealWindowDays) ? [{ supplierId: doc.supplierId, clientId: doc.clientId }] : []));
  });
  return { scanned: keys.length, due: due.flat() };
};
