import { bigint, integer, pgTable } from "drizzle-orm/pg-core";

/**
 * One row: a number that changes with every write to what anonymous pages show (articles and
 * their revisions, topics, the carrier assumptions and the pooling board, the survey, the
 * institutions). Statement triggers in migration 0013 bump it in the writer's own transaction,
 * whoever writes (any app server, the CLI, a restore), so the render cache
 * (app/server/http-cache.ts) of every app server sees a change on its next request. The value
 * is at least the commit's time in microseconds, so it never comes back after a truncate or a
 * restore.
 */
export const contentVersion = pgTable("content_version", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
});
