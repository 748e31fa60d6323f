// Reminders the day before a session and rating prompts afterwards (run by app/modules/jobs.server.ts).

import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { intervisionSession, sessionRating, sessionRsvp } from "#db/schema/intervisie.ts";
import { type MailEnv, notify } from "../../notifications/notifications.server.ts";
import { formatSessionTime } from "../amsterdam-time.ts";
import { sessionLink } from "./core.server.ts";

/**
 * Marks a session as handled by one of the jobs below (the column goes from null to `now`), so
 * two servers, or two runs, never send the same mails twice. False when another run was first.
 */
async function claimSession(
  db: DB,
  sessionId: number,
  column: "reminderSentAt" | "ratingPromptSentAt",
  now: Date,
): Promise<boolean> {
  const [claimed] = await db
    .update(intervisionSession)
    .set({ [column]: now })
    .where(and(eq(intervisionSession.id, sessionId), isNull(intervisionSession[column])))
    .returning({ id: intervisionSession.id });
  return Boolean(claimed);
}

/**
 * Mails a reminder to members who are going or said maybe, for sessions that start within
 * 24 hours and had none yet. Each session is claimed by setting reminderSentAt first, so two
 * servers (or two runs) never send twice. Returns the number of sessions reminded.
 */
export async function sendDueReminders(
  db: DB,
  mailEnv: MailEnv | undefined,
  now = new Date(),
): Promise<number> {
  const due = await db
    .select({
      id: intervisionSession.id,
      title: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      durationMinutes: intervisionSession.durationMinutes,
      onlineUrl: intervisionSession.onlineUrl,
      address: intervisionSession.address,
    })
    .from(intervisionSession)
    .where(
      and(
        isNull(intervisionSession.reminderSentAt),
        isNull(intervisionSession.cancelledAt),
        gt(intervisionSession.startsAt, now),
        lte(intervisionSession.startsAt, new Date(now.getTime() + 24 * 3_600_000)),
      ),
    );
  let sent = 0;
  for (const session of due) {
    if (!(await claimSession(db, session.id, "reminderSentAt", now))) continue;
    const recipients = await db
      .select({ userId: sessionRsvp.userId })
      .from(sessionRsvp)
      .where(and(eq(sessionRsvp.sessionId, session.id), inArray(sessionRsvp.status, ["going", "maybe"])));
    await notify(
      db,
      recipients.map((r) => r.userId),
      (t, locale) => {
        const where = [
          session.address,
          session.onlineUrl ? t("notify.session.online", { url: session.onlineUrl }) : null,
        ]
          .filter(Boolean)
          .join("; ");
        return {
          title: t("notify.session.reminder.title", { session: session.title }),
          body: t("notify.session.reminder.body", {
            session: session.title,
            time: formatSessionTime(session.startsAt, locale, session.durationMinutes),
            where: where ? `, ${where}` : "",
          }),
          link: sessionLink(session.id),
        };
      },
      mailEnv,
    );
    sent++;
  }
  return sent;
}

/**
 * After a session has ended, asks the members who were going to rate it (in the app and by
 * e-mail), once. Sessions that ended more than a week ago are left alone, so a server that was
 * down does not send a pile of old questions. Returns the number of sessions handled.
 */
export async function sendRatingPrompts(
  db: DB,
  mailEnv: MailEnv | undefined,
  now = new Date(),
): Promise<number> {
  const ended = await db
    .select({
      id: intervisionSession.id,
      title: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      durationMinutes: intervisionSession.durationMinutes,
    })
    .from(intervisionSession)
    .where(
      and(
        isNull(intervisionSession.ratingPromptSentAt),
        isNull(intervisionSession.cancelledAt),
        lte(intervisionSession.startsAt, now),
        gt(intervisionSession.startsAt, new Date(now.getTime() - 7 * 24 * 3_600_000)),
      ),
    );
  let sent = 0;
  for (const session of ended) {
    if (session.startsAt.getTime() + session.durationMinutes * 60_000 > now.getTime()) continue;
    if (!(await claimSession(db, session.id, "ratingPromptSentAt", now))) continue;
    const going = await db
      .select({ userId: sessionRsvp.userId })
      .from(sessionRsvp)
      .where(and(eq(sessionRsvp.sessionId, session.id), eq(sessionRsvp.status, "going")));
    const rated = await db
      .select({ userId: sessionRating.userId })
      .from(sessionRating)
      .where(eq(sessionRating.sessionId, session.id));
    const done = new Set(rated.map((r) => r.userId));
    await notify(
      db,
      going.map((g) => g.userId).filter((id) => !done.has(id)),
      (t) => ({
        title: t("notify.session.rating.title", { session: session.title }),
        body: t("notify.session.rating.body", { session: session.title }),
        link: `${sessionLink(session.id)}#beoordeling`,
      }),
      mailEnv,
    );
    sent++;
  }
  return sent;
}
