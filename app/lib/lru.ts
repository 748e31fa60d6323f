/**
 * A map that keeps entries within a budget, dropping the least recently used first. By default
 * every entry weighs 1, so the budget is a number of entries; pass `weigh` to budget bytes or
 * any other measure. An entry heavier than the whole budget is not stored (a budget of 0 or
 * less stores nothing).
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  private total = 0;
  constructor(
    private readonly budget: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last, so the oldest entry is the one dropped.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    const weight = this.weigh(value);
    if (this.budget <= 0 || weight > this.budget) return;
    this.delete(key);
    this.entries.set(key, value);
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(oldest);
      this.total -= this.weigh(entry);
    }
  }

  delete(key: K): void {
    if (!this.entries.has(key)) return;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.total -= this.weigh(value);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** How many entries there are. */
  get size(): number {
    return this.entries.size;
  }

  /** The summed weight of the entries (their number, without `weigh`). */
  get weight(): number {
    return this.total;
  }
}
