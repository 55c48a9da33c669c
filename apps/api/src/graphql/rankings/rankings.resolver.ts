import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { GetRankings, type RankingPage } from '#libs/reputation';
import { RoleValue } from '../common/enums';
import { PageArgs } from '../common/page.args';
import type { ApiContext } from '../context/api-context';
import { connectionComplexity } from '../limits/query-limits';
import { RankingConnection } from './rankings.types';

@Resolver()
export class RankingsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => RankingConnection, {
    complexity: connectionComplexity,
    description: 'The best parties in a role: overall, in one industry, or in one region (not both at once).',
  })
  rankings(
    @Args('role', { type: () => RoleValue }) role: string,
    @Args('industry', { type: () => String, nullable: true }) industry: string | null,
    @Args('region', { type: () => String, nullable: true }) region: string | null,
    @Args() page: PageArgs,
    @Context() ctx: ApiContext,
  ): Promise<RankingPage> {
    return this.queries.execute(new GetRankings({ role, industry, region }, page, ctx.reads));
  }
}
