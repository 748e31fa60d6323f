import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Locale } from "#app/i18n/index.ts";
import { AppError, type ErrorKey, type ErrorMessage, type ErrorParams, errorText } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { user } from "#db/schema/auth.ts";
import { article, articleFeedback, articleRevision } from "#db/schema/kennisbank.ts";
import { audit } from "../audit.server.ts";
import { hasRole, type Role } from "../auth/permissions.ts";
import {
  type ArticleContent,
  type ArticleData,
  type ArticleKind,
  articleDataSchema,
  type CarrierFacts,
  type ContentLocale,
  type RevisionStatus,
  type RiskLevel,
  riskRank,
} from "./model.ts";
import { reindexArticle } from "./search-documents.server.ts";

export class KennisbankError extends AppError {
  constructor(key: ErrorKey, status = 400, params?: ErrorParams) {
    super(key, { status, params });
  }
}

export interface Actor {
  id: string | null;
  role: Role | "system";
}

const isModerator = (actor: Actor) => actor.role === "system" || hasRole(actor.role, "moderator");

// ---------------------------------------------------------------- reading (public)

/** The newest published revision per article for a locale, as a subquery. */
function publishedIn(db: DB, locale: ContentLocale) {
  return db
    .select({
      articleId: articleRevision.articleId,
      revisionId: articleRevision.id,
      title: articleRevision.title,
      summary: articleRevision.summary,
      data: articleRevision.data,
    })
    .from(articleRevision)
    .where(and(eq(articleRevision.status, "published"), eq(articleRevision.locale, locale)))
    .as(`published_${locale}`);
}

export interface ArticleListItem {
  slug: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  topics: string[];
  needsReview: boolean;
  /** The locale the title and summary are in (nl when no translation exists). */
  locale: ContentLocale;
}

/** Published, not archived articles, optionally by kind and topic, in the asked locale where translated. */
export async function listPublishedArticles(
  db: DB,
  options: { locale: ContentLocale; kind?: ArticleKind; topic?: string; slugs?: string[] } = { locale: "nl" },
): Promise<ArticleListItem[]> {
  const nl = publishedIn(db, "nl");
  const en = publishedIn(db, "en");
  const rows = await db
    .select({
      slug: article.slug,
      kind: article.kind,
      topics: article.topics,
      nlTitle: nl.title,
      nlSummary: nl.summary,
      nlData: nl.data,
      enTitle: en.title,
      enSummary: en.summary,
    })
    .from(article)
    .innerJoin(nl, eq(nl.articleId, article.id))
    .leftJoin(en, eq(en.articleId, article.id))
    .where(
      and(
        isNull(article.archivedAt),
        options.kind ? eq(article.kind, options.kind) : undefined,
        options.topic ? sql`${options.topic} = any(${article.topics})` : undefined,
        options.slugs ? inArray(article.slug, options.slugs) : undefined,
      ),
    )
    .orderBy(asc(article.kind), asc(nl.title));
  return rows.map((r) => {
    const english = options.locale === "en" && r.enTitle !== null;
    return {
      slug: r.slug,
      kind: r.kind as ArticleKind,
      // Inner-joined, so never null; Drizzle types subquery columns as nullable.
      title: english ? r.enTitle! : r.nlTitle!,
      summary: english ? r.enSummary! : r.nlSummary!,
      topics: r.topics,
      needsReview: r.nlData!.needsReview,
      locale: english ? "en" : "nl",
    };
  });
}

export interface PublishedArticle {
  id: number;
  slug: string;
  kind: ArticleKind;
  archived: boolean;
  revisionId: number;
  locale: ContentLocale;
  /** True when the asked locale has no published version and Dutch is shown instead. */
  fellBack: boolean;
  hasTranslation: boolean;
  title: string;
  summary: string;
  body: string;
  data: ArticleData;
  publishedAt: Date | null;
}

