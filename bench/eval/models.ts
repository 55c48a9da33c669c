import { DEFAULT_SCORING_POLICY, type EvidenceItem, evidenceOf, ledgerOf } from '#libs/scoring';
import type { RelationshipEvent } from '#libs/relationships';
import type { StoredEvent } from '#libs/shared-kernel';
import {
  DEFAULT_TRUST_POLICY,
  type RaterWeight,
  type RatingEdge,
  buildTrustGraph,
  fairnessGoodness,
  propagateTrust,
  trustAdjustedScore,
  weightLookup,
} from '#libs/trust';

/** Predicts the rating `rater` gives `ratee`, on [−1, 1]. */
export interface Predictor {
  readonly name: string;
  predict(rater: string, ratee: string): number;
}

const policies = { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };

/**
 * Fairness × Goodness as Kumar et al. predict an edge: fairness(u) × goodness(v), learned on the training
 * edges. A rater never seen keeps the initial fairness 1; a ratee nobody rated has goodness 0 (neutral).
 */
export const fairnessGoodnessModels = (edges: readonly RatingEdge[]): { fxg: Predictor; goodness: Predictor; fairnessOf: (id: string) => number } => {
  const graph = buildTrustGraph(edges);
  const { fairness, goodness } = fairnessGoodness(graph, DEFAULT_TRUST_POLICY.fairnessGoodness);
  const fairnessOf = (id: string) => fairness[graph.indexOf.get(id) ?? -1] ?? 1;
  const goodnessOf = (id: string) => goodness[graph.indexOf.get(id) ?? -1] ?? 0;
  return {
    fxg: { name: 'fxg', predict: (u, v) => fairnessOf(u) * goodnessOf(v) },
    goodness: { name: 'goodness', predict: (_u, v) => goodnessOf(v) },
    fairnessOf,
  };
};

/** Feedback evidence per party, as scoring builds it from direct edges: one feedback of the rating's value. */
export const feedbackFromEdges = (edges: readonly RatingEdge[]): Map<string, EvidenceItem[]> => {
  const items = new Map<string, EvidenceItem[]>();
  for (const e of edges) {
    const success = (e.value + 1) / 2;
    const item: EvidenceItem = {
      component: 'feedback',
      kind: success >= 0.5 ? 'feedback-positive' : 'feedback-negative',
      eventIds: [],
      counterpartyId: e.rater,
      atMs: e.at,
      weight: DEFAULT_SCORING_POLICY.feedback.weightPerFeedback,
      success,
      attested: false,
      averageRating: 3 + 2 * e.value,
    };
    items.set(e.ratee, [...(items.get(e.ratee) ?? []), item]);
  }
  return items;
};

/** Feedback evidence per party, as scoring reads it from the recorded events (revealed by `asOf`, either role). */
export const feedbackFromEvents = (events: readonly StoredEvent<RelationshipEvent>[], asOf: string): Map<string, EvidenceItem[]> => {
  const items = new Map<string, EvidenceItem[]>();
  for (const [partyId, accs] of ledgerOf(events)) {
    const feedback = [...evidenceOf(accs.client, DEFAULT_SCORING_POLICY, asOf), ...evidenceOf(accs.supplier, DEFAULT_SCORING_POLICY, asOf)].filter((i) => i.component === 'feedback');
    if (feedback.length > 0) items.set(partyId, feedback);
  }
  return items;
};

/**
 * Rapport's own score for the ratee: its feedback component (Beta estimate with prior ½, two-year half-life),
 * 2·E − 1 on the dataset's scale — weighed by trust (fairness and EigenTrust standing learned on the training
 * graph; the dataset attests nothing, so pre-trust is uniform), or with every rater counting alike.
 */
export const rapportModels = (feedback: ReadonlyMap<string, readonly EvidenceItem[]>, edges: readonly RatingEdge[], asOfMs: number): { rapport: Predictor; rapportPlain: Predictor } => {
  const graph = buildTrustGraph(edges);
  const weights = weightLookup(propagateTrust(graph, new Float64Array(graph.size), DEFAULT_TRUST_POLICY));
  const model = (name: string, weightOf: (id: string) => RaterWeight): Predictor => {
    const cache = new Map<string, number>();
    return {
      name,
      predict: (_u, v) => {
        let p = cache.get(v);
        if (p === undefined) cache.set(v, (p = (2 * trustAdjustedScore('supplier', feedback.get(v) ?? [], weightOf, policies, asOfMs).score) / 100 - 1));
        return p;
      },
    };
  };
  return { rapport: model('rapport', weights), rapportPlain: model('rapportPlain', () => ({ fairness: 1, standing: 1 })) };
};
