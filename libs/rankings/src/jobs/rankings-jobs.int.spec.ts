import { InMemoryEventStore, type RecordedEvent } from '#libs/event-store';
import { decodeEvent, RELATIONSHIP_PROJECTION, type RelationshipDoc } from '#libs/reputation';
import { PartiesModule } from '#libs/parties';
import { RecordRelationshipFact, RelationshipsModule, type RelationshipEvent } from '#libs/relationships';
import { DEFAULT_SCORING_POLICY, ledgerOf } from '#libs/scoring';
import type { StoredEvent } from '#libs/shared-kernel';
import { DEFAULT_TRUST_POLICY, partyEvidenceFrom, recomputeRankings } from '#libs/trust';
import { InMemoryLeaderboardStore, RankingsJobs, ReadModelBehindError, readStoreReadModels } from '#libs/rankings';
import { asParty, startCommandApp, type CommandApp } from '../../../access/test/command-app';
import { AS_OF, recordMarket, type Market } from '../../test/market';
import { startReadModels, type RunningReadModels } from '../../test/read-models';
import { snapshotOf, topTenth } from '../../test/snapshot';

const policies = { scoring: DEFAULT_SCORING_POLICY, trust: DEFAULT_TRUST_POLICY };
const isRing = (id: string) => id.startsWith('ring');
const run = (asOf: string, label = 'run') => ({ asOf, runId: `${label}.${Date.parse(asOf)}` });

/** A full recompute straight from the log, not from the read models: what the jobs' boards must equal. */
const fromTheLog = async (store: InMemoryEventStore, asOf: string) => {
  const relationship: StoredEvent<RelationshipEvent>[] = [];
  const identities = new Map<string, { industry: string; region: string }>();
  for await (const recorded of store.readAll() as AsyncIterable<RecordedEvent>) {
    const decoded = decodeEvent(recorded);
    if (decoded?.stream === 'relationship') relationship.push(decoded.stored);
    if (decoded?.stream === 'party' && decoded.stored.event.type === 'PartyRegistered') identities.set(decoded.partyId, decoded.stored.event.data);
  }
  // In the jobs' order (party ids sorted), so the graph's nodes and every sum run in the same order.
  const parties = [...ledgerOf(relationship)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, accs]) => partyEvidenceFrom(accs, identities.get(id) ?? {}, DEFAULT_SCORING_POLICY, asOf));
  return recomputeRankings({ parties, asOf, policies });
};

