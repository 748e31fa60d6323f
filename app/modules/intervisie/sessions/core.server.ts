// Intervision sessions, what every part shares: who is asking, the refusal type, the session row
// and access to it. The parts: planning, rsvp (answers, capacity, waitlist), lists, roles,
// notes, ratings, reminders (docs/domain.md §8).

import { and, eq, sql } from "drizzle-orm";
import { AppError, type ErrorKey, type ErrorParams } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import {
  intervisionGroup,
  intervisionMember,
  intervisionSession,
  type SessionRoles,
} from "#db/schema/intervisie.ts";
import type { Role } from "../../auth/permissions.ts";
import { accessFor, type GroupAccess, groupAccess } from "../access.server.ts";

export type Viewer = { id: string; role: Role };
export type RsvpStatus = "going" | "waitlist" | "not_going" | "maybe";
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

/** A refusal (a message key) and the HTTP status a route should answer with. */
export class SessionError extends AppError {
  constructor(key: ErrorKey, status = 400, params?: ErrorParams) {
    super(key, { status, params });
  }
}

export const notFound = () => new SessionError("error.session.notFound", 404);
export const noAccess = () => new SessionError("error.session.noAccess", 403);

export async function requireManage(db: DB, groupId: number, viewer: Viewer): Promise<GroupAccess> {
  const access = await groupAccess(db, groupId, viewer);
  if (!access.canView) throw noAccess();
  if (!access.canManage) throw new SessionError("error.session.notManager", 403);
  return access;
}

export async function groupMemberIds(db: DB | Tx, groupId: number): Promise<string[]> {
  const rows = await db
    .select({ userId: intervisionMember.userId })
    .from(intervisionMember)
    .where(eq(intervisionMember.groupId, groupId));
  return rows.map((r) => r.userId);
}

/** A group's id, name and size limit, or null. */
export const sessionLink = (id: number) => `/intervisie/sessies/${id}`;

export interface SessionRow {
  id: number;
  groupId: number;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  onlineUrl: string | null;
  address: string | null;
  method: string;
  capacity: number;
  roles: SessionRoles;
  notes: string;
  notesVersion: number;
  sequence: number;
  createdAt: Date;
  cancelledAt: Date | null;
  reminderSentAt: Date | null;
}

export const sessionColumns = {
  id: intervisionSession.id,
  groupId: intervisionSession.groupId,
  title: intervisionSession.title,
  startsAt: intervisionSession.startsAt,
  durationMinutes: intervisionSession.durationMinutes,
  onlineUrl: intervisionSession.onlineUrl,
  address: intervisionSession.address,
  method: intervisionSession.method,
  capacity: intervisionSession.capacity,
  roles: intervisionSession.roles,
  notes: intervisionSession.notes,
  notesVersion: intervisionSession.notesVersion,
  sequence: intervisionSession.sequence,
  createdAt: intervisionSession.createdAt,
  cancelledAt: intervisionSession.cancelledAt,
  reminderSentAt: intervisionSession.reminderSentAt,
};

export async function getSession(db: DB, id: number): Promise<SessionRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db.select(sessionColumns).from(intervisionSession).where(eq(intervisionSession.id, id));
  return row ?? null;
}

/** The session, its group's name and the viewer's membership: built once, every session page. */
const sessionWithAccess = preparedFor((db) =>
  db
    .select({ ...sessionColumns, groupName: intervisionGroup.name, membership: intervisionMember.role })
    .from(intervisionSession)
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionSession.groupId))
    .leftJoin(
      intervisionMember,
      and(
        eq(intervisionMember.groupId, intervisionSession.groupId),
        eq(intervisionMember.userId, sql.placeholder("viewerId")),
      ),
    )
    .where(eq(intervisionSession.id, sql.placeholder("id")))
    .prepare("session_with_access"),
);

/**
 * The session and the viewer's access to it (and its group's name); 404 when it does not
 * exist, 403 for outsiders. One statement: the session, the group and the viewer's membership.
 */
export async function requireSessionAccess(
  db: DB,
  id: number,
  viewer: Viewer,
): Promise<{ session: SessionRow; access: GroupAccess; groupName: string }> {
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  const [row] = await sessionWithAccess(db).execute({ id, viewerId: viewer.id });
  if (!row) throw notFound();
  const { groupName, membership, ...session } = row;
  const access = accessFor(membership ?? null, viewer);
  if (!access.canView) throw noAccess();
  return { session, access, groupName };
}

// ---------------------------------------------------------------------------------------------
// For routes

/** A route parameter as a positive id, or 0 (which matches nothing). */
