export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
/** The worker's own Redis connection: leaderboards, party positions, the follower's lease and checkpoint. */
export const JOBS_REDIS = Symbol('JOBS_REDIS');
/** The projector's read models in Redis, as the jobs read them (`RankingReadModels`). */
export const RANKING_READ_MODELS = Symbol('RANKING_READ_MODELS');
export const LEADERBOARD_STORE = Symbol('LEADERBOARD_STORE');
/** The flow producer that fans a sweep out into chunk jobs. */
export const RAPPORT_FLOWS = 'rapport-flows';
