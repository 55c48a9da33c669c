import { registerEnumType } from '@nestjs/graphql';

/** GraphQL names are upper case; the values are the domain's own spellings, passed to commands as they are. */
export enum DisputeOutcomeValue {
  UPHELD = 'upheld',
  REJECTED = 'rejected',
  SETTLED = 'settled',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(DisputeOutcomeValue, {
  name: 'DisputeOutcome',
  description: 'Relative to the party that raised the dispute.',
  valuesMap: {
    UPHELD: { description: 'The raiser was right.' },
    REJECTED: { description: 'The raiser was wrong.' },
    SETTLED: { description: 'Both gave ground.' },
    WITHDRAWN: { description: 'The raiser dropped it.' },
  },
});

export enum LegalActionKindValue {
  FORMAL_NOTICE = 'formal_notice',
  LAWSUIT = 'lawsuit',
  ARBITRATION = 'arbitration',
  COLLECTION_AGENCY = 'collection_agency',
}
registerEnumType(LegalActionKindValue, { name: 'LegalActionKind' });

export enum LegalActionGroundsValue {
  REVIEW = 'review',
  FEEDBACK = 'feedback',
  NON_PAYMENT = 'non_payment',
  NON_DELIVERY = 'non_delivery',
  CONTRACT_BREACH = 'contract_breach',
  OTHER = 'other',
}
registerEnumType(LegalActionGroundsValue, {
  name: 'LegalActionGrounds',
  description: 'Why the action was taken: in answer to a review or feedback, it is retaliation.',
  valuesMap: {
    REVIEW: { description: 'In answer to a review: retaliation, the strongest negative signal.' },
    FEEDBACK: { description: 'In answer to feedback: retaliation, the strongest negative signal.' },
  },
});

export enum LegalActionOutcomeValue {
  WON = 'won',
  LOST = 'lost',
  SETTLED = 'settled',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(LegalActionOutcomeValue, { name: 'LegalActionOutcome', description: 'Relative to the party that took the action.' });

export enum FeedbackDimensionValue {
  COMMUNICATION = 'communication',
  QUALITY = 'quality',
  FAIRNESS = 'fairness',
  RESPONSIVENESS = 'responsiveness',
  WOULD_WORK_AGAIN = 'would_work_again',
}
registerEnumType(FeedbackDimensionValue, { name: 'FeedbackDimension' });
