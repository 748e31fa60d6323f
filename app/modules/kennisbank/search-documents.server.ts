import { and, eq, isNull } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { article, articleRevision } from "#db/schema/kennisbank.ts";
import { searchOutbox } from "#db/schema/search.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { markdownToText, sentences } from "#search/text.ts";
import type { SearchDocument, SearchLocale } from "#search/types.ts";
import { type MessageKey, translate } from "../../i18n/index.ts";
import { stripCitations } from "./claims.ts";
import type { ArticleData } from "./model.ts";
import { reindexSources } from "./sources.server.ts";

/** The risks in the document's language (an English guide gets "vinegar syndrome"). */
const riskWords = (risks: string[], locale: SearchLocale) =>
  risks.map((r) => translate(locale, `kb.risk.${r}` as MessageKey) ?? r).join(", ");

/** One language version of an article as the search engines see it. */
export function toSearchDocument(input: {
  slug: string;
  kind: string;
  locale: SearchLocale;
  title: string;
  summary: string;
  body: string;
  data: ArticleData;
}): SearchDocument {
  const c = input.data.carrier;
  const facts = c
    ? // As sentences, so that a snippet taken from them reads as text.
      sentences([
        c.recognition,
        c.playback,
        ...c.handling,
        c.riskReason,
        riskWords(c.risks, input.locale),
        c.size,
        c.preservationFormat,
      ])
    : "";
  return {
    id: `${input.slug}:${input.locale}`,
    slug: input.slug,
    locale: input.locale,
    kind: input.kind,
    title: input.title,
    // The slug's words are curated keywords too ("wegwijzer-16mm-filmdienst").
    aliases: [
      input.slug.replace(/-/g, " "),
      ...(c ? [...c.names.nl, ...c.names.en, ...c.aliases, ...c.markings] : []),
    ],
    summary: input.summary,
    // Without the citation markers: "[@iasa-tc05, §5.2]" is not text a reader searches for.
    body: `${markdownToText(stripCitations(input.body))} ${facts}`.trim(),
    topics: input.data.topics,
    medium: c?.medium ?? null,
    institutionTypes: input.data.institutionTypes,
  };
}

/** The documents an article should have in the index now: its published, unarchived versions. */
export async function documentsForArticle(db: DB, slug: string): Promise<SearchDocument[]> {
  const rows = await db
    .select({
      slug: article.slug,
      kind: article.kind,
      locale: articleRevision.locale,
      title: articleRevision.title,
      summary: articleRevision.summary,
      body: articleRevision.body,
      data: articleRevision.data,
    })
    .from(articleRevision)
    .innerJoin(article, eq(article.id, articleRevision.articleId))
    .where(and(eq(article.slug, slug), eq(articleRevision.status, "published"), isNull(article.archivedAt)));
  return rows.map((r) => toSearchDocument({ ...r, locale: r.locale as SearchLocale }));
}

/**
 * Brings the search index in line with an article, inside the caller's transaction: the postgres
 * engine's rows at once, and a row per document in the outbox for Meilisearch.
 */
export async function reindexArticle(db: DB, slug: string): Promise<void> {
  const docs = await documentsForArticle(db, slug);
  const keep = new Set(docs.map((d) => d.id));
  const gone = (["nl", "en"] as const).map((l) => `${slug}:${l}`).filter((id) => !keep.has(id));
  const engine = new PostgresEngine(db);
  await engine.index(docs);
  await engine.remove(gone);
  const outbox = [
    ...docs.map((d) => ({ docId: d.id, op: "upsert", payload: d as unknown as Record<string, unknown> })),
    ...gone.map((id) => ({ docId: id, op: "delete", payload: null })),
  ];
  if (outbox.length) await db.insert(searchOutbox).values(outbox);
}

/** Rebuilds the whole index (after a restore, or when Meilisearch is added). */
export async function reindexAll(db: DB): Promise<number> {
  // In a fixed order, so two rebuilds at once take the rows in the same order.
  const slugs = await db.select({ slug: article.slug }).from(article).orderBy(article.slug);
  for (const { slug } of slugs) await reindexArticle(db, slug);
  await reindexSources(db);
  return slugs.length;
}
