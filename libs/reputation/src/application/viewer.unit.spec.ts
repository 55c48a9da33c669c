import { reputationProjections } from '../read-models/reputation-projections';
import type { RelationshipDoc } from '../read-models/relationship/relationship.doc';
import { InMemoryRunner } from '../../test/in-memory-runner';
import { RecordedLog } from '../../test/recorded-log';
import { relationshipViewFor, type Viewer } from './viewer';

const relationshipWithSealedFeedback = (): RelationshipDoc => {
  const log = new RecordedLog();
  const pair = log.between('acme', 'globex');
  pair.startEngagement('2024-01-02');
  pair.submitFeedback('acme', 2, '2024-06-01', { comment: 'acme on globex', feedbackId: 'fb-acme' });
  pair.submitFeedback('globex', 5, '2024-06-02', { engagementId: 'eng-1', comment: 'globex on acme', feedbackId: 'fb-globex' });
  const doc = new InMemoryRunner(reputationProjections).run(log.events).doc<RelationshipDoc>('relationship', 'acme:globex');
  if (!doc) throw new Error('expected the relationship');
  return doc;
};

describe('who sees sealed feedback', () => {
  const doc = relationshipWithSealedFeedback();
  const sealedSeenBy = (viewer: Viewer) => relationshipViewFor(doc, viewer).viewerSealedFeedback.map((f) => f.feedbackId);

  it('shows a party what it wrote, and only that', () => {
    expect(sealedSeenBy({ kind: 'party', partyId: 'acme' })).toEqual(['fb-acme']);
    expect(sealedSeenBy({ kind: 'party', partyId: 'globex' })).toEqual(['fb-globex']);
    expect(sealedSeenBy({ kind: 'party', partyId: 'initech' })).toEqual([]);
  });

  it('shows an admin all of it and a partner integration none of it', () => {
    expect(sealedSeenBy({ kind: 'admin' })).toEqual(['fb-acme', 'fb-globex']);
    expect(sealedSeenBy({ kind: 'partner' })).toEqual([]);
  });

  it('never hands out the internal section', () => {
    for (const viewer of [{ kind: 'admin' }, { kind: 'partner' }, { kind: 'party', partyId: 'acme' }] as const) {
      expect(relationshipViewFor(doc, viewer)).not.toHaveProperty('internal');
    }
  });
});
