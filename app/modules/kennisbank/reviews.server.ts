// Reviews that mean something: a moderator checked an article against sources (who, when,
// which), and the open "te controleren" claims, resolved one by one (docs/decisions/012).
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { article, articleReview, articleRevision, claimNote, source } from "#db/schema/kennisbank.ts";
import { audit } from "../audit.server.ts";
import {
  type Actor,
  getRevision,
  headRevisionId,
  KennisbankError,
  saveRevision,
  transitionRevision,
} from "./articles.server.ts";
import { countClaims, openClaims, resolveClaim } from "./claims.ts";
import type { ArticleKind, ContentLocale } from "./model.ts";

/**
 * Months after a review that an article is due again. Law and the AVG change and are applied
 * differently over time: 12 months. Signposts point to services, people and prices that change
 * as fast: 12 months. Carriers and practice: 24 months.
 */
export const reviewIntervalMonths: Record<ArticleKind, number> = {
  juridisch: 12,
  wegwijzer: 12,
  drager: 24,
  praktijk: 24,
};

const isModerator = (actor: Actor) =>
  actor.role === "system" || actor.role === "moderator" || actor.role === "admin";

export interface ReviewRecord {
  reviewerName: string;
  reviewedAt: Date;
  sourceKeys: string[];
  note: string;
}

/** The newest completed review of an article, or null when no moderator reviewed it yet. */
export async function lastReview(db: DB, articleId: number): Promise<ReviewRecord | null> {
  const [row] = await db
    .select({
      reviewerName: articleReview.reviewerName,
      reviewedAt: articleReview.reviewedAt,
      sourceKeys: articleReview.sourceKeys,
      note: articleReview.note,
    })
    .from(articleReview)
    .where(eq(articleReview.articleId, articleId))
    .orderBy(desc(articleReview.reviewedAt), desc(articleReview.id))
    .limit(1);
  return row ?? null;
}

/** All reviews of an article, newest first (the history page). */
export async function listReviews(db: DB, articleId: number): Promise<ReviewRecord[]> {
  return db
    .select({
      reviewerName: articleReview.reviewerName,
      reviewedAt: articleReview.reviewedAt,
      sourceKeys: articleReview.sourceKeys,
      note: articleReview.note,
    })
    .from(articleReview)
    .where(eq(articleReview.articleId, articleId))
    .orderBy(desc(articleReview.reviewedAt), desc(articleReview.id));
}

/** A moderator completes a review: against which registered sources, with an optional note. */
export async function completeReview(
  db: DB,
  actor: Actor & { name: string },
  slug: string,
  input: { sourceKeys: string[]; note?: string },
  now = new Date(),
): Promise<void> {
  if (!isModerator(actor) || actor.role === "system") {
    throw new KennisbankError("error.kennisbank.checkModeratorOnly", 403);
  }
  const keys = [...new Set(input.sourceKeys.map((k) => k.trim()).filter(Boolean))];
  if (!keys.length) throw new KennisbankError("error.kennisbank.chooseSources");
  const note = (input.note ?? "").trim();
  if (note.length > 2000) throw new KennisbankError("error.kennisbank.remarkTooLong");
  await db.transaction(async (tx) => {
    const [head] = await tx.select({ id: article.id }).from(article).where(eq(article.slug, slug));
    if (!head) throw new KennisbankError("error.kennisbank.articleNotFound", 404);
    const known = await tx.select({ key: source.key }).from(source).where(inArray(source.key, keys));
    const missing = keys.filter((k) => !known.some((r) => r.key === k));
    if (missing.length) {
      throw new KennisbankError("error.kennisbank.unknownSource", 400, { keys: missing.join(", ") });
    }
    await tx.insert(articleReview).values({
      articleId: head.id,
      reviewerId: actor.id,
      reviewerName: actor.name,
      reviewedAt: now,
      sourceKeys: keys,
      note,
    });
    await audit(tx, {
      actorId: actor.id,
      action: "article.reviewed",
      subject: `article:${slug}`,
      details: { sources: keys },
    });
  });
}

export interface DueArticle {
  slug: string;
  title: string;
  kind: ArticleKind;
  lastReviewedAt: Date | null;
  reviewerName: string | null;
  /** When the next review was due; null when never reviewed. */
  dueAt: Date | null;
}

