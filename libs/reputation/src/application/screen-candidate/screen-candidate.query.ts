import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { screen, ScreeningCriteria, type ScreeningResult } from '#libs/scoring';
import { Instant } from '#libs/shared-kernel';
import { ArgumentCheck } from '../arguments';
import { PartyNotFoundError } from '../reputation-query.errors';
import type { ReputationReads } from '../reputation-reads';

/**
 * The red velvet rope: checks a prospective partner against the reader's own criteria, as of `asOf`
 * (the transport passes the time of the request), and says which criteria passed and why.
 */
export class ScreenCandidate extends Query<ScreeningResult> {
  constructor(
    readonly candidateId: string,
    readonly criteria: unknown,
    readonly asOf: string,
    readonly reads: ReputationReads,
  ) {
    super();
  }
}

@QueryHandler(ScreenCandidate)
export class ScreenCandidateHandler implements IQueryHandler<ScreenCandidate, ScreeningResult> {
  async execute(query: ScreenCandidate): Promise<ScreeningResult> {
    const check = new ArgumentCheck();
    const candidateId = check.partyId('candidateId', query.candidateId);
    const criteria = check.parse('criteria', ScreeningCriteria, query.criteria);
    const asOf = check.parse('asOf', Instant, query.asOf);
    check.done();
    const profile = await query.reads.profile(candidateId);
    if (profile === null) throw new PartyNotFoundError(candidateId);
    const { asClient, asSupplier, flags } = profile;
    return screen({ partyId: candidateId, asOf: profile.asOf, asClient, asSupplier, flags }, criteria as ScreeningCriteria, asOf as string);
  }
}
