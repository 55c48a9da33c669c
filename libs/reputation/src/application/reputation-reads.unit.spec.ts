import fc from 'fast-check';
import { InMemoryReadStore, rebuildProjections } from '#libs/projector';
import { logOf, moveArb } from '../../test/arbitrary-log';
import { recordedLogStore } from '../../test/recorded-log-store';
import type { PartyProfileDoc } from '../read-models/party-profile/party-profile.doc';
import { PARTY_PROFILE_PROJECTION } from '../read-models/party-profile/party-profile.projection';
import { publicProfileView } from '../read-models/party-profile/party-profile.queries';
import type { RelationshipDoc } from '../read-models/relationship/relationship.doc';
import { RELATIONSHIP_PROJECTION } from '../read-models/relationship/relationship.projection';
import { reputationProjections } from '../read-models/reputation-projections';
import { ReputationReads } from './reputation-reads';
import { relationshipViewFor, type Viewer } from './viewer';

const moves = fc.array(moveArb, { minLength: 1, maxLength: 80, size: 'medium' });

describe('the views a request reads', () => {
  // They read documents without their append-only arrays (the facts ratings are computed from): a view
  // that came to need those facts would differ here from the same view of the whole document.
  it('are the views of the whole documents, for every profile and every viewer of every relationship', async () => {
    await fc.assert(
      fc.asyncProperty(moves, async (ms) => {
        const readStore = new InMemoryReadStore();
        await rebuildProjections({ store: recordedLogStore(logOf(ms)), readStore, projections: reputationProjections });

        const profiles = Object.values(readStore.dump(PARTY_PROFILE_PROJECTION).docs) as unknown as PartyProfileDoc[];
        const reads = new ReputationReads(readStore, { kind: 'admin' });
        expect(await reads.profilesOf(profiles.map((doc) => doc.partyId))).toEqual(profiles.map(publicProfileView));

        const relationships = Object.values(readStore.dump(RELATIONSHIP_PROJECTION).docs) as unknown as RelationshipDoc[];
        for (const doc of relationships) {
          const viewers: Viewer[] = [{ kind: 'admin' }, { kind: 'partner' }, { kind: 'party', partyId: doc.supplierId }, { kind: 'party', partyId: doc.clientId }];
          for (const viewer of viewers) {
            expect(await new ReputationReads(readStore, viewer).relationship(doc.supplierId, doc.clientId)).toEqual(relationshipViewFor(doc, viewer));
          }
        }
        expect(profiles.length).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });
});
