import type { Projection } from '#libs/projector';
import { DEFAULT_SCORING_POLICY, type ScoringPolicy } from '#libs/scoring';
import { partyProfileProjection } from './party-profile/party-profile.projection';
import { partyTimelineProjection } from './party-timeline/party-timeline.projection';
import { relationshipProjection } from './relationship/relationship.projection';
import { asProjection } from './shared/read-model';

/**
 * The reputation read models, for the projector to run. Documents store ratings under `policy`: a new
 * policy version changes their meaning, so it goes with a bump of the projections' versions (a spec pins
 * the pair) and the engine rebuilds them.
 */
export const createReputationProjections = (policy: ScoringPolicy = DEFAULT_SCORING_POLICY): readonly Projection[] => [
  asProjection(partyProfileProjection(policy)),
  asProjection(relationshipProjection(policy)),
  asProjection(partyTimelineProjection()),
];

export const reputationProjections: readonly Projection[] = createReputationProjections();
