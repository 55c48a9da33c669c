import { Field, type FieldMiddleware, ID, Int, ObjectType } from '@nestjs/graphql';
import { type DisputeView, type PublicRelationshipView, relationshipKey } from '#libs/reputation';
import { callCount } from '../common/count.middleware';
import { RelationshipStatusValue } from '../common/enums';
import { InstantScalar } from '../common/instant.scalar';
import { PageInfo } from '../common/page-info.type';
import { MutualFit, Rating } from '../common/rating.types';
import { Dispute, Engagement, LegalAction, PendingFeedback, RelationshipCounts, Retraction, RevealedFeedback, SealedFeedback } from './relationship-facts.types';

const keyOf: FieldMiddleware<PublicRelationshipView> = ({ source }) => relationshipKey(source.supplierId, source.clientId);
const stillOpen: FieldMiddleware<PublicRelationshipView> = ({ source }) => source.disputes.filter((d: DisputeView) => d.resolution === null);

@ObjectType({ description: 'Everything between one supplier and one client, with how each side serves the other.' })
export class Relationship {
  @Field(() => ID, { description: '`<supplierId>:<clientId>`.', middleware: [keyOf] })
  id!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => RelationshipStatusValue)
  status!: string;

  @Field(() => InstantScalar, { nullable: true, description: "The first engagement's start; null without one." })
  since!: string | null;

  @Field(() => InstantScalar)
  lastActivityAt!: string;

  @Field(() => InstantScalar, { description: 'The instant ratings and tenure are computed as of.' })
  asOf!: string;

  @Field(() => Int, { description: 'Days engaged as of `asOf`, overlapping engagements counted once.' })
  tenureDays!: number;

  @Field(() => Rating, { nullable: true, description: 'The client as a client of this supplier, from this pair’s evidence only.' })
  supplierViewOfClient!: Rating | null;

  @Field(() => Rating, { nullable: true, description: 'The supplier as a supplier of this client, from this pair’s evidence only.' })
  clientViewOfSupplier!: Rating | null;

  @Field(() => MutualFit, { name: 'mutualFit', nullable: true, description: 'Null until both directions have evidence.' })
  fit!: MutualFit | null;

  @Field(() => [Engagement])
  engagements!: Engagement[];

  @Field(() => [Dispute])
  disputes!: Dispute[];

  @Field(() => [Dispute], { description: 'Disputes not yet resolved.', middleware: [stillOpen] })
  openDisputes!: Dispute[];

  @Field(() => [LegalAction])
  legalActions!: LegalAction[];

  @Field(() => [RevealedFeedback])
  feedback!: RevealedFeedback[];

  @Field(() => [PendingFeedback], { description: 'Who submitted feedback that is still sealed, and when.' })
  pendingFeedback!: PendingFeedback[];

  @Field(() => [SealedFeedback], {
    name: 'sealedFeedback',
    description: 'Sealed feedback with what it says, as far as the reader may see it: a party its own, an admin all, a partner integration none.',
  })
  viewerSealedFeedback!: SealedFeedback[];

  @Field(() => [Retraction])
  retractions!: Retraction[];

  @Field(() => RelationshipCounts)
  counts!: RelationshipCounts;
}

@ObjectType()
export class RelationshipEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Relationship)
  node!: Relationship;
}

@ObjectType({ description: "A party's relationships, in either role, most recently active first." })
export class RelationshipConnection {
  @Field(() => [RelationshipEdge])
  edges!: RelationshipEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { middleware: [callCount] })
  totalCount!: number;
}
