import type { ReadStoreReader } from '#libs/projector';

/**
 * What the jobs read: the projector's read models. The API's embedded read models fit as they are
 * (`reader`, `waitFor`); the worker reads Redis (see `redisRankingReadModels`).
 */
export interface RankingReadModels {
  readonly reader: ReadStoreReader;
  /**
   * True once every read model that reads `streamId` has processed the event at `position` (serialized),
   * false when `timeoutMs` passes first.
   */
  waitFor(position: string, streamId: string, timeoutMs: number): Promise<boolean>;
  /**
   * The position (serialized) a projection has processed; null when none. Optional: without it every
   * standing counts as based on an unknown position, which is safe when jobs run one at a time (embedded).
   */
  checkpoint?(projection: string): Promise<string | null>;
}
