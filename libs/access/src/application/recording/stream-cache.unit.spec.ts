import type { KnownStream } from './load-stream';
import { StreamCache } from './stream-cache';
import type { StreamModel } from './stream-model';

type Noted = { type: 'Noted'; data: object };
const model: StreamModel<number, Noted> = {
  initialState: 0,
  evolve: (n) => n + 1,
  upcast: (type, _version, data) => ({ type: 'Noted', data: data as object }),
  schemaVersion: () => 1,
};
const otherModel: StreamModel<number, Noted> = { ...model };

/** A stream known up to `revision` (so of `revision + 1` events). */
const known = (revision: number): KnownStream<number> => ({ state: revision + 1, revision, lastPosition: null, keyed: new Map() });

describe('the cache of folded streams', () => {
  it('gives back what it holds, for the model it was folded with only', () => {
    const cache = new StreamCache();
    const stream = known(3);
    cache.set('s-1', model, stream);

    expect(cache.get('s-1', model)).toBe(stream);
    expect(cache.get('s-1', otherModel)).toBeUndefined();
    expect(cache.get('s-2', model)).toBeUndefined();
  });

  it('evicts the stream used least recently once it holds more streams than allowed', () => {
    const cache = new StreamCache({ maxStreams: 2 });
    cache.set('s-1', model, known(0));
    cache.set('s-2', model, known(0));
    cache.get('s-1', model);
    cache.set('s-3', model, known(0));

    expect([cache.get('s-1', model), cache.get('s-2', model), cache.get('s-3', model)].map(Boolean)).toEqual([true, false, true]);
  });

  it('evicts streams used least recently once their states hold more events than allowed', () => {
    const cache = new StreamCache({ maxEvents: 100 });
    cache.set('s-1', model, known(39));
    cache.set('s-2', model, known(39));
    cache.set('s-3', model, known(39));

    expect(cache.size).toBe(2);
    expect(cache.get('s-1', model)).toBeUndefined();
  });

  it('keeps the newer state of a stream it holds, counted once', () => {
    const cache = new StreamCache({ maxEvents: 100 });
    cache.set('s-1', model, known(59));
    cache.set('s-1', model, known(69));

    expect(cache.get('s-1', model)?.revision).toBe(69);
    expect(cache.size).toBe(1);
  });

  it('holds no state bigger than all it may hold', () => {
    const cache = new StreamCache({ maxEvents: 10 });
    cache.set('s-1', model, known(20));
    expect(cache.size).toBe(0);
  });
});
