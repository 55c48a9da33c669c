/**
 * Nest injection token of the `ReadStoreReader` (`#libs/projector`) the query handlers read. The app
 * that imports `ReputationQueriesModule` says which reader that is (Redis or the embedded projector's).
 */
export const REPUTATION_READ_STORE = Symbol('REPUTATION_READ_STORE');
