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
