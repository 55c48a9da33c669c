import type { RelationshipEvent } from '#libs/relationships';
import { foldEvent, type EvidenceAccumulator } from '#libs/scoring';
import type { StoredEvent } from '#libs/shared-kernel';

/**
 * `foldEvent` appends in place; a read model folds into a copy instead, because the document it was given
 * may still be held by the engine (to diff indexes, or as the last state written).
 */
export const foldedCopy = (acc: EvidenceAccumulator, stored: StoredEvent<RelationshipEvent>): EvidenceAccumulator =>
  foldEvent({ ...acc, facts: [...acc.facts] }, stored);
