import { evidenceOf, type EvidenceItem, type PartyAccumulators, type ScoringPolicy } from '#libs/scoring';
import type { RatingEdge } from './trust-graph';
import type { TrustPolicy } from './trust-policy';
import { OWN_ACTS, decayedWeight } from './weighted-score';

/** What a full recompute needs of one party: where it is ranked and its evidence in each role. */
export interface PartyEvidence {
  readonly partyId: string;
  /** As registered; a party without them is ranked overall only. */
  readonly industry?: string;
  readonly region?: string;
  /** Scoring's evidence as of `asOf`; null when the party has no rating in that role (no fact in it yet). */
  readonly asClient: readonly EvidenceItem[] | null;
  readonly asSupplier: readonly EvidenceItem[] | null;
}

/** A party's evidence from the accumulators a profile projection or a ledger keeps, as of `asOf`. */
export const partyEvidenceFrom = (
  accs: PartyAccumulators,
  identity: { readonly industry?: string; readonly region?: string },
  policy: ScoringPolicy,
  asOf: string,
): PartyEvidence => {
  const asOfMs = Date.parse(asOf);
  const inRole = (acc: PartyAccumulators['client']) => (acc.facts.some((f) => f.at <= asOfMs) ? evidenceOf(acc, policy, asOf) : null);
  return { partyId: accs.client.partyId, ...identity, asClient: inRole(accs.client), asSupplier: inRole(accs.supplier) };
};

const itemsOf = (party: PartyEvidence): readonly EvidenceItem[] => [...(party.asClient ?? []), ...(party.asSupplier ?? [])];

/**
 * The graph of who gave evidence about whom: every piece of evidence a counterparty's word or records stand
 * behind is a rating by that counterparty, valued 2·success − 1 and weighted by its decayed weight. The
 * party's own acts (`OWN_ACTS`) are not anyone's rating of it. Visits each edge without building it.
 */
export const forEachEvidenceEdge = (
  parties: Iterable<PartyEvidence>,
  policy: ScoringPolicy,
  asOfMs: number,
  visit: (rater: string, ratee: string, value: number, weight: number, atMs: number) => void,
): void => {
  for (const party of parties) {
    for (const items of [party.asClient, party.asSupplier]) {
      for (const item of items ?? []) {
        if (OWN_ACTS.has(item.kind)) continue;
        visit(item.counterpartyId, party.partyId, 2 * item.success - 1, decayedWeight(item, policy.components[item.component].halfLifeDays, asOfMs), item.atMs);
      }
    }
  }
};

/** The same edges as rating edges. */
export const evidenceEdges = (parties: Iterable<PartyEvidence>, policy: ScoringPolicy, asOfMs: number): RatingEdge[] => {
  const edges: RatingEdge[] = [];
  forEachEvidenceEdge(parties, policy, asOfMs, (rater, ratee, value, weight, at) => edges.push({ rater, ratee, value, weight, at }));
  return edges;
};

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Pre-trust from evidence nobody can fake alone: how much attested evidence (recorded by a partner system;
 * a span counts its years) and with how many distinct attested counterparties. 0 without attested evidence,
 * ½ · ½ at the policy's half points, towards 1 for years of attested business with many counterparties:
 *
 *   establishment = (1 − 2^(−A / A½)) · (1 − 2^(−D / D½))
 */
export const establishment = (party: PartyEvidence, policy: TrustPolicy): number => {
  let attested = 0;
  const counterparties = new Set<string>();
  for (const item of itemsOf(party)) {
    if (!item.attested) continue;
    attested += item.untilMs === undefined ? item.weight : (item.weight * Math.max(0, item.untilMs - item.atMs)) / YEAR_MS;
    counterparties.add(item.counterpartyId);
  }
  const { attestedWeightHalf, counterpartiesHalf } = policy.establishment;
  return (1 - Math.pow(2, -attested / attestedWeightHalf)) * (1 - Math.pow(2, -counterparties.size / counterpartiesHalf));
};