export async function getPublishedArticle(
  db: DB,
  slug: string,
  locale: ContentLocale,
): Promise<PublishedArticle | null> {
  const [head] = await db.select().from(article).where(eq(article.slug, slug));
  if (!head) return null;
  const revisions = await db
    .select()
    .from(articleRevision)
    .where(and(eq(articleRevision.articleId, head.id), eq(articleRevision.status, "published")));
  const wanted = revisions.find((r) => r.locale === locale);
  const dutch = revisions.find((r) => r.locale === "nl");
  const shown = wanted ?? dutch;
  if (!shown) return null;
  return {
    id: head.id,
    slug: head.slug,
    kind: head.kind as ArticleKind,
    archived: head.archivedAt !== null,
    revisionId: shown.id,
    locale: shown.locale as ContentLocale,
    fellBack: !wanted,
    hasTranslation: revisions.some((r) => r.locale === "en"),
    title: shown.title,
    summary: shown.summary,
    body: shown.body,
    data: shown.data,
    publishedAt: shown.publishedAt,
  };
}

/**
 * Titles of published articles by slug (for related articles and lookalikes): the English title
 * where `locale` is English and there is one, else the Dutch, with the language of the title.
 */
export async function getArticleTitles(
  db: DB,
  slugs: string[],
  locale: ContentLocale,
): Promise<{ slug: string; title: string; kind: ArticleKind; locale: ContentLocale }[]> {
  if (!slugs.length) return [];
  // Only the asked slugs are read (this runs twice on every article page).
  const items = await listPublishedArticles(db, { locale, slugs });
  return slugs.flatMap((s) =>
    items
      .filter((i) => i.slug === s)
      .map((i) => ({ slug: i.slug, title: i.title, kind: i.kind, locale: i.locale })),
  );
}

export interface CarrierRow {
  slug: string;
  title: string;
  medium: CarrierFacts["medium"];
  yearsFrom: number;
  yearsTo: number | null;
  riskLevel: RiskLevel;
  riskReason: string;
  form: string;
  size: string;
}

export const carrierSorts = ["naam", "medium", "jaren", "risico"] as const;
export type CarrierSort = (typeof carrierSorts)[number];

/** All published carrier guides with their fact-box fields, sorted. */
export async function listCarriers(
  db: DB,
  locale: ContentLocale,
  sort: CarrierSort = "risico",
  direction: "op" | "af" = sort === "risico" ? "af" : "op",
): Promise<CarrierRow[]> {
  const nl = publishedIn(db, "nl");
  const en = publishedIn(db, "en");
  const rows = await db
    .select({ slug: article.slug, nlTitle: nl.title, nlData: nl.data, enTitle: en.title, enData: en.data })
    .from(article)
    .innerJoin(nl, eq(nl.articleId, article.id))
    .leftJoin(en, eq(en.articleId, article.id))
    .where(and(eq(article.kind, "drager"), isNull(article.archivedAt)));
  const carriers = rows.flatMap((r): CarrierRow[] => {
    const data = locale === "en" && r.enData?.carrier ? r.enData : r.nlData!;
    const c = data.carrier;
    if (!c) return [];
    return [
      {
        slug: r.slug,
        title: locale === "en" && r.enTitle ? r.enTitle : r.nlTitle!,
        medium: c.medium,
        yearsFrom: c.yearsFrom,
        yearsTo: c.yearsTo,
        riskLevel: c.riskLevel,
        riskReason: c.riskReason,
        form: c.form,
        size: c.size,
      },
    ];
  });
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const compare: Record<CarrierSort, (a: CarrierRow, b: CarrierRow) => number> = {
    naam: (a, b) => collator.compare(a.title, b.title),
    medium: (a, b) => collator.compare(a.medium, b.medium) || collator.compare(a.title, b.title),
    jaren: (a, b) => a.yearsFrom - b.yearsFrom || collator.compare(a.title, b.title),
    risico: (a, b) => riskRank[a.riskLevel] - riskRank[b.riskLevel] || collator.compare(b.title, a.title),
  };
  carriers.sort(compare[sort]);
  if (direction === "af") carriers.reverse();
  return carriers;
}

