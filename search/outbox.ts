import { asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { searchOutbox } from "#db/schema/search.ts";
import type { SearchDocument, SearchEngine } from "./types.ts";

/** Wait before the next try: 2 s, 4 s, 8 s ... at most 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(attempts - 1, 0), 10 * 60 * 1000);
}

export interface DrainResult {
  applied: number;
  failed: number;
  error?: string;
}

/**
 * Applies waiting outbox rows to an engine (Meilisearch), oldest first. Rows that succeed are
 * deleted; on failure every row of the batch gets another attempt later, with backoff.
 */
export async function drainOutbox(
  db: DB,
  engine: SearchEngine,
  options: { batch?: number; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const rows = await db
    .select()
    .from(searchOutbox)
    .where(lte(searchOutbox.nextAttemptAt, now))
    .orderBy(asc(searchOutbox.id))
    .limit(options.batch ?? 200);
  if (!rows.length) return { applied: 0, failed: 0 } satisfies DrainResult;
  // Only the newest operation per document counts.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.docId, row);
  const upserts = [...latest.values()]
    .filter((r) => r.op === "upsert")
    .map((r) => r.payload as unknown as SearchDocument);
  const deletes = [...latest.values()].filter((r) => r.op === "delete").map((r) => r.docId);
  try {
    await engine.index(upserts);
    await engine.remove(deletes);
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    for (const row of rows) {
      await db
        .update(searchOutbox)
        .set({
          attempts: row.attempts + 1,
          lastError: message,
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts + 1)),
        })
        .where(eq(searchOutbox.id, row.id));
    }
    return { applied: 0, failed: rows.length, error: message } satisfies DrainResult;
  }
  await db.delete(searchOutbox).where(
    inArray(
      searchOutbox.id,
      rows.map((r) => r.id),
    ),
  );
  return { applied: rows.length, failed: 0 } satisfies DrainResult;
}

export async function outboxStatus(db: DB) {
  const [row] = await db
    .select({
      waiting: sql<number>`count(*)::int`,
      failing: sql<number>`count(*) filter (where ${searchOutbox.attempts} > 0)::int`,
      oldest: sql<string | null>`min(${searchOutbox.createdAt})::text`,
      lastError: sql<string | null>`max(${searchOutbox.lastError})`,
    })
    .from(searchOutbox);
  return row ?? { waiting: 0, failing: 0, oldest: null, lastError: null };
}

/** Without Meilisearch nothing reads the outbox: rows older than a day are dropped. */
export async function pruneOutbox(db: DB, now = new Date()) {
  await db
    .delete(searchOutbox)
    .where(lte(searchOutbox.createdAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
}
