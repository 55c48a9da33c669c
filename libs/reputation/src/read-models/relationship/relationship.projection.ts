import type { RecordedEvent } from '#libs/event-store';
import type { IndexEntry } from '#libs/projector';
import { mutualFit, scoreFromAccumulator, type ScoringPolicy } from '#libs/scoring';
import { decodeEvent, laterOf, type DecodedRelationshipEvent } from '../shared/decode-event';
import { accumulatorOf, EVIDENCE_FACT_ARRAYS, NO_EVIDENCE, settled, withEvent } from '../shared/evidence';
import { relationshipKey, relationshipsOfIndex } from '../shared/keys';
import type { ReadModel } from '../shared/read-model';
import { storedRating } from '../shared/stored-rating';
import type { EngagementView, RelationshipDoc, RelationshipStatus } from './relationship.doc';
import { derivedCounts, structureChange } from './relationship.structure';

export const RELATIONSHIP_PROJECTION = 'relationship';

const DAY_MS = 86_400_000;

/** One document per relationship stream, keyed `<supplierId>:<clientId>`. */
const keysOf = (event: RecordedEvent): string[] => {
  const decoded = decodeEvent(event);
  return decoded?.stream === 'relationship' ? [relationshipKey(decoded.ref.supplierId, decoded.ref.clientId)] : [];
};

const emptyRelationship = ({ ref, stored, recordedAt, occurredAt }: DecodedRelationshipEvent): RelationshipDoc => ({
  supplierId: ref.supplierId,
  clientId: ref.clientId,
  streamId: stored.streamId,
  revision: -1,
  asOf: recordedAt,
  status: 'no_engagement',
  since: null,
  lastActivityAt: occurredAt,
  tenureDays: 0,
  engagements: [],
  disputes: [],
  legalActions: [],
  feedback: [],
  pendingFeedback: [],
  retractions: [],
  counts: { engagements: 0, invoices: 0, deliveries: 0, referrals: 0, priorityServices: 0, disputes: 0, openDisputes: 0, legalActions: 0, feedback: 0, pendingFeedback: 0 },
  supplierViewOfClient: null,
  clientViewOfSupplier: null,
  fit: null,
  internal: { evidence: { client: NO_EVIDENCE, supplier: NO_EVIDENCE }, sealedFeedback: [] },
});

const statusOf = (engagements: readonly EngagementView[]): RelationshipStatus =>
  engagements.length === 0 ? 'no_engagement' : engagements.some((e) => e.ending === null) ? 'active' : 'ended';

/** Whole days engaged as of `asOf`; overlapping engagements are counted once. */
export const tenureDays = (engagements: readonly EngagementView[], asOf: string): number => {
  const asOfMs = Date.parse(asOf);
  const spans = engagements
    .map((e): [number, number] => [Date.parse(e.startedAt), Math.min(e.ending ? Date.parse(e.ending.endedAt) : asOfMs, asOfMs)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let covered = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (to > covered) total += to - Math.max(from, covered);
    covered = Math.max(covered, to);
  }
  return Math.floor(total / DAY_MS);
};

/**
 * Once per batch (the engine's `settle`), since rating is the costly part: each direction from this pair's
 * evidence only, as `ratePair` does, their mutual fit, and what else is derived as of `asOf`.
 */
const rated = (policy: ScoringPolicy) => (_key: string, doc: RelationshipDoc): RelationshipDoc => {
  const client = settled(doc.internal.evidence.client);
  const supplier = settled(doc.internal.evidence.supplier);
  const supplierViewOfClient = scoreFromAccumulator(accumulatorOf(doc.clientId, 'client', client), policy, doc.asOf);
  const clientViewOfSupplier = scoreFromAccumulator(accumulatorOf(doc.supplierId, 'supplier', supplier), policy, doc.asOf);
  const fit = supplierViewOfClient && clientViewOfSupplier ? mutualFit(supplierViewOfClient, clientViewOfSupplier, policy) : null;
  const starts = doc.engagements.map((e) => e.startedAt).sort();
  return {
    ...doc,
    status: statusOf(doc.engagements),
    since: starts[0] ?? null,
    tenureDays: tenureDays(doc.engagements, doc.asOf),
    counts: derivedCounts(doc),
    supplierViewOfClient: storedRating(supplierViewOfClient),
    clientViewOfSupplier: storedRating(clientViewOfSupplier),
    fit,
    internal: { evidence: { client, supplier }, sealedFeedback: doc.internal.sealedFeedback },
  };
};

/**
 * Applies the fact to the structure and the evidence and tracks `asOf`; ratings and derived fields wait
 * for `settle`. The ratings and their fit are dropped here, as `settle` rates again before any write: a
 * relationship held between batches then does not keep a rating's many objects alive.
 */
const evolve = (doc: RelationshipDoc | null, key: string, event: RecordedEvent): RelationshipDoc | null => {
  const decoded = decodeEvent(event);
  if (decoded?.stream !== 'relationship' || relationshipKey(decoded.ref.supplierId, decoded.ref.clientId) !== key) return doc;
  if (doc !== null && decoded.stored.revision <= doc.revision) return doc;
  const base = doc ?? emptyRelationship(decoded);
  const { sealedFeedback = base.internal.sealedFeedback, ...structure } = structureChange(base, decoded.stored);
  const { client, supplier } = base.internal.evidence;
  const evidence = { client: withEvent(client, base.clientId, 'client', decoded.stored), supplier: withEvent(supplier, base.supplierId, 'supplier', decoded.stored) };
  return {
    ...base,
    ...structure,
    revision: decoded.stored.revision,
    asOf: laterOf(base.asOf, decoded.recordedAt),
    lastActivityAt: laterOf(base.lastActivityAt, decoded.occurredAt),
    supplierViewOfClient: null,
    clientViewOfSupplier: null,
    fit: null,
    internal: { evidence, sealedFeedback },
  };
};

/** Both parties page through their relationships by last activity, newest first. */
const indexesOf = (key: string, doc: RelationshipDoc): IndexEntry[] => {
  const score = Date.parse(doc.lastActivityAt);
  return [
    { index: relationshipsOfIndex(doc.supplierId), member: key, score },
    { index: relationshipsOfIndex(doc.clientId), member: key, score },
  ];
};

export const relationshipProjection = (policy: ScoringPolicy): ReadModel<RelationshipDoc> => ({
  name: RELATIONSHIP_PROJECTION,
  // 2: ratings stored with each reason once, evidence appended in place.
  // 3: facts stored apart from the document and appended to.
  // 4: in Redis, each array of facts a string of its own, APPENDed to (was a hash field, rewritten whole).
  version: 4,
  filter: { streamNamePrefixes: ['relationship-'] },
  keysOf,
  evolve,
  settle: rated(policy),
  indexesOf,
  appendOnlyArrays: EVIDENCE_FACT_ARRAYS,
});
