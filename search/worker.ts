import type { DB } from "#db/client.server.ts";
import { drainOutbox, pruneOutbox } from "./outbox.ts";
import type { SearchService } from "./service.ts";

/**
 * Keeps Meilisearch in step: every few seconds the outbox is drained into it (with backoff on
 * failure). Without Meilisearch, old outbox rows are pruned now and then. Returns a stop function.
 */
export function startOutboxWorker(db: DB, search: SearchService, everyMs = 2_000): () => void {
  let running = false;
  let ticks = 0;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      if (search.meili) {
        let applied = 0;
        do {
          applied = (await drainOutbox(db, search.meili)).applied;
        } while (applied > 0);
      } else if (ticks++ % 1800 === 0) {
        await pruneOutbox(db);
      }
    } catch (error) {
      console.error(`Zoekindex bijwerken mislukt: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
