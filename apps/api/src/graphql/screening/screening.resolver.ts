import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { ScreenCandidate } from '#libs/reputation';
import type { ScreeningResult } from '#libs/scoring';
import type { ApiContext } from '../context/api-context';
import { ScreeningCriteriaInput, ScreeningResult as ScreeningResultType } from './screening.types';

/** GraphQL input → the scoring lib's criteria: unset fields dropped, component minimums keyed by name. */
const criteriaOf = ({ minComponents, ...rest }: ScreeningCriteriaInput): Record<string, unknown> => ({
  ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined)),
  ...(minComponents && { minComponent: Object.fromEntries(minComponents.map(({ component, min }) => [component, min])) }),
});

@Resolver()
export class ScreeningResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => ScreeningResultType, { description: "The red velvet rope: checks a prospective partner against the reader's own criteria, as of now." })
  screen(
    @Args('candidateId', { type: () => ID }) candidateId: string,
    @Args('criteria', { type: () => ScreeningCriteriaInput }) criteria: ScreeningCriteriaInput,
    @Context() ctx: ApiContext,
  ): Promise<ScreeningResult> {
    return this.queries.execute(new ScreenCandidate(candidateId, criteriaOf(criteria), new Date().toISOString(), ctx.reads));
  }
}
