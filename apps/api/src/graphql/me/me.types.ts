import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PrincipalKindValue } from '../common/enums';

@ObjectType({ description: 'Who the bearer token belongs to.' })
export class Me {
  @Field(() => PrincipalKindValue)
  kind!: string;

  @Field(() => ID)
  credentialId!: string;

  @Field(() => ID, { nullable: true, description: 'A party: the party it is.' })
  partyId!: string | null;

  @Field(() => ID, { nullable: true, description: 'A partner integration: its id.' })
  partnerId!: string | null;

  @Field(() => [ID], { nullable: true, description: 'A partner integration: the parties it may act for.' })
  grantedParties!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'A partner integration: the event types it may record; null when unrestricted.' })
  grantedEventTypes!: string[] | null;

  @Field(() => String, { nullable: true, description: 'An admin: its name.' })
  name!: string | null;
}
