import { registerEnumType } from '@nestjs/graphql';

/** GraphQL names are upper case; the values are the read models' own spellings, so nothing is mapped by hand. */
export enum RoleValue {
  CLIENT = 'client',
  SUPPLIER = 'supplier',
}
registerEnumType(RoleValue, { name: 'Role', description: 'The hat a party wears in a relationship.' });

export enum GradeValue {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(GradeValue, { name: 'Grade', description: 'A is an ideal partner, D one to think twice about.' });

export enum ConfidenceLevelValue {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
}
registerEnumType(ConfidenceLevelValue, { name: 'ConfidenceLevel' });

export enum ComponentNameValue {
  PUNCTUALITY = 'punctuality',
  RELIABILITY = 'reliability',
  LOYALTY = 'loyalty',
  ADVOCACY = 'advocacy',
  CONFLICT = 'conflict',
  FEEDBACK = 'feedback',
}
registerEnumType(ComponentNameValue, {
  name: 'ComponentName',
  description: 'What a part of a rating measures; each has its own evidence and confidence.',
  valuesMap: {
    PUNCTUALITY: { description: 'Payment timeliness on the PAYDEX scale, amount-weighted.' },
    RELIABILITY: { description: 'Deliveries on time.' },
    LOYALTY: { description: 'Tenure and repeat engagements.' },
    ADVOCACY: { description: 'Referrals given.' },
    CONFLICT: { description: 'Disputes by their outcome once resolved, and legal action.' },
    FEEDBACK: { description: 'Revealed counterparty feedback.' },
  },
});

export enum ReasonDirectionValue {
  RAISED = 'raised',
  LOWERED = 'lowered',
}
registerEnumType(ReasonDirectionValue, { name: 'ReasonDirection' });

export enum FlagKindValue {
  RETALIATION = 'retaliation',
}
registerEnumType(FlagKindValue, {
  name: 'FlagKind',
  valuesMap: { RETALIATION: { description: 'Took legal action in answer to a review or feedback.' } },
});

export enum RelationshipStatusValue {
  ACTIVE = 'active',
  ENDED = 'ended',
  NO_ENGAGEMENT = 'no_engagement',
}
registerEnumType(RelationshipStatusValue, { name: 'RelationshipStatus' });

export enum PrincipalKindValue {
  PARTY = 'party',
  PARTNER = 'partner',
  ADMIN = 'admin',
}
registerEnumType(PrincipalKindValue, { name: 'PrincipalKind' });
