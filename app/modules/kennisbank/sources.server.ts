// The source registry in the database: seeded from db/seed/sources/*.yaml, maintained by
// moderators in /beheer/bronnen, shown on /bronnen and found by the kennisbank search.

import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { defaultLocale, type Locale, type MessageKey, translate } from "#app/i18n/index.ts";
import { formFields, parseForm } from "#app/lib/forms.ts";
import type { DB } from "#db/client.server.ts";
import { article, articleRevision, source } from "#db/schema/kennisbank.ts";
import { searchDocument, searchOutbox } from "#db/schema/search.ts";
import { PostgresEngine } from "#search/postgres.ts";
import type { SearchDocument } from "#search/types.ts";
import { audit } from "../audit.server.ts";
import { type Actor, KennisbankError } from "./articles.server.ts";
import { citedKeys } from "./claims.ts";
import type { SourceLookup } from "./front-matter.server.ts";
import type { ArticleKind, ContentLocale } from "./model.ts";
import { type RegistrySource, registrySourceSchema, type SourceFields, type SourceKind } from "./sources.ts";

export { type SourceFields, sourceFieldsFrom } from "./sources.ts";

export type SourceRow = typeof source.$inferSelect;

/** Every registered source: the sector's own first, then by title. */
export async function listSources(db: DB, options: { kind?: SourceKind } = {}): Promise<SourceRow[]> {
  return db
    .select()
    .from(source)
    .where(options.kind ? eq(source.kind, options.kind) : undefined)
    .orderBy(desc(source.sector), asc(source.title));
}

export async function getSource(db: DB, key: string): Promise<SourceRow | null> {
  const [row] = await db.select().from(source).where(eq(source.key, key));
  return row ?? null;
}

/** The registry as the article parser resolves keys against it (bulk import, edit form). */
export async function sourceLookup(db: DB): Promise<SourceLookup> {
  const rows = await db.select({ key: source.key, title: source.title, url: source.url }).from(source);
  return new Map(rows.map((r) => [r.key, { title: r.title, ...(r.url ? { url: r.url } : {}) }]));
}

/** Sources by key, for an article's notes. */
export async function sourcesByKey(db: DB, keys: string[]): Promise<Map<string, SourceRow>> {
  if (!keys.length) return new Map();
  const rows = await db.select().from(source).where(inArray(source.key, keys));
  return new Map(rows.map((r) => [r.key, r]));
}

const toRow = (s: RegistrySource) => ({
  key: s.key,
  title: s.title,
  publisher: s.publisher ?? null,
  year: s.year ?? null,
  url: s.url ?? null,
  where: s.where ?? null,
  kind: s.kind,
  language: s.language,
  accessed: s.accessed ?? null,
  sector: s.sector,
  description: s.description ?? null,
});

/**
 * Adds the registry entries of the seed files that the database does not have yet. An entry
 * that exists is left to the moderators, as the article seed leaves their articles alone.
 */
export async function seedSources(
  db: DB,
  registry: ReadonlyMap<string, RegistrySource>,
): Promise<{ added: number; kept: number }> {
  if (!registry.size) return { added: 0, kept: 0 };
  const added = await db
    .insert(source)
    .values([...registry.values()].map(toRow))
    .onConflictDoNothing({ target: source.key })
    .returning({ key: source.key });
  await reindexSources(
    db,
    added.map((a) => a.key),
  );
  return { added: added.length, kept: registry.size - added.length };
}

export function sourceFieldsFromForm(form: FormData): SourceFields {
  const names = [
    "key",
    "title",
    "publisher",
    "year",
    "url",
    "where",
    "kind",
    "language",
    "accessed",
    "description",
    "sector",
  ] as const;
  const sent = formFields(form, names);
  const fields = Object.fromEntries(names.map((name) => [name, sent[name].trim()])) as typeof sent;
  return { ...fields, sector: fields.sector === "ja" };
}

/** The message for a refused field of a moderator's source, more telling than the schema's. */
const sourceFieldMessages: Readonly<Record<string, MessageKey>> = {
  key: "form.source.keyExample",
  title: "form.source.title",
  url: "form.source.urlFull",
  kind: "form.source.kind",
  language: "form.source.language",
  accessed: "form.source.accessed",
};

/** Validates a moderator's source on the server; errors per field, in the locale (Dutch when not given). */
export function parseSourceFields(
  fields: SourceFields,
  locale: Locale = defaultLocale,
): { ok: true; value: RegistrySource } | { ok: false; errors: Record<string, string> } {
  const raw: Record<string, unknown> = { sector: fields.sector };
  for (const [k, v] of Object.entries(fields)) if (typeof v === "string" && v) raw[k] = v;
  const parsed = parseForm(registrySourceSchema, raw, { locale });
  if (parsed.ok) return parsed;
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(parsed.errors)) {
    // The rule on the whole source (no URL and no place) is shown at "where".
    const key = field === "form" ? "form.source.whereNeeded" : sourceFieldMessages[field];
    const name = field === "form" ? "where" : field;
    errors[name] ??= key ? translate(locale, key) : message;
  }
  return { ok: false, errors };
}

/** Adds a source (create) or changes one (the key stays): moderators only. */
export async function saveSource(
  db: DB,
  actor: Actor,
  value: RegistrySource,
  mode: "create" | "update",
): Promise<void> {
  if (actor.role !== "system" && actor.role !== "moderator" && actor.role !== "admin") {
    throw new KennisbankError("error.kennisbank.sourcesModeratorsOnly", 403);
  }
  await db.transaction(async (tx) => {
    const existing = await getSource(tx, value.key);
    if (mode === "create" && existing) {
      throw new KennisbankError("error.kennisbank.sourceKeyTaken", 409, { key: value.key });
    }
    if (mode === "update" && !existing) throw new KennisbankError("error.kennisbank.sourceNotFound", 404);
    const row = { ...toRow(value), updatedAt: new Date(), updatedBy: actor.id };
    if (mode === "create") await tx.insert(source).values(row);
    else await tx.update(source).set(row).where(eq(source.key, value.key));
    await reindexSources(tx, [value.key]);
    await audit(tx, {
      actorId: actor.id,
      action: mode === "create" ? "source.create" : "source.update",
      subject: `source:${value.key}`,
    });
  });
}

