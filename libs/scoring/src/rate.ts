import type { RelationshipEvent } from '#libs/relationships';
import type { StoredEvent } from '#libs/shared-kernel';
import { type EvidenceAccumulator, createAccumulator, foldEvent } from './evidence-accumulator';
import type { EvidenceItem } from './evidence';
import { type MutualFit, mutualFit } from './mutual-fit';
import { evidenceOf, scoreFromAccumulator } from './rating';
import type { Flag, PartyRatings, Rating } from './rating.types';
import type { ScoringPolicy } from './scoring-policy';

/** One accumulator per role for one party: what a profile projection keeps. */
export interface PartyAccumulators {
  readonly client: EvidenceAccumulator;
  readonly supplier: EvidenceAccumulator;
}

/** Accumulators for every party seen, for a background job that rates everyone in one pass over the log. */
export type EvidenceLedger = Map<string, PartyAccumulators>;

export const createPartyAccumulators = (partyId: string): PartyAccumulators => ({
  client: createAccumulator(partyId, 'client'),
  supplier: createAccumulator(partyId, 'supplier'),
});

const accumulatorsOf = (ledger: EvidenceLedger, partyId: string): PartyAccumulators => {
  let accs = ledger.get(partyId);
  if (accs === undefined) ledger.set(partyId, (accs = createPartyAccumulators(partyId)));
  return accs;
};

/** Folds one event into both parties' accumulators, in place. */
export const foldIntoLedger = (ledger: EvidenceLedger, stored: StoredEvent<RelationshipEvent>): EvidenceLedger => {
  foldEvent(accumulatorsOf(ledger, stored.event.data.supplierId).supplier, stored);
  foldEvent(accumulatorsOf(ledger, stored.event.data.clientId).client, stored);
  return ledger;
};

export const ledgerOf = (events: Iterable<StoredEvent<RelationshipEvent>>): EvidenceLedger => {
  const ledger: EvidenceLedger = new Map();
  for (const stored of events) foldIntoLedger(ledger, stored);
  return ledger;
};

export const ratePartyFrom = (accs: PartyAccumulators, policy: ScoringPolicy, asOf: string): PartyRatings => {
  const asClient = scoreFromAccumulator(accs.client, policy, asOf);
  const asSupplier = scoreFromAccumulator(accs.supplier, policy, asOf);
  const flags: Flag[] = [...(asClient?.flags ?? []), ...(asSupplier?.flags ?? [])];
  return { partyId: accs.client.partyId, asOf, asClient, asSupplier, flags };
};

/** A party's ratings as a client and as a supplier from relationship events (others' events are ignored). */
export const rateParty = (partyId: string, events: Iterable<StoredEvent<RelationshipEvent>>, policy: ScoringPolicy, asOf: string): PartyRatings => {
  const accs = createPartyAccumulators(partyId);
  for (const stored of events) {
    foldEvent(accs.client, stored);
    foldEvent(accs.supplier, stored);
  }
  return ratePartyFrom(accs, policy, asOf);
};

export const rateLedger = (ledger: EvidenceLedger, policy: ScoringPolicy, asOf: string): Map<string, PartyRatings> => {
  const ratings = new Map<string, PartyRatings>();
  for (const [partyId, accs] of ledger) ratings.set(partyId, ratePartyFrom(accs, policy, asOf));
  return ratings;
};

/** Per party and per role, every piece of evidence as of `asOf`. */
export const evidenceFrom = (
  events: Iterable<StoredEvent<RelationshipEvent>>,
  policy: ScoringPolicy,
  asOf: string,
): Map<string, { readonly asClient: EvidenceItem[]; readonly asSupplier: EvidenceItem[] }> => {
  const evidence = new Map<string, { asClient: EvidenceItem[]; asSupplier: EvidenceItem[] }>();
  for (const [partyId, accs] of ledgerOf(events)) {
    evidence.set(partyId, { asClient: evidenceOf(accs.client, policy, asOf), asSupplier: evidenceOf(accs.supplier, policy, asOf) });
  }
  return evidence;
};

export interface PairRating {
  readonly supplierId: string;
  readonly clientId: string;
  readonly asOf: string;
  readonly supplierViewOfClient: Rating | null;
  readonly clientViewOfSupplier: Rating | null;
  /** Null until both directions have evidence. */
  readonly fit: MutualFit | null;
}

/** Both directions of one relationship, each rated from this pair's events only, and their mutual fit. */
export const ratePair = (
  supplierId: string,
  clientId: string,
  events: Iterable<StoredEvent<RelationshipEvent>>,
  policy: ScoringPolicy,
  asOf: string,
): PairRating => {
  const client = createAccumulator(clientId, 'client');
  const supplier = createAccumulator(supplierId, 'supplier');
  for (const stored of events) {
    if (stored.event.data.supplierId !== supplierId || stored.event.data.clientId !== clientId) continue;
    foldEvent(client, stored);
    foldEvent(supplier, stored);
  }
  const supplierViewOfClient = scoreFromAccumulator(client, policy, asOf);
  const clientViewOfSupplier = scoreFromAccumulator(supplier, policy, asOf);
  const fit = supplierViewOfClient && clientViewOfSupplier ? mutualFit(supplierViewOfClient, clientViewOfSupplier, policy) : null;
  return { supplierId, clientId, asOf, supplierViewOfClient, clientViewOfSupplier, fit };
};

/** Best first by the confidence-adjusted ranking score, then score, then party id, so ties are stable. */
export const rankParties = (ratings: Iterable<Rating>): Rating[] =>
  [...ratings].sort((a, b) => b.rankingScore - a.rankingScore || b.score - a.score || (a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0));
