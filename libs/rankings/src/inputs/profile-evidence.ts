import type { ReadStoreReader } from '#libs/projector';
import { PARTY_PROFILE_PROJECTION, rankingIndex, type PartyProfileDoc } from '#libs/reputation';
import type { Fact, PartyAccumulators, ScoringPolicy } from '#libs/scoring';
import { type PartyEvidence, partyEvidenceFrom } from '#libs/trust';
import { mapChunks } from '../jobs/chunks';

/** A role's facts as a profile keeps them: the scoring lib's facts, of which the first `n` count when `n` is given. */
interface StoredFacts {
  readonly facts: readonly Fact[];
  readonly n?: number;
}

/**
 * The one place that knows where a profile document keeps the scoring accumulators (`internal.evidence`):
 * the read model's internals may change shape, and only this function should have to follow.
 */
export const accumulatorsOf = (doc: PartyProfileDoc): PartyAccumulators => {
  const evidence: { readonly client: StoredFacts; readonly supplier: StoredFacts } = doc.internal.evidence;
  const facts = ({ facts, n }: StoredFacts) => (n === undefined || n === facts.length ? facts : facts.slice(0, n)) as Fact[];
  return {
    client: { partyId: doc.partyId, role: 'client', facts: facts(evidence.client) },
    supplier: { partyId: doc.partyId, role: 'supplier', facts: facts(evidence.supplier) },
  };
};

const identityOf = (doc: PartyProfileDoc): { industry?: string; region?: string } =>
  doc.identity === null ? {} : { industry: doc.identity.industry, region: doc.identity.region };

/** A profile document as a full recompute reads a party: where it is ranked and its evidence as of `asOf`. */
export const evidenceFromProfile = (doc: PartyProfileDoc, policy: ScoringPolicy, asOf: string): PartyEvidence =>
  partyEvidenceFrom(accumulatorsOf(doc), identityOf(doc), policy, asOf);

const PAGE = 10_000;

/**
 * Every ranked party: the members of the profile read model's `rankings:client:all` and
 * `rankings:supplier:all`, sorted. A party is ranked in a role once it has a fact in it, so this is every
 * party with evidence.
 */
export const rankedPartyIds = async (reader: ReadStoreReader): Promise<string[]> => {
  const ids = new Set<string>();
  for (const role of ['client', 'supplier'] as const) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await reader.rangeIndex(PARTY_PROFILE_PROJECTION, rankingIndex(role), { order: 'asc', offset, count: PAGE });
      for (const { member } of page) ids.add(member);
      if (page.length < PAGE) break;
    }
  }
  return [...ids].sort();
};

export interface EvidenceReadOptions {
  readonly chunkSize: number;
  readonly concurrency: number;
  readonly onChunk?: (done: number, total: number) => void | Promise<void>;
}

/** The parties' evidence from their profile documents, `getDocs` a chunk at a time; a party without a document is left out. */
export const readPartyEvidence = async (
  reader: ReadStoreReader,
  partyIds: readonly string[],
  policy: ScoringPolicy,
  asOf: string,
  options: EvidenceReadOptions,
): Promise<PartyEvidence[]> => {
  const chunks = await mapChunks(partyIds, options, async (ids) => {
    const docs = (await reader.getDocs(PARTY_PROFILE_PROJECTION, ids)) as unknown as (PartyProfileDoc | null)[];
    return docs.flatMap((doc) => (doc === null ? [] : [evidenceFromProfile(doc, policy, asOf)]));
  });
  return chunks.flat();
};
