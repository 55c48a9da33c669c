import { Field, ID, ObjectType } from '@nestjs/graphql';
import { InstantScalar } from '../common/instant.scalar';
import { PageInfo } from '../common/page-info.type';

@ObjectType({ description: 'A later fact that took an entry back.' })
export class TimelineRetraction {
  @Field(() => ID)
  retractedEventId!: string;

  @Field(() => ID)
  retractionEventId!: string;

  @Field(() => ID)
  retractedBy!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => InstantScalar)
  at!: string;
}

@ObjectType({ description: 'One fact about a party. Sealed feedback has no entry until it is revealed.' })
export class TimelineEntry {
  @Field(() => ID, { description: 'The event id that ratings and flags name as evidence.' })
  eventId!: string;

  @Field(() => String, { description: 'The event type, e.g. InvoicePaid.' })
  type!: string;

  @Field(() => InstantScalar, { description: 'When the fact happened.' })
  at!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => ID, { nullable: true, description: "The other party of a relationship fact; null for the party's own profile facts." })
  counterpartyId!: string | null;

  @Field(() => Boolean, { description: 'Recorded by a partner integration rather than self-reported.' })
  attested!: boolean;

  @Field(() => String)
  recordedBy!: string;

  @Field(() => ID, { nullable: true, description: 'On a retraction: the event it takes back.' })
  retractedEventId!: string | null;

  @Field(() => [String], { nullable: true, description: 'On a reveal: the feedback that became visible (its content is on the relationship).' })
  feedbackIds!: string[] | null;

  @Field(() => TimelineRetraction, { nullable: true, description: 'Set when a later fact retracted this one.' })
  retracted!: TimelineRetraction | null;
}

@ObjectType()
export class TimelineEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => TimelineEntry)
  node!: TimelineEntry;
}

@ObjectType({ description: 'What happened to a party, newest first.' })
export class TimelineConnection {
  @Field(() => [TimelineEdge])
  edges!: TimelineEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
