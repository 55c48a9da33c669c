import type { PartyId } from '#libs/shared-kernel';
import { alreadySatisfied, refuseBefore, refuseFuture } from './relationship.checks';
import type { RelationshipCommandOf } from './relationship.commands';
import {
  DisputeAlreadyRaisedError,
  DisputeNotFoundError,
  DisputeNotOpenError,
  LegalActionAlreadyConcludedError,
  LegalActionAlreadyRecordedError,
  LegalActionNotFoundError,
} from './relationship.errors';
import type { DisputeOutcome, LegalActionOutcome, RelationshipEvent } from './relationship.events';
import {
  actingIn,
  refuseSelfPraise,
  requireAuthor,
  requireInRelationship,
  type Acting,
} from './relationship.permissions';
import type { RelationshipState } from './relationship.state';

type Outcome = (typeof DisputeOutcome.options)[number] | (typeof LegalActionOutcome.options)[number];

/**
 * Outcomes are relative to the party that raised the dispute or took the action. An outcome in one's own
 * favour needs the other side's word or an attested partner; conceding, or settling, anyone may record.
 */
const favoured = (outcome: Outcome, initiator: PartyId, acting: Acting): PartyId | undefined => {
  const other = initiator === acting.party ? acting.other : acting.party;
  switch (outcome) {
    case 'upheld':
    case 'won':
      return initiator;
    case 'rejected':
    case 'lost':
    case 'withdrawn':
      return other;
    case 'settled':
      return undefined;
  }
};

const requireDispute = (state: RelationshipState, disputeId: string) => {
  const dispute = state.things.dispute.get(disputeId);
  if (!dispute) throw new DisputeNotFoundError(`No dispute ${disputeId} in this relationship`, { disputeId });
  return dispute;
};

export const raiseDispute = (
  { data, now, actor }: RelationshipCommandOf<'RaiseDispute'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  requireAuthor(actingIn(data, actor), 'raisedBy', data.raisedBy);
  const raisedAt = data.raisedAt ?? now;
  refuseFuture(now, { raisedAt });
  const conflict = () =>
    new DisputeAlreadyRaisedError(`Dispute ${data.disputeId} was raised with other content`, {
      disputeId: data.disputeId,
    });
  if (alreadySatisfied(state.things.dispute.get(data.disputeId)?.opening, data, conflict)) return [];
  return [{ type: 'DisputeRaised', data: { ...data, raisedAt } }];
};

export const resolveDispute = (
  { data, now, actor }: RelationshipCommandOf<'ResolveDispute'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  const acting = actingIn(data, actor);
  const resolvedAt = data.resolvedAt ?? now;
  refuseFuture(now, { resolvedAt });
  const dispute = requireDispute(state, data.disputeId);
  refuseSelfPraise(acting, favoured(data.outcome, dispute.opening.data.raisedBy, acting), `Dispute ${data.outcome}`);
  const conflict = () =>
    new DisputeNotOpenError(`Dispute ${data.disputeId} is already resolved`, { disputeId: data.disputeId });
  if (alreadySatisfied(dispute.closing, data, conflict)) return [];
  refuseBefore(`Dispute ${data.disputeId} resolved`, resolvedAt, dispute.opening.data.raisedAt);
  return [{ type: 'DisputeResolved', data: { ...data, resolvedAt } }];
};

/** Either side records legal action: its target must be able to report retaliation. */
export const recordLegalAction = (
  { data, now, actor }: RelationshipCommandOf<'RecordLegalAction'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  actingIn(data, actor);
  requireInRelationship(data, 'takenBy', data.takenBy);
  const takenAt = data.takenAt ?? now;
  refuseFuture(now, { takenAt });
  const conflict = () =>
    new LegalActionAlreadyRecordedError(`Legal action ${data.legalActionId} was recorded with other content`, {
      legalActionId: data.legalActionId,
    });
  if (alreadySatisfied(state.things.legalAction.get(data.legalActionId)?.opening, data, conflict)) return [];
  if (data.disputeId !== undefined) requireDispute(state, data.disputeId);
  return [{ type: 'LegalActionTaken', data: { ...data, takenAt } }];
};

export const concludeLegalAction = (
  { data, now, actor }: RelationshipCommandOf<'ConcludeLegalAction'>,
  state: RelationshipState,
): RelationshipEvent[] => {
  const acting = actingIn(data, actor);
  const concludedAt = data.concludedAt ?? now;
  refuseFuture(now, { concludedAt });
  const action = state.things.legalAction.get(data.legalActionId);
  if (!action) {
    throw new LegalActionNotFoundError(`No legal action ${data.legalActionId} in this relationship`, {
      legalActionId: data.legalActionId,
    });
  }
  refuseSelfPraise(acting, favoured(data.outcome, action.opening.data.takenBy, acting), `Legal action ${data.outcome}`);
  const conflict = () =>
    new LegalActionAlreadyConcludedError(`Legal action ${data.legalActionId} is already concluded`, {
      legalActionId: data.legalActionId,
    });
  if (alreadySatisfied(action.closing, data, conflict)) return [];
  refuseBefore(`Legal action ${data.legalActionId} concluded`, concludedAt, action.opening.data.takenAt);
  return [{ type: 'LegalActionConcluded', data: { ...data, concludedAt } }];
};
