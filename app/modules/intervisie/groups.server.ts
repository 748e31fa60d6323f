// Intervision groups as members meet them: browse open groups by topic and type (no names of
// members: those are for the group), a group's page, requests to join that the facilitator or a
// moderator decides, leaving a group, and the facilitator's settings.

import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError, type ErrorKey, type ErrorMessage, type ErrorParams } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { institution, user } from "#db/schema/auth.ts";
import {
  intervisionGroup,
  intervisionMember,
  intervisionParticipant,
  joinRequest,
} from "#db/schema/intervisie.ts";
import { audit } from "../audit.server.ts";
import { confirmedInstitutionOfUser } from "../auth/institutions.server.ts";
import { can } from "../auth/permissions.ts";
import type { SessionUser } from "../auth/session.server.ts";
import { type MailEnv, notify } from "../notifications/notifications.server.ts";
import { type TopicKey, topics } from "../taxonomy.ts";
import { releaseComingSeats } from "./personal-data.server.ts";
import type { MatchReason } from "./reasons.ts";

export class GroupError extends AppError {
  declare readonly status: 400 | 403 | 404 | 409;
  constructor(key: ErrorKey, status: 400 | 403 | 404 | 409 = 409, params?: ErrorParams) {
    super(key, { status, params });
  }
}

export interface GroupCard {
  id: number;
  name: string;
  institutionType: string;
  topics: TopicKey[];
  size: number;
  maxSize: number;
  open: boolean;
  isMember: boolean;
  requestPending: boolean;
}

const knownTopics = new Set<string>(topics.map((t) => t.key));
const asTopics = (keys: readonly string[]) => keys.filter((k) => knownTopics.has(k)) as TopicKey[];

async function memberCounts(db: DB, groupIds: number[]): Promise<Map<number, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .select({ groupId: intervisionMember.groupId, n: count() })
    .from(intervisionMember)
    .where(inArray(intervisionMember.groupId, groupIds))
    .groupBy(intervisionMember.groupId);
  return new Map(rows.map((r) => [r.groupId, r.n]));
}

/** Open, active groups, filtered by topic and institution type; for the member who browses. */
export async function listOpenGroups(
  db: DB,
  viewerId: string,
  filter: { topic?: string | null; type?: string | null } = {},
): Promise<GroupCard[]> {
  const groups = await db
    .select()
    .from(intervisionGroup)
    .where(and(eq(intervisionGroup.open, true), isNull(intervisionGroup.closedAt)))
    .orderBy(asc(intervisionGroup.name), asc(intervisionGroup.id));
  const filtered = groups.filter(
    (g) =>
      (!filter.topic || g.topics.includes(filter.topic)) &&
      (!filter.type || g.institutionType === filter.type),
  );
  const ids = filtered.map((g) => g.id);
  const counts = await memberCounts(db, ids);
  const mine = ids.length
    ? await db
        .select({ groupId: intervisionMember.groupId })
        .from(intervisionMember)
        .where(and(eq(intervisionMember.userId, viewerId), inArray(intervisionMember.groupId, ids)))
    : [];
  const pending = ids.length
    ? await db
        .select({ groupId: joinRequest.groupId })
        .from(joinRequest)
        .where(
          and(
            eq(joinRequest.userId, viewerId),
            eq(joinRequest.status, "pending"),
            inArray(joinRequest.groupId, ids),
          ),
        )
    : [];
  const mineSet = new Set(mine.map((m) => m.groupId));
  const pendingSet = new Set(pending.map((p) => p.groupId));
  return filtered.map((g) => ({
    id: g.id,
    name: g.name,
    institutionType: g.institutionType,
    topics: asTopics(g.topics),
    size: counts.get(g.id) ?? 0,
    maxSize: g.maxSize,
    open: g.open,
    isMember: mineSet.has(g.id),
    requestPending: pendingSet.has(g.id),
  }));
}

/** The viewer's own active groups. */
export async function listMyGroups(db: DB, userId: string) {
  return db
    .select({
      id: intervisionGroup.id,
      name: intervisionGroup.name,
      role: intervisionMember.role,
      institutionType: intervisionGroup.institutionType,
    })
    .from(intervisionMember)
    .innerJoin(intervisionGroup, eq(intervisionGroup.id, intervisionMember.groupId))
    .where(and(eq(intervisionMember.userId, userId), isNull(intervisionGroup.closedAt)))
    .orderBy(asc(intervisionGroup.name));
}