// ---------------------------------------------------------------- writing

export interface RevisionInput {
  slug: string;
  locale: ContentLocale;
  title: string;
  summary: string;
  body: string;
  data: ArticleData;
  note?: string;
  /** The revision the editor started from; null when creating the first of this locale. */
  baseRevisionId: number | null;
}

export type SaveResult =
  | { ok: true; revisionId: number }
  | { ok: false; conflict: { theirs: RevisionView; yours: RevisionInput } };

export interface RevisionView {
  id: number;
  slug: string;
  locale: ContentLocale;
  status: RevisionStatus;
  title: string;
  summary: string;
  body: string;
  data: ArticleData;
  note: string;
  authorName: string | null;
  createdAt: Date;
  baseRevisionId: number | null;
}

/** The newest revision of a locale that is not rejected: what an edit must start from. */
export async function headRevisionId(
  db: DB,
  articleId: number,
  locale: ContentLocale,
  options: { publishedOnly?: boolean } = {},
): Promise<number | null> {
  const [row] = await db
    .select({ id: articleRevision.id })
    .from(articleRevision)
    .where(
      and(
        eq(articleRevision.articleId, articleId),
        eq(articleRevision.locale, locale),
        options.publishedOnly
          ? eq(articleRevision.status, "published")
          : ne(articleRevision.status, "rejected"),
      ),
    )
    .orderBy(desc(articleRevision.id))
    .limit(1);
  return row?.id ?? null;
}

/**
 * Saves an edit as a new draft revision. A member's edit is a suggestion for the moderators; a
 * moderator's is their own draft. When someone else saved a revision of this locale after the
 * editor's base, nothing is written and both versions come back to be merged.
 */
export async function saveRevision(db: DB, actor: Actor, input: RevisionInput): Promise<SaveResult> {
  const data = articleDataSchema.parse(input.data);
  return db.transaction(async (tx) => {
    const [head] = await tx.select().from(article).where(eq(article.slug, input.slug)).for("update");
    // A member suggests changes to the published text: drafts, other members' suggestions and
    // archived articles are for moderators only, so a member's conflict is with the published
    // version alone.
    const moderator = isModerator(actor);
    if (!head || (!moderator && head.archivedAt !== null)) {
      throw new KennisbankError("error.kennisbank.articleNotFound", 404);
    }
    const current = await headRevisionId(tx, head.id, input.locale, { publishedOnly: !moderator });
    if (current !== null && current !== input.baseRevisionId) {
      const theirs = await getRevision(tx, current);
      return { ok: false as const, conflict: { theirs: theirs!, yours: input } };
    }
    const [row] = await tx
      .insert(articleRevision)
      .values({
        articleId: head.id,
        locale: input.locale,
        status: "draft",
        title: input.title.trim(),
        summary: input.summary.trim(),
        body: input.body.replace(/\r\n?/g, "\n").trim(),
        data,
        baseRevisionId: input.baseRevisionId,
        note: input.note?.trim() ?? "",
        authorId: actor.id,
      })
      .returning({ id: articleRevision.id });
    await audit(tx, {
      actorId: actor.id,
      action: isModerator(actor) ? "article.draft" : "article.suggest",
      subject: `article:${input.slug}`,
      details: { revisionId: row!.id, locale: input.locale, base: input.baseRevisionId },
    });
    await tx.update(article).set({ updatedAt: new Date() }).where(eq(article.id, head.id));
    return { ok: true as const, revisionId: row!.id };
  });
}

