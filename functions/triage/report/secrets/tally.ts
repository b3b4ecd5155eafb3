/** How many values were masked, by kind. Never holds the values or anything derived from them. */
export class RedactionTally {
  private readonly counts = new Map<string, number>();

  add(kind: string, count = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
  }

  addAll(entries: ReadonlyArray<{ kind: string; count: number }>): void {
    for (const e of entries) this.add(e.kind, e.count);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Most frequent kind first. */
  entries(): Array<{ kind: string; count: number }> {
    return [...this.counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  }
}
