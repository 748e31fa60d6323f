// Lists of sessions for the group page and the member's agenda.

import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { intervisionGroup, intervisionMember, intervisionSession } from "#db/schema/intervisie.ts";
import type { RsvpStatus } from "./core.server.ts";

export interface GroupSessionItem {
  id: number;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  cancelled: boolean;
  going: number;
  waitlist: number;
  capacity: number;
  myStatus: RsvpStatus | null;
}

/** Built once: the group page runs it on every view. */
const groupSessionRows = preparedFor((db) =>
  db
    .select({
      id: intervisionSession.id,
      title: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      durationMinutes: intervisionSession.durationMinutes,
      cancelledAt: intervisionSession.cancelledAt,
      capacity: intervisionSession.capacity,
      going: sql<number>`(select count(*)::int from session_rsvp r where r.session_id = ${intervisionSession.id} and r.status = 'going')`,
      waitlist: sql<number>`(select count(*)::int from session_rsvp r where r.session_id = ${intervisionSession.id} and r.status = 'waitlist')`,
      myStatus: sql<RsvpStatus | null>`(select r.status from session_rsvp r where r.session_id = ${intervisionSession.id} and r.user_id = ${sql.placeholder("userId")})`,
    })
    .from(intervisionSession)
    .where(eq(intervisionSession.groupId, sql.placeholder("groupId")))
    .orderBy(asc(intervisionSession.startsAt), asc(intervisionSession.id))
    .prepare("group_sessions"),
);

/** A group's sessions, oldest first, with the counts and the viewer's own status. */
export async function listGroupSessions(
  db: DB,
  groupId: number,
  userId: string,
): Promise<GroupSessionItem[]> {
  const rows = await groupSessionRows(db).execute({ groupId, userId });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startsAt: new Date(r.startsAt),
    durationMinutes: r.durationMinutes,
    cancelled: r.cancelledAt !== null,
    going: Number(r.going),
    waitlist: Number(r.waitlist),
    capacity: r.capacity,
    myStatus: r.myStatus ?? null,
  }));
}

export interface MemberSessionItem {
  id: number;
  groupId: number;
  groupName: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  onlineUrl: string | null;
  address: string | null;
  method: string;
  sequence: number;
  cancelled: boolean;
  myStatus: RsvpStatus | null;
}

/** Sessions of all the member's groups (from `since`), for the agenda page and the feed. */
export async function listMemberSessions(
  db: DB,
  userId: string,
  options: { since?: Date } = {},
): Promise<MemberSessionItem[]> {
  const conditions = [eq(intervisionMember.userId, userId)];
  if (options.since) conditions.push(gt(intervisionSession.startsAt, options.since));
  const rows = await db
    .select({
      id: intervisionSession.id,
      groupId: intervisionSession.groupId,
      groupName: intervisionGroup.name,
      title: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      durationMinutes: intervisionSession.durationMinutes,
      onlineUrl: intervisionSession.onlineUrl,
      address: intervisionSession.address,
      method: intervisionSession.method,
      sequence: intervisionSession.sequence,
      cancelledAt: intervisionSession.cancelledAt,
      myStatus: sql<RsvpStatus | null>`(select r.status from session_rsvp r where r.session_id = ${intervisionSession.id} and r.user_id = ${userId})`,
    })
    .from(intervisionSession)
    .innerJoin(intervisionMember, eq(intervisionMember.groupId, intervisionSession.groupId))
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionSession.groupId))
    .where(and(...conditions))
    .orderBy(asc(intervisionSession.startsAt), asc(intervisionSession.id));
  return rows.map(({ cancelledAt, ...r }) => ({
    ...r,
    startsAt: new Date(r.startsAt),
    cancelled: cancelledAt !== null,
    myStatus: r.myStatus ?? null,
  }));
}
