import { customType, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** The postgres engine's index: one row per article and language (search/postgres.ts). */
export const searchDocument = pgTable(
  "search_document",
  {
    id: text("id").primaryKey(),
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
    /** Title, aliases (A) and summary (B): small, for ranking. */
    tsvHead: tsvector("tsv_head").notNull(),
    /** The body (C, and D for exact words): for matching and a final ranking of the top. */
    tsvBody: tsvector("tsv_body").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("search_document_tsv_head_idx").using("gin", t.tsvHead),
    index("search_document_tsv_body_idx").using("gin", t.tsvBody),
    index("search_document_slug_idx").on(t.slug),
    index("search_document_topics_idx").using("gin", t.topics),
  ],
);

/** Words that occur in the index, for the typo fallback (pg_trgm similarity). */
export const searchVocabulary = pgTable("search_vocabulary", { word: text("word").primaryKey() }, (t) => [
  index("search_vocabulary_trgm_idx").using("gin", t.word.op("gin_trgm_ops")),
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