/** Every group, for moderators. */
export async function listAllGroups(db: DB) {
  const groups = await db
    .select()
    .from(intervisionGroup)
    .orderBy(asc(intervisionGroup.closedAt), desc(intervisionGroup.createdAt));
  const counts = await memberCounts(
    db,
    groups.map((g) => g.id),
  );
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    institutionType: g.institutionType,
    topics: asTopics(g.topics),
    size: counts.get(g.id) ?? 0,
    open: g.open,
    closed: g.closedAt !== null,
    matchScore: g.matchScore ?? null,
  }));
}

export interface GroupDetail {
  id: number;
  name: string;
  institutionType: string;
  topics: TopicKey[];
  open: boolean;
  closed: boolean;
  maxSize: number;
  matchScore: number | null;
  members: {
    userId: string;
    name: string;
    institutionName: string | null;
    institutionType: string | null;
    role: "member" | "facilitator";
    reasons: MatchReason[];
  }[];
}

/** A group's row, and its members with names and institutions: built once (the group page). */
const groupRow = preparedFor((db) =>
  db
    .select()
    .from(intervisionGroup)
    .where(eq(intervisionGroup.id, sql.placeholder("groupId")))
    .prepare("group_row"),
);
const groupMemberRows = preparedFor((db) =>
  db
    .select({
      userId: intervisionMember.userId,
      name: user.name,
      institutionName: institution.name,
      institutionType: institution.type,
      role: intervisionMember.role,
      reasons: intervisionMember.reasons,
    })
    .from(intervisionMember)
    .innerJoin(user, eq(user.id, intervisionMember.userId))
    .leftJoin(institution, confirmedInstitutionOfUser)
    .where(eq(intervisionMember.groupId, sql.placeholder("groupId")))
    .orderBy(desc(intervisionMember.role), asc(user.name))
    .prepare("group_members"),
);

/** A group with its members (names, institutions, reasons): only for members and moderators. */
export async function getGroup(db: DB, groupId: number): Promise<GroupDetail | null> {
  if (!Number.isSafeInteger(groupId) || groupId <= 0) return null;
  // Both at once: one round trip's wait instead of two.
  const [[g], members] = await Promise.all([
    groupRow(db).execute({ groupId }),
    groupMemberRows(db).execute({ groupId }),
  ]);
  if (!g) return null;
  return {
    id: g.id,
    name: g.name,
    institutionType: g.institutionType,
    topics: asTopics(g.topics),
    open: g.open,
    closed: g.closedAt !== null,
    maxSize: g.maxSize,
    matchScore: g.matchScore ?? null,
    members,
  };
}

/** The public face of a group for someone who may ask to join: no member names. */
export async function getGroupCard(db: DB, groupId: number, viewerId: string): Promise<GroupCard | null> {
  const [g] = await db.select().from(intervisionGroup).where(eq(intervisionGroup.id, groupId));
  if (!g || g.closedAt) return null;
  const counts = await memberCounts(db, [g.id]);
  const [pending] = await db
    .select({ id: joinRequest.id })
    .from(joinRequest)
    .where(
      and(eq(joinRequest.groupId, g.id), eq(joinRequest.userId, viewerId), eq(joinRequest.status, "pending")),
    );
  return {
    id: g.id,
    name: g.name,
    institutionType: g.institutionType,
    topics: asTopics(g.topics),
    size: counts.get(g.id) ?? 0,
    maxSize: g.maxSize,
    open: g.open,
    isMember: false,
    requestPending: Boolean(pending),
  };
}

async function managers(db: DB, groupId: number): Promise<string[]> {
  const facilitators = await db
    .select({ userId: intervisionMember.userId })
    .from(intervisionMember)
    .where(and(eq(intervisionMember.groupId, groupId), eq(intervisionMember.role, "facilitator")));
  if (facilitators.length > 0) return facilitators.map((f) => f.userId);
  const moderators = await db
    .select({ id: user.id, role: user.role })
    .from(user)
    .where(and(inArray(user.role, ["moderator", "admin"]), isNull(user.deletedAt)));
  return moderators.filter((m) => can(m.role, "run:matching")).map((m) => m.id);
}

