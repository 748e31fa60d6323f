// Intervision sessions: planning (by the facilitator or a moderator), answers with a capacity
// and an automatic waitlist, roles, notes for the group, ratings afterwards, reminders the day
// before. See docs/domain.md §8.
//
// Capacity: answering, cancelling and changing the capacity each run in one transaction that
// first locks the session row (SELECT … FOR UPDATE), so concurrent answers never exceed it. The
// waitlist is ordered by queuedAt (clock_timestamp() taken under the lock) and then queueSeq.

import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { DB } from "#db/client.server.ts";
import { user } from "#db/schema/auth.ts";
import {
  intervisionGroup,
  intervisionMember,
  intervisionSession,
  type RsvpAnswer,
  type SessionRoles,
  sessionRating,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import { audit } from "../audit.server.ts";
import type { Role } from "../auth/permissions.ts";
import { type MailEnv, notify } from "../notifications/notifications.server.ts";
import { type GroupAccess, groupAccess } from "./access.server.ts";
import { amsterdamToUtc, formatSessionTime, utcToAmsterdam } from "./amsterdam-time.ts";
import { findMethod, methods, sessionRoles } from "./methods.ts";

export type Viewer = { id: string; role: Role };
export type RsvpStatus = "going" | "waitlist" | "not_going" | "maybe";
type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

/** A refusal with a Dutch message and the HTTP status a route should answer with. */
export class SessionError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const notFound = () => new SessionError("Deze bijeenkomst bestaat niet.", 404);
const noAccess = () => new SessionError("Deze bijeenkomst is alleen voor de leden van de groep.", 403);

// ---------------------------------------------------------------------------------------------
// Planning

export interface SessionInput {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  onlineUrl: string | null;
  address: string | null;
  method: string;
  capacity: number;
}

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null));

const formSchema = z
  .object({
    title: z
      .string({ required_error: "Geef de bijeenkomst een titel." })
      .trim()
      .min(3, "Geef de bijeenkomst een titel van ten minste 3 tekens.")
      .max(120, "De titel mag hooguit 120 tekens hebben."),
    date: z
      .string({ required_error: "Vul een datum in." })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-03-12."),
    time: z
      .string({ required_error: "Vul een begintijd in." })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Vul een begintijd in als uu:mm, bijvoorbeeld 14:00."),
    durationMinutes: z.coerce
      .number({ invalid_type_error: "Vul de duur in minuten in." })
      .int("Vul de duur in hele minuten in.")
      .min(15, "Een bijeenkomst duurt ten minste 15 minuten.")
      .max(480, "Een bijeenkomst duurt hooguit 480 minuten (8 uur)."),
    onlineUrl: optionalText(500, "De link mag hooguit 500 tekens hebben.").refine(
      (v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v),
      "Vul een volledige link in die begint met https://.",
    ),
    address: optionalText(300, "Het adres mag hooguit 300 tekens hebben."),
    method: z.enum(methods.map((m) => m.key) as [string, ...string[]], {
      errorMap: () => ({ message: "Kies een intervisiemethode uit de lijst." }),
    }),
    capacity: z.coerce
      .number({ invalid_type_error: "Vul het aantal plaatsen in." })
      .int("Vul een heel aantal plaatsen in.")
      .min(1, "Er is ten minste 1 plaats nodig.")
      .max(50, "Hooguit 50 plaatsen."),
  })
  .superRefine((value, ctx) => {
    if (!value.onlineUrl && !value.address) {
      ctx.addIssue({
        code: "custom",
        path: ["address"],
        message: "Vul een adres of een online link in (of allebei).",
      });
    }
  });

/** The form's values as strings, for showing them again. */
export type SessionFormValues = Record<
  "title" | "date" | "time" | "durationMinutes" | "onlineUrl" | "address" | "method" | "capacity",
  string
>;

export function formValuesFrom(form: FormData | Record<string, string>): SessionFormValues {
  const get = (k: string) => {
    const v = form instanceof FormData ? form.get(k) : form[k];
    return typeof v === "string" ? v : "";
  };
  return {
    title: get("title"),
    date: get("date"),
    time: get("time"),
    durationMinutes: get("durationMinutes"),
    onlineUrl: get("onlineUrl"),
    address: get("address"),
    method: get("method"),
    capacity: get("capacity"),
  };
}

/**
 * Validates the planning form. The date and time are Amsterdam wall-clock time; a time that
 * does not exist (the skipped hour in March) is refused. `now` set: the start must be later.
 */