/** The registry's language of each of these sources (for the `lang` of their titles in a list). */
export async function sourceLanguages(db: DB, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await db
    .select({ key: source.key, language: source.language })
    .from(source)
    .where(inArray(source.key, keys));
  return new Map(rows.map((r) => [r.key, r.language]));
}

/**
 * Which published guides cite or list each source, with the title in `locale` where the guide has
 * that version (else the Dutch one) and the language of that title.
 */
export async function citingArticles(
  db: DB,
  locale: ContentLocale,
): Promise<Map<string, { slug: string; title: string; kind: ArticleKind; locale: ContentLocale }[]>> {
  const rows = await db
    .select({
      slug: article.slug,
      kind: article.kind,
      locale: articleRevision.locale,
      title: articleRevision.title,
      body: articleRevision.body,
      data: articleRevision.data,
    })
    .from(articleRevision)
    .innerJoin(article, eq(article.id, articleRevision.articleId))
    .where(and(eq(articleRevision.status, "published"), isNull(article.archivedAt)))
    .orderBy(asc(articleRevision.title));
  // The title each guide is listed by: the asked version's, or the Dutch one when it has none.
  const titles = new Map<string, { title: string; locale: ContentLocale }>();
  for (const r of rows) {
    const version = r.locale as ContentLocale;
    if (version === locale || (version === "nl" && !titles.has(r.slug)))
      titles.set(r.slug, { title: r.title, locale: version });
  }
  type Citing = { slug: string; title: string; kind: ArticleKind; locale: ContentLocale };
  const cited = new Map<string, Map<string, Citing>>();
  for (const r of rows) {
    for (const key of citedKeys(r.body, r.data)) {
      const list = cited.get(key) ?? new Map<string, Citing>();
      const shown = titles.get(r.slug) ?? { title: r.title, locale: r.locale as ContentLocale };
      list.set(r.slug, { slug: r.slug, kind: r.kind as ArticleKind, ...shown });
      cited.set(key, list);
    }
  }
  // In the order of the titles shown.
  return new Map(
    [...cited].map(([k, v]) => [k, [...v.values()].sort((a, b) => a.title.localeCompare(b.title, locale))]),
  );
}

/** The id and slug of a source in the search index (kind `bron`); /bronnen has its anchor. */
export const sourceDocId = (key: string) => `bron:${key}`;
export const sourceAnchor = (key: string) => `bron-${key}`;

export function sourceSearchDocument(s: SourceRow): SearchDocument {
  let host = "";
  try {
    host = s.url ? new URL(s.url).hostname.replace(/^www\./, "") : "";
  } catch {
    host = "";
  }
  return {
    id: sourceDocId(s.key),
    slug: sourceDocId(s.key),
    locale: s.language === "nl" ? "nl" : "en",
    kind: "bron",
    title: s.title,
    // The key and the site's name are what people type ("kenjedrager", "iasa tc05").
    aliases: [s.key, s.key.replace(/[-.]/g, " "), host, host.replace(/\.[a-z]+$/, "")].filter(Boolean),
    summary: [s.description, [s.publisher, s.year].filter(Boolean).join(", ")].filter(Boolean).join(" — "),
    body: [s.where, s.url].filter(Boolean).join(". "),
    topics: [],
    medium: null,
    institutionTypes: [],
  };
}

/** Brings the search index in line with these sources (all when no keys are given). */
export async function reindexSources(db: DB, keys?: string[]): Promise<number> {
  if (keys && !keys.length) return 0;
  const rows = await db
    .select()
    .from(source)
    .where(keys ? inArray(source.key, keys) : undefined)
    .orderBy(asc(source.key));
  const docs = rows.map(sourceSearchDocument);
  await new PostgresEngine(db).index(docs);
  if (docs.length) {
    await db
      .insert(searchOutbox)
      .values(
        docs.map((d) => ({ docId: d.id, op: "upsert", payload: d as unknown as Record<string, unknown> })),
      );
  }
  return docs.length;
}

/**
 * Re-indexes the sources whose search document no longer says what the registry says (a source
 * changed by a migration, as 0019_source_titles, not through the moderators' form), or that have
 * none. Run at start; costs one read of the registry and of the sources' documents.
 */
export async function reindexStaleSources(db: DB): Promise<string[]> {
  const [rows, docs] = await Promise.all([
    db.select().from(source),
    db
      .select({
        id: searchDocument.id,
        locale: searchDocument.locale,
        title: searchDocument.title,
        aliases: searchDocument.aliases,
        summary: searchDocument.summary,
        body: searchDocument.body,
      })
      .from(searchDocument)
      .where(eq(searchDocument.kind, "bron")),
  ]);
  const indexed = new Map(docs.map((d) => [d.id, d]));
  const stale = rows
    .filter((row) => {
      const want = sourceSearchDocument(row);
      const have = indexed.get(want.id);
      return (
        !have ||
        have.locale !== want.locale ||
        have.title !== want.title ||
        have.aliases !== want.aliases.join(" ") ||
        have.summary !== want.summary ||
        have.body !== want.body
      );
    })
    .map((row) => row.key)
    .sort();
  await reindexSources(db, stale);
  return stale;
}
