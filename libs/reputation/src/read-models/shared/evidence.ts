import type { RelationshipEvent } from '#libs/relationships';
import { foldEvent, type EvidenceAccumulator, type Fact } from '#libs/scoring';
import type { Role, StoredEvent } from '#libs/shared-kernel';

/**
 * The facts about a party in one role, as a document keeps them: the scoring lib's facts, append-only.
 * Only the first `n` count. Documents share the array with the versions they were evolved from, so
 * that a fact is appended in place rather than copied with every fact before it: a version that
 * appends past the end of the array it was given pushes onto it, which no earlier version can see (it
 * reads its own `n` facts); one given an array already longer — a version left behind, say when a
 * batch failed — copies its own facts first. `settled` trims the array to `n` before the document is
 * written, so the stored JSON holds exactly its facts.
 */
export interface Evidence {
  readonly n: number;
  readonly facts: readonly Fact[];
}

export const NO_EVIDENCE: Evidence = { n: 0, facts: [] };

/**
 * Where a document that keeps evidence per role at `internal.evidence` has its facts: the engine stores
 * these arrays apart and appends to them (a projection's `appendOnlyArrays`), rather than writing every
 * fact of a long history again with each batch.
 */
export const EVIDENCE_FACT_ARRAYS: readonly (readonly string[])[] = [
  ['internal', 'evidence', 'client', 'facts'],
  ['internal', 'evidence', 'supplier', 'facts'],
];

/** The evidence after one more event: unchanged (the same object) when the event tells nothing about the party in this role. */
export const withEvent = (evidence: Evidence, partyId: string, role: Role, stored: StoredEvent<RelationshipEvent>): Evidence => {
  const [fact] = foldEvent({ partyId, role, facts: [] }, stored).facts;
  if (fact === undefined) return evidence;
  const facts = evidence.facts as Fact[];
  if (facts.length === evidence.n && evidence !== NO_EVIDENCE) {
    facts.push(fact);
    return { n: evidence.n + 1, facts };
  }
  const own = facts.slice(0, evidence.n);
  own.push(fact);
  return { n: own.length, facts: own };
};

/** The evidence as it is written: the array holds its `n` facts and no more. */
export const settled = (evidence: Evidence): Evidence =>
  evidence.facts.length === evidence.n ? evidence : { n: evidence.n, facts: evidence.facts.slice(0, evidence.n) };

/** The scoring lib's accumulator over the evidence. */
export const accumulatorOf = (partyId: string, role: Role, evidence: Evidence): EvidenceAccumulator => ({ partyId, role, facts: settled(evidence).facts as Fact[] });

/** The fact this event recorded in the evidence, if any. */
export const factOf = (evidence: Evidence, eventId: string): Fact | undefined => {
  for (let i = 0; i < evidence.n; i++) if (evidence.facts[i].id === eventId) return evidence.facts[i];
  return undefined;
};
