import { Field, ID, InputType } from '@nestjs/graphql';
import { RoleValue } from '../common/enums';

@InputType({ description: 'A party registers itself (or an admin onboards it); it is registered now.' })
export class RegisterPartyInput {
  @Field(() => ID, { description: '1–64 characters of a–z, 0–9 and _.' })
  partyId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [RoleValue], { description: 'Supplier, client or both, each once.' })
  roles!: string[];

  @Field(() => String)
  industry!: string;

  @Field(() => String)
  region!: string;
}

@InputType({ description: 'The fields to change, at least one; fields left out stay as they are.' })
export class UpdatePartyProfileInput {
  @Field(() => ID)
  partyId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [RoleValue], { nullable: true })
  roles?: string[] | null;

  @Field(() => String, { nullable: true })
  industry?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;
}
