import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { RoleValue } from '../common/enums';
import { InstantScalar } from '../common/instant.scalar';
import { Flag, Rating } from '../common/rating.types';

@ObjectType({ description: 'Who a party says it is, as it registered and last updated it.' })
export class PartyIdentity {
  @Field(() => String)
  name!: string;

  @Field(() => [RoleValue])
  roles!: string[];

  @Field(() => String)
  industry!: string;

  @Field(() => String)
  region!: string;

  @Field(() => InstantScalar)
  registeredAt!: string;

  @Field(() => InstantScalar, { nullable: true })
  updatedAt!: string | null;
}

@ObjectType()
export class PartyCounts {
  @Field(() => Int, { description: 'Relationships (supplier–client pairs) the party has any fact in.' })
  relationships!: number;

  @Field(() => Int, { description: 'Disputes raised by or against the party, in either role, not yet resolved: shown, not scored.' })
  openDisputes!: number;
}

@ObjectType({ description: 'A supplier, a client or both, with how it rates in each role.' })
export class Party {
  @Field(() => ID, { name: 'id' })
  partyId!: string;

  @Field(() => PartyIdentity, { nullable: true, description: 'Null until the party registers: evidence about it may come first.' })
  identity!: PartyIdentity | null;

  @Field(() => InstantScalar, { description: 'The instant the ratings are computed as of: the latest fact recorded about the party.' })
  asOf!: string;

  @Field(() => InstantScalar, { description: 'When the latest fact about the party happened.' })
  lastActivityAt!: string;

  @Field(() => Rating, { nullable: true, description: 'How good a client the party is to work for; null without evidence in that role.' })
  asClient!: Rating | null;

  @Field(() => Rating, { nullable: true, description: 'How good a supplier the party is to work with; null without evidence in that role.' })
  asSupplier!: Rating | null;

  @Field(() => [Flag], { description: 'Public flags raised in either role.' })
  flags!: Flag[];

  @Field(() => PartyCounts)
  counts!: PartyCounts;
}
