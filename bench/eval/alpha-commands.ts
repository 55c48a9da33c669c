import type { z } from 'zod';
import type { PartyCommand } from '#libs/parties';
import type { FeedbackDimension, FeedbackRatings as FeedbackRatingsSchema, RelationshipCommand } from '#libs/relationships';
import type { AlphaRating } from './alpha-dataset';

/** What the replay sends: the domain's own commands, each with the instant it happened at as its `now`. */
export type DomainCommand = PartyCommand | RelationshipCommand;

/** Members become parties `m<node>` (party ids are a–z, 0–9 and _). */
export const partyIdOf = (node: number): string => `m${node}`;

/**
 * The dataset does not say who sold to whom; every pair is one relationship with the lower member id as the
 * supplier. Rapport's feedback component reads feedback about a party in either role, so the choice moves
 * no figure.
 */
export const relationshipOf = (a: number, b: number) => ({ supplierId: partyIdOf(Math.min(a, b)), clientId: partyIdOf(Math.max(a, b)) });

type FeedbackRatings = z.infer<typeof FeedbackRatingsSchema>;

const DIMENSIONS: readonly z.infer<typeof FeedbackDimension>[] = ['would_work_again', 'fairness', 'quality', 'communication', 'responsiveness'];

/**
 * A −10…+10 trust rating as feedback: every one of the five dimensions rated 1–5, with star total 15 + rating,
 * so the average Rapport scores is exactly 3 + rating / 5 — one-to-one with the rating (−10 → 1, +1 → 3.2,
 * +10 → 5). The dataset has one overall judgement; which dimension carries an extra star is arbitrary and
 * nothing reads it.
 */
export const feedbackRatingsFor = (rating: number): FeedbackRatings => {
  const total = 15 + Math.max(-10, Math.min(10, Math.round(rating)));
  const base = Math.floor(total / DIMENSIONS.length);
  const extra = total - base * DIMENSIONS.length;
  return Object.fromEntries(DIMENSIONS.map((d, i) => [d, base + (i < extra ? 1 : 0)])) as FeedbackRatings;
};

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const ENGAGEMENT = 'trade';

export interface ReplayOptions {
  /** As the relationship rules: feedback is revealed this many days after submission if the other side is silent. */
  readonly revealWindowDays: number;
  /** Reveal-job runs due up to this instant are sent after the last row. */
  readonly untilMs: number;
}

/**
 * The rows as the commands a live platform would have received, in time order: each member registers at its
 * first rating; the first rating between two members starts their engagement; each rating is feedback
 * submitted by the rater at the rating's time; the reveal job reveals feedback whose window passed while the
 * other side stayed silent (a reply within the window reveals both at once, the decider's rule).
 */
export function* alphaCommands(rows: readonly AlphaRating[], options: ReplayOptions): Generator<DomainCommand> {
  const byTime = [...rows].sort((a, b) => a.atMs - b.atMs || a.row - b.row);
  const registered = new Set<number>();
  const submitted = new Map<string, Set<string>>();
  const hidden = new Set<string>();
  const reveals: { readonly pair: string; readonly dueMs: number; readonly ref: ReturnType<typeof relationshipOf> }[] = [];
  const revealDue = function* (untilMs: number): Generator<DomainCommand> {
    while (reveals.length > 0 && reveals[0].dueMs <= untilMs) {
      const { pair, dueMs, ref } = reveals.shift() as (typeof reveals)[number];
      if (!hidden.has(pair)) continue;
      hidden.delete(pair);
      yield { type: 'RevealFeedback', now: iso(dueMs), actor: { kind: 'system' }, correlationId: `alpha-reveal-${pair}-${dueMs}`, data: ref };
    }
  };
  const started = new Set<string>();
  for (const r of byTime) {
    yield* revealDue(r.atMs);
    const now = iso(r.atMs);
    for (const node of [r.source, r.target]) {
      if (registered.has(node)) continue;
      registered.add(node);
      const partyId = partyIdOf(node);
      const data = { partyId, name: `Bitcoin Alpha member ${node}`, roles: ['supplier', 'client'] as const, industry: 'Bitcoin OTC trading', region: 'Online' };
      yield { type: 'RegisterParty', now, actor: { kind: 'party', partyId }, correlationId: `alpha-register-${node}`, data: { ...data, roles: [...data.roles] } };
    }
    const ref = relationshipOf(r.source, r.target);
    const pair = `${ref.supplierId}-${ref.clientId}`;
    const by = partyIdOf(r.source);
    const actor = { kind: 'party' as const, partyId: by };
    if (!started.has(pair)) {
      started.add(pair);
      yield { type: 'StartEngagement', now, actor, correlationId: `alpha-row-${r.row}-start`, data: { ...ref, engagementId: ENGAGEMENT, paymentTermsDays: 0 } };
    }
    const data = { ...ref, engagementId: ENGAGEMENT, feedbackId: `by-${by}`, by, about: partyIdOf(r.target), ratings: feedbackRatingsFor(r.rating) };
    yield { type: 'SubmitFeedback', now, actor, correlationId: `alpha-row-${r.row}`, data };
    const authors = submitted.get(pair) ?? new Set<string>();
    submitted.set(pair, authors.add(by));
    if (authors.size === 2) hidden.delete(pair);
    else {
      hidden.add(pair);
      reveals.push({ pair, dueMs: r.atMs + options.revealWindowDays * DAY_MS, ref });
    }
  }
  yield* revealDue(options.untilMs);
}
