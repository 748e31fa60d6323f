import { sql } from "drizzle-orm";
import { type DB, rowsOf } from "#db/client.server.ts";

/**
 * The database-wide content version (db/schema/content.ts): changes with every write to what an
 * anonymous page shows, whichever process wrote it. One primary-key read; as a string, since a
 * bigint may exceed what a JavaScript number holds exactly on some drivers.
 */
export async function readContentVersion(db: DB): Promise<string> {
  const [row] = rowsOf<{ version: string | number }>(
    await db.execute(sql`select version::text as version from content_version where id = 1`),
  );
  return row ? String(row.version) : "0";
}
