import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { callCount } from '../common/count.middleware';
import { PageInfo } from '../common/page-info.type';
import { Party } from '../party/party.types';

@ObjectType()
export class RankingEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Int, { description: '1-based place; equal scores take consecutive places.' })
  rank!: number;

  @Field(() => Float, { description: 'The confidence-adjusted score the ranking orders by.' })
  rankingScore!: number;

  @Field(() => Party)
  node!: Party;
}

@ObjectType({ description: 'Parties best first by confidence-adjusted score: a party with one glowing event does not top the board.' })
export class RankingConnection {
  @Field(() => [RankingEdge])
  edges!: RankingEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { middleware: [callCount] })
  totalCount!: number;
}
