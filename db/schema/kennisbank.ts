import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { ArticleData } from "../../app/modules/kennisbank/model.ts";
import { user } from "./auth.ts";

/** An article: its identity. Its content lives in revisions, one series per locale. */
export const article = pgTable("article", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  kind: text("kind").notNull(),
  /** Topic keys of the published Dutch version, kept here for browsing by topic. */
  topics: text("topics").array().notNull().default(sql`'{}'::text[]`),
  archivedAt: timestamp("archived_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const articleRevision = pgTable(
  "article_revision",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => article.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    status: text("status").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<ArticleData>().notNull(),
    /** The revision this one was edited from: how conflicting edits are found. */
    baseRevisionId: integer("base_revision_id"),
    note: text("note").notNull().default(""),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: text("published_by").references(() => user.id, { onDelete: "set null" }),
  },
  (t) => [
    index("article_revision_article_idx").on(t.articleId, t.locale, t.id),
    index("article_revision_status_idx").on(t.status),
    // At most one published revision per article and locale.
    uniqueIndex("article_revision_one_published")
      .on(t.articleId, t.locale)
      .where(sql`${t.status} = 'published'`),
  ],
);

export const articleFeedback = pgTable(
  "article_feedback",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => article.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    helpful: boolean("helpful").notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("article_feedback_article_idx").on(t.articleId)],
);

/**
 * The source registry: every source the kennisbank cites, once (db/seed/content/README.md). The
 * seed adds entries it does not have yet; after that moderators maintain them in /beheer/bronnen.
 */
export const source = pgTable("source", {
  key: text("key").primaryKey(),
  title: text("title").notNull(),
  publisher: text("publisher"),
  year: text("year"),
  /** Only http(s); a source without one says where to find it (`where`). */
  url: text("url"),
  where: text("where"),
  kind: text("kind").notNull(),
  language: text("language").notNull(),
  /** When we last read it (YYYY-MM-DD). */
  accessed: text("accessed"),
  /** The sector's own knowledge sources, listed first on /bronnen. */
  sector: boolean("sector").notNull().default(false),
  description: text("description"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
});

/**
 * A completed review: a moderator checked the article against these sources. The article's
 * "laatst gecontroleerd" is the newest of these; a seed or an import never writes one.
 */
export const articleReview = pgTable(
  "article_review",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => article.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").references(() => user.id, { onDelete: "set null" }),
    /** Kept when the account is deleted, so the record still says who. */
    reviewerName: text("reviewer_name").notNull(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull().defaultNow(),
    sourceKeys: text("source_keys").array().notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [index("article_review_article_idx").on(t.articleId, t.reviewedAt)],
);

/** A moderator kept a "te controleren" claim flagged, with a note on what is still open. */
export const claimNote = pgTable(
  "claim_note",
  {
    id: serial("id").primaryKey(),
    articleId: integer("article_id")
      .notNull()
      .references(() => article.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    /** Which claim: `body:<text of the claim>` or `cite:<fact-box field>` (claims.ts). */
    claimKey: text("claim_key").notNull(),
    note: text("note").notNull(),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("claim_note_article_idx").on(t.articleId, t.locale)],
);
