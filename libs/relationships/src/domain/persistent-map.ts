/**
 * An immutable map from string keys whose `set` and `delete` share everything but one path with the map they
 * start from (a hash array mapped trie), so folding a long stream costs O(log n) per event instead of a copy
 * of every thing recorded so far. Old versions stay valid: `evolve` remains a pure function.
 *
 * Iteration keeps the order these maps had as plain objects, which earlier decisions were taken in: keys that
 * are array indices first, ascending, then the others by when they were last set.
 */
interface Entry<V> {
  readonly key: string;
  readonly value: V;
  readonly seq: number;
}

/** Entries whose keys share one full hash. */
interface Bucket<V> {
  readonly hash: number;
  readonly entries: readonly Entry<V>[];
}

interface Branch<V> {
  readonly bitmap: number;
  readonly children: readonly Node<V>[];
}

type Node<V> = Bucket<V> | Branch<V>;

const BITS = 5;
const MASK = 31;

const isBucket = <V>(node: Node<V>): node is Bucket<V> => 'entries' in node;

/** FNV-1a over UTF-16 code units. */
const hashOf = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};

const popcount = (bits: number): number => {
  let x = bits - ((bits >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
};

const slotOf = (hash: number, shift: number): number => 1 << ((hash >>> shift) & MASK);

const indexIn = (bitmap: number, slot: number): number => popcount(bitmap & (slot - 1));

const find = <V>(root: Node<V> | undefined, hash: number, key: string): Entry<V> | undefined => {
  let node = root;
  for (let shift = 0; node; shift += BITS) {
    if (isBucket(node)) return node.hash === hash ? node.entries.find((e) => e.key === key) : undefined;
    const slot = slotOf(hash, shift);
    if ((node.bitmap & slot) === 0) return undefined;
    node = node.children[indexIn(node.bitmap, slot)];
  }
  return undefined;
};

/** Two buckets of different hashes under one branch, as deep as their hashes agree. */
const joined = <V>(a: Bucket<V>, b: Bucket<V>, shift: number): Branch<V> => {
  const [slotA, slotB] = [slotOf(a.hash, shift), slotOf(b.hash, shift)];
  if (slotA === slotB) return { bitmap: slotA, children: [joined(a, b, shift + BITS)] };
  return { bitmap: slotA | slotB, children: (slotA >>> 0) < (slotB >>> 0) ? [a, b] : [b, a] };
};

const withEntry = <V>(node: Node<V> | undefined, hash: number, entry: Entry<V>, shift: number): Node<V> => {
  if (!node) return { hash, entries: [entry] };
  if (isBucket(node)) {
    if (node.hash !== hash) return joined(node, { hash, entries: [entry] }, shift);
    return { hash, entries: [...node.entries.filter((e) => e.key !== entry.key), entry] };
  }
  const slot = slotOf(hash, shift);
  const index = indexIn(node.bitmap, slot);
  const children = [...node.children];
  if ((node.bitmap & slot) === 0) {
    children.splice(index, 0, { hash, entries: [entry] });
    return { bitmap: node.bitmap | slot, children };
  }
  children[index] = withEntry(children[index], hash, entry, shift + BITS);
  return { bitmap: node.bitmap, children };
};

/** The node without `key`; undefined once empty. Single-child branches are left as they are. */
const withoutKey = <V>(node: Node<V>, hash: number, key: string, shift: number): Node<V> | undefined => {
  if (isBucket(node)) {
    const entries = node.entries.filter((e) => e.key !== key);
    return entries.length === 0 ? undefined : { hash, entries };
  }
  const slot = slotOf(hash, shift);
  const index = indexIn(node.bitmap, slot);
  const child = withoutKey(node.children[index], hash, key, shift + BITS);
  if (child) return { bitmap: node.bitmap, children: node.children.map((c, i) => (i === index ? child : c)) };
  const bitmap = node.bitmap & ~slot;
  return bitmap === 0 ? undefined : { bitmap, children: node.children.filter((_, i) => i !== index) };
};

const collect = <V>(node: Node<V> | undefined, into: Entry<V>[]): Entry<V>[] => {
  if (!node) return into;
  if (isBucket(node)) into.push(...node.entries);
  else for (const child of node.children) collect(child, into);
  return into;
};

const MAX_ARRAY_INDEX = 2 ** 32 - 2;
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

const arrayIndexOf = (key: string): number => (ARRAY_INDEX.test(key) && Number(key) <= MAX_ARRAY_INDEX ? Number(key) : -1);

const inObjectOrder = <V>(entries: Entry<V>[]): Entry<V>[] => {
  const ranked = entries.map((entry) => ({ entry, index: arrayIndexOf(entry.key) }));
  ranked.sort((a, b) => {
    if (a.index >= 0 || b.index >= 0) return a.index < 0 ? 1 : b.index < 0 ? -1 : a.index - b.index;
    return a.entry.seq - b.entry.seq;
  });
  return ranked.map((r) => r.entry);
};

export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0, 0);

  private constructor(
    private readonly root: Node<V> | undefined,
    readonly size: number,
    private readonly nextSeq: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  get(key: string): V | undefined {
    return find(this.root, hashOf(key), key)?.value;
  }

  has(key: string): boolean {
    return find(this.root, hashOf(key), key) !== undefined;
  }

  /** A map where `key` holds `value`, and comes last among the keys that are not array indices. */
  set(key: string, value: V): PersistentMap<V> {
    const hash = hashOf(key);
    const size = find(this.root, hash, key) ? this.size : this.size + 1;
    return new PersistentMap(withEntry(this.root, hash, { key, value, seq: this.nextSeq }, 0), size, this.nextSeq + 1);
  }

  delete(key: string): PersistentMap<V> {
    const hash = hashOf(key);
    if (!this.root || !find(this.root, hash, key)) return this;
    return new PersistentMap(withoutKey(this.root, hash, key, 0), this.size - 1, this.nextSeq);
  }

  entries(): [string, V][] {
    return inObjectOrder(collect(this.root, [])).map((e) => [e.key, e.value]);
  }

  values(): V[] {
    return inObjectOrder(collect(this.root, [])).map((e) => e.value);
  }
}
