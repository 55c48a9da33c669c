import type { RecordedEvent } from '#libs/event-store';
import type { PartyEvent } from '#libs/parties';
import type { IndexEntry } from '#libs/projector';
import { scoreFromAccumulator, type ScoringPolicy } from '#libs/scoring';
import type { Role } from '#libs/shared-kernel';
import { decodeEvent, iso, laterOf, type DecodedEvent } from '../shared/decode-event';
import { accumulatorOf, EVIDENCE_FACT_ARRAYS, NO_EVIDENCE, settled, withEvent } from '../shared/evidence';
import { normalizeSegment, rankingIndex, type RankingScope } from '../shared/keys';
import type { ReadModel } from '../shared/read-model';
import { storedRating } from '../shared/stored-rating';
import type { PartyIdentity, PartyProfileDoc, PartyProfileInternal } from './party-profile.doc';

export const PARTY_PROFILE_PROJECTION = 'party-profile';

/** Document keys are party ids; the party stream and every relationship stream a party is in feed its profile. */
const keysOf = (event: RecordedEvent): string[] => {
  const decoded = decodeEvent(event);
  if (decoded === null) return [];
  return decoded.stream === 'party' ? [decoded.partyId] : [decoded.ref.supplierId, decoded.ref.clientId];
};

const concerns = (decoded: DecodedEvent, partyId: string): boolean =>
  decoded.stream === 'party' ? decoded.partyId === partyId : decoded.ref.supplierId === partyId || decoded.ref.clientId === partyId;

const emptyProfile = (partyId: string, decoded: DecodedEvent): PartyProfileDoc => ({
  partyId,
  identity: null,
  asOf: decoded.recordedAt,
  lastActivityAt: decoded.occurredAt,
  asClient: null,
  asSupplier: null,
  counts: { relationships: 0, openDisputes: 0 },
  internal: { streams: [], evidence: { client: NO_EVIDENCE, supplier: NO_EVIDENCE } },
});

/** An update of a party that never registered (the decider refuses one) has nothing to update. */
const identityAfter = (identity: PartyIdentity | null, event: PartyEvent): PartyIdentity | null => {
  if (event.type === 'PartyRegistered') {
    const { name, roles, industry, region, registeredAt } = event.data;
    return { name, roles, industry, region, registeredAt: iso(registeredAt), updatedAt: null };
  }
  if (identity === null) return null;
  const { partyId: _party, updatedAt, ...changes } = event.data;
  return { ...identity, ...changes, updatedAt: iso(updatedAt) };
};

const indexIn = (streams: PartyProfileInternal['streams'], streamId: string): number => {
  for (let i = 0; i < streams.length; i++) if (streams[i][0] === streamId) return i;
  return -1;
};

const revisionIn = (streams: PartyProfileInternal['streams'], streamId: string): number => {
  const at = indexIn(streams, streamId);
  return at < 0 ? -1 : streams[at][1];
};

const withRevision = (streams: PartyProfileInternal['streams'], streamId: string, revision: number): PartyProfileInternal['streams'] => {
  const at = indexIn(streams, streamId);
  if (at < 0) return [...streams, [streamId, revision]];
  const next = streams.slice();
  next[at] = [streamId, revision];
  return next;
};

/**
 * Once per batch (the engine's `settle`): rating a long history costs milliseconds, folding a fact does
 * not. Both roles are re-rated as of one instant, so the two ratings of a profile always compare.
 */
const rated = (policy: ScoringPolicy) => (partyId: string, doc: PartyProfileDoc): PartyProfileDoc => {
  const client = settled(doc.internal.evidence.client);
  const supplier = settled(doc.internal.evidence.supplier);
  const asClient = scoreFromAccumulator(accumulatorOf(partyId, 'client', client), policy, doc.asOf);
  const asSupplier = scoreFromAccumulator(accumulatorOf(partyId, 'supplier', supplier), policy, doc.asOf);
  // Only party and relationship streams are ever applied: every stream but the party's own is a relationship.
  const relationships = doc.internal.streams.filter(([id]) => id !== `party-${partyId}`).length;
  const openDisputes = (asClient?.openDisputes.length ?? 0) + (asSupplier?.openDisputes.length ?? 0);
  return {
    ...doc,
    asClient: storedRating(asClient),
    asSupplier: storedRating(asSupplier),
    counts: { relationships, openDisputes },
    internal: { streams: doc.internal.streams, evidence: { client, supplier } },
  };
};

/**
 * Folds the fact and tracks `asOf`; the ratings and counts derived from them wait for `settle`. The
 * ratings are dropped here, as `settle` rates again before any write: a profile held between batches
 * (the projector's cache, a rebuild's memory) then does not keep a rating's many objects alive.
 */
const evolve = (doc: PartyProfileDoc | null, partyId: string, event: RecordedEvent): PartyProfileDoc | null => {
  const decoded = decodeEvent(event);
  if (decoded === null || !concerns(decoded, partyId)) return doc;
  const { streamId, revision } = decoded.stored;
  if (doc !== null && revision <= revisionIn(doc.internal.streams, streamId)) return doc;
  const base = doc ?? emptyProfile(partyId, decoded);
  const { evidence } = base.internal;
  const streams = withRevision(base.internal.streams, streamId, revision);
  const asOf = laterOf(base.asOf, decoded.recordedAt);
  const lastActivityAt = laterOf(base.lastActivityAt, decoded.occurredAt);
  if (decoded.stream === 'party') {
    return { ...base, identity: identityAfter(base.identity, decoded.stored.event), asOf, lastActivityAt, asClient: null, asSupplier: null, internal: { streams, evidence } };
  }
  const client = withEvent(evidence.client, partyId, 'client', decoded.stored);
  const supplier = withEvent(evidence.supplier, partyId, 'supplier', decoded.stored);
  return { ...base, asOf, lastActivityAt, asClient: null, asSupplier: null, internal: { streams, evidence: { client, supplier } } };
};

const ROLES = [
  ['client', 'asClient'],
  ['supplier', 'asSupplier'],
] as const satisfies readonly (readonly [Role, keyof PartyProfileDoc])[];

const scopesOf = (identity: PartyIdentity | null): RankingScope[] => {
  const scopes: RankingScope[] = [{ kind: 'all' }];
  if (identity === null) return scopes;
  if (normalizeSegment(identity.industry)) scopes.push({ kind: 'industry', value: identity.industry });
  if (normalizeSegment(identity.region)) scopes.push({ kind: 'region', value: identity.region });
  return scopes;
};

/** A party is ranked in a role once it has a rating there, by the confidence-adjusted ranking score. */
const indexesOf = (_key: string, doc: PartyProfileDoc): IndexEntry[] =>
  ROLES.flatMap(([role, field]) => {
    const rating = doc[field];
    if (rating === null) return [];
    return scopesOf(doc.identity).map((scope) => ({ index: rankingIndex(role, scope), member: doc.partyId, score: rating.rankingScore }));
  });

export const partyProfileProjection = (policy: ScoringPolicy): ReadModel<PartyProfileDoc> => ({
  name: PARTY_PROFILE_PROJECTION,
  // 2: ratings stored with each reason once, stream revisions as pairs, evidence appended in place.
  // 3: facts stored apart from the document and appended to.
  // 4: in Redis, each array of facts a string of its own, APPENDed to (was a hash field, rewritten whole).
  version: 4,
  filter: { streamNamePrefixes: ['party-', 'relationship-'] },
  keysOf,
  evolve,
  settle: rated(policy),
  indexesOf,
  appendOnlyArrays: EVIDENCE_FACT_ARRAYS,
});
