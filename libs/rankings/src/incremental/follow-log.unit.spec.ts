import { InMemoryEventStore } from '#libs/event-store';
import { followLog, partiesConcernedBy } from '#libs/rankings';

describe('following the log', () => {
  it('knows which parties an event concerns from its stream', () => {
    expect(partiesConcernedBy('party-acme')).toEqual(['acme']);
    expect(partiesConcernedBy('relationship-acme-bob')).toEqual(['acme', 'bob']);
    expect(partiesConcernedBy('credential-x')).toEqual([]);
  });

  it('hands over each touched party with its latest event, then the position reached, and follows live', async () => {
    const store = new InMemoryEventStore();
    const event = (type: string) => ({ id: crypto.randomUUID(), type, data: {} });
    await store.appendToStream('relationship-a-b', [event('X'), event('Y')]);
    await store.appendToStream('party-a', [event('Z')]);
    await store.appendToStream('credential-q', [event('Q')]);
    const handed: { touched: Record<string, string>; reached: string }[] = [];
    const abort = new AbortController();
    const following = followLog({ store, from: 'start', signal: abort.signal, onTouched: async (touched, reached) => void handed.push({ touched: Object.fromEntries(touched), reached }) });
    while (handed.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const head = await store.headPosition();
    const positions: string[] = [];
    for await (const e of store.readAll()) positions.push(`${e.position.commit}/${e.position.prepare}`);
    expect(handed[0].touched).toEqual({ a: positions[2], b: positions[1] });
    await store.appendToStream('relationship-c-b', [event('W')]);
    while (!handed.some((h) => 'c' in h.touched)) await new Promise((resolve) => setTimeout(resolve, 5));
    abort.abort();
    await following;
    expect(handed.at(-1)?.touched).toEqual({ c: handed.at(-1)?.reached, b: handed.at(-1)?.reached });
    expect(head).not.toBeNull();
  });
});
