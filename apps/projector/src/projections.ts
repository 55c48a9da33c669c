import type { Projection } from '#libs/projector';
import { reputationProjections } from '#libs/reputation';

/**
 * Every projection the projector process and `npm run rebuild` run. The API's embedded mode runs
 * `reputationProjections` too (apps/api/src/read-models): a read model added here goes there as well.
 */
export const projections: readonly Projection[] = [...reputationProjections];