const addMonths = (date: Date, months: number) => {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/** Published articles never reviewed or whose review interval has passed: never reviewed first. */
export async function reviewDue(db: DB, now = new Date()): Promise<DueArticle[]> {
  const rows = await db
    .select({ id: article.id, slug: article.slug, kind: article.kind, title: articleRevision.title })
    .from(article)
    .innerJoin(
      articleRevision,
      and(
        eq(articleRevision.articleId, article.id),
        eq(articleRevision.locale, "nl"),
        eq(articleRevision.status, "published"),
      ),
    )
    .where(isNull(article.archivedAt))
    .orderBy(asc(articleRevision.title));
  const reviews = await db
    .selectDistinctOn([articleReview.articleId], {
      articleId: articleReview.articleId,
      reviewedAt: articleReview.reviewedAt,
      reviewerName: articleReview.reviewerName,
    })
    .from(articleReview)
    .orderBy(articleReview.articleId, desc(articleReview.reviewedAt), desc(articleReview.id));
  const latest = new Map(reviews.map((r) => [r.articleId, r]));
  const due = rows.flatMap((r): DueArticle[] => {
    const kind = r.kind as ArticleKind;
    const review = latest.get(r.id);
    if (!review) {
      return [{ slug: r.slug, title: r.title, kind, lastReviewedAt: null, reviewerName: null, dueAt: null }];
    }
    const dueAt = addMonths(review.reviewedAt, reviewIntervalMonths[kind]);
    if (dueAt > now) return [];
    return [
      {
        slug: r.slug,
        title: r.title,
        kind,
        lastReviewedAt: review.reviewedAt,
        reviewerName: review.reviewerName,
        dueAt,
      },
    ];
  });
  // Never reviewed first, then the longest overdue.
  return due.sort(
    (a, b) =>
      (a.dueAt?.getTime() ?? Number.NEGATIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.NEGATIVE_INFINITY),
  );
}

export interface QueuedClaim {
  slug: string;
  title: string;
  locale: ContentLocale;
  revisionId: number;
  ref: string;
  text: string;
  note: string;
  field?: string;
  /** The newest note of a moderator who kept it flagged. */
  kept: { note: string; at: Date } | null;
}

/**
 * Every open "te controleren" claim of the published, unarchived articles: the most recently
 * published article first (what was just written is what a moderator checks next), then by slug.
 */
export async function claimQueue(db: DB): Promise<QueuedClaim[]> {
  const rows = await db
    .select({
      articleId: article.id,
      slug: article.slug,
      locale: articleRevision.locale,
      revisionId: articleRevision.id,
      title: articleRevision.title,
      body: articleRevision.body,
      data: articleRevision.data,
    })
    .from(articleRevision)
    .innerJoin(article, eq(article.id, articleRevision.articleId))
    .where(and(eq(articleRevision.status, "published"), isNull(article.archivedAt)))
    .orderBy(desc(articleRevision.publishedAt), asc(article.slug), asc(articleRevision.locale));
  const notes = await db
    .select({
      articleId: claimNote.articleId,
      locale: claimNote.locale,
      claimKey: claimNote.claimKey,
      note: claimNote.note,
      at: claimNote.createdAt,
    })
    .from(claimNote)
    .orderBy(asc(claimNote.id));
  const kept = new Map(
    notes.map((n) => [`${n.articleId}|${n.locale}|${n.claimKey}`, { note: n.note, at: n.at }]),
  );
  return rows.flatMap((r) =>
    openClaims(r.body, r.data.carrier).map((c) => ({
      slug: r.slug,
      title: r.title,
      locale: r.locale as ContentLocale,
      revisionId: r.revisionId,
      ref: c.ref,
      text: c.text,
      note: c.note,
      ...(c.field ? { field: c.field } : {}),
      kept: kept.get(`${r.articleId}|${r.locale}|${c.key}`) ?? null,
    })),
  );
}

interface ClaimTarget {
  slug: string;
  locale: ContentLocale;
  /** The published revision the moderator saw: if another was published since, nothing happens. */
  revisionId: number;
  ref: string;
}

async function publishedTarget(tx: DB, target: ClaimTarget) {
  const rev = await getRevision(tx, target.revisionId);
  if (!rev || rev.slug !== target.slug || rev.locale !== target.locale) {
    throw new KennisbankError("error.kennisbank.claimNotFound", 404);
  }
  if (rev.status !== "published") {
    throw new KennisbankError("error.kennisbank.republished", 409);
  }
  const claim = openClaims(rev.body, rev.data.carrier).find((c) => c.ref === target.ref);
  if (!claim) throw new KennisbankError("error.kennisbank.claimResolved", 409);
  return { rev, claim };
}

/**
 * Resolves a claim by citing a registered source: a new revision with `[@key, locator]` in place
 * of the `[@?]` marker (or the fact-box field's "?"), published through the revision workflow.
 */
export async function citeSourceForClaim(
  db: DB,
  actor: Actor,
  target: ClaimTarget & { key: string; locator: string },
): Promise<{ revisionId: number; counts: { sourced: number; toCheck: number } }> {
  if (!isModerator(actor)) throw new KennisbankError("error.kennisbank.resolveModeratorsOnly", 403);
  const locator = target.locator.trim();
  if (locator.length > 200) throw new KennisbankError("error.kennisbank.locatorTooLong");
  if (/[[\]]/.test(locator)) throw new KennisbankError("error.kennisbank.locatorBrackets");
  return db.transaction(async (tx) => {
    const { rev } = await publishedTarget(tx, target);
    const [registered] = await tx.select().from(source).where(eq(source.key, target.key));
    if (!registered) throw new KennisbankError("error.kennisbank.chooseSource");
    const resolved = resolveClaim(rev.body, rev.data.carrier, target.ref, target.key, locator);
    if (!resolved) throw new KennisbankError("error.kennisbank.claimResolved", 409);
    const sources = rev.data.sources.some((s) => s.key === target.key)
      ? rev.data.sources
      : [
          ...rev.data.sources,
          {
            key: registered.key,
            title: registered.title,
            ...(registered.url ? { url: registered.url } : {}),
          },
        ];
    const [head] = await tx.select({ id: article.id }).from(article).where(eq(article.slug, target.slug));
    const saved = await saveRevision(tx, actor, {
      slug: target.slug,
      locale: target.locale,
      title: rev.title,
      summary: rev.summary,
      body: resolved.body,
      data: { ...rev.data, sources, ...(resolved.carrier ? { carrier: resolved.carrier } : {}) },
      note: `Bron geciteerd: ${target.key}${locator ? `, ${locator}` : ""}`,
      baseRevisionId: await headRevisionId(tx, head!.id, target.locale),
    });
    if (!saved.ok) throw new KennisbankError("error.kennisbank.savedConcurrently", 409);
    await transitionRevision(tx, actor, saved.revisionId, "review");
    await transitionRevision(tx, actor, saved.revisionId, "publish");
    await audit(tx, {
      actorId: actor.id,
      action: "claim.cite",
      subject: `article:${target.slug}`,
      details: { ref: target.ref, key: target.key, locale: target.locale, revisionId: saved.revisionId },
    });
    return { revisionId: saved.revisionId, counts: countClaims(resolved.body, resolved.carrier) };
  });
}

/** Keeps a claim flagged, with a moderator's note on what is still open. */
export async function keepClaimFlagged(
  db: DB,
  actor: Actor,
  target: ClaimTarget & { note: string },
): Promise<void> {
  if (!isModerator(actor)) throw new KennisbankError("error.kennisbank.resolveModeratorsOnly", 403);
  const note = target.note.trim();
  if (!note) throw new KennisbankError("error.kennisbank.noteMissing");
  if (note.length > 1000) throw new KennisbankError("error.kennisbank.noteTooLong");
  await db.transaction(async (tx) => {
    const { claim } = await publishedTarget(tx, target);
    const [head] = await tx.select({ id: article.id }).from(article).where(eq(article.slug, target.slug));
    await tx.insert(claimNote).values({
      articleId: head!.id,
      locale: target.locale,
      claimKey: claim.key,
      note,
      userId: actor.id,
    });
    await audit(tx, {
      actorId: actor.id,
      action: "claim.keep",
      subject: `article:${target.slug}`,
      details: { ref: target.ref, locale: target.locale },
    });
  });
}
