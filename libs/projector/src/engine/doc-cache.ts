import type { DocWrite } from '../read-store/read-store.port';
import type { DocLoader } from './batch-applier';

/**
 * The stored JSON of recently written documents, so that a hot document is not read back from the
 * store batch after batch. Valid only while this instance holds the lease and its commits succeed —
 * its own writes are then the only ones — so the session clears it on any failure. Least recently
 * used entries go first (a Map keeps insertion order; a hit moves the key to the end).
 */
export class DocCache {
  private readonly entries = new Map<string, string | null>();

  constructor(private readonly capacity: number) {}

  loader(loadFromStore: DocLoader): DocLoader {
    return async (keys) => {
      const result: (string | null)[] = new Array(keys.length);
      const missing: number[] = [];
      keys.forEach((key, i) => {
        const json = this.entries.get(key);
        if (json === undefined) missing.push(i);
        else {
          this.entries.delete(key);
          this.entries.set(key, json);
          result[i] = json;
        }
      });
      if (missing.length > 0) {
        const loaded = await loadFromStore(missing.map((i) => keys[i]));
        missing.forEach((i, k) => {
          result[i] = loaded[k];
          this.put(keys[i], loaded[k]);
        });
      }
      return result;
    };
  }

  /** After a commit succeeded: the store now holds exactly these. */
  written(docs: readonly DocWrite[]): void {
    for (const { key, json } of docs) {
      this.entries.delete(key);
      this.put(key, json);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  private put(key: string, json: string | null): void {
    if (this.capacity <= 0) return;
    this.entries.set(key, json);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
