import type { RecordedEvent } from '#libs/event-store';
import { parsePartyStreamId, type PartyEvent } from '#libs/parties';
import type { IndexEntry } from '#libs/projector';
import { parseRelationshipStreamId, type RelationshipEvent } from '#libs/relationships';
import { createAccumulator, scoreFromAccumulator, type ScoringPolicy } from '#libs/scoring';
import type { Role, StoredEvent } from '#libs/shared-kernel';
import { decodeEvent, iso, laterOf, type DecodedEvent } from '../shared/decode-event';
import { foldedCopy } from '../shared/evidence';
import { normalizeSegment, rankingIndex, type RankingScope } from '../shared/keys';
import type { ReadModel } from '../shared/read-model';
import type { PartyIdentity, PartyProfileDoc } from './party-profile.doc';

export const PARTY_PROFILE_PROJECTION = 'party-profile';

/** Document keys are party ids; the party stream and every relationship stream a party is in feed its profile. */
const keysOf = (event: RecordedEvent): string[] => {
  const partyId = parsePartyStreamId(event.streamId);
  if (partyId !== undefined) return [partyId];
  const ref = parseRelationshipStreamId(event.streamId);
  return ref === undefined ? [] : [ref.supplierId, ref.clientId];
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
  flags: [],
  counts: { relationships: 0, openDisputes: 0 },
  internal: { streams: {}, evidence: { client: createAccumulator(partyId, 'client'), supplier: createAccumulator(partyId, 'supplier') } },
});

/** An update of a party that never registered (the decider refuses one) has nothing to update. */
const withIdentity = (doc: PartyProfileDoc, event: PartyEvent): PartyProfileDoc => {
  if (event.type === 'PartyRegistered') {
    const { name, roles, industry, region, registeredAt } = event.data;
    return { ...doc, identity: { name, roles, industry, region, registeredAt: iso(registeredAt), updatedAt: null } };
  }
  if (doc.identity === null) return doc;
  const { partyId: _party, updatedAt, ...changes } = event.data;
  const identity: PartyIdentity = { ...doc.identity, ...changes, updatedAt: iso(updatedAt) };
  return { ...doc, identity };
};

const withEvidence = (doc: PartyProfileDoc, stored: StoredEvent<RelationshipEvent>): PartyProfileDoc => {
  const { supplierId, clientId } = stored.event.data;
  const { client, supplier } = doc.internal.evidence;
  const evidence = {
    client: clientId === doc.partyId ? foldedCopy(client, stored) : client,
    supplier: supplierId === doc.partyId ? foldedCopy(supplier, stored) : supplier,
  };
  return { ...doc, internal: { ...doc.internal, evidence } };
};

/**
 * Once per batch (the engine's `settle`): rating a long history costs milliseconds, folding a fact does
 * not. Both roles are re-rated as of one instant, so the two ratings of a profile always compare.
 */
const rated = (policy: ScoringPolicy) => (_partyId: string, doc: PartyProfileDoc): PartyProfileDoc => {
  const asClient = scoreFromAccumulator(doc.internal.evidence.client, policy, doc.asOf);
  const asSupplier = scoreFromAccumulator(doc.internal.evidence.supplier, policy, doc.asOf);
  const relationships = Object.keys(doc.internal.streams).filter((id) => parseRelationshipStreamId(id) !== undefined).length;
  const openDisputes = (asClient?.openDisputes.length ?? 0) + (asSupplier?.openDisputes.length ?? 0);
  const flags = [...(asClient?.flags ?? []), ...(asSupplier?.flags ?? [])];
  return { ...doc, asClient, asSupplier, flags, counts: { relationships, openDisputes } };
};

/** Folds the fact and tracks `asOf`; the ratings, flags and counts derived from them wait for `settle`. */
const evolve = (doc: PartyProfileDoc | null, partyId: string, event: RecordedEvent): PartyProfileDoc | null => {
  const decoded = decodeEvent(event);
  if (decoded === null || !concerns(decoded, partyId)) return doc;
  const { streamId, revision } = decoded.stored;
  if (doc !== null && revision <= (doc.internal.streams[streamId] ?? -1)) return doc;
  const base = doc ?? emptyProfile(partyId, decoded);
  const applied = decoded.stream === 'party' ? withIdentity(base, decoded.stored.event) : withEvidence(base, decoded.stored);
  const streams = { ...applied.internal.streams, [streamId]: revision };
  return {
    ...applied,
    asOf: laterOf(base.asOf, decoded.recordedAt),
    lastActivityAt: laterOf(base.lastActivityAt, decoded.occurredAt),
    internal: { ...applied.internal, streams },
  };
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
  version: 1,
  filter: { streamNamePrefixes: ['party-', 'relationship-'] },
  keysOf,
  evolve,
  settle: rated(policy),
  indexesOf,
});
