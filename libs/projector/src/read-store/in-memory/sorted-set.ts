/** Redis's sorted-set order: by score, then by member. */
const before = (a: { score: number; member: string }, b: { score: number; member: string }): boolean =>
  a.score < b.score || (a.score === b.score && a.member < b.member);

/** A sorted set in memory, kept in order on every write, for the embedded read store's indexes. */
export class SortedSet {
  private readonly scores = new Map<string, number>();
  private readonly ordered: { score: number; member: string }[] = [];

  get size(): number {
    return this.ordered.length;
  }

  add(member: string, score: number): void {
    const current = this.scores.get(member);
    if (current === score) return;
    if (current !== undefined) this.ordered.splice(this.position({ score: current, member }), 1);
    const item = { score, member };
    this.ordered.splice(this.position(item), 0, item);
    this.scores.set(member, score);
  }

  remove(member: string): void {
    const score = this.scores.get(member);
    if (score === undefined) return;
    this.ordered.splice(this.position({ score, member }), 1);
    this.scores.delete(member);
  }

  rank(member: string, descending: boolean): { rank: number; score: number } | null {
    const score = this.scores.get(member);
    if (score === undefined) return null;
    const ascending = this.position({ score, member });
    return { rank: descending ? this.ordered.length - 1 - ascending : ascending, score };
  }

  range(offset: number, count: number, descending: boolean): { member: string; score: number }[] {
    const size = this.ordered.length;
    const out: { member: string; score: number }[] = [];
    for (let k = offset; k < Math.min(size, offset + count); k += 1) {
      const { member, score } = this.ordered[descending ? size - 1 - k : k];
      out.push({ member, score });
    }
    return out;
  }

  /** Index of the first item not before `item`: where it is, or where it goes. */
  private position(item: { score: number; member: string }): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.ordered[middle], item)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
