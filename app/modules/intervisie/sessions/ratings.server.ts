// Ratings after a session, and the moderators' overview of low-rated groups.

import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { ErrorKey } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { intervisionGroup, intervisionSession, sessionRating } from "#db/schema/intervisie.ts";
import { audit } from "../../audit.server.ts";
import {
  type RsvpStatus,
  requireSessionAccess,
  SessionError,
  type SessionRow,
  type Viewer,
} from "./core.server.ts";
import { myRsvpStatus } from "./rsvp.server.ts";

export const ratingSchema = z.object({
  score: z.coerce
    .number({ invalid_type_error: "form.rating.score" })
    .int("form.rating.score")
    .min(1, "form.rating.score")
    .max(5, "form.rating.score"),
  comment: z.string().trim().max(2000, "form.rating.commentLong").default(""),
});

/** Whether the viewer may rate: went (status going), and the session has started and was held. */
export function ratingRefusal(session: SessionRow, status: RsvpStatus | null, now: Date): ErrorKey | null {
  if (session.cancelledAt) return "error.session.rateCancelled";
  if (session.startsAt.getTime() > now.getTime()) return "error.session.rateNotStarted";
  if (status !== "going") return "error.session.rateNotGoing";
  return null;
}

/** Stores (or replaces) the viewer's rating of a session. */
export async function rateSession(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  input: { score: number; comment: string },
  now = new Date(),
): Promise<void> {
  const { session } = await requireSessionAccess(db, sessionId, viewer);
  const refusal = ratingRefusal(session, await myRsvpStatus(db, sessionId, viewer.id), now);
  if (refusal) throw new SessionError(refusal, 403);
  const parsed = ratingSchema.safeParse(input);
  // The route has checked the form already (in the page's language); this is the module's own guard.
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new SessionError(field === "comment" ? "error.session.ratingComment" : "error.session.ratingScore");
  }
  await db
    .insert(sessionRating)
    .values({ sessionId, userId: viewer.id, ...parsed.data })
    .onConflictDoUpdate({
      target: [sessionRating.sessionId, sessionRating.userId],
      set: { ...parsed.data, createdAt: new Date() },
    });
  await audit(db, {
    actorId: viewer.id,
    action: "intervisie.sessie.beoordeeld",
    subject: `intervisie-sessie:${sessionId}`,
    details: { score: parsed.data.score },
  });
}

/** Built once: the session page runs it on every view. */
const myRatingRow = preparedFor((db) =>
  db
    .select({ score: sessionRating.score, comment: sessionRating.comment })
    .from(sessionRating)
    .where(
      and(
        eq(sessionRating.sessionId, sql.placeholder("sessionId")),
        eq(sessionRating.userId, sql.placeholder("userId")),
      ),
    )
    .prepare("my_rating"),
);

export async function myRating(db: DB, sessionId: number, userId: string) {
  const [row] = await myRatingRow(db).execute({ sessionId, userId });
  return row ?? null;
}

export interface GroupRatings {
  groupId: number;
  groupName: string;
  average: number;
  count: number;
  /** Average below 3 over at least 2 ratings, or any 1: suggested for re-matching. */
  low: boolean;
  sessions: { sessionId: number; title: string; startsAt: Date; average: number; count: number }[];
  /** Comments without names: ratings are anonymous to moderators. */
  comments: { sessionId: number; sessionTitle: string; score: number; comment: string; createdAt: Date }[];
}

export function isLowRating(scores: readonly number[]): boolean {
  if (scores.length === 0) return false;
  const average = scores.reduce((a, b) => a + b, 0) / scores.length;
  return scores.includes(1) || (scores.length >= 2 && average < 3);
}

/** Ratings per group for moderators, lowest average first. */
export async function ratingsByGroup(db: DB): Promise<GroupRatings[]> {
  const rows = await db
    .select({
      groupId: intervisionGroup.id,
      groupName: intervisionGroup.name,
      sessionId: intervisionSession.id,
      title: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      score: sessionRating.score,
      comment: sessionRating.comment,
      createdAt: sessionRating.createdAt,
    })
    .from(sessionRating)
    .innerJoin(intervisionSession, eq(intervisionSession.id, sessionRating.sessionId))
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionSession.groupId))
    .orderBy(asc(intervisionGroup.id), asc(intervisionSession.startsAt), desc(sessionRating.createdAt));
  const groups = new Map<number, { name: string; rows: typeof rows }>();
  for (const row of rows) {
    const entry = groups.get(row.groupId) ?? { name: row.groupName, rows: [] };
    entry.rows.push(row);
    groups.set(row.groupId, entry);
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  const avg = (scores: number[]) => scores.reduce((a, b) => a + b, 0) / scores.length;
  const result: GroupRatings[] = [];
  for (const [groupId, { name, rows: groupRows }] of groups) {
    const scores = groupRows.map((r) => r.score);
    const bySession = new Map<number, typeof groupRows>();
    for (const r of groupRows) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r]);
    result.push({
      groupId,
      groupName: name,
      average: round(avg(scores)),
      count: scores.length,
      low: isLowRating(scores),
      sessions: [...bySession.values()].map((s) => ({
        sessionId: s[0]!.sessionId,
        title: s[0]!.title,
        startsAt: new Date(s[0]!.startsAt),
        average: round(avg(s.map((r) => r.score))),
        count: s.length,
      })),
      comments: groupRows
        .filter((r) => r.comment.trim() !== "")
        .map((r) => ({
          sessionId: r.sessionId,
          sessionTitle: r.title,
          score: r.score,
          comment: r.comment,
          createdAt: new Date(r.createdAt),
        })),
    });
  }
  return result.sort(
    (a, b) => Number(b.low) - Number(a.low) || a.average - b.average || a.groupId - b.groupId,
  );
}
