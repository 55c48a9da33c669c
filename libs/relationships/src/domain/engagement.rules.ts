import { alreadySatisfied, refuseBefore, refuseFuture } from './relationship.checks';
import type { RelationshipCommandOf } from './relationship.commands';
import {
  AmicableEndingWithOpenDisputeError,
  EngagementAlreadyStartedError,
  EngagementNotFoundError,
  EngagementNotOpenError,
} from './relationship.errors';
import type { RelationshipEvent } from './relationship.events';
import { actingIn, requireAuthor } from './relationship.permissions';
import type { RelationshipState, Thing } from './relationship.state';

export const requireEngagement = (state: RelationshipState, engagementId: string): Thing<'engagement'> => {
  const engagement = state.things.engagement.get(engagementId);
  if (!engagement) {
    throw new EngagementNotFoundError(`No engagement ${engagementId} in this relationship`, { engagementId });
  }
  return engagement;
};

export const openDisputeIds = (state: RelationshipState): string[] =>
  state.things.dispute
    .entries()
    .filter(([, dispute]) => !dispute.closing)
    .map(([disputeId]) => disputeId);

export const startEngagement = (
  { data, now, actor }: RelationshipCommandOf<'StartEngagement'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  actingIn(data, actor);
  const startedAt = data.startedAt ?? now;
  refuseFuture(now, { startedAt });
  const started = state.things.engagement.get(data.engagementId)?.opening;
  const conflict = () =>
    new EngagementAlreadyStartedError(`Engagement ${data.engagementId} was started on other terms`, {
      engagementId: data.engagementId,
    });
  if (alreadySatisfied(started, data, conflict)) return [];
  return [{ type: 'EngagementStarted', data: { ...data, startedAt } }];
};

/** An ending is not a verdict, but an ending with a dispute still open is not amicable either. */
export const endEngagement = (
  { data, now, actor }: RelationshipCommandOf<'EndEngagement'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  requireAuthor(actingIn(data, actor), 'endedBy', data.endedBy);
  const endedAt = data.endedAt ?? now;
  refuseFuture(now, { endedAt });
  const engagement = requireEngagement(state, data.engagementId);
  const conflict = () =>
    new EngagementNotOpenError(`Engagement ${data.engagementId} has already ended`, {
      engagementId: data.engagementId,
    });
  if (alreadySatisfied(engagement.closing, data, conflict)) return [];
  refuseBefore(`Engagement ${data.engagementId} ends`, endedAt, engagement.opening.data.startedAt);
  const openDisputes = openDisputeIds(state);
  if (data.amicable && openDisputes.length > 0) {
    throw new AmicableEndingWithOpenDisputeError(
      `Engagement ${data.engagementId} cannot end amicably while dispute ${openDisputes.join(', ')} is open`,
      { engagementId: data.engagementId, openDisputeIds: openDisputes },
    );
  }
  return [{ type: 'EngagementEnded', data: { ...data, endedAt } }];
};
