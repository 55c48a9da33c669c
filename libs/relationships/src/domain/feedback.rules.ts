import type { Instant } from '#libs/shared-kernel';
import { addDays, alreadySatisfied, epochMs } from './relationship.checks';
import type { RelationshipCommandOf } from './relationship.commands';
import { FeedbackAlreadySubmittedError, RecorderNotAllowedError, SelfDealingError } from './relationship.errors';
import type { RelationshipEvent, RelationshipEventOf } from './relationship.events';
import { actingIn, requireAuthor, requireInRelationship } from './relationship.permissions';
import type { RelationshipState, Thing } from './relationship.state';
import { requireEngagement } from './engagement.rules';

type Revealed = RelationshipEventOf<'FeedbackRevealed'>;

const feedbackOn = (state: RelationshipState, engagementId: string): Thing<'feedback'>[] =>
  state.things.feedback.values().filter((f) => f.opening.data.engagementId === engagementId);

/**
 * Feedback is double-blind: it stays hidden until the other side has submitted for the same engagement
 * (then both are revealed at once) or its reveal window has passed (then the reveal job reveals it).
 */
export const submitFeedback = (
  { data, now, actor }: RelationshipCommandOf<'SubmitFeedback'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  requireAuthor(actingIn(data, actor), 'by', data.by);
  if (data.about === data.by) {
    throw new SelfDealingError(`${data.by} cannot give feedback about itself`, { by: data.by });
  }
  requireInRelationship(data, 'about', data.about);
  const { feedbackId, engagementId, by } = data;
  const conflict = (why: string) => () => new FeedbackAlreadySubmittedError(why, { feedbackId, engagementId, by });
  const recorded = state.things.feedback.get(feedbackId)?.opening;
  if (alreadySatisfied(recorded, data, conflict(`Feedback ${feedbackId} was submitted with other content`))) return [];
  requireEngagement(state, data.engagementId);
  const given = feedbackOn(state, data.engagementId);
  if (given.some((f) => f.opening.data.by === data.by)) {
    throw conflict(`${data.by} already gave feedback on engagement ${data.engagementId}`)();
  }
  const submitted: RelationshipEvent = { type: 'FeedbackSubmitted', data: { ...data, submittedAt: now } };
  const theirs = given.find((f) => f.opening.data.by === data.about);
  if (!theirs) return [submitted];
  const stillHidden = theirs.closing ? [] : [theirs.opening.data.feedbackId];
  const revealed: Revealed = {
    type: 'FeedbackRevealed',
    data: {
      supplierId: data.supplierId,
      clientId: data.clientId,
      engagementId: data.engagementId,
      feedbackIds: [...stillHidden, data.feedbackId],
      reason: 'both_submitted',
      revealedAt: now,
    },
  };
  return [submitted, revealed];
};

const isDue = (feedback: Thing<'feedback'>, now: Instant, windowDays: number): boolean =>
  !feedback.closing && addDays(feedback.opening.data.submittedAt, windowDays) <= epochMs(now);

/** The reveal job's command: one reveal per engagement with feedback past its window, nothing when none is. */
export const revealDueFeedback = (
  { data, now, actor }: RelationshipCommandOf<'RevealFeedback'>,
  state: RelationshipState,
  revealWindowDays: number,
): RelationshipEvent[] => {
  if (actor.kind !== 'system') {
    throw new RecorderNotAllowedError('Only the reveal job reveals feedback before both sides have submitted', {
      actor: actor.kind,
    });
  }
  const dueByEngagement = new Map<string, string[]>();
  for (const feedback of state.things.feedback.values()) {
    if (!isDue(feedback, now, revealWindowDays)) continue;
    const { engagementId, feedbackId } = feedback.opening.data;
    dueByEngagement.set(engagementId, [...(dueByEngagement.get(engagementId) ?? []), feedbackId]);
  }
  return [...dueByEngagement].map(([engagementId, feedbackIds]) => ({
    type: 'FeedbackRevealed',
    data: {
      supplierId: data.supplierId,
      clientId: data.clientId,
      engagementId,
      feedbackIds,
      reason: 'window_passed',
      revealedAt: now,
    },
  }));
};