export function parseSessionForm(
  values: SessionFormValues,
  options: { now?: Date } = {},
): { ok: true; value: SessionInput } | { ok: false; errors: Record<string, string> } {
  const raw = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  const result = formSchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  }
  // The moment itself, also checked when other fields are wrong, so every problem shows at once.
  let startsAt: Date | null = null;
  if (!errors.date && !errors.time) {
    startsAt = amsterdamToUtc(values.date.trim(), values.time.trim());
    if (!startsAt) {
      const [y, m, d] = values.date.trim().split("-").map(Number) as [number, number, number];
      const realDate = m >= 1 && m <= 12 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
      if (realDate) {
        errors.time =
          "Dit tijdstip bestaat niet in Nederland: de klok gaat die nacht van 2:00 naar 3:00 (zomertijd). Kies een ander tijdstip.";
      } else {
        errors.date = "Deze datum bestaat niet. Vul een datum in als jjjj-mm-dd.";
      }
    } else if (options.now && startsAt.getTime() <= options.now.getTime()) {
      errors.date = "Kies een datum en tijd in de toekomst.";
    }
  }
  if (!result.success || !startsAt || Object.keys(errors).length > 0) return { ok: false, errors };
  const v = result.data;
  return {
    ok: true,
    value: {
      title: v.title,
      startsAt,
      durationMinutes: v.durationMinutes,
      onlineUrl: v.onlineUrl,
      address: v.address,
      method: v.method,
      capacity: v.capacity,
    },
  };
}

async function requireManage(db: DB, groupId: number, viewer: Viewer): Promise<GroupAccess> {
  const access = await groupAccess(db, groupId, viewer);
  if (!access.canView) throw noAccess();
  if (!access.canManage)
    throw new SessionError("Alleen de gespreksleider van de groep of een moderator kan dit doen.", 403);
  return access;
}

async function groupMemberIds(db: DB | Tx, groupId: number): Promise<string[]> {
  const rows = await db
    .select({ userId: intervisionMember.userId })
    .from(intervisionMember)
    .where(eq(intervisionMember.groupId, groupId));
  return rows.map((r) => r.userId);
}

/** A group's id, name and size limit, or null. */
export async function getGroup(db: DB, groupId: number) {
  if (!Number.isSafeInteger(groupId) || groupId <= 0) return null;
  const [row] = await db
    .select({
      id: intervisionGroup.id,
      name: intervisionGroup.name,
      maxSize: intervisionGroup.maxSize,
      closedAt: intervisionGroup.closedAt,
    })
    .from(intervisionGroup)
    .where(eq(intervisionGroup.id, groupId));
  return row ?? null;
}

export async function groupName(db: DB, groupId: number): Promise<string> {
  return (await getGroup(db, groupId))?.name ?? "";
}

const sessionLink = (id: number) => `/intervisie/sessies/${id}`;

/** Plans a session for a group; the members get a notification (and an e-mail with mailEnv). */
export async function planSession(
  db: DB,
  viewer: Viewer,
  groupId: number,
  input: SessionInput,
  mailEnv?: MailEnv,
): Promise<number> {
  const group = await getGroup(db, groupId);
  if (!group) throw new SessionError("Deze groep bestaat niet.", 404);
  await requireManage(db, groupId, viewer);
  if (group.closedAt)
    throw new SessionError("Deze groep is opgeheven; er kunnen geen bijeenkomsten meer bij.", 409);
  const [row] = await db
    .insert(intervisionSession)
    .values({ groupId, ...input, createdBy: viewer.id })
    .returning({ id: intervisionSession.id });
  const id = row!.id;
  await audit(db, {
    actorId: viewer.id,
    action: "intervisie.sessie.gepland",
    subject: `intervisie-sessie:${id}`,
    details: { groupId, title: input.title, startsAt: input.startsAt.toISOString() },
  });
  const members = (await groupMemberIds(db, groupId)).filter((u) => u !== viewer.id);
  await notify(
    db,
    members,
    {
      title: `Nieuwe bijeenkomst: ${input.title}`,
      body: `${group.name} komt bijeen op ${formatSessionTime(input.startsAt, "nl", input.durationMinutes)}. Laat weten of je komt.`,
      link: sessionLink(id),
    },
    mailEnv,
  );
  return id;
}

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

