import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { PrincipalKindValue } from '../common/enums';
import { InstantScalar } from '../common/instant.scalar';

@InputType({
  description:
    'Who a new credential is for. PARTY: `partyId`. PARTNER: `partnerId`, `parties` it acts for and, optionally, the `eventTypes` it may record (all when left out). ADMIN: `name`.',
})
export class CreateCredentialInput {
  @Field(() => PrincipalKindValue)
  kind!: string;

  @Field(() => ID, { nullable: true })
  partyId?: string | null;

  @Field(() => String, { nullable: true })
  partnerId?: string | null;

  @Field(() => [ID], { nullable: true })
  parties?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Event types, e.g. InvoicePaid, EngagementEnded.' })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@ObjectType({ description: 'A credential as listed: never its secret.' })
export class Credential {
  @Field(() => ID)
  credentialId!: string;

  @Field(() => PrincipalKindValue)
  kind!: string;

  @Field(() => ID, { nullable: true })
  partyId!: string | null;

  @Field(() => String, { nullable: true })
  partnerId!: string | null;

  @Field(() => [ID], { nullable: true })
  parties!: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Null: every event type.' })
  eventTypes!: string[] | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => InstantScalar)
  issuedAt!: string;

  @Field(() => InstantScalar, { nullable: true })
  revokedAt!: string | null;
}

@ObjectType({ description: 'A new credential with its secret, shown this once: only its hash is stored.' })
export class IssuedCredential extends Credential {
  @Field(() => String, { description: 'The bearer token (`Authorization: Bearer <secret>`), also the gRPC API key.' })
  secret!: string;
}

@ObjectType()
export class CredentialRevocation {
  @Field(() => ID)
  credentialId!: string;

  @Field(() => Boolean, { description: 'False when it was revoked already.' })
  revoked!: boolean;
}
