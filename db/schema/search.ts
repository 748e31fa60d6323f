import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The postgres engine's index: one row per article and language (search/postgres.ts). */
export const searchDocument = pgTable(
  "search_document",
  {
    id: text("id").primaryKey(),
    /**
     * A number for this version of the document: a new one on every change, so that what the
     * engine keeps in memory about a number (search/postgres.ts) is never out of date.
     */
    n: serial("n").notNull(),
    slug: text("slug").notNull(),
    locale: text("locale").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    aliases: text("aliases").notNull().default(""),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    topics: text("topics").array().notNull(),
    medium: text("medium"),
    institutionTypes: text("institution_types").array().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("search_document_slug_idx").on(t.slug),
    uniqueIndex("search_document_n_idx").on(t.n),
    index("search_document_topics_idx").using("gin", t.topics),
  ],
);

/**
 * The vectors the postgres engine matches and ranks with (search/postgres.ts), each in a narrow
 * table of its own keyed by the document's number: a query that matches most documents then
 * visits a few pages for their numbers, not the documents' wide rows.
 */
function vectorTable<Name extends string>(name: Name) {
  return pgTable(
    name,
    {
      id: text("id")
        .primaryKey()
        .references(() => searchDocument.id, { onDelete: "cascade" }),
      /** The document's number (search_document.n), updated with it. */
      n: integer("n").notNull(),
      tsv: tsvector("tsv").notNull(),
    },
    (t) => [
      uniqueIndex(`${name}_n_idx`).on(t.n),
      // fastupdate off: no pending list for every search to scan until the next vacuum.
      index(`${name}_tsv_idx`).using("gin", t.tsv).with({ fastupdate: false }),
    ],
  );
}

/** Title and aliases (A) and summary (B). */
export const searchHead = vectorTable("search_head");

/** The body (C, and D for exact words); stored out of line (storage external, in the migration). */
export const searchBody = vectorTable("search_body");

/**
 * One row: a version bumped in the same transaction as every change to the index, so that
 * remembered search results are used only while nothing changed; the epoch is new whenever the
 * row is (a truncated or restored index), so that numbers remembered from before are dropped.
 */
export const searchState = pgTable("search_state", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  epoch: text("epoch").notNull().default(sql`gen_random_uuid()::text`),
});

/** Words that occur in the index, for the typo fallback (pg_trgm similarity). */
export const searchVocabulary = pgTable("search_vocabulary", { word: text("word").primaryKey() }, (t) => [
  index("search_vocabulary_trgm_idx").using("gin", t.word.op("gin_trgm_ops")).with({ fastupdate: false }),
]);

/**
 * Changes for Meilisearch, written in the same transaction as the article change and drained
 * with retries (search/outbox.ts).
 */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: serial("id").primaryKey(),
    docId: text("doc_id").notNull(),
    op: text("op").notNull(),
    payload: jsonb("payload"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("search_outbox_next_idx").on(t.nextAttemptAt)],
);

/** Searches that found nothing: the query text and how often, nothing about who. */
export const searchMiss = pgTable("search_miss", {
  query: text("query").primaryKey(),
  count: integer("count").notNull().default(1),
  lastAt: timestamp("last_at", { withTimezone: true }).notNull().defaultNow(),
});