/** Creates a new article with its first (draft) revision. */
export async function createArticle(
  db: DB,
  actor: Actor,
  input: { slug: string; kind: ArticleKind } & Omit<RevisionInput, "baseRevisionId">,
): Promise<number> {
  if (!isModerator(actor)) throw new KennisbankError("error.kennisbank.createModeratorsOnly", 403);
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: article.id }).from(article).where(eq(article.slug, input.slug));
    if (exists) throw new KennisbankError("error.kennisbank.slugTaken", 409, { slug: input.slug });
    await tx.insert(article).values({ slug: input.slug, kind: input.kind, topics: input.data.topics });
    await audit(tx, { actorId: actor.id, action: "article.create", subject: `article:${input.slug}` });
    const saved = await saveRevision(tx, actor, { ...input, baseRevisionId: null });
    if (!saved.ok) throw new KennisbankError("error.kennisbank.createdConcurrently", 409);
    return saved.revisionId;
  });
}

const transitions: Record<string, { from: RevisionStatus[]; to: RevisionStatus }> = {
  review: { from: ["draft"], to: "in_review" },
  publish: { from: ["in_review"], to: "published" },
  reject: { from: ["draft", "in_review"], to: "rejected" },
};

/** Moves a revision through the workflow: draft → in review → published (or rejected). */
export async function transitionRevision(
  db: DB,
  actor: Actor,
  revisionId: number,
  step: keyof typeof transitions,
): Promise<void> {
  if (!isModerator(actor)) throw new KennisbankError("error.kennisbank.reviewModeratorsOnly", 403);
  const rule = transitions[step]!;
  await db.transaction(async (tx) => {
    const [rev] = await tx
      .select({
        id: articleRevision.id,
        status: articleRevision.status,
        locale: articleRevision.locale,
        articleId: articleRevision.articleId,
        data: articleRevision.data,
        slug: article.slug,
      })
      .from(articleRevision)
      .innerJoin(article, eq(article.id, articleRevision.articleId))
      .where(eq(articleRevision.id, revisionId))
      .for("update");
    if (!rev) throw new KennisbankError("error.kennisbank.revisionNotFound", 404);
    if (!rule.from.includes(rev.status as RevisionStatus)) {
      throw new KennisbankError("error.kennisbank.wrongStatus", 409, {
        from: statusMessage(rev.status),
        to: statusMessage(rule.to),
      });
    }
    const now = new Date();
    if (rule.to === "published") {
      await tx
        .update(articleRevision)
        .set({ status: "superseded" })
        .where(
          and(
            eq(articleRevision.articleId, rev.articleId),
            eq(articleRevision.locale, rev.locale),
            eq(articleRevision.status, "published"),
          ),
        );
      await tx
        .update(articleRevision)
        .set({ status: "published", publishedAt: now, publishedBy: actor.id })
        .where(eq(articleRevision.id, revisionId));
      if (rev.locale === "nl") {
        await tx
          .update(article)
          .set({ topics: rev.data.topics, updatedAt: now })
          .where(eq(article.id, rev.articleId));
      }
      await reindexArticle(tx, rev.slug);
    } else {
      await tx.update(articleRevision).set({ status: rule.to }).where(eq(articleRevision.id, revisionId));
    }
    await audit(tx, {
      actorId: actor.id,
      action: `article.${step}`,
      subject: `article:${rev.slug}`,
      details: { revisionId, locale: rev.locale },
    });
  });
}

/** Brings back an older version: a new revision with its content, published at once. */
export async function revertToRevision(db: DB, actor: Actor, revisionId: number): Promise<number> {
  if (!isModerator(actor)) throw new KennisbankError("error.kennisbank.revertModeratorsOnly", 403);
  return db.transaction(async (tx) => {
    const old = await getRevision(tx, revisionId);
    if (!old) throw new KennisbankError("error.kennisbank.revisionNotFound", 404);
    const [head] = await tx.select({ id: article.id }).from(article).where(eq(article.slug, old.slug));
    const base = await headRevisionId(tx, head!.id, old.locale);
    const saved = await saveRevision(tx, actor, {
      slug: old.slug,
      locale: old.locale,
      title: old.title,
      summary: old.summary,
      body: old.body,
      data: old.data,
      note: `Teruggezet naar versie ${revisionId}`,
      baseRevisionId: base,
    });
    if (!saved.ok) throw new KennisbankError("error.kennisbank.savedConcurrently", 409);
    await transitionRevision(tx, actor, saved.revisionId, "review");
    await transitionRevision(tx, actor, saved.revisionId, "publish");
    await audit(tx, {
      actorId: actor.id,
      action: "article.revert",
      subject: `article:${old.slug}`,
      details: { to: revisionId, revisionId: saved.revisionId },
    });
    return saved.revisionId;
  });
}

