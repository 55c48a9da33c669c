import { Inject, Optional } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ReadStoreReader } from '#libs/projector';
import { Role } from '#libs/shared-kernel';
import type { PublicPartyProfile } from '../../read-models/party-profile/party-profile.doc';
import { PARTY_PROFILE_PROJECTION } from '../../read-models/party-profile/party-profile.projection';
import { normalizeSegment, rankingIndex, type RankingScope } from '../../read-models/shared/keys';
import { ArgumentCheck } from '../arguments';
import { decodeIndexCursor, indexCursor } from '../paging/cursors';
import { type Edge, type Page, type PageRequest, pageInfoOf, pageSizeOf } from '../paging/page';
import { REPUTATION_READ_STORE } from '../reputation-read-store';
import type { ReputationReads } from '../reputation-reads';
import { RANKED_LEADERBOARDS, type RankedLeaderboards } from './ranked-leaderboards';

export interface RankingEdge extends Edge<PublicPartyProfile> {
  /** 1-based place in this ranking; parties with equal scores take consecutive places. */
  readonly rank: number;
  /** The confidence-adjusted score the ranking orders by. */
  readonly rankingScore: number;
}

export type RankingPage = Page<PublicPartyProfile, RankingEdge> & {
  /** How many parties the ranking holds; a function so that only a client that asks pays the read. */
  readonly totalCount: () => Promise<number>;
};

export interface RankingsFilter {
  readonly role: string;
  readonly industry?: string | null;
  readonly region?: string | null;
}

/**
 * The best parties in a role, overall, in one industry or in one region, by confidence-adjusted score
 * (a party with one glowing event does not top the board). Read from the background jobs' trust-weighted
 * leaderboards once they exist, else from the profile read model's ranking indexes. One segment at a
 * time: neither crosses industry with region.
 */
export class GetRankings extends Query<RankingPage> {
  constructor(
    readonly filter: RankingsFilter,
    readonly page: PageRequest,
    readonly reads: ReputationReads,
  ) {
    super();
  }
}

const scopeOf = ({ industry, region }: RankingsFilter, check: ArgumentCheck): RankingScope => {
  const given = (['industry', 'region'] as const).filter((kind) => ({ industry, region })[kind] != null);
  if (given.length > 1) check.add('region', 'rank by industry or by region, not both at once');
  const [kind] = given;
  if (kind === undefined) return { kind: 'all' };
  const value = (kind === 'industry' ? industry : region) ?? '';
  if (normalizeSegment(value) === '') check.add(kind, `${kind} must contain a letter or a digit`);
  return { kind, value };
};

@QueryHandler(GetRankings)
export class GetRankingsHandler implements IQueryHandler<GetRankings, RankingPage> {
  constructor(
    @Inject(REPUTATION_READ_STORE) private readonly reader: ReadStoreReader,
    @Optional() @Inject(RANKED_LEADERBOARDS) private readonly leaderboards: RankedLeaderboards | null = null,
  ) {}

  /** Where this request's ranking comes from: the jobs' leaderboards when filled, else the read model. */
  private async source(): Promise<Pick<RankedLeaderboards, 'range' | 'size'>> {
    if (this.leaderboards && (await this.leaderboards.ready())) return this.leaderboards;
    return {
      range: (index, { offset, count }) => this.reader.rangeIndex(PARTY_PROFILE_PROJECTION, index, { order: 'desc', offset, count }),
      size: (index) => this.reader.indexSize(PARTY_PROFILE_PROJECTION, index),
    };
  }

  async execute({ filter, page, reads }: GetRankings): Promise<RankingPage> {
    const check = new ArgumentCheck();
    const role = check.parse('role', Role, filter.role);
    const scope = scopeOf(filter, check);
    check.done();
    const index = rankingIndex(role as Role, scope);
    const first = pageSizeOf(page.first);
    const { offset } = decodeIndexCursor(page.after);
    const source = await this.source();
    const members = await source.range(index, { offset, count: first + 1 });
    const shown = members.slice(0, first);
    const profiles = await reads.profilesOf(shown.map(({ member }) => member));
    const edges = shown.flatMap(({ score }, i): RankingEdge[] => {
      const node = profiles[i];
      return node ? [{ cursor: indexCursor(offset + i + 1), node, rank: offset + i + 1, rankingScore: score }] : [];
    });
    return {
      edges,
      pageInfo: pageInfoOf(edges, members.length > first, offset > 0),
      totalCount: () => source.size(index),
    };
  }
}