const sessionColumns = {
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

/** The session and the viewer's access to it; 404 when it does not exist, 403 for outsiders. */
export async function requireSessionAccess(
  db: DB,
  id: number,
  viewer: Viewer,
): Promise<{ session: SessionRow; access: GroupAccess }> {
  const session = await getSession(db, id);
  if (!session) throw notFound();
  const access = await groupAccess(db, session.groupId, viewer);
  if (!access.canView) throw noAccess();
  return { session, access };
}

/** The planning form's values for an existing session (Amsterdam time). */
export function sessionFormValues(session: SessionRow): SessionFormValues {
  const local = utcToAmsterdam(session.startsAt);
  return {
    title: session.title,
    date: local.date,
    time: local.time,
    durationMinutes: String(session.durationMinutes),
    onlineUrl: session.onlineUrl ?? "",
    address: session.address ?? "",
    method: session.method,
    capacity: String(session.capacity),
  };
}

/**
 * Changes a planned session. A larger capacity moves waitlisted members up (in order); a
 * smaller one keeps everyone who is already going. A new time or place is announced.
 */
export async function updateSession(
  db: DB,
  viewer: Viewer,
  id: number,
  input: SessionInput,
  mailEnv?: MailEnv,
): Promise<void> {
  const existing = await getSession(db, id);
  if (!existing) throw notFound();
  await requireManage(db, existing.groupId, viewer);
  if (existing.cancelledAt)
    throw new SessionError("Deze bijeenkomst is afgezegd en kan niet meer worden gewijzigd.", 409);
  const promoted = await db.transaction(async (tx) => {
    await lockSession(tx, id);
    await tx
      .update(intervisionSession)
      .set({ ...input, sequence: sql`${intervisionSession.sequence} + 1` })
      .where(eq(intervisionSession.id, id));
    return promoteWaitlist(tx, id, input.capacity);
  });
  await audit(db, {
    actorId: viewer.id,
    action: "intervisie.sessie.gewijzigd",
    subject: `intervisie-sessie:${id}`,
    details: { title: input.title, startsAt: input.startsAt.toISOString(), capacity: input.capacity },
  });
  await notifyPromoted(db, id, input.title, promoted, mailEnv);
  const moved =
    existing.startsAt.getTime() !== input.startsAt.getTime() ||
    existing.durationMinutes !== input.durationMinutes ||
    existing.onlineUrl !== input.onlineUrl ||
    existing.address !== input.address;
  if (moved) {
    const members = (await groupMemberIds(db, existing.groupId)).filter((u) => u !== viewer.id);
    await notify(
      db,
      members,
      {
        title: `Bijeenkomst gewijzigd: ${input.title}`,
        body: `De bijeenkomst is nu op ${formatSessionTime(input.startsAt, "nl", input.durationMinutes)}${
          input.address ? `, ${input.address}` : ""
        }${input.onlineUrl ? ` (online: ${input.onlineUrl})` : ""}.`,
        link: sessionLink(id),
      },
      mailEnv,
    );
  }
}

/** Cancels a session; every member hears of it. Calendars get STATUS:CANCELLED. */
export async function cancelSession(db: DB, viewer: Viewer, id: number, mailEnv?: MailEnv): Promise<void> {
  const existing = await getSession(db, id);
  if (!existing) throw notFound();
  await requireManage(db, existing.groupId, viewer);
  if (existing.cancelledAt) return;
  await db
    .update(intervisionSession)
    .set({ cancelledAt: new Date(), sequence: sql`${intervisionSession.sequence} + 1` })
    .where(and(eq(intervisionSession.id, id), isNull(intervisionSession.cancelledAt)));
  await audit(db, {
    actorId: viewer.id,
    action: "intervisie.sessie.afgezegd",
    subject: `intervisie-sessie:${id}`,
    details: { title: existing.title },
  });
  const members = (await groupMemberIds(db, existing.groupId)).filter((u) => u !== viewer.id);
  await notify(
    db,
    members,
    {
      title: `Bijeenkomst afgezegd: ${existing.title}`,
      body: `De bijeenkomst van ${formatSessionTime(existing.startsAt, "nl", existing.durationMinutes)} gaat niet door.`,
      link: sessionLink(id),
    },
    mailEnv,
  );
}

// ---------------------------------------------------------------------------------------------
// Answers, capacity, waitlist

async function lockSession(tx: Tx, id: number) {
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

async function goingCount(tx: Tx, sessionId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(sessionRsvp)
    .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.status, "going")));
  return row?.n ?? 0;
}

