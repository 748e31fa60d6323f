// Answers, capacity and the waitlist. Answering, cancelling and changing the capacity each run
// in one transaction that first locks the session row (SELECT … FOR UPDATE), so concurrent
// answers never exceed it. The waitlist is ordered by queuedAt (clock_timestamp() taken under
// the lock) and then queueSeq.

import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { user } from "#db/schema/auth.ts";
import {
  intervisionMember,
  intervisionSession,
  type RsvpAnswer,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import { type MailEnv, notify } from "../../notifications/notifications.server.ts";
import { notFound, type RsvpStatus, SessionError, sessionLink, type Tx, type Viewer } from "./core.server.ts";

export async function lockSession(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: intervisionSession.id,
      groupId: intervisionSession.groupId,
      title: intervisionSession.title,
      capacity: intervisionSession.capacity,
      startsAt: intervisionSession.startsAt,
      cancelledAt: intervisionSession.cancelledAt,
    })
    .from(intervisionSession)
    .where(eq(intervisionSession.id, id))
    .for("update");
  return row ?? null;
}

export async function goingCount(tx: Tx, sessionId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(sessionRsvp)
    .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.status, "going")));
  return row?.n ?? 0;
}

/** Moves the first waitlisted members up while there is room; returns their ids. Call under the lock. */
export async function promoteWaitlist(tx: Tx, sessionId: number, capacity: number): Promise<string[]> {
  const free = capacity - (await goingCount(tx, sessionId));
  if (free <= 0) return [];
  const next = await tx
    .select({ userId: sessionRsvp.userId })
    .from(sessionRsvp)
    .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.status, "waitlist")))
    .orderBy(asc(sessionRsvp.queuedAt), asc(sessionRsvp.queueSeq))
    .limit(free);
  const ids = next.map((r) => r.userId);
  if (ids.length === 0) return [];
  await tx
    .update(sessionRsvp)
    .set({ status: "going", updatedAt: new Date() })
    .where(and(eq(sessionRsvp.sessionId, sessionId), inArray(sessionRsvp.userId, ids)));
  return ids;
}

export async function notifyPromoted(
  db: DB,
  sessionId: number,
  title: string,
  userIds: string[],
  mailEnv?: MailEnv,
): Promise<void> {
  if (userIds.length === 0) return;
  await notify(
    db,
    userIds,
    (t) => ({
      title: t("notify.session.promoted.title", { session: title }),
      body: t("notify.session.promoted.body", { session: title }),
      link: sessionLink(sessionId),
    }),
    mailEnv,
  );
}

export interface RsvpResult {
  status: RsvpStatus;
  /** Members moved up from the waitlist by this answer. */
  promoted: string[];
}

/**
 * A member's answer. "yes" takes a seat when there is one, else a place at the end of the
 * waitlist (answering yes again keeps the place); "no" and "maybe" hold no seat, and giving up
 * a seat moves the first waitlisted member up, who is told in the app and by e-mail.
 */
export async function answerRsvp(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  answer: RsvpAnswer,
  options: { mailEnv?: MailEnv; now?: Date } = {},
): Promise<RsvpResult> {
  const now = options.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (!session) throw notFound();
    const [member] = await tx
      .select({ role: intervisionMember.role })
      .from(intervisionMember)
      .where(and(eq(intervisionMember.groupId, session.groupId), eq(intervisionMember.userId, viewer.id)));
    if (!member) throw new SessionError("error.session.rsvpNotMember", 403);
    if (session.cancelledAt) throw new SessionError("error.session.cancelled", 409);
    if (session.startsAt.getTime() <= now.getTime()) throw new SessionError("error.session.started", 409);
    const [current] = await tx
      .select({ status: sessionRsvp.status })
      .from(sessionRsvp)
      .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.userId, viewer.id)));

    if (answer === "yes") {
      if (current && (current.status === "going" || current.status === "waitlist")) {
        return { status: current.status as RsvpStatus, promoted: [], title: session.title };
      }
      const status: RsvpStatus = (await goingCount(tx, sessionId)) < session.capacity ? "going" : "waitlist";
      const queue = {
        answer,
        status,
        queuedAt: sql`clock_timestamp()`,
        updatedAt: new Date(),
      } as const;
      await tx
        .insert(sessionRsvp)
        .values({ sessionId, userId: viewer.id, ...queue })
        .onConflictDoUpdate({
          target: [sessionRsvp.sessionId, sessionRsvp.userId],
          set: { ...queue, queueSeq: sql`nextval('session_rsvp_queue_seq_seq')` },
        });
      return { status, promoted: [], title: session.title };
    }

    const status: RsvpStatus = answer === "no" ? "not_going" : "maybe";
    const values = { answer, status, queuedAt: null, updatedAt: new Date() } as const;
    await tx
      .insert(sessionRsvp)
      .values({ sessionId, userId: viewer.id, ...values })
      .onConflictDoUpdate({ target: [sessionRsvp.sessionId, sessionRsvp.userId], set: values });
    const promoted =
      current?.status === "going" ? await promoteWaitlist(tx, sessionId, session.capacity) : [];
    return { status, promoted, title: session.title };
  });
  await notifyPromoted(db, sessionId, result.title, result.promoted, options.mailEnv);
  return { status: result.status, promoted: result.promoted };
}

export interface Attendee {
  userId: string;
  name: string;
}

/** Built once: the session page runs it on every view. */
const attendanceRows = preparedFor((db) =>
  db
    .select({ userId: sessionRsvp.userId, name: user.name, status: sessionRsvp.status })
    .from(sessionRsvp)
    .innerJoin(user, eq(user.id, sessionRsvp.userId))
    .where(eq(sessionRsvp.sessionId, sql.placeholder("sessionId")))
    .orderBy(asc(sessionRsvp.queuedAt), asc(sessionRsvp.queueSeq))
    .prepare("attendance"),
);

/** Who is going, waiting (in order), maybe and not going. */
export async function listAttendance(db: DB, sessionId: number) {
  const rows = await attendanceRows(db).execute({ sessionId });
  const of = (status: RsvpStatus) =>
    rows.filter((r) => r.status === status).map((r) => ({ userId: r.userId, name: r.name }));
  return { going: of("going"), waitlist: of("waitlist"), maybe: of("maybe"), notGoing: of("not_going") };
}

/** A member's answer as it stands in the attendance list (listAttendance), or null. */
export function rsvpStatusIn(
  attendance: Record<"going" | "waitlist" | "maybe" | "notGoing", { userId: string }[]>,
  userId: string,
): RsvpStatus | null {
  const has = (list: { userId: string }[]) => list.some((a) => a.userId === userId);
  if (has(attendance.going)) return "going";
  if (has(attendance.waitlist)) return "waitlist";
  if (has(attendance.maybe)) return "maybe";
  if (has(attendance.notGoing)) return "not_going";
  return null;
}

export async function myRsvpStatus(db: DB, sessionId: number, userId: string): Promise<RsvpStatus | null> {
  const [row] = await db
    .select({ status: sessionRsvp.status })
    .from(sessionRsvp)
    .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.userId, userId)));
  return row?.status ?? null;
}
