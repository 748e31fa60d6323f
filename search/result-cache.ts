import { Lru } from "#app/lib/lru.ts";
import type { IndexState } from "./postgres.ts";
import { clampQuery, type SearchQuery, type SearchResult } from "./types.ts";

/**
 * Search results remembered by query, for as long as the index has not changed: the key holds the
 * index's version and epoch (search_state), which every change to the index bumps in its own
 * transaction, so a remembered result is never older than the index a request sees.
 */
export class ResultCache extends Lru<string, SearchResult> {
  constructor(capacity = 500) {
    super(capacity);
  }

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
}
