import { comparePositions, type Position } from '../event-store.port';
import { anEvent, collect, idsOf, someEvents, SubscriptionProbe, uniquePrefix, type ContractContext } from './contract-support';

const WRITERS = 8;
const APPENDS_PER_WRITER = 50;
const EVENTS_PER_APPEND = 2;

export const subscriptionContract = ({ store }: ContractContext): void => {
  const startAtHead = async (): Promise<Position | 'start'> => (await store().headPosition()) ?? 'start';

  it('gives a subscription started mid-way every later event exactly once and in order, while 8 writers append', async () => {
    const prefix = uniquePrefix('gap');
    const filter = { streamNamePrefixes: [prefix] };
    const start = await store().appendToStream(`${prefix}before`, someEvents(5));
    let appended = 0;
    const writer = async (w: number) => {
      for (let i = 0; i < APPENDS_PER_WRITER; i += 1) {
        const expectedRevision = i === 0 ? 'no_stream' : i * EVENTS_PER_APPEND - 1;
        await store().appendToStream(`${prefix}writer-${w}`, someEvents(EVENTS_PER_APPEND), { expectedRevision });
        appended += 1;
      }
    };
    const writing = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    while (appended < WRITERS * 5) await new Promise((resolve) => setTimeout(resolve, 1));
    const probe = new SubscriptionProbe(store(), { fromPosition: start.position, filter });
    await writing;
    const expected = WRITERS * APPENDS_PER_WRITER * EVENTS_PER_APPEND;
    await probe.waitFor((p) => p.events.length >= expected, 45_000);
    await probe.stop();

    const received = probe.events;
    expect(received).toHaveLength(expected);
    expect(new Set(idsOf(received)).size).toBe(expected);
    expect(received.every((event, i) => i === 0 || comparePositions(received[i - 1].position, event.position) < 0)).toBe(true);
    for (let w = 0; w < WRITERS; w += 1) {
      const revisions = received.filter((event) => event.streamId === `${prefix}writer-${w}`).map((event) => event.revision);
      expect(revisions).toEqual(Array.from({ length: APPENDS_PER_WRITER * EVENTS_PER_APPEND }, (_, i) => i));
    }
    const log = await collect(store().readAll({ filter, fromPosition: start.position }));
    expect(idsOf(received)).toEqual(idsOf(log.slice(1)));
  });

  it('catches up, says so once, then follows live appends', async () => {
    const prefix = uniquePrefix('live');
    const from = await startAtHead();
    const stored = someEvents(3);
    await store().appendToStream(`${prefix}s`, stored);
    const probe = new SubscriptionProbe(store(), { fromPosition: from, filter: { streamNamePrefixes: [prefix] } });
    await probe.waitFor((p) => p.caughtUp && p.events.length === 3);
    const live = someEvents(2);
    await store().appendToStream(`${prefix}s`, live);
    await probe.waitFor((p) => p.events.length === 5);
    await probe.stop();
    expect(idsOf(probe.events)).toEqual(idsOf([...stored, ...live]));
    expect(probe.messages.filter((message) => message.kind === 'caught-up')).toHaveLength(1);
    const caughtUpAt = probe.messages.findIndex((message) => message.kind === 'caught-up');
    expect(probe.messages.slice(caughtUpAt + 1).filter((message) => message.kind === 'event')).toHaveLength(2);
  });

  it('resumes strictly after the position it is given', async () => {
    const prefix = uniquePrefix('resume');
    const [a, b, c] = [anEvent(), anEvent(), anEvent()];
    const first = await store().appendToStream(`${prefix}s`, [a]);
    await store().appendToStream(`${prefix}t`, [b]);
    await store().appendToStream(`${prefix}s`, [c]);
    const probe = new SubscriptionProbe(store(), { fromPosition: first.position, filter: { streamNamePrefixes: [prefix] } });
    await probe.waitFor((p) => p.caughtUp && p.events.length >= 2);
    await probe.stop();
    expect(idsOf(probe.events)).toEqual([b.id, c.id]);
  });

  it("starting from 'end' yields only what is appended afterwards", async () => {
    const prefix = uniquePrefix('end');
    await store().appendToStream(`${prefix}s`, [anEvent()]);
    const probe = new SubscriptionProbe(store(), { fromPosition: 'end', filter: { streamNamePrefixes: [prefix] } });
    await probe.waitFor((p) => p.caughtUp);
    const later = anEvent();
    await store().appendToStream(`${prefix}s`, [later]);
    await probe.waitFor((p) => p.events.length >= 1);
    await probe.stop();
    expect(idsOf(probe.events)).toEqual([later.id]);
  });

  it('ends cleanly, without an error, when its signal aborts while it waits for events', async () => {
    const probe = new SubscriptionProbe(store(), { fromPosition: 'end', filter: { streamNamePrefixes: [uniquePrefix('abort')] } });
    await probe.waitFor((p) => p.caughtUp);
    const stoppedAt = Date.now();
    await expect(probe.stop()).resolves.toBeUndefined();
    expect(Date.now() - stoppedAt).toBeLessThan(2000);
  });

  it('emits checkpoints as it scans, through events its filter skips too', async () => {
    const prefix = uniquePrefix('checkpoint');
    const probe = new SubscriptionProbe(store(), { fromPosition: await startAtHead(), filter: { streamNamePrefixes: [`${prefix}kept`] }, checkpointInterval: 5 });
    await probe.waitFor((p) => p.caughtUp);
    const skipped: Position[] = [];
    for (let i = 0; i < 12; i += 1) skipped.push((await store().appendToStream(`${prefix}skipped`, [anEvent()])).position);
    await probe.waitFor((p) => p.checkpoints.length >= 2 && comparePositions(p.checkpoints.at(-1)!, skipped[9]) >= 0);
    await store().appendToStream(`${prefix}kept`, someEvents(12));
    await probe.waitFor((p) => p.events.length === 12 && p.checkpoints.filter((c) => comparePositions(c, p.events[0].position) >= 0).length >= 2);
    await probe.stop();

    const checkpoints = probe.checkpoints;
    expect(checkpoints.every((position, i) => i === 0 || comparePositions(checkpoints[i - 1], position) < 0)).toBe(true);
    let newestEvent: Position | null = null;
    for (const message of probe.messages) {
      if (message.kind === 'event') newestEvent = message.event.position;
      if (message.kind === 'checkpoint' && newestEvent) expect(comparePositions(message.position, newestEvent)).toBeGreaterThanOrEqual(0);
    }
  });
};
