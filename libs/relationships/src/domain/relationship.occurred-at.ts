import type { RelationshipEvent } from './relationship.events';

/** When the fact itself happened (not when it was recorded): the one `…At` field each event type carries for it. */
export const relationshipEventOccurredAt = (event: RelationshipEvent): string => {
  switch (event.type) {
    case 'EngagementStarted':
      return event.data.startedAt;
    case 'EngagementEnded':
      return event.data.endedAt;
    case 'InvoicePaid':
      return event.data.paidAt;
    case 'ReferralGiven':
    case 'PriorityServiceGiven':
      return event.data.givenAt;
    case 'DisputeRaised':
      return event.data.raisedAt;
    case 'DisputeResolved':
      return event.data.resolvedAt;
    case 'LegalActionTaken':
      return event.data.takenAt;
    case 'LegalActionConcluded':
      return event.data.concludedAt;
    case 'DeliveryCompleted':
      return event.data.deliveredAt;
    case 'FeedbackSubmitted':
      return event.data.submittedAt;
    case 'FeedbackRevealed':
      return event.data.revealedAt;
    case 'FactRetracted':
      return event.data.retractedAt;
  }
};
