import fc from 'fast-check';
import { DEFAULT_SCORING_POLICY } from '#libs/scoring';
import { logOf, moveArb } from '../../test/arbitrary-log';
import { InMemoryRunner } from '../../test/in-memory-runner';
import { RecordedLog, plusDays } from '../../test/recorded-log';
import type { PartyProfileDoc } from './party-profile/party-profile.doc';
import { publicProfileView } from './party-profile/party-profile.queries';
import { reputationProjections } from './reputation-projections';
import type { RelationshipDoc } from './relationship/relationship.doc';
import { publicRelationshipView } from './relationship/relationship.queries';
import { rankingIndex } from './shared/keys';

const monthly = (from: string, months: number): string[] => Array.from({ length: months }, (_, i) => plusDays(from, Math.round(i * 30.44)));

const tenYearIdealClient = (log: RecordedLog) => {
  log.register('acme', { roles: ['supplier'], industry: 'Software', region: 'Île-de-France' });
  log.register('loyal_co', { roles: ['client'], industry: 'Retail', region: 'Île-de-France' });
  const rel = log.between('acme', 'loyal_co');
  rel.startEngagement('2015-01-05');
  for (const issued of monthly('2015-02-02', 119)) rel.payInvoice(issued, { daysLate: -30, attested: true });
  for (let i = 0; i < 12; i++) rel.refer('loyal_co', plusDays('2015-09-01', i * 280));
};

describe('the reputation read models, told as stories', () => {
  it('puts the ten-year ideal client first in the client rankings, above a newcomer with one perfect payment', () => {
    const log = new RecordedLog();
    tenYearIdealClient(log);
    log.register('new_co', { roles: ['client'], industry: 'Retail', region: 'Bretagne' });
    log.between('acme', 'new_co').payInvoice('2024-12-01', { daysLate: -40, amount: 80_000, attested: true, paidAt: '2024-11-30T09:00:00Z' });

    const models = new InMemoryRunner(reputationProjections).run(log.events);

    expect(models.index(rankingIndex('client')).map((e) => e.member)).toEqual(['loyal_co', 'new_co']);
    expect(models.index(rankingIndex('client', { kind: 'industry', value: 'retail' })).map((e) => e.member)).toEqual(['loyal_co', 'new_co']);
    expect(models.index('rankings:client:region:ile-de-france').map((e) => e.member)).toEqual(['loyal_co']);
    const loyal = models.doc<PartyProfileDoc>('party-profile', 'loyal_co');
    expect(loyal?.asClient).toMatchObject({ grade: 'A', confidenceLevel: 'high' });
    expect(models.index(rankingIndex('client'))[0].score).toBe(loyal?.asClient?.rankingScore);
  });

  it('never shows sealed feedback to anyone but its author, at any point of the story', () => {
    const log = new RecordedLog();
    tenYearIdealClient(log);
    const rel = log.between('acme', 'loyal_co');
    const secret = 'They kept asking for free extras';
    rel.submitFeedback('acme', 2, '2024-12-20', { comment: secret, feedbackId: 'fb-acme' });
    const models = new InMemoryRunner(reputationProjections).run(log.events);

    const doc = models.doc<RelationshipDoc>('relationship', 'acme:loyal_co');
    if (doc === null) throw new Error('expected the relationship');
    for (const viewer of [null, 'loyal_co', 'stranger']) expect(JSON.stringify(publicRelationshipView(doc, viewer))).not.toContain(secret);
    expect(publicRelationshipView(doc, 'acme').viewerSealedFeedback).toEqual([expect.objectContaining({ comment: secret })]);
    expect(publicRelationshipView(doc, null).pendingFeedback).toEqual([expect.objectContaining({ by: 'acme', about: 'loyal_co' })]);
    const profile = models.doc<PartyProfileDoc>('party-profile', 'loyal_co');
    expect(Object.keys(publicProfileView(profile as PartyProfileDoc))).not.toContain('internal');
    expect(JSON.stringify(models.list('timeline:loyal_co'))).not.toContain('fb-acme');
  });

  it('shows sealed feedback, what it says or the event that recorded it, to no one but its author, whatever happened', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 1, maxLength: 60, size: 'medium' }), (moves) => {
        const snapshot = new InMemoryRunner(reputationProjections).run(logOf(moves)).snapshot();
        const published = JSON.stringify([snapshot.lists, snapshot.indexes]);
        for (const doc of Object.values(snapshot.docs) as unknown as RelationshipDoc[]) {
          for (const sealed of doc.internal?.sealedFeedback ?? []) {
            for (const viewer of [null, sealed.about, 'stranger']) {
              const view = JSON.stringify(publicRelationshipView(doc, viewer));
              expect([view.includes(sealed.eventId), sealed.comment !== null && view.includes(sealed.comment)]).toEqual([false, false]);
            }
            expect(published).not.toContain(sealed.eventId);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('rates with the policy its projection versions were set for', () => {
    expect({ policy: DEFAULT_SCORING_POLICY.version, versions: reputationProjections.map((p) => [p.name, p.version]) }).toEqual({
      policy: '2026-11-1',
      versions: [
        ['party-profile', 4],
        ['relationship', 4],
        ['party-timeline', 1],
      ],
    });
  });
});
