import type { RankedMember, ReadStoreReader } from '#libs/projector';
import type { PublicPartyProfile } from '../../read-models/party-profile/party-profile.doc';
import type { ReputationReads } from '../reputation-reads';
import { GetRankings, GetRankingsHandler } from './get-rankings.query';
import type { RankedLeaderboards } from './ranked-leaderboards';

const board = (...members: string[]): RankedMember[] => members.map((member, i) => ({ member, score: 90 - i }));

/** Only what the handler touches: the ranking index of the profile read model. */
const readModel = (members: RankedMember[]): ReadStoreReader =>
  ({ rangeIndex: async () => members, indexSize: async () => members.length }) as unknown as ReadStoreReader;

const leaderboards = (ready: boolean, members: RankedMember[]): RankedLeaderboards & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    ready: async () => ready,
    range: async (index) => (asked.push(index), members),
    size: async () => members.length,
  };
};

const reads = { profilesOf: async (ids: readonly string[]) => ids.map((partyId) => ({ partyId }) as unknown as PublicPartyProfile) } as unknown as ReputationReads;

const rank = async (handler: GetRankingsHandler) => {
  const page = await handler.execute(new GetRankings({ role: 'supplier', region: 'Lyon' }, { first: 10 }, reads));
  return { ids: page.edges.map((edge) => edge.node.partyId), total: await page.totalCount() };
};

describe('rankings', () => {
  it('come from the read model while no app provides leaderboards', async () => {
    expect(await rank(new GetRankingsHandler(readModel(board('a', 'b'))))).toEqual({ ids: ['a', 'b'], total: 2 });
  });

  it('come from the read model until the background jobs have filled their leaderboards', async () => {
    const jobs = leaderboards(false, board('ring1'));
    expect(await rank(new GetRankingsHandler(readModel(board('a', 'b')), jobs))).toEqual({ ids: ['a', 'b'], total: 2 });
    expect(jobs.asked).toEqual([]);
  });

  it('come from the trust-weighted leaderboards once filled, under the same index name', async () => {
    const jobs = leaderboards(true, board('b', 'c', 'a'));
    expect(await rank(new GetRankingsHandler(readModel(board('a', 'b')), jobs))).toEqual({ ids: ['b', 'c', 'a'], total: 3 });
    expect(jobs.asked).toEqual(['rankings:supplier:region:lyon']);
  });
});