/** Moves the first waitlisted members up while there is room; returns their ids. Call under the lock. */
async function promoteWaitlist(tx: Tx, sessionId: number, capacity: number): Promise<string[]> {
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

async function notifyPromoted(
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
    {
      title: `Er is plaats: je bent aangemeld voor ${title}`,
      body: `Er kwam een plaats vrij bij "${title}". Je stond op de wachtlijst en bent nu aangemeld. Kun je toch niet? Zeg dan af op de pagina van de bijeenkomst, dan komt de volgende aan de beurt.`,
      link: sessionLink(sessionId),
    },
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
    if (!member) throw new SessionError("Alleen leden van de groep kunnen zich aanmelden.", 403);
    if (session.cancelledAt) throw new SessionError("Deze bijeenkomst is afgezegd.", 409);
    if (session.startsAt.getTime() <= now.getTime())
      throw new SessionError("De bijeenkomst is al begonnen; je antwoord kan niet meer veranderen.", 409);
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

/** Who is going, waiting (in order), maybe and not going. */
export async function listAttendance(db: DB, sessionId: number) {
  const rows = await db
    .select({ userId: sessionRsvp.userId, name: user.name, status: sessionRsvp.status })
    .from(sessionRsvp)
    .innerJoin(user, eq(user.id, sessionRsvp.userId))
    .where(eq(sessionRsvp.sessionId, sessionId))
    .orderBy(asc(sessionRsvp.queuedAt), asc(sessionRsvp.queueSeq));
  const of = (status: RsvpStatus) =>
    rows.filter((r) => r.status === status).map((r) => ({ userId: r.userId, name: r.name }));
  return { going: of("going"), waitlist: of("waitlist"), maybe: of("maybe"), notGoing: of("not_going") };
}

export async function myRsvpStatus(db: DB, sessionId: number, userId: string): Promise<RsvpStatus | null> {
  const [row] = await db
    .select({ status: sessionRsvp.status })
    .from(sessionRsvp)
    .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.userId, userId)));
  return row?.status ?? null;
}

// ---------------------------------------------------------------------------------------------
// Lists for the group page and the agenda

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

