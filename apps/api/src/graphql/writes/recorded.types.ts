import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Recorded', { description: 'What a mutation recorded: its events and where they stand in the log. A retry with the same idempotency key answers the same.' })
export class RecordedFact {
  @Field(() => String, { description: 'The stream the facts went to: `party-<id>` or `relationship-<supplierId>-<clientId>`.' })
  streamId!: string;

  @Field(() => [ID], { description: 'The recorded events, in order; empty when the fact was already recorded as asked (nothing new to say).' })
  eventIds!: string[];

  @Field(() => Int, { description: "The stream's revision after the last event (0-based; -1 for a stream still empty)." })
  revision!: number;

  @Field(() => String, { nullable: true, description: 'Global log position of the last event: what `waitForProjection` waits for.' })
  position!: string | null;

  @Field(() => Boolean, { description: 'True when this answer comes from an earlier request with the same idempotency key: nothing was recorded now.' })
  replayed!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'With `waitForProjection`: true once every read model has the write, false when the wait timed out (the write stands). Null when not asked.',
  })
  projected!: boolean | null;
}

@ArgsType()
export class WriteArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Your key for this request (1–200 characters): a retry with the same key and request records nothing new and answers the same; the same key with another request is a CONFLICT.',
  })
  idempotencyKey?: string | null;

  @Field(() => ID, { nullable: true, description: 'A partner integration: the party it acts for (one of its granted parties). Parties and admins leave it out.' })
  onBehalfOf?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Answer only once every read model has processed the write, so that a read that follows sees it (bounded: see `projected`).',
  })
  waitForProjection?: boolean | null;
}
