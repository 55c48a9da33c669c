import type { RecordedEvent } from '#libs/event-store';
import { decodeEvent } from '#libs/reputation';
import { reputationAppends, type ReputationLogShape } from '../../bench/projections/reputation-log';

const shape: ReputationLogShape = { suppliers: 20, clients: 60, suppliersPerClient: 2, relationshipEvents: 3000, shards: 2 };

/** As the store would hand the appends back: revisions per stream, a growing position. */
const recorded = (shard: number): RecordedEvent[] => {
  const revisions = new Map<string, number>();
  return [...reputationAppends(shape, shard)].flatMap(({ streamId, events }) =>
    events.map((event) => {
      const revision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, revision);
      return { ...event, streamId, revision, position: { commit: 1n, prepare: 1n }, metadata: event.metadata ?? {}, recordedAt: new Date('2026-01-01T00:00:00Z') };
    }),
  );
};

describe('the generated reputation log (bench and e2e)', () => {
  const events = [...recorded(0), ...recorded(1)];

  it('writes the registrations and the relationship events asked for, split over the shards', () => {
    expect(events.filter((e) => e.type === 'PartyRegistered')).toHaveLength(80);
    expect(events.length - 80).toBe(3000);
  });

  it('writes only events the read models can decode', () => {
    expect(events.filter((event) => decodeEvent(event) === null).map((e) => e.type)).toEqual([]);
  });

  it('covers every kind of fact', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['PartyRegistered', 'EngagementStarted', 'EngagementEnded', 'InvoicePaid', 'DeliveryCompleted', 'ReferralGiven', 'PriorityServiceGiven', 'DisputeRaised', 'DisputeResolved', 'LegalActionTaken', 'LegalActionConcluded', 'FeedbackSubmitted', 'FeedbackRevealed', 'FactRetracted']),
    );
  });
});
