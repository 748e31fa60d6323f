import { sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { searchMiss } from "#db/schema/search.ts";
import { MeiliEngine } from "./meilisearch.ts";
import { outboxStatus } from "./outbox.ts";
import { PostgresEngine } from "./postgres.ts";
import { ResultCache } from "./result-cache.ts";
import type { EngineHealth, SearchQuery, SearchResult } from "./types.ts";

export interface SearchService {
  /** The configured engine: "meilisearch" when MEILI_URL is set, else "postgres". */
  readonly configured: "postgres" | "meilisearch";
  readonly postgres: PostgresEngine;
  readonly meili: MeiliEngine | null;
  query(query: SearchQuery): Promise<SearchResult>;
  status(): Promise<{
    configured: string;
    engines: EngineHealth[];
    outbox: Awaited<ReturnType<typeof outboxStatus>>;
  }>;
}

/**
 * Search with Meilisearch when configured, falling back to the postgres engine when Meilisearch
 * does not answer; after a failure Meilisearch is left alone for `retryAfterMs`.
 */
export function createSearchService(
  db: DB,
  options: {
    meiliUrl?: string;
    meiliApiKey?: string;
    retryAfterMs?: number;
    timeoutMs?: number;
    /** How many postgres results to remember (0: none). */
    cacheSize?: number;
    /** Leave ranking to PostgreSQL instead of the app server (search/rank-cd.ts). */
    rankInDatabase?: boolean;
  } = {},
): SearchService {
  const postgres = new PostgresEngine(db, undefined, !options.rankInDatabase);
  const meili = options.meiliUrl
    ? new MeiliEngine(options.meiliUrl, options.meiliApiKey, options.timeoutMs)
    : null;
  let meiliDownUntil = 0;
  const cache = new ResultCache(options.cacheSize ?? 500);
  const remember = (options.cacheSize ?? 500) > 0;
  return {
    configured: meili ? "meilisearch" : "postgres",
    postgres,
    meili,
    async query(query) {
      if (meili && Date.now() >= meiliDownUntil) {
        try {
          return await meili.query(query);
        } catch {
          meiliDownUntil = Date.now() + (options.retryAfterMs ?? 10_000);
        }
      }
      // Without remembered results the engine reads the index's version itself, in the first
      // statement of the search (one round trip less).
      if (!remember) {
        const result = await postgres.query(query);
        return meili ? { ...result, fallback: true } : result;
      }
      const started = performance.now();
      const state = await postgres.state();
      const key = cache.key(query, state);
      let result = cache.get(key);
      if (result) {
        result = { ...result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
      } else {
        result = await postgres.query(query, state);
        cache.set(key, result);
      }
      return meili ? { ...result, fallback: true } : result;
    },
    async status() {
      const engines = [await postgres.health()];
      if (meili) engines.push(await meili.health());
      return { configured: meili ? "meilisearch" : "postgres", engines, outbox: await outboxStatus(db) };
    },
  };
}

/** Counts a search that found nothing: the normalised query text only, nothing about who. */
export async function recordMiss(db: DB, q: string): Promise<void> {
  const query = q.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().slice(0, 200);
  if (query.length < 2 || !/[\p{L}\p{N}]/u.test(query)) return;
  await db
    .insert(searchMiss)
    .values({ query })
    .onConflictDoUpdate({
      target: searchMiss.query,
      set: { count: sql`${searchMiss.count} + 1`, lastAt: new Date() },
    });
}

export function listMisses(db: DB, limit = 50) {
  return db
    .select()
    .from(searchMiss)
    .orderBy(sql`${searchMiss.count} desc, ${searchMiss.lastAt} desc`)
    .limit(limit);
}
