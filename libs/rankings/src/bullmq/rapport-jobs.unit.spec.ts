import { UnrecoverableError } from 'bullmq';
import { JOB, asOfOfJob, decaySweepChunkJobId, payloadOf, recomputePartyDedupeId, recomputePartyJobId, runIdOf } from '#libs/rankings';

describe('the rapport-jobs contract', () => {
  it('gives one recompute-party job id per party and event, and one deduplication id per party', () => {
    expect(recomputePartyJobId('c1', '120/7')).toBe('recompute-party.c1.120-7');
    expect(recomputePartyJobId('c1', '120/7')).toBe(recomputePartyJobId('c1', '120/7'));
    expect(recomputePartyJobId('c1', '121/0')).not.toBe(recomputePartyJobId('c1', '120/7'));
    expect(recomputePartyDedupeId('c1')).toBe('recompute-party.c1');
  });

  it('never puts a colon in a job id (BullMQ refuses them)', () => {
    const runId = runIdOf(JOB.decaySweep, '2026-01-05T00:00:00.000Z');
    expect([recomputePartyJobId('a_b', '1/2'), decaySweepChunkJobId(runId, 3), runId].join(' ')).not.toContain(':');
  });

  it('reads a typed payload, and fails for good on one it does not know', () => {
    expect(payloadOf(JOB.recomputeParty, { v: 1, partyId: 'c1', position: '1/2' })).toEqual({ v: 1, partyId: 'c1', position: '1/2' });
    expect(() => payloadOf(JOB.recomputeParty, { v: 2, partyId: 'c1', position: null })).toThrow(UnrecoverableError);
    expect(() => payloadOf(JOB.propagateTrust, { v: 1, asOf: 'yesterday' })).toThrow(UnrecoverableError);
  });

  it('runs a scheduled job as of its payload’s instant, else its scheduler tick, else when it was added', () => {
    expect(asOfOfJob({ id: 'x', timestamp: 0 }, { asOf: '2026-01-05T00:00:00.000Z' })).toBe('2026-01-05T00:00:00.000Z');
    expect(asOfOfJob({ id: 'repeat:decay-sweep:1767571200000', timestamp: 5 }, {})).toBe('2026-01-05T00:00:00.000Z');
    expect(asOfOfJob({ id: 'manual', timestamp: 1767571200000 }, {})).toBe('2026-01-05T00:00:00.000Z');
  });
});
