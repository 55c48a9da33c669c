import { serializePosition } from '#libs/event-store';
import { listMember } from '../list-order';
import type { CommitBatch, Lease } from '../read-store.port';
import type { RedisKeys } from './redis-keys';

export const leaseValue = (lease: Lease): string => `${lease.owner}#${lease.token}`;

/**
 * Encodes a batch as COMMIT_SCRIPT's KEYS and ARGV. Every key is declared (as Redis Cluster requires)
 * once, and operations name keys by their index, which keeps the argument list short for big batches.
 */
export const encodeCommit = (keys: RedisKeys, batch: CommitBatch, lease: Lease): { keys: string[]; args: string[] } => {
  const { projection } = batch;
  const keyList = [keys.lease(projection), keys.checkpoint(projection)];
  const indexOf = new Map<string, number>();
  const ref = (key: string): string => {
    let index = indexOf.get(key);
    if (index === undefined) {
      index = keyList.push(key);
      indexOf.set(key, index);
    }
    return String(index);
  };
  const args = [
    leaseValue(lease),
    batch.after ? serializePosition(batch.after) : '',
    batch.position ? serializePosition(batch.position) : '',
    String(batch.version),
    String(lease.token),
  ];
  for (const doc of batch.docs) {
    const key = ref(keys.doc(projection, doc.key));
    if (doc.json === null) {
      args.push('D', key, ref(keys.tails(projection, doc.key)));
      continue;
    }
    args.push('S', key, doc.json);
    if (doc.tails === undefined || doc.tails.length === 0) continue;
    const tails = ref(keys.tails(projection, doc.key));
    for (const tail of doc.tails) args.push(tail.replace ? 'U' : 'T', tails, ref(keys.tail(projection, doc.key, tail.path)), tail.path, tail.text);
  }
  for (const removal of batch.indexRemovals) args.push('R', ref(keys.index(projection, removal.index)), removal.member);
  for (const add of batch.indexAdds) args.push('A', ref(keys.index(projection, add.index)), String(add.score), add.member);
  for (const entry of batch.listAppends) {
    const member = listMember(entry.score, entry.id, JSON.stringify(entry.entry));
    args.push('L', ref(keys.list(projection, entry.list)), ref(keys.listIds(projection, entry.list)), entry.id, member);
  }
  return { keys: keyList, args };
};
