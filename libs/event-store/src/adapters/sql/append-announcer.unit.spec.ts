import { AppendAnnouncer } from './append-announcer';

/** A send that stays on its way until the test lets it arrive (or fail). */
const controlledSends = () => {
  const pending: { arrive(): void; fail(): void }[] = [];
  const send = jest.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        pending.push({ arrive: resolve, fail: () => reject(new Error('connection lost')) });
      }),
  );
  const next = () => pending.shift()!;
  return { send, next };
};

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AppendAnnouncer', () => {
  it('sends a message at once for an append when nothing is on its way', async () => {
    const { send, next } = controlledSends();
    const announcer = new AppendAnnouncer(send);
    announcer.announce();
    expect(send).toHaveBeenCalledTimes(1);
    next().arrive();
    await announcer.idle();
    announcer.announce();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('follows a message on its way with one more for all the appends that committed meanwhile', async () => {
    const { send, next } = controlledSends();
    const announcer = new AppendAnnouncer(send);
    announcer.announce();
    announcer.announce();
    announcer.announce();
    announcer.announce();
    expect(send).toHaveBeenCalledTimes(1);
    next().arrive();
    await settle();
    expect(send).toHaveBeenCalledTimes(2);
    next().arrive();
    await announcer.idle();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('carries on after a message fails, and reports no error to the appends', async () => {
    const { send, next } = controlledSends();
    const announcer = new AppendAnnouncer(send);
    announcer.announce();
    announcer.announce();
    next().fail();
    await settle();
    expect(send).toHaveBeenCalledTimes(2);
    next().arrive();
    await expect(announcer.idle()).resolves.toBeUndefined();
  });

  it('is idle only once the last message has gone', async () => {
    const { send, next } = controlledSends();
    const announcer = new AppendAnnouncer(send);
    announcer.announce();
    let idle = false;
    void announcer.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    next().arrive();
    await settle();
    expect(idle).toBe(true);
  });
});

describe('AppendAnnouncer with an interval', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('announces an append after a quiet spell at once, and the appends of the next interval together at its end', async () => {
    const { send, next } = controlledSends();
    const announcer = new AppendAnnouncer(send, 10);
    announcer.announce();
    expect(send).toHaveBeenCalledTimes(1);
    next().arrive();
    await jest.advanceTimersByTimeAsync(5);
    announcer.announce();
    announcer.announce();
    expect(send).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(5);
    expect(send).toHaveBeenCalledTimes(2);
    next().arrive();
    await jest.advanceTimersByTimeAsync(10);
    expect(send).toHaveBeenCalledTimes(2);
    announcer.announce();
    expect(send).toHaveBeenCalledTimes(3);
  });
});
