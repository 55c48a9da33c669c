import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A party's reputation changed: a fact about it was recorded and its read models have it." })
export class ReputationChange {
  @Field(() => ID)
  partyId!: string;

  @Field(() => String, { description: 'The log position of the latest fact this change includes (bursts are coalesced).' })
  position!: string;
}