/** Why the user can't be added to the group, or null. */
async function admissionProblem(db: DB, groupId: number, userId: string): Promise<ErrorMessage | null> {
  const [g] = await db.select().from(intervisionGroup).where(eq(intervisionGroup.id, groupId));
  if (!g || g.closedAt) return { key: "error.group.gone" };
  const members = await db
    .select({ userId: intervisionMember.userId, institutionId: user.institutionId })
    .from(intervisionMember)
    .innerJoin(user, eq(user.id, intervisionMember.userId))
    .where(eq(intervisionMember.groupId, groupId));
  if (members.some((m) => m.userId === userId)) return { key: "error.group.alreadyMember" };
  if (members.length >= g.maxSize) return { key: "error.group.full", params: { max: g.maxSize } };
  const [candidate] = await db
    .select({ institutionId: user.institutionId })
    .from(user)
    .where(eq(user.id, userId));
  if (candidate?.institutionId && members.some((m) => m.institutionId === candidate.institutionId))
    return { key: "error.group.colleagueInGroup" };
  return null;
}

export async function requestToJoin(
  db: DB,
  member: SessionUser,
  groupId: number,
  message: string,
  mailEnv?: MailEnv,
): Promise<void> {
  if (!member.institutionId)
    throw new GroupError(
      member.requestedInstitutionId ? "error.group.institutionPending" : "error.group.noInstitution",
      400,
    );
  const [participant] = await db
    .select({ userId: intervisionParticipant.userId })
    .from(intervisionParticipant)
    .where(eq(intervisionParticipant.userId, member.id));
  if (!participant) throw new GroupError("error.group.notParticipant", 400);
  const [g] = await db.select().from(intervisionGroup).where(eq(intervisionGroup.id, groupId));
  if (!g || g.closedAt) throw new GroupError("error.group.notFound", 404);
  if (!g.open) throw new GroupError("error.group.closed");
  const problem = await admissionProblem(db, groupId, member.id);
  if (problem) throw new GroupError(problem.key, 409, problem.params);
  const inserted = await db
    .insert(joinRequest)
    .values({ groupId, userId: member.id, message: message.trim().slice(0, 1000) })
    .onConflictDoNothing()
    .returning({ id: joinRequest.id });
  if (inserted.length === 0) throw new GroupError("error.group.alreadyRequested");
  await audit(db, {
    actorId: member.id,
    action: "intervisie.aanvraag.ingediend",
    subject: `group:${groupId}`,
  });
  await notify(
    db,
    await managers(db, groupId),
    (t) => ({
      title: t("notify.group.request.title", { name: member.name, group: g.name }),
      body: t("notify.group.request.body", { name: member.name, group: g.name }),
      link: `/intervisie/groepen/${groupId}#aanvragen`,
    }),
    mailEnv,
  );
}

export async function withdrawRequest(db: DB, memberId: string, groupId: number): Promise<void> {
  await db
    .update(joinRequest)
    .set({ status: "withdrawn", decidedAt: new Date() })
    .where(
      and(
        eq(joinRequest.groupId, groupId),
        eq(joinRequest.userId, memberId),
        eq(joinRequest.status, "pending"),
      ),
    );
}

export function listPendingRequests(db: DB, groupId: number) {
  return db
    .select({
      id: joinRequest.id,
      userId: joinRequest.userId,
      name: user.name,
      institutionName: institution.name,
      institutionType: institution.type,
      message: joinRequest.message,
      createdAt: joinRequest.createdAt,
    })
    .from(joinRequest)
    .innerJoin(user, eq(user.id, joinRequest.userId))
    .leftJoin(institution, confirmedInstitutionOfUser)
    .where(and(eq(joinRequest.groupId, groupId), eq(joinRequest.status, "pending")))
    .orderBy(asc(joinRequest.createdAt));
}

