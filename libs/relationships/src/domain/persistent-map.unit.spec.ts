import { PersistentMap } from './persistent-map';

/** A plain object changed as the state's maps used to be: `{ ...rest, [key]: value }`, or without the key. */
const asObject = (object: Record<string, number>, key: string, value: number | undefined): Record<string, number> => {
  const { [key]: _replaced, ...rest } = object;
  return value === undefined ? rest : { ...rest, [key]: value };
};

/** Deterministic pseudo-random numbers, so a failure replays. */
const sequence = (seed: number) => () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};

describe('a persistent map', () => {
  it('answers what was set, and nothing for what was not', () => {
    const map = PersistentMap.empty<number>().set('a', 1).set('b', 2);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([1, 2, undefined]);
    expect([map.has('a'), map.has('c'), map.size]).toEqual([true, false, 2]);
  });

  it('leaves the map it came from as it was', () => {
    const before = PersistentMap.empty<number>().set('a', 1);
    const after = before.set('a', 2).set('b', 3).delete('a');
    expect(before.entries()).toEqual([['a', 1]]);
    expect(after.entries()).toEqual([['b', 3]]);
  });

  it('iterates as a plain object would: array indices ascending, then the other keys by when they were last set', () => {
    const map = PersistentMap.empty<number>().set('x', 1).set('10', 2).set('y', 3).set('2', 4).set('x', 5).set('007', 6);
    expect(map.entries()).toEqual(Object.entries({ ...asObject({ x: 1, 10: 2, y: 3, 2: 4 }, 'x', 5), '007': 6 }));
  });

  it('keeps keys apart whose hashes collide', () => {
    const map = PersistentMap.empty<number>().set('k32728', 1).set('k261234', 2).set('k1', 3);
    expect([map.get('k32728'), map.get('k261234'), map.size]).toEqual([1, 2, 3]);
    expect(map.delete('k32728').entries()).toEqual([['k261234', 2], ['k1', 3]]);
  });

  it('agrees with a plain object through thousands of sets and deletes, colliding prefixes included', () => {
    const random = sequence(7);
    const keys = Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? String(i) : `key-${i % 97}-${Math.floor(i / 97)}`));
    let map = PersistentMap.empty<number>();
    let object: Record<string, number> = {};
    const versions: [PersistentMap<number>, Record<string, number>][] = [];
    for (let step = 0; step < 5000; step++) {
      const key = keys[Math.floor(random() * keys.length)];
      const value = random() < 0.25 ? undefined : step;
      map = value === undefined ? map.delete(key) : map.set(key, value);
      object = asObject(object, key, value);
      if (step % 500 === 0) versions.push([map, object]);
    }
    for (const [version, expected] of [...versions, [map, object] as const]) {
      expect(version.entries()).toEqual(Object.entries(expected));
      expect(version.size).toBe(Object.keys(expected).length);
      expect(keys.every((key) => version.get(key) === expected[key])).toBe(true);
    }
  });
});