describe('the ranking jobs, over read models projected from a market recorded through the command handlers', () => {
  let store: InMemoryEventStore;
  let app: CommandApp;
  let market: Market;
  let readModels: RunningReadModels;
  let leaderboards: InMemoryLeaderboardStore;
  let jobs: RankingsJobs;
  let everyone: string[];

  beforeAll(async () => {
    store = new InMemoryEventStore();
    app = await startCommandApp(store, [PartiesModule, RelationshipsModule], AS_OF);
    market = await recordMarket(app, { seed: 1, suppliers: 20, clients: 60, ring: 20 });
    readModels = startReadModels(store);
    await readModels.caughtUp();
    leaderboards = new InMemoryLeaderboardStore();
    jobs = new RankingsJobs({ readModels: readStoreReadModels(readModels.readStore), leaderboards, clock: app.clock, commandBus: app.commandBus }, { waitTimeoutMs: 300 });
    everyone = await jobs.rankedPartyIds();
  }, 300_000);

  afterAll(async () => {
    await readModels?.stop();
    await app?.close();
  });

  describe('propagate-trust', () => {
    it('keeps every member of the collusion ring out of the top 10% and below the honest veteran', async () => {
      await jobs.propagateTrust(run(AS_OF));
      for (const index of ['rankings:supplier:all', 'rankings:client:all']) {
        const board = await leaderboards.range(index);
        expect(board.filter((m) => isRing(m.member)).length).toBe(20);
        expect(topTenth(board).filter(isRing)).toEqual([]);
      }
      const suppliers = await leaderboards.range('rankings:supplier:all');
      const veteran = suppliers.findIndex((m) => m.member === 'veteran');
      expect(veteran).toBeLessThan(Math.min(...suppliers.flatMap((m, i) => (isRing(m.member) ? [i] : []))));
    });

    it('builds the boards a full recompute straight from the log gives', async () => {
      await jobs.propagateTrust(run(AS_OF));
      const expected = await fromTheLog(store, AS_OF);
      expect(await leaderboards.boards()).toEqual([...expected.leaderboards.keys()].sort());
      for (const [index, board] of expected.leaderboards) expect(await leaderboards.range(index)).toEqual(board.entries);
    });

    it('leaves, run twice, what it leaves run once', async () => {
      await jobs.propagateTrust(run(AS_OF));
      const once = await snapshotOf(leaderboards, everyone);
      await jobs.propagateTrust(run(AS_OF, 'again'));
      expect(await snapshotOf(leaderboards, everyone)).toEqual(once);
    });
  });

  describe('recompute-rankings', () => {
    it('rebuilds the same boards from the stored weights, and is idempotent', async () => {
      await jobs.propagateTrust(run(AS_OF));
      const propagated = await snapshotOf(leaderboards, everyone);
      await jobs.recomputeRankings(run(AS_OF));
      expect(await snapshotOf(leaderboards, everyone)).toEqual(propagated);
      await jobs.recomputeRankings(run(AS_OF));
      expect(await snapshotOf(leaderboards, everyone)).toEqual(propagated);
    });
  });

  describe('decay-sweep', () => {
    it('moves every current rating to the new instant, as a full recompute with the same weights would', async () => {
      await jobs.propagateTrust(run(AS_OF));
      const later = '2027-01-05T00:00:00.000Z';
      await jobs.decaySweep(run(later));
      const swept = await snapshotOf(leaderboards, everyone);
      expect(Object.values(swept.ratings).every((r) => r?.asOf === later)).toBe(true);
      await jobs.recomputeRankings(run(later));
      expect((await snapshotOf(leaderboards, everyone)).boards).toEqual(swept.boards);
    });

    it('leaves, run twice, what it leaves run once', async () => {
      await jobs.propagateTrust(run(AS_OF));
      await jobs.decaySweep(run('2026-06-01T00:00:00.000Z'));
      const once = await snapshotOf(leaderboards, everyone);
      await jobs.decaySweep(run('2026-06-01T00:00:00.000Z', 'again'));
      expect(await snapshotOf(leaderboards, everyone)).toEqual(once);
    });
  });

  describe('recompute-party', () => {
    it('moves a party whose evidence changed to where a full recompute with the same weights puts it', async () => {
      await jobs.propagateTrust(run(AS_OF));
      const before = await leaderboards.rankOf('rankings:client:all', 'c0');
      const [supplierId] = (await readModels.readStore.rangeIndex(RELATIONSHIP_PROJECTION, 'relationships-of:c0')).map((m) => m.member.split(':')[0]);
      app.clock.set(AS_OF);
      let position = '';
      for (let i = 0; i < 12; i++) {
        const data = { supplierId, clientId: 'c0', invoiceId: `late${i}`, amount: 20_000, currency: 'EUR', dueAt: '2025-09-01T00:00:00Z', paidAt: '2025-12-30T00:00:00Z' };
        position = (await app.commandBus.execute(new RecordRelationshipFact(asParty(supplierId), { command: { type: 'RecordInvoicePaid', data } }))).position;
      }
      // The jobs here wait only 300 ms for the read model (for the "behind" case below): let it catch up first.
      await readModels.caughtUp();
      const moved = await jobs.recomputeParty({ partyId: 'c0', after: position, asOf: AS_OF });
      expect(moved.applied).toBe(true);
      const after = await leaderboards.rankOf('rankings:client:all', 'c0');
      expect(after?.score).toBeLessThan(before?.score ?? 0);

      const lookup = await leaderboards.weightsOf(everyone);
      const full = await jobs.recomputeRankings(run(AS_OF, 'check'));
      expect(full.parties).toBe(everyone.length);
      expect(await leaderboards.rankOf('rankings:client:all', 'c0')).toEqual(after);
      expect(await leaderboards.weightsOf(everyone)).toEqual(lookup);
    });

    it('refuses to read a profile the read model has not brought up to the event yet', async () => {
      await expect(jobs.recomputeParty({ partyId: 'c1', after: '999999999/0' })).rejects.toBeInstanceOf(ReadModelBehindError);
    });
  });

  describe('reveal-feedback', () => {
    it('reveals, through the command bus, sealed feedback whose window has passed; a second run reveals nothing', async () => {
      const ref = { supplierId: 's1', clientId: 'c2', engagementId: 'e2' };
      app.clock.set('2025-12-01T00:00:00.000Z');
      await app.commandBus.execute(new RecordRelationshipFact(asParty('s1'), { command: { type: 'StartEngagement', data: { ...ref, paymentTermsDays: 30 } } }));
      const data = { ...ref, feedbackId: 'late_fb', by: 'c2', about: 's1', ratings: { quality: 4 } };
      await app.commandBus.execute(new RecordRelationshipFact(asParty('c2'), { command: { type: 'SubmitFeedback', data } }));
      await readModels.caughtUp();
      app.clock.set(AS_OF);

      const early = await jobs.revealFeedback(run('2025-12-10T00:00:00.000Z'));
      expect(early).toMatchObject({ due: 0, revealedEvents: 0 });
      const first = await jobs.revealFeedback(run(AS_OF));
      expect(first).toMatchObject({ due: 1, revealedEvents: 1 });
      await readModels.caughtUp();
      const [doc] = (await readModels.readStore.getDocs(RELATIONSHIP_PROJECTION, ['s1:c2'])) as unknown as RelationshipDoc[];
      expect(doc.pendingFeedback).toEqual([]);
      expect(doc.feedback.map((f) => f.feedbackId)).toContain('late_fb');
      expect(await jobs.revealFeedback(run(AS_OF, 'again'))).toMatchObject({ due: 0, revealedEvents: 0 });
    });
  });
});
