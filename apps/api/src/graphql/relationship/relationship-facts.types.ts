import { Field, type FieldMiddleware, ID, Int, ObjectType } from '@nestjs/graphql';
import { InstantScalar } from '../common/instant.scalar';

@ObjectType()
export class EngagementEnding {
  @Field(() => ID)
  endedBy!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => Boolean, { description: 'Ended with no one at fault: counts against no one.' })
  amicable!: boolean;

  @Field(() => Boolean)
  handoverArranged!: boolean;

  @Field(() => InstantScalar)
  endedAt!: string;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType()
export class Engagement {
  @Field(() => String)
  engagementId!: string;

  @Field(() => Int)
  paymentTermsDays!: number;

  @Field(() => InstantScalar)
  startedAt!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => EngagementEnding, { nullable: true, description: 'Null while the engagement runs.' })
  ending!: EngagementEnding | null;
}

@ObjectType()
export class DisputeResolution {
  @Field(() => String)
  outcome!: string;

  @Field(() => InstantScalar)
  resolvedAt!: string;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType()
export class Dispute {
  @Field(() => String)
  disputeId!: string;

  @Field(() => ID)
  raisedBy!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => InstantScalar)
  raisedAt!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => DisputeResolution, { nullable: true, description: 'Null while open: an open dispute is shown, never scored.' })
  resolution!: DisputeResolution | null;
}

@ObjectType()
export class LegalActionConclusion {
  @Field(() => String)
  outcome!: string;

  @Field(() => InstantScalar)
  concludedAt!: string;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType()
export class LegalAction {
  @Field(() => String)
  legalActionId!: string;

  @Field(() => ID)
  takenBy!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  grounds!: string;

  @Field(() => String, { nullable: true })
  disputeId!: string | null;

  @Field(() => InstantScalar)
  takenAt!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => LegalActionConclusion, { nullable: true })
  conclusion!: LegalActionConclusion | null;
}

@ObjectType()
export class FeedbackRating {
  @Field(() => String)
  dimension!: string;

  @Field(() => Int, { description: '1 to 5.' })
  stars!: number;
}

/** The read model keeps ratings by dimension; the schema lists them. */
const ratingList: FieldMiddleware = async (_ctx, next) =>
  Object.entries(((await next()) as Record<string, number> | null) ?? {}).map(([dimension, stars]) => ({ dimension, stars }));

@ObjectType({ description: 'That feedback was submitted and is still sealed by the double-blind rule — never what it says.' })
export class PendingFeedback {
  @Field(() => String)
  feedbackId!: string;

  @Field(() => String)
  engagementId!: string;

  @Field(() => ID)
  by!: string;

  @Field(() => ID)
  about!: string;

  @Field(() => InstantScalar)
  submittedAt!: string;
}

@ObjectType({ description: 'Sealed feedback with what it says: shown to its author (and admins) only until it is revealed.' })
export class SealedFeedback extends PendingFeedback {
  @Field(() => [FeedbackRating], { middleware: [ratingList] })
  ratings!: FeedbackRating[];

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType({ description: 'Feedback both sides can read: revealed once both submitted or the reveal window passed.' })
export class RevealedFeedback extends SealedFeedback {
  @Field(() => InstantScalar)
  revealedAt!: string;

  @Field(() => ID)
  revealEventId!: string;
}

@ObjectType()
export class Retraction {
  @Field(() => ID)
  retractedEventId!: string;

  @Field(() => ID)
  retractedBy!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => InstantScalar)
  retractedAt!: string;

  @Field(() => ID)
  eventId!: string;
}

@ObjectType()
export class RelationshipCounts {
  @Field(() => Int) engagements!: number;
  @Field(() => Int) invoices!: number;
  @Field(() => Int) deliveries!: number;
  @Field(() => Int) referrals!: number;
  @Field(() => Int) priorityServices!: number;
  @Field(() => Int) disputes!: number;
  @Field(() => Int) openDisputes!: number;
  @Field(() => Int) legalActions!: number;
  @Field(() => Int) feedback!: number;
  @Field(() => Int) pendingFeedback!: number;
}