/** The facilitator or a moderator accepts or declines; on accept the group's rules are checked again. */
export async function decideRequest(
  db: DB,
  actorId: string,
  groupId: number,
  requestId: number,
  accept: boolean,
  mailEnv?: MailEnv,
): Promise<void> {
  const [request] = await db
    .select()
    .from(joinRequest)
    .where(and(eq(joinRequest.id, requestId), eq(joinRequest.groupId, groupId)));
  if (!request) throw new GroupError("error.group.requestNotFound", 404);
  if (request.status !== "pending") throw new GroupError("error.group.requestDecided");
  const [g] = await db
    .select({ name: intervisionGroup.name })
    .from(intervisionGroup)
    .where(eq(intervisionGroup.id, groupId));
  await db.transaction(async (tx) => {
    // The group's row is locked, so two decisions at once cannot both take the last seat.
    await tx
      .select({ id: intervisionGroup.id })
      .from(intervisionGroup)
      .where(eq(intervisionGroup.id, groupId))
      .for("update");
    if (accept) {
      const problem = await admissionProblem(tx, groupId, request.userId);
      if (problem) throw new GroupError("error.group.cannotAdmit", 409, { problem });
    }
    const decided = await tx
      .update(joinRequest)
      .set({ status: accept ? "accepted" : "declined", decidedBy: actorId, decidedAt: new Date() })
      .where(and(eq(joinRequest.id, requestId), eq(joinRequest.status, "pending")))
      .returning({ id: joinRequest.id });
    if (decided.length === 0) throw new GroupError("error.group.requestDecided");
    if (accept)
      await tx
        .insert(intervisionMember)
        .values({ groupId, userId: request.userId, role: "member", reasons: [{ code: "admitted" }] });
    await audit(tx, {
      actorId,
      action: accept ? "intervisie.aanvraag.toegelaten" : "intervisie.aanvraag.afgewezen",
      subject: `group:${groupId}`,
      details: { userId: request.userId },
    });
  });
  await notify(
    db,
    [request.userId],
    (t) => {
      const group = g?.name ?? t("notify.group.theGroup");
      return accept
        ? {
            title: t("notify.group.accepted.title", { group }),
            body: t("notify.group.accepted.body", { group }),
            link: `/intervisie/groepen/${groupId}`,
          }
        : {
            title: t("notify.group.declined.title", { group }),
            body: t("notify.group.declined.body"),
            link: "/intervisie/groepen",
          };
    },
    mailEnv,
  );
}

export async function leaveGroup(
  db: DB,
  memberId: string,
  groupId: number,
  mailEnv?: MailEnv,
): Promise<void> {
  await releaseComingSeats(db, memberId, groupId, mailEnv);
  const removed = await db
    .delete(intervisionMember)
    .where(and(eq(intervisionMember.groupId, groupId), eq(intervisionMember.userId, memberId)))
    .returning({ role: intervisionMember.role });
  if (removed.length === 0) throw new GroupError("error.group.notMember", 400);
  await audit(db, { actorId: memberId, action: "intervisie.groep.verlaten", subject: `group:${groupId}` });
}

/** Name, whether it takes new members, and who facilitates; by the facilitator or a moderator. */
export async function updateGroupSettings(
  db: DB,
  actorId: string,
  groupId: number,
  settings: { name: string; open: boolean; facilitatorId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const members = await tx
      .select({ userId: intervisionMember.userId })
      .from(intervisionMember)
      .where(eq(intervisionMember.groupId, groupId));
    if (!members.some((m) => m.userId === settings.facilitatorId))
      throw new GroupError("error.group.facilitatorNotMember", 400);
    await tx
      .update(intervisionGroup)
      .set({ name: settings.name, open: settings.open })
      .where(eq(intervisionGroup.id, groupId));
    await tx.update(intervisionMember).set({ role: "member" }).where(eq(intervisionMember.groupId, groupId));
    await tx
      .update(intervisionMember)
      .set({ role: "facilitator" })
      .where(
        and(eq(intervisionMember.groupId, groupId), eq(intervisionMember.userId, settings.facilitatorId)),
      );
    await audit(tx, {
      actorId,
      action: "intervisie.groep.gewijzigd",
      subject: `group:${groupId}`,
      details: settings,
    });
  });
}
