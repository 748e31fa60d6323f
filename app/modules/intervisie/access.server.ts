// Who may see and do what in a group. A group's pages, sessions, notes and members are for its
// members and for moderators (run:matching); the facilitator plans sessions and decides on join
// requests, as does a moderator.

import { and, eq } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { type GroupRole, intervisionMember } from "#db/schema/intervisie.ts";
import { can, type Role } from "../auth/permissions.ts";

export interface GroupAccess {
  /** The viewer's role in the group, or null when not a member. */
  membership: GroupRole | null;
  isModerator: boolean;
  /** Member or moderator: may see the group's members, sessions and notes. */
  canView: boolean;
  /** Facilitator or moderator: plans sessions, decides on join requests. */
  canManage: boolean;
}

export async function groupAccess(
  db: DB,
  groupId: number,
  viewer: { id: string; role: Role },
): Promise<GroupAccess> {
  const [row] = await db
    .select({ role: intervisionMember.role })
    .from(intervisionMember)
    .where(and(eq(intervisionMember.groupId, groupId), eq(intervisionMember.userId, viewer.id)));
  return accessFor(row?.role ?? null, viewer);
}

/** The same, from a membership already read (a group page has its members at hand). */
export function accessFor(membership: GroupRole | null, viewer: { role: Role }): GroupAccess {
  const isModerator = can(viewer.role, "run:matching");
  return {
    membership,
    isModerator,
    canView: membership !== null || isModerator,
    canManage: membership === "facilitator" || isModerator,
  };
}