export async function setArchived(db: DB, actor: Actor, slug: string, archived: boolean): Promise<void> {
  if (!isModerator(actor)) throw new KennisbankError("error.kennisbank.archiveModeratorsOnly", 403);
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(article)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(article.slug, slug))
      .returning({ id: article.id });
    if (!rows.length) throw new KennisbankError("error.kennisbank.articleNotFound", 404);
    await reindexArticle(tx, slug);
    await audit(tx, {
      actorId: actor.id,
      action: archived ? "article.archive" : "article.unarchive",
      subject: `article:${slug}`,
    });
  });
}

// ---------------------------------------------------------------- moderation views

export async function getRevision(db: DB, id: number): Promise<RevisionView | null> {
  const [row] = await db
    .select({
      id: articleRevision.id,
      slug: article.slug,
      locale: articleRevision.locale,
      status: articleRevision.status,
      title: articleRevision.title,
      summary: articleRevision.summary,
      body: articleRevision.body,
      data: articleRevision.data,
      note: articleRevision.note,
      authorName: user.name,
      createdAt: articleRevision.createdAt,
      baseRevisionId: articleRevision.baseRevisionId,
    })
    .from(articleRevision)
    .innerJoin(article, eq(article.id, articleRevision.articleId))
    .leftJoin(user, eq(user.id, articleRevision.authorId))
    .where(eq(articleRevision.id, id));
  return row ? { ...row, locale: row.locale as ContentLocale, status: row.status as RevisionStatus } : null;
}

/** All revisions of an article, newest first. */
export async function listRevisions(db: DB, slug: string) {
  return db
    .select({
      id: articleRevision.id,
      locale: articleRevision.locale,
      status: articleRevision.status,
      title: articleRevision.title,
      note: articleRevision.note,
      authorName: user.name,
      createdAt: articleRevision.createdAt,
      publishedAt: articleRevision.publishedAt,
    })
    .from(articleRevision)
    .innerJoin(article, eq(article.id, articleRevision.articleId))
    .leftJoin(user, eq(user.id, articleRevision.authorId))
    .where(eq(article.slug, slug))
    .orderBy(desc(articleRevision.id));
}

/** Drafts (members' suggestions and moderators' own) and revisions in review, oldest first. */
export async function reviewQueue(db: DB) {
  return db
    .select({
      id: articleRevision.id,
      slug: article.slug,
      locale: articleRevision.locale,
      status: articleRevision.status,
      title: articleRevision.title,
      note: articleRevision.note,
      authorName: user.name,
      authorRole: user.role,
      createdAt: articleRevision.createdAt,
    })
    .from(articleRevision)
    .innerJoin(article, eq(article.id, articleRevision.articleId))
    .leftJoin(user, eq(user.id, articleRevision.authorId))
    .where(inArray(articleRevision.status, ["draft", "in_review"]))
    .orderBy(asc(articleRevision.createdAt));
}

// ---------------------------------------------------------------- feedback

export async function recordFeedback(
  db: DB,
  userId: string,
  slug: string,
  helpful: boolean,
  comment: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [head] = await tx.select({ id: article.id }).from(article).where(eq(article.slug, slug));
    if (!head) throw new KennisbankError("error.kennisbank.articleNotFound", 404);
    await tx
      .insert(articleFeedback)
      .values({ articleId: head.id, userId, helpful, comment: comment.trim().slice(0, 2000) });
    await audit(tx, {
      actorId: userId,
      action: "article.feedback",
      subject: `article:${slug}`,
      details: { helpful },
    });
  });
}