/** A group's sessions, oldest first, with the counts and the viewer's own status. */
export async function listGroupSessions(
  db: DB,
  groupId: number,
  userId: string,
): Promise<GroupSessionItem[]> {
  const rows = await db
    .select({
      id: intervisionSession.id,
      title: intervisionSession.title,
      startsAt: intervisionSession.startsAt,
      durationMinutes: intervisionSession.durationMinutes,
      cancelledAt: intervisionSession.cancelledAt,
      capacity: intervisionSession.capacity,
      going: sql<number>`(select count(*)::int from session_rsvp r where r.session_id = ${intervisionSession.id} and r.status = 'going')`,
      waitlist: sql<number>`(select count(*)::int from session_rsvp r where r.session_id = ${intervisionSession.id} and r.status = 'waitlist')`,
      myStatus: sql<RsvpStatus | null>`(select r.status from session_rsvp r where r.session_id = ${intervisionSession.id} and r.user_id = ${userId})`,
    })
    .from(intervisionSession)
    .where(eq(intervisionSession.groupId, groupId))
    .orderBy(asc(intervisionSession.startsAt), asc(intervisionSession.id));
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

// ---------------------------------------------------------------------------------------------
// Roles

export async function groupMembers(db: DB, groupId: number): Promise<Attendee[]> {
  return db
    .select({ userId: intervisionMember.userId, name: user.name })
    .from(intervisionMember)
    .innerJoin(user, eq(user.id, intervisionMember.userId))
    .where(eq(intervisionMember.groupId, groupId))
    .orderBy(asc(user.name));
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
    if (!allowed.has(key)) throw new SessionError("Deze rol hoort niet bij de methode van de bijeenkomst.");
    if (!userId) continue;
    if (!members.has(userId)) throw new SessionError("Een rol kan alleen naar een lid van de groep gaan.");
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

// ---------------------------------------------------------------------------------------------
// Notes

export type NotesResult =
  | { ok: true; version: number }
  | {
      ok: false;
      /** The version saved meanwhile by someone else, and the text this user sent: nothing is lost. */
      conflict: { theirs: string; theirsVersion: number; mine: string };
    };

/**
 * Saves the group's notes when nobody saved in between (`baseVersion` is the version the
 * writer started from). On a conflict nothing is overwritten; both texts come back.
 */
export async function saveNotes(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  input: { notes: string; baseVersion: number },
): Promise<NotesResult> {
  const { access } = await requireSessionAccess(db, sessionId, viewer);
  // Notes are the group's own: moderators who are not members may not read or write them.
  if (access.membership === null) throw noAccess();
  if (input.notes.length > 50_000) throw new SessionError("De notities mogen hooguit 50.000 tekens hebben.");
  const [saved] = await db
    .update(intervisionSession)
    .set({ notes: input.notes, notesVersion: sql`${intervisionSession.notesVersion} + 1` })
    .where(and(eq(intervisionSession.id, sessionId), eq(intervisionSession.notesVersion, input.baseVersion)))
    .returning({ version: intervisionSession.notesVersion });
  if (saved) {
    await audit(db, {
      actorId: viewer.id,
      action: "intervisie.sessie.notities",
      subject: `intervisie-sessie:${sessionId}`,
      details: { version: saved.version },
    });
    return { ok: true, version: saved.version };
  }
  const current = (await getSession(db, sessionId))!;
  return {
    ok: false,
    conflict: { theirs: current.notes, theirsVersion: current.notesVersion, mine: input.notes },
  };
}

// ---------------------------------------------------------------------------------------------
// Ratings

export const ratingSchema = z.object({
  score: z.coerce
    .number({ invalid_type_error: "Kies een cijfer van 1 tot 5." })
    .int("Kies een cijfer van 1 tot 5.")
    .min(1, "Kies een cijfer van 1 tot 5.")
    .max(5, "Kies een cijfer van 1 tot 5."),
  comment: z.string().trim().max(2000, "De toelichting mag hooguit 2000 tekens hebben.").default(""),
});

/** Whether the viewer may rate: went (status going), and the session has started and was held. */
export function ratingRefusal(session: SessionRow, status: RsvpStatus | null, now: Date): string | null {
  if (session.cancelledAt) return "Deze bijeenkomst is afgezegd en kan niet worden beoordeeld.";
  if (session.startsAt.getTime() > now.getTime()) return "Beoordelen kan pas als de bijeenkomst is begonnen.";
  if (status !== "going") return "Alleen wie aangemeld was voor de bijeenkomst, kan haar beoordelen.";
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
  if (!parsed.success) throw new SessionError(parsed.error.issues[0]!.message);
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

export async function myRating(db: DB, sessionId: number, userId: string) {
  const [row] = await db
    .select({ score: sessionRating.score, comment: sessionRating.comment })
    .from(sessionRating)
    .where(and(eq(sessionRating.sessionId, sessionId), eq(sessionRating.userId, userId)));
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

// ---------------------------------------------------------------------------------------------
// Reminders

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
    const where = [session.address, session.onlineUrl ? `online: ${session.onlineUrl}` : null]
      .filter(Boolean)
      .join("; ");
    await notify(
      db,
      recipients.map((r) => r.userId),
      {
        title: `Herinnering: ${session.title}`,
        body: `Morgen is de intervisiebijeenkomst "${session.title}": ${formatSessionTime(session.startsAt, "nl", session.durationMinutes)}${where ? `, ${where}` : ""}.`,
        link: sessionLink(session.id),
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
      {
        title: `Hoe was ${session.title}?`,
        body: `Geef de bijeenkomst "${session.title}" een cijfer van 1 tot 5, met een toelichting als je wilt. Zo ziet de groep wat werkt; een moderator ziet alleen de gemiddelden en de toelichtingen, niet wie wat gaf.`,
        link: `${sessionLink(session.id)}#beoordeling`,
      },
      mailEnv,
    );
    sent++;
  }
  return sent;
}

// ---------------------------------------------------------------------------------------------
// For routes

/** A route parameter as a positive id, or 0 (which matches nothing). */
export function idParam(value: string | undefined | null): number {
  return value && /^\d{1,9}$/.test(value) ? Number(value) : 0;
}

/** Throws a 403 or 404 SessionError as the Response a loader or action answers with. */
export function throwAsResponse(error: unknown): never {
  if (error instanceof SessionError && (error.status === 403 || error.status === 404)) {
    throw new Response(error.status === 404 ? "Niet gevonden" : "Geen toegang", { status: error.status });
  }
  throw error;
}

/** The site's origin for links in calendars: APP_ORIGIN, else the request's own. */
export function siteOrigin(request: Request, appOrigin: string | undefined): string {
  return appOrigin ?? new URL(request.url).origin;
}
