import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { InMemoryEventStore } from '#libs/event-store';
import { createRedisReadStore, InMemoryReadStore, type ReadStore } from '#libs/projector';
import { BullMqJobsReader, INITIAL_PROPAGATE_JOB_ID, JOB, positionKey, readStoreReadModels, startEmbeddedJobs } from '#libs/rankings';
import { PartiesModule } from '#libs/parties';
import { RecordRelationshipFact, RelationshipsModule } from '#libs/relationships';
import { asParty, startCommandApp, type CommandApp } from '../../../libs/access/test/command-app';
import { AS_OF, recordMarket } from '../../../libs/rankings/test/market';
import { startReadModels, type RunningReadModels } from '../../../libs/rankings/test/read-models';
import { TEST_REDIS_URL, deletePrefix, describeWithRedis, testPrefix } from '../../../libs/rankings/test/redis';
import { snapshotOf, topTenth } from '../../../libs/rankings/test/snapshot';
import { initialPropagation, startWorker, testWorkerConfig, type RunningWorker } from './worker-harness';

const isRing = (id: string) => id.startsWith('ring');
const asOf = AS_OF;

const waitFor = async (condition: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

describeWithRedis('the worker on BullMQ and the real Redis', () => {
  const prefix = testPrefix('worker');
  const config = testWorkerConfig(prefix);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  let store: InMemoryEventStore;
  let app: CommandApp;
  let readStore: ReadStore;
  let readModels: RunningReadModels;
  let worker: RunningWorker;
  let everyone: string[];

  const recompute = (partyId: string) => async (): Promise<Job[]> => (await worker.queue.getJobs(['delayed', 'waiting', 'active', 'completed', 'failed'])).filter((job) => job.name === JOB.recomputeParty && job.data.partyId === partyId);

  beforeAll(async () => {
    store = new InMemoryEventStore();
    app = await startCommandApp(store, [PartiesModule, RelationshipsModule], AS_OF);
    await recordMarket(app, { seed: 1, suppliers: 20, clients: 60, ring: 20 });
    // The worker shares the clock: its recompute-party jobs rate as of it.
    app.clock.set(AS_OF);
    readStore = createRedisReadStore({ url: TEST_REDIS_URL, prefix: config.readModelPrefix });
    readModels = startReadModels(store, readStore);
    await readModels.caughtUp();
    worker = await startWorker(store, config, app.clock);
    await initialPropagation(worker);
    everyone = [...new Set([...(await readStore.rangeIndex('party-profile', 'rankings:client:all')), ...(await readStore.rangeIndex('party-profile', 'rankings:supplier:all'))].map((m) => m.member))].sort();
  }, 300_000);

  afterAll(async () => {
    await worker?.close();
    await readModels?.stop();
    await readStore?.close();
    await app?.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('registers one job scheduler per scheduled job, with the configured cron', async () => {
    const schedulers = await worker.queue.getJobSchedulers();
    expect(Object.fromEntries(schedulers.map((s) => [s.key, { pattern: s.pattern, tz: s.tz }]))).toEqual(
      Object.fromEntries(Object.entries(config.schedules).map(([name, pattern]) => [name, { pattern, tz: 'UTC' }])),
    );
  });

  it('builds the leaderboards on its first start, from everything recorded before it', async () => {
    const initial = await initialPropagation(worker);
    expect(await initial?.getState()).toBe('completed');
    expect((await worker.leaderboards.lastRuns())['propagate-trust']?.parties).toBe(everyone.length);
  });

  it('keeps a ring of 20 fresh accounts with perfect mutual feedback out of the top 10%, below the honest veteran, after propagate-trust', async () => {
    const job = await worker.runJob(JOB.propagateTrust, { v: 1, asOf });
    expect(await job.getState()).toBe('completed');
    for (const index of ['rankings:supplier:all', 'rankings:client:all']) {
      const board = await worker.leaderboards.range(index);
      expect(board.filter((m) => isRing(m.member))).toHaveLength(20);
      expect(topTenth(board).filter(isRing)).toEqual([]);
    }
    const suppliers = await worker.leaderboards.range('rankings:supplier:all');
    const firstRing = suppliers.findIndex((m) => isRing(m.member));
    expect(suppliers.findIndex((m) => m.member === 'veteran')).toBeLessThan(firstRing);
  });

  it('gives, run in process by the embedded runner on the same log, exactly the boards and ratings of the BullMQ run', async () => {
    await worker.runJob(JOB.propagateTrust, { v: 1, asOf });
    const bullmq = await snapshotOf(worker.leaderboards, everyone);
    const memory = startReadModels(store, new InMemoryReadStore());
    await memory.caughtUp();
    const schedules = { 'decay-sweep': null, 'recompute-rankings': null, 'propagate-trust': null, 'reveal-feedback': null };
    const embedded = startEmbeddedJobs({ readModels: readStoreReadModels(memory.readStore), commandBus: app.commandBus, clock: app.clock, schedules, propagateAtStart: false });
    try {
      await embedded.run(JOB.propagateTrust, asOf);
      const inProcess = await snapshotOf(embedded.leaderboards, everyone);
      expect(inProcess.boards).toEqual(bullmq.boards);
      // The Redis run also records the read-model position it read at; the embedded one does not know it.
      const withoutPosition = (ratings: typeof bullmq.ratings) => Object.fromEntries(Object.entries(ratings).map(([id, r]) => [id, r && { ...r, basedOn: null }]));
      expect(withoutPosition(inProcess.ratings)).toEqual(withoutPosition(bullmq.ratings));
    } finally {
      await embedded.stop();
      await memory.stop();
    }
  });

  it('leaves, running a job twice, what running it once leaves', async () => {
    for (const name of [JOB.propagateTrust, JOB.recomputeRankings, JOB.decaySweep]) {
      await worker.runJob(name, { v: 1, asOf }, `${name}.once`);
      if (name === JOB.decaySweep) await waitFor(async () => (await worker.queue.getJob(`decay-sweep-done.decay-sweep.${Date.parse(asOf)}`))?.finishedOn !== undefined, 'the sweep to finish');
      const once = await snapshotOf(worker.leaderboards, everyone);
      await worker.runJob(name, { v: 1, asOf }, `${name}.twice`);
      if (name === JOB.decaySweep) await sleep(500);
      expect(await snapshotOf(worker.leaderboards, everyone)).toEqual(once);
    }
  });

  it('reports a full recompute’s progress through every phase, to the end', async () => {
    const seen: { phase: string; percent: number }[] = [];
    const listener = ({ data }: { jobId: string; data: unknown }) => seen.push(data as { phase: string; percent: number });
    worker.events.on('progress', listener);
    const job = await worker.runJob(JOB.propagateTrust, { v: 1, asOf }, 'propagate-trust.progress');
    await sleep(200);
    worker.events.off('progress', listener);
    expect(await job.getState()).toBe('completed');
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['read', 'trust', 'boards', 'ratings']);
    expect(job.progress).toMatchObject({ phase: 'ratings', percent: 100 });
    const [latest] = await new BullMqJobsReader(worker.queue).recentRuns({ name: JOB.propagateTrust, states: ['completed'], limit: 1 });
    expect(latest).toMatchObject({ id: 'propagate-trust.progress', state: 'completed', attempts: 1, error: null, progress: { phase: 'ratings', percent: 100 } });
  });

  it('fans a decay sweep out in chunk jobs under one parent, and refreshes every rating as of its instant', async () => {
    const later = '2026-07-01T00:00:00.000Z';
    await worker.runJob(JOB.decaySweep, { v: 1, asOf: later });
    const runId = `decay-sweep.${Date.parse(later)}`;
    await waitFor(async () => (await worker.queue.getJob(`decay-sweep-done.${runId}`))?.finishedOn !== undefined, 'the sweep to finish');
    const done = await worker.queue.getJob(`decay-sweep-done.${runId}`);
    expect(done?.returnvalue).toEqual({ runId, asOf: later, parties: everyone.length, applied: everyone.length, chunks: Math.ceil(everyone.length / config.chunkSize) });
    const ratings = await worker.leaderboards.currentRatings(everyone);
    expect(ratings.every((r) => r?.asOf === later)).toBe(true);
    expect((await worker.leaderboards.lastRuns())['decay-sweep']).toMatchObject({ runId, asOf: later, parties: everyone.length });
  });

  it('follows the log: a burst of events about one party costs one recompute-party job, which sees all of them', async () => {
    await worker.runJob(JOB.propagateTrust, { v: 1, asOf });
    const jobsOf = recompute('c5');
    const already = (await jobsOf()).length;
    const [supplierId] = (await readStore.rangeIndex('relationship', 'relationships-of:c5')).map((m) => m.member.split(':')[0]);
    let position = '';
    for (let i = 0; i < 25; i++) {
      const data = { supplierId, clientId: 'c5', invoiceId: `burst${i}`, amount: 9000, currency: 'EUR', dueAt: '2025-10-01T00:00:00Z', paidAt: '2025-12-20T00:00:00Z' };
      position = (await app.commandBus.execute(new RecordRelationshipFact(asParty(supplierId), { command: { type: 'RecordInvoicePaid', data } }))).position;
    }
    await waitFor(async () => (await jobsOf()).some((job) => job.finishedOn !== undefined && job.processedOn !== undefined) && (await jobsOf()).every((j) => j.finishedOn !== undefined), 'the recompute to finish');
    const jobs = (await jobsOf()).slice(0, (await jobsOf()).length - already);
    expect(jobs).toHaveLength(1);
    const [rating] = await worker.leaderboards.currentRatings(['c5']);
    expect(positionKey(rating?.basedOn ?? null) >= positionKey(position)).toBe(true);
    const incremental = await worker.leaderboards.rankOf('rankings:client:all', 'c5');
    await worker.runJob(JOB.recomputeRankings, { v: 1, asOf });
    expect(await worker.leaderboards.rankOf('rankings:client:all', 'c5')).toEqual(incremental);
  });

  it('retries a recompute-party with backoff while the read model is behind, and succeeds once it catches up', async () => {
    await readModels.stop();
    const [supplierId] = (await readStore.rangeIndex('relationship', 'relationships-of:c7')).map((m) => m.member.split(':')[0]);
    const data = { supplierId, clientId: 'c7', invoiceId: 'while-behind', amount: 9000, currency: 'EUR', dueAt: '2025-10-01T00:00:00Z', paidAt: '2025-10-01T00:00:00Z' };
    const { position } = await app.commandBus.execute(new RecordRelationshipFact(asParty(supplierId), { command: { type: 'RecordInvoicePaid', data } }));
    const jobOf = async () => (await recompute('c7')()).find((job) => job.data.position === position);
    await waitFor(async () => ((await jobOf())?.attemptsMade ?? 0) >= 2, 'two failed attempts');
    readModels = startReadModels(store, readStore);
    await waitFor(async () => (await jobOf())?.finishedOn !== undefined, 'the retried job to finish');
    const job = await jobOf();
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(3);
    expect(job?.stacktrace?.join('\n')).toContain('ReadModelBehindError');
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: config.recomputeRetry.backoffMs });
    const [rating] = await worker.leaderboards.currentRatings(['c7']);
    expect(positionKey(rating?.basedOn ?? null) >= positionKey(position)).toBe(true);
  });

  it('reveals sealed feedback whose window has passed, through the command handlers, once', async () => {
    const ref = { supplierId: 's3', clientId: 'c9', engagementId: 'e9' };
    app.clock.set('2025-12-01T00:00:00.000Z');
    await app.commandBus.execute(new RecordRelationshipFact(asParty('s3'), { command: { type: 'StartEngagement', data: { ...ref, paymentTermsDays: 30 } } }));
    await app.commandBus.execute(new RecordRelationshipFact(asParty('c9'), { command: { type: 'SubmitFeedback', data: { ...ref, feedbackId: 'quiet', by: 'c9', about: 's3', ratings: { quality: 2 } } } }));
    app.clock.set(AS_OF);
    await readModels.caughtUp();
    const first = await worker.runJob(JOB.revealFeedback, { v: 1, asOf });
    expect(first.returnvalue).toMatchObject({ due: 1, revealedEvents: 1 });
    await readModels.caughtUp();
    const again = await worker.runJob(JOB.revealFeedback, { v: 1, asOf }, 'reveal-feedback.again');
    expect(again.returnvalue).toMatchObject({ due: 0, revealedEvents: 0 });
    const revealed = [];
    for await (const event of store.readStream('relationship-s3-c9')) if (event.type === 'FeedbackRevealed' && event.data.engagementId === 'e9') revealed.push(event.data);
    expect(revealed).toEqual([expect.objectContaining({ engagementId: 'e9', feedbackIds: ['quiet'], reason: 'window_passed' })]);
  });
});

