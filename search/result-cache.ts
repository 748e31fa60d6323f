import type { IndexState } from "./postgres.ts";
import { clampQuery, type SearchQuery, type SearchResult } from "./types.ts";

/**
 * Search results remembered by query, for as long as the index has not changed: the key holds the
 * index's version and epoch (search_state), which every change to the index bumps in its own
 * transaction, so a remembered result is never older than the index a request sees.
 */
export class ResultCache {
  private readonly entries = new Map<string, SearchResult>();
  constructor(private readonly capacity = 500) {}

  key(query: SearchQuery, state: IndexState): string {
    const q = clampQuery(query);
    return JSON.stringify([
      state.epoch,
      state.version,
      q.q,
      q.locale,
      q.kind ?? "",
      q.topic ?? "",
      q.medium ?? "",
      q.limit,
      q.offset,
    ]);
  }

  get(key: string): SearchResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, result: SearchResult): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, result);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
