// A member's intervision data for the AVG: what the data download shows, and what deleting an
// account or leaving a group removes. Seats a leaver held in coming sessions are given up first,
// so the waitlist moves up.

import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import {
  calendarFeed,
  intervisionGroup,
  intervisionMember,
  intervisionParticipant,
  intervisionSession,
  joinRequest,
  matchRun,
  notification,
  sessionRating,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import type { MailEnv } from "../notifications/notifications.server.ts";
import { exportConsents } from "./sessions/cases.server.ts";
import { answerRsvp } from "./sessions/rsvp.server.ts";

/** Gives up the member's seats and waitlist places in coming sessions (of one group, or all). */
export async function releaseComingSeats(
  db: DB,
  userId: string,
  groupId: number | null,
  mailEnv?: MailEnv,
): Promise<void> {
  const now = new Date();
  // Only where the member still belongs to the group: elsewhere (a group closed by re-matching)
  // their answer cannot be changed any more and is removed with the rest.
  const held = await db
    .select({ sessionId: sessionRsvp.sessionId })
    .from(sessionRsvp)
    .innerJoin(intervisionSession, eq(intervisionSession.id, sessionRsvp.sessionId))
    .innerJoin(
      intervisionMember,
      and(
        eq(intervisionMember.groupId, intervisionSession.groupId),
        eq(intervisionMember.userId, sessionRsvp.userId),
      ),
    )
    .where(
      and(
        eq(sessionRsvp.userId, userId),
        inArray(sessionRsvp.status, ["going", "waitlist"]),
        gt(intervisionSession.startsAt, now),
        isNull(intervisionSession.cancelledAt),
        groupId === null ? undefined : eq(intervisionSession.groupId, groupId),
      ),
    );
  for (const { sessionId } of held) {
    await answerRsvp(db, { id: userId, role: "member" }, sessionId, "no", { mailEnv, now });
  }
}

/** Removes everything intervision keeps about a member (after their account was deleted). */
export async function forgetIntervision(db: DB, userId: string, mailEnv?: MailEnv): Promise<void> {
  try {
    await releaseComingSeats(db, userId, null, mailEnv);
  } catch (error) {
    // The seats go with the rest below; only the waitlist does not move up for them.
    console.warn(`Plaatsen van ${userId} niet vrijgegeven: ${(error as Error).message}`);
  }
  await db.transaction(async (tx) => {
    // Role holders in the sessions of their groups, and their place in matcher runs.
    const groups = await tx
      .select({ groupId: intervisionMember.groupId })
      .from(intervisionMember)
      .where(eq(intervisionMember.userId, userId));
    if (groups.length > 0) {
      const sessions = await tx
        .select({ id: intervisionSession.id, roles: intervisionSession.roles })
        .from(intervisionSession)
        .where(
          inArray(
            intervisionSession.groupId,
            groups.map((g) => g.groupId),
          ),
        );
      for (const session of sessions) {
        if (!Object.values(session.roles).includes(userId)) continue;
        const roles = Object.fromEntries(
          Object.entries(session.roles).filter(([, holder]) => holder !== userId),
        );
        await tx.update(intervisionSession).set({ roles }).where(eq(intervisionSession.id, session.id));
      }
    }
    const runs = await tx.select().from(matchRun);
    for (const run of runs) {
      const participants = run.participants as { id?: string }[];
      if (!participants.some((p) => p.id === userId)) continue;
      await tx
        .update(matchRun)
        .set({
          participants: participants.filter((p) => p.id !== userId),
          proposal: { groups: run.proposal.groups.map((g) => g.filter((id) => id !== userId)) },
          version: run.version + 1,
        })
        .where(eq(matchRun.id, run.id));
    }
    await tx.delete(intervisionParticipant).where(eq(intervisionParticipant.userId, userId));
    await tx.delete(intervisionMember).where(eq(intervisionMember.userId, userId));
    await tx.delete(joinRequest).where(eq(joinRequest.userId, userId));
    await tx.delete(calendarFeed).where(eq(calendarFeed.userId, userId));
    await tx.delete(notification).where(eq(notification.userId, userId));
    await tx.delete(sessionRsvp).where(eq(sessionRsvp.userId, userId));
    // Ratings stay (they are the group's history) but lose their comment, which could identify.
    await tx.update(sessionRating).set({ comment: "" }).where(eq(sessionRating.userId, userId));
  });
}

/** The member's own intervision data, for the data download. No other member's data. */
export async function exportIntervision(db: DB, userId: string) {
  const [participation] = await db
    .select({
      consentAt: intervisionParticipant.consentAt,
      needs: intervisionParticipant.needs,
      offers: intervisionParticipant.offers,
      inPerson: intervisionParticipant.inPerson,
      province: intervisionParticipant.province,
      fte: intervisionParticipant.fte,
      digitisationDegree: intervisionParticipant.digitisationDegree,
      updatedAt: intervisionParticipant.updatedAt,
    })
    .from(intervisionParticipant)
    .where(eq(intervisionParticipant.userId, userId));
  const groups = await db
    .select({
      group: intervisionGroup.name,
      role: intervisionMember.role,
      reasons: intervisionMember.reasons,
      joinedAt: intervisionMember.joinedAt,
    })
    .from(intervisionMember)
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionMember.groupId))
    .where(eq(intervisionMember.userId, userId))
    .orderBy(asc(intervisionMember.joinedAt));
  const requests = await db
    .select({
      group: intervisionGroup.name,
      message: joinRequest.message,
      status: joinRequest.status,
      createdAt: joinRequest.createdAt,
    })
    .from(joinRequest)
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, joinRequest.groupId))
    .where(eq(joinRequest.userId, userId));
  const answers = await db
    .select({
      session: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      answer: sessionRsvp.answer,
      status: sessionRsvp.status,
    })
    .from(sessionRsvp)
    .innerJoin(intervisionSession, eq(intervisionSession.id, sessionRsvp.sessionId))
    .where(eq(sessionRsvp.userId, userId));
  const ratings = await db
    .select({
      session: intervisionSession.title,
      score: sessionRating.score,
      comment: sessionRating.comment,
      createdAt: sessionRating.createdAt,
    })
    .from(sessionRating)
    .innerJoin(intervisionSession, eq(intervisionSession.id, sessionRating.sessionId))
    .where(eq(sessionRating.userId, userId));
  const notifications = await db
    .select({ title: notification.title, body: notification.body, createdAt: notification.createdAt })
    .from(notification)
    .where(eq(notification.userId, userId))
    .orderBy(asc(notification.createdAt));
  const [feed] = await db
    .select({ createdAt: calendarFeed.createdAt })
    .from(calendarFeed)
    .where(and(eq(calendarFeed.userId, userId)));
  return {
    participation: participation ?? null,
    groups,
    joinRequests: requests,
    rsvps: answers,
    ratings,
    notifications,
    calendarFeed: feed ? { createdAt: feed.createdAt } : null,
    practiceCaseConsents: await exportConsents(db, userId),
  };
}