describeWithRedis('the worker on its first start, while the read models are still being projected', () => {
  const prefix = testPrefix('worker-first');
  const config = testWorkerConfig(prefix);
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  let app: CommandApp;
  let readStore: ReadStore;
  let readModels: RunningReadModels | undefined;
  let worker: RunningWorker | undefined;

  afterAll(async () => {
    await worker?.close();
    await readModels?.stop();
    await readStore?.close();
    await app?.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('builds the leaderboards from everything recorded before it, once the read models hold it', async () => {
    const store = new InMemoryEventStore();
    app = await startCommandApp(store, [PartiesModule, RelationshipsModule], AS_OF);
    await recordMarket(app, { seed: 2, suppliers: 8, clients: 24, ring: 0 });
    app.clock.set(AS_OF);
    readStore = createRedisReadStore({ url: TEST_REDIS_URL, prefix: config.readModelPrefix });
    // No projector yet: the worker's first propagation finds the read models empty, and must wait for them.
    worker = await startWorker(store, config, app.clock);
    const running = worker;
    const initial = async () => running.queue.getJob(INITIAL_PROPAGATE_JOB_ID);
    await waitFor(async () => ((await initial())?.attemptsMade ?? 0) >= 1, 'the first propagation to try once');
    expect((await running.leaderboards.lastRuns())['propagate-trust']).toBeUndefined();

    readModels = startReadModels(store, readStore);
    await initialPropagation(running);
    const job = await initial();
    expect(await job?.getState()).toBe('completed');
    expect(job?.stacktrace?.join('\n')).toContain('ReadModelBehindError');
    const ranked = async (index: string) => (await readStore.rangeIndex('party-profile', index)).map((m) => m.member).sort();
    const parties = new Set([...(await ranked('rankings:client:all')), ...(await ranked('rankings:supplier:all'))]);
    expect(parties.size).toBeGreaterThanOrEqual(8 + 24);
    expect((await running.leaderboards.lastRuns())['propagate-trust']?.parties).toBe(parties.size);
    for (const index of ['rankings:client:all', 'rankings:supplier:all']) {
      expect((await running.leaderboards.range(index)).map((m) => m.member).sort()).toEqual(await ranked(index));
    }
  });
});
