// Session roles: facilitator, case owner, timekeeper, note-taker (docs/domain.md §8).

import { asc, eq, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { user } from "#db/schema/auth.ts";
import { intervisionMember, intervisionSession, type SessionRoles } from "#db/schema/intervisie.ts";
import { audit } from "../../audit.server.ts";
import { findMethod, sessionRoles } from "../methods.ts";
import { getSession, notFound, requireManage, SessionError, type Viewer } from "./core.server.ts";
import type { Attendee } from "./rsvp.server.ts";

/** Built once: the session page runs it on every view. */
const groupMemberNames = preparedFor((db) =>
  db
    .select({ userId: intervisionMember.userId, name: user.name })
    .from(intervisionMember)
    .innerJoin(user, eq(user.id, intervisionMember.userId))
    .where(eq(intervisionMember.groupId, sql.placeholder("groupId")))
    .orderBy(asc(user.name))
    .prepare("group_member_names"),
);

export async function groupMembers(db: DB, groupId: number): Promise<Attendee[]> {
  return groupMemberNames(db).execute({ groupId });
}

/** Assigns the method's roles to members of the group ("" leaves a role open). */
export async function assignRoles(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  roles: Record<string, string>,
): Promise<SessionRoles> {
  const session = await getSession(db, sessionId);
  if (!session) throw notFound();
  await requireManage(db, session.groupId, viewer);
  const method = findMethod(session.method);
  const allowed = new Set<string>(method?.roles ?? sessionRoles.map((r) => r.key));
  const members = new Set((await groupMembers(db, session.groupId)).map((m) => m.userId));
  const next: SessionRoles = {};
  for (const [key, userId] of Object.entries(roles)) {
    if (!allowed.has(key)) throw new SessionError("error.session.roleNotInMethod");
    if (!userId) continue;
    if (!members.has(userId)) throw new SessionError("error.session.roleNotMember");
    next[key] = userId;
  }
  await db.update(intervisionSession).set({ roles: next }).where(eq(intervisionSession.id, sessionId));
  await audit(db, {
    actorId: viewer.id,
    action: "intervisie.sessie.rollen",
    subject: `intervisie-sessie:${sessionId}`,
    details: { roles: next },
  });
  return next;
}
