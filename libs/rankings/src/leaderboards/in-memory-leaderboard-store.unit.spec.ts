import { InMemoryLeaderboardStore } from '#libs/rankings';
import { describeLeaderboardStoreContract } from '../../test/leaderboard-store.contract';

describeLeaderboardStoreContract('in-memory', async () => new InMemoryLeaderboardStore());