export async function feedbackFor(db: DB, slug: string) {
  return db
    .select({
      helpful: articleFeedback.helpful,
      comment: articleFeedback.comment,
      createdAt: articleFeedback.createdAt,
    })
    .from(articleFeedback)
    .innerJoin(article, eq(article.id, articleFeedback.articleId))
    .where(eq(article.slug, slug))
    .orderBy(desc(articleFeedback.createdAt));
}

// ---------------------------------------------------------------- bulk: seed, import, export

/**
 * Stores an article file as a published revision (seed and bulk import). New articles are
 * created; for an existing one a revision is only added when the content differs from the
 * published one. Returns what happened.
 */
export async function upsertPublishedContent(
  db: DB,
  actor: Actor,
  content: ArticleContent,
): Promise<"created" | "updated" | "unchanged" | "translated"> {
  const { slug, locale, kind, title, summary, body, ...data } = content;
  return db.transaction(async (tx) => {
    let [head] = await tx.select().from(article).where(eq(article.slug, slug));
    let created = false;
    if (!head) {
      [head] = await tx.insert(article).values({ slug, kind, topics: data.topics }).returning();
      created = true;
      await audit(tx, { actorId: actor.id, action: "article.create", subject: `article:${slug}` });
    } else if (head.kind !== kind) {
      throw new KennisbankError("error.kennisbank.wrongKind", 400, { slug, kind: head.kind, expected: kind });
    }
    const [published] = await tx
      .select()
      .from(articleRevision)
      .where(
        and(
          eq(articleRevision.articleId, head!.id),
          eq(articleRevision.locale, locale),
          eq(articleRevision.status, "published"),
        ),
      );
    const normalisedBody = body.replace(/\r\n?/g, "\n").trim();
    if (
      published &&
      published.title === title &&
      published.summary === summary &&
      published.body === normalisedBody &&
      stableJson(published.data) === stableJson(articleDataSchema.parse(data))
    ) {
      return "unchanged";
    }
    const base = await headRevisionId(tx, head!.id, locale);
    const saved = await saveRevision(tx, actor, {
      slug,
      locale,
      title,
      summary,
      body,
      data,
      baseRevisionId: base,
    });
    if (!saved.ok) throw new KennisbankError("error.kennisbank.concurrentChange", 409);
    await transitionRevision(tx, actor, saved.revisionId, "review");
    await transitionRevision(tx, actor, saved.revisionId, "publish");
    if (created) return "created";
    return published ? "updated" : "translated";
  });
}

/** Every published revision as article content, for the export. */
export async function exportPublishedContent(db: DB): Promise<ArticleContent[]> {
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
    .where(eq(articleRevision.status, "published"))
    .orderBy(asc(article.slug), asc(articleRevision.locale));
  return rows.map((r) => ({
    slug: r.slug,
    kind: r.kind as ArticleKind,
    locale: r.locale as ContentLocale,
    title: r.title,
    summary: r.summary,
    body: r.body,
    ...r.data,
  }));
}

const statusKeys: Record<string, ErrorKey> = {
  draft: "error.kennisbank.status.draft",
  in_review: "error.kennisbank.status.inReview",
  published: "error.kennisbank.status.published",
  superseded: "error.kennisbank.status.superseded",
  rejected: "error.kennisbank.status.rejected",
};

/** A revision's status inside a refusal: a message where we have one, else the status as it is. */
function statusMessage(status: string): ErrorMessage {
  const key = statusKeys[status];
  return key ? { key } : { key: "error.kennisbank.status.other", params: { status } };
}

/** A revision's status as staff read it, in their language (the status itself when unknown). */
export function statusLabel(locale: Locale, status: string): string {
  return errorText(locale, statusMessage(status));
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare this way. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
