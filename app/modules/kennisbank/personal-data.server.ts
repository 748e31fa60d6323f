// A member's kennisbank data for the AVG data download (issue #24, finding 14): the feedback they
// gave, the edit suggestions and revisions they wrote, and (for moderators) their review records
// and claim notes. Everything a member wrote is in their download, with the article it was on.

import { asc, eq } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import {
  article,
  articleFeedback,
  articleReview,
  articleRevision,
  claimNote,
} from "#db/schema/kennisbank.ts";

export async function exportKennisbank(db: DB, userId: string) {
  // Four independent reads: at once.
  const [feedback, suggestions, reviews, claimNotes] = await Promise.all([
    db
      .select({
        article: article.slug,
        helpful: articleFeedback.helpful,
        comment: articleFeedback.comment,
        createdAt: articleFeedback.createdAt,
      })
      .from(articleFeedback)
      .innerJoin(article, eq(article.id, articleFeedback.articleId))
      .where(eq(articleFeedback.userId, userId))
      .orderBy(asc(articleFeedback.createdAt), asc(articleFeedback.id)),
    db
      .select({
        article: article.slug,
        locale: articleRevision.locale,
        status: articleRevision.status,
        title: articleRevision.title,
        summary: articleRevision.summary,
        body: articleRevision.body,
        data: articleRevision.data,
        note: articleRevision.note,
        createdAt: articleRevision.createdAt,
        publishedAt: articleRevision.publishedAt,
      })
      .from(articleRevision)
      .innerJoin(article, eq(article.id, articleRevision.articleId))
      .where(eq(articleRevision.authorId, userId))
      .orderBy(asc(articleRevision.createdAt), asc(articleRevision.id)),
    db
      .select({
        article: article.slug,
        reviewerName: articleReview.reviewerName,
        reviewedAt: articleReview.reviewedAt,
        sourceKeys: articleReview.sourceKeys,
        note: articleReview.note,
      })
      .from(articleReview)
      .innerJoin(article, eq(article.id, articleReview.articleId))
      .where(eq(articleReview.reviewerId, userId))
      .orderBy(asc(articleReview.reviewedAt), asc(articleReview.id)),
    db
      .select({
        article: article.slug,
        locale: claimNote.locale,
        claim: claimNote.claimKey,
        note: claimNote.note,
        createdAt: claimNote.createdAt,
      })
      .from(claimNote)
      .innerJoin(article, eq(article.id, claimNote.articleId))
      .where(eq(claimNote.userId, userId))
      .orderBy(asc(claimNote.createdAt), asc(claimNote.id)),
  ]);
  return { feedback, suggestions, reviews, claimNotes };
}
