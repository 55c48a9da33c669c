import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { InstantScalar } from '../common/instant.scalar';
import { DisputeOutcomeValue, FeedbackDimensionValue, LegalActionGroundsValue, LegalActionKindValue, LegalActionOutcomeValue } from './relationship-fact.enums';

/**
 * One input per relationship command, field for field as the command takes it. A `…At` left out means
 * now; it may be earlier (history recorded late), never later. Ids of things inside a relationship
 * (engagement, invoice, dispute …) are the recorder's own, 1–128 characters.
 */
@InputType({ isAbstract: true })
abstract class InRelationshipInput {
  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID)
  clientId!: string;
}

@InputType()
export class StartEngagementInput extends InRelationshipInput {
  @Field(() => String)
  engagementId!: string;

  @Field(() => Int, { description: 'Days the client has to pay an invoice, 0–365.' })
  paymentTermsDays!: number;

  @Field(() => InstantScalar, { nullable: true })
  startedAt?: string | null;
}

@InputType({ description: 'An ending is not a verdict: amicable, with no dispute open, it counts against no one.' })
export class EndEngagementInput extends InRelationshipInput {
  @Field(() => String)
  engagementId!: string;

  @Field(() => ID, { description: 'The party ending it: the one you act as.' })
  endedBy!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => Boolean)
  amicable!: boolean;

  @Field(() => Boolean)
  handoverArranged!: boolean;

  @Field(() => InstantScalar, { nullable: true })
  endedAt?: string | null;
}

@InputType({ description: 'Days beyond terms are computed from `dueAt` and `paidAt`. The supplier (payee) or a partner records it, never the client alone.' })
export class RecordInvoicePaidInput extends InRelationshipInput {
  @Field(() => String, { nullable: true })
  engagementId?: string | null;

  @Field(() => String)
  invoiceId!: string;

  @Field(() => Float)
  amount!: number;

  @Field(() => String, { description: 'ISO-4217, e.g. EUR.' })
  currency!: string;

  @Field(() => InstantScalar, { nullable: true })
  issuedAt?: string | null;

  @Field(() => InstantScalar)
  dueAt!: string;

  @Field(() => InstantScalar)
  paidAt!: string;
}

@InputType({ description: 'Recorded by the side referred to (or a partner), never by the referrer.' })
export class RecordReferralInput extends InRelationshipInput {
  @Field(() => String)
  referralId!: string;

  @Field(() => ID)
  referrerId!: string;

  @Field(() => ID, { nullable: true, description: 'The third party referred, when known.' })
  referredPartyId?: string | null;

  @Field(() => InstantScalar, { nullable: true })
  givenAt?: string | null;
}

@InputType({ description: 'An open dispute is shown, never scored.' })
export class RaiseDisputeInput extends InRelationshipInput {
  @Field(() => String)
  disputeId!: string;

  @Field(() => ID, { description: 'The party raising it: the one you act as.' })
  raisedBy!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => InstantScalar, { nullable: true })
  raisedAt?: string | null;
}

@InputType({ description: "An outcome in one's own favour needs the other side's word or a partner's." })
export class ResolveDisputeInput extends InRelationshipInput {
  @Field(() => String)
  disputeId!: string;

  @Field(() => DisputeOutcomeValue)
  outcome!: string;

  @Field(() => InstantScalar, { nullable: true })
  resolvedAt?: string | null;
}

@InputType({ description: 'Either side records it, so that its target can report retaliation.' })
export class RecordLegalActionInput extends InRelationshipInput {
  @Field(() => String)
  legalActionId!: string;

  @Field(() => ID)
  takenBy!: string;

  @Field(() => LegalActionKindValue)
  kind!: string;

  @Field(() => LegalActionGroundsValue)
  grounds!: string;

  @Field(() => String, { nullable: true, description: 'The dispute it escalates, when there is one.' })
  disputeId?: string | null;

  @Field(() => InstantScalar, { nullable: true })
  takenAt?: string | null;
}

@InputType()
export class ConcludeLegalActionInput extends InRelationshipInput {
  @Field(() => String)
  legalActionId!: string;

  @Field(() => LegalActionOutcomeValue)
  outcome!: string;

  @Field(() => InstantScalar, { nullable: true })
  concludedAt?: string | null;
}

@InputType({ description: 'On time or late is computed from `dueAt` and `deliveredAt`. The client (recipient) or a partner records it.' })
export class RecordDeliveryInput extends InRelationshipInput {
  @Field(() => String, { nullable: true })
  engagementId?: string | null;

  @Field(() => String)
  deliveryId!: string;

  @Field(() => InstantScalar)
  dueAt!: string;

  @Field(() => InstantScalar)
  deliveredAt!: string;
}

@InputType({ description: 'The supplier served this client first or beyond the contract. The client (beneficiary) or a partner records it.' })
export class RecordPriorityServiceInput extends InRelationshipInput {
  @Field(() => String)
  serviceId!: string;

  @Field(() => String)
  description!: string;

  @Field(() => InstantScalar, { nullable: true })
  givenAt?: string | null;
}

@InputType()
export class FeedbackRatingInput {
  @Field(() => FeedbackDimensionValue)
  dimension!: string;

  @Field(() => Int, { description: '1 (very poor) to 5 (excellent).' })
  stars!: number;
}

@InputType({ description: 'Double-blind: sealed until the other side submits for the same engagement or the reveal window passes. Submitted now.' })
export class SubmitFeedbackInput extends InRelationshipInput {
  @Field(() => String)
  engagementId!: string;

  @Field(() => String)
  feedbackId!: string;

  @Field(() => ID, { description: 'The author: the one you act as.' })
  by!: string;

  @Field(() => ID, { description: 'The other party.' })
  about!: string;

  @Field(() => [FeedbackRatingInput], { description: 'At least one dimension, each once.' })
  ratings!: FeedbackRatingInput[];

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType({ description: 'A correction: the fact stays in the log and scoring ignores it from now on. Only whoever recorded it takes it back.' })
export class RetractFactInput extends InRelationshipInput {
  @Field(() => ID, { description: 'The event id, as a mutation answered it or a timeline shows it.' })
  retractedEventId!: string;

  @Field(() => String)
  reason!: string;
}
