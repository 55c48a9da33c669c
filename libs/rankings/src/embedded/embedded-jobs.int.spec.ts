import { setTimeout as sleep } from 'node:timers/promises';
import { InMemoryEventStore, type EventStore, type SubscribeToAllOptions } from '#libs/event-store';
import { JOB, readStoreReadModels, startEmbeddedJobs, type EmbeddedJobs, type RankingReadModels } from '#libs/rankings';
import { PartiesModule } from '#libs/parties';
import { RecordRelationshipFact, RelationshipsModule } from '#libs/relationships';
import { asParty, startCommandApp, type CommandApp } from '../../../access/test/command-app';
import { AS_OF, recordMarket } from '../../test/market';
import { startReadModels, type RunningReadModels } from '../../test/read-models';

const OFF = { 'decay-sweep': null, 'recompute-rankings': null, 'propagate-trust': null, 'reveal-feedback': null };

const until = async (condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

describe('the embedded jobs: the same job functions in process, on timers, without Redis', () => {
  let store: InMemoryEventStore;
  let app: CommandApp;
  let readModels: RunningReadModels;
  let embedded: EmbeddedJobs | undefined;

  beforeAll(async () => {
    store = new InMemoryEventStore();
    app = await startCommandApp(store, [PartiesModule, RelationshipsModule], AS_OF);
    await recordMarket(app, { seed: 2, suppliers: 6, clients: 12, ring: 4 });
    app.clock.set(AS_OF);
    readModels = startReadModels(store);
    await readModels.caughtUp();
  }, 120_000);

  afterEach(async () => {
    await embedded?.stop();
    embedded = undefined;
  });

  afterAll(async () => {
    await readModels?.stop();
    await app?.close();
  });

  const invoice = async (clientId: string, invoiceId: string) => {
    const [supplierId] = (await readModels.readStore.rangeIndex('relationship', `relationships-of:${clientId}`)).map((m) => m.member.split(':')[0]);
    const data = { supplierId, clientId, invoiceId, amount: 9000, currency: 'EUR', dueAt: '2025-10-01T00:00:00Z', paidAt: '2025-12-20T00:00:00Z' };
    return (await app.commandBus.execute(new RecordRelationshipFact(asParty(supplierId), { command: { type: 'RecordInvoicePaid', data } }))).position;
  };

  it('builds the boards at start, then follows the log: a burst about one party is one recompute, after the read model has it', async () => {
    // A recompute waits this long after the first event of a burst: the ten commands below take a few ms, so this leaves room for a pause.
    embedded = startEmbeddedJobs({ readModels: readStoreReadModels(readModels.readStore), commandBus: app.commandBus, clock: app.clock, store, schedules: OFF, debounceMs: 1000 });
    await until(async () => (await embedded!.jobs.recentRuns({ name: JOB.propagateTrust, states: ['completed'] })).length === 1, 'the first propagation');
    const before = await embedded.leaderboards.rankOf('rankings:client:all', 'c3');
    for (let i = 0; i < 10; i++) await invoice('c3', `burst${i}`);
    await sleep(100);
    await embedded.idle();
    const runs = await embedded.jobs.recentRuns({ name: JOB.recomputeParty });
    // The client and its supplier, once each.
    expect(runs.map((r) => [r.id.split('.')[1], r.state]).sort()).toEqual([['c3', 'completed'], [runs.find((r) => !r.id.includes('.c3.'))?.id.split('.')[1], 'completed']].sort());
    const after = await embedded.leaderboards.rankOf('rankings:client:all', 'c3');
    expect(after?.score).toBeLessThan(before?.score ?? 0);
  });

  it('idle, given a log position, also waits for the log follower to hand it over, however far behind it is', async () => {
    // The follower hears of each event 300 ms late: without the position, idle would find nothing to wait for.
    const late: EventStore = new Proxy(store, {
      get: (target, key) => {
        if (key !== 'subscribeToAll') return Reflect.get(target, key, target) as unknown;
        return (options?: SubscribeToAllOptions) =>
          (async function* () {
            for await (const message of target.subscribeToAll(options)) {
              await sleep(300);
              yield message;
            }
          })();
      },
    });
    embedded = startEmbeddedJobs({ readModels: readStoreReadModels(readModels.readStore), commandBus: app.commandBus, clock: app.clock, store: late, schedules: OFF, propagateAtStart: false, debounceMs: 10 });
    const position = await invoice('c5', 'late1');
    await embedded.idle(position);
    const runs = await embedded.jobs.recentRuns({ name: JOB.recomputeParty, states: ['completed'] });
    expect(runs.map((r) => r.id.split('.')[1])).toContain('c5');
  });

  it('runs each scheduled job on its cron, as of its tick', async () => {
    const everySecond = { ...OFF, 'reveal-feedback': '* * * * * *', 'decay-sweep': '*/2 * * * * *' };
    embedded = startEmbeddedJobs({ readModels: readStoreReadModels(readModels.readStore), commandBus: app.commandBus, clock: app.clock, schedules: everySecond, propagateAtStart: false });
    // Both fire on the same even second, in either order: wait for each to have completed once.
    const completed = async () => new Set((await embedded!.jobs.recentRuns({ states: ['completed'] })).map((r) => r.name));
    const bothRan = async () => {
      const names = await completed();
      return names.has(JOB.revealFeedback) && names.has(JOB.decaySweep);
    };
    await until(bothRan, 'a reveal and a decay sweep');
    expect(await completed()).toEqual(new Set([JOB.revealFeedback, JOB.decaySweep]));
    const [rating] = await embedded.leaderboards.currentRatings(['c1']);
    expect(Date.parse(rating?.asOf ?? '') % 2000).toBe(0);
  });

  it('retries a failing job with exponential backoff until it succeeds, and logs each step', async () => {
    const real = readStoreReadModels(readModels.readStore);
    let refusals = 2;
    const flaky: RankingReadModels = { ...real, waitFor: async (position, streamId, timeoutMs) => (streamId === 'party-c4' && refusals-- > 0 ? false : real.waitFor(position, streamId, timeoutMs)) };
    embedded = startEmbeddedJobs({ readModels: flaky, commandBus: app.commandBus, clock: app.clock, store, schedules: OFF, propagateAtStart: false, debounceMs: 10, retry: { attempts: 4, backoffMs: 100 } });
    await sleep(50);
    const started = Date.now();
    await invoice('c4', 'flaky');
    const runOfC4 = async () => (await embedded!.jobs.recentRuns({ name: JOB.recomputeParty })).find((run) => run.id.startsWith('recompute-party.c4.'));
    await until(async () => (await runOfC4())?.state === 'completed', 'the recompute to succeed');
    const run = await runOfC4();
    expect(run).toMatchObject({ state: 'completed', attempts: 3, error: expect.stringContaining('has not reached') });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100 + 200);
  });

  it('answers a run asked for now with the job’s result, and propagates what the scheduled run would', async () => {
    embedded = startEmbeddedJobs({ readModels: readStoreReadModels(readModels.readStore), commandBus: app.commandBus, clock: app.clock, schedules: OFF, propagateAtStart: false });
    expect(await embedded.run(JOB.propagateTrust, AS_OF)).toMatchObject({ runId: `propagate-trust.${Date.parse(AS_OF)}`, trust: { converged: true } });
    expect((await embedded.leaderboards.lastRuns())[JOB.propagateTrust]).toMatchObject({ asOf: AS_OF });
  });
});
