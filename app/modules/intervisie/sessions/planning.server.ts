// Planning sessions: the form (Amsterdam wall-clock time), planning, changing and cancelling.

import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { defaultLocale, type Locale, translate } from "#app/i18n/index.ts";
import { formFields, parseForm } from "#app/lib/forms.ts";
import type { DB } from "#db/client.server.ts";
import { intervisionSession } from "#db/schema/intervisie.ts";
import { audit } from "../../audit.server.ts";
import { type MailEnv, notify } from "../../notifications/notifications.server.ts";
import { amsterdamToUtc, formatSessionTime, utcToAmsterdam } from "../amsterdam-time.ts";
import { getGroup } from "../groups.server.ts";
import { methods } from "../methods.ts";
import {
  getSession,
  groupMemberIds,
  notFound,
  requireManage,
  SessionError,
  type SessionRow,
  sessionLink,
  type Viewer,
} from "./core.server.ts";
import { lockSession, notifyPromoted, promoteWaitlist } from "./rsvp.server.ts";

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
      .string({ required_error: "form.session.title" })
      .trim()
      .min(3, "form.session.titleShort")
      .max(120, "form.session.titleLong"),
    date: z
      .string({ required_error: "form.session.date" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "form.session.dateFormat"),
    time: z
      .string({ required_error: "form.session.time" })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.session.timeFormat"),
    durationMinutes: z.coerce
      .number({ invalid_type_error: "form.session.duration" })
      .int("form.session.durationWhole")
      .min(15, "form.session.durationShort")
      .max(480, "form.session.durationLong"),
    onlineUrl: optionalText(500, "form.session.linkLong").refine(
      (v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v),
      "form.session.link",
    ),
    address: optionalText(300, "form.session.addressLong"),
    method: z.enum(methods.map((m) => m.key) as [string, ...string[]], {
      errorMap: () => ({ message: "form.session.method" }),
    }),
    capacity: z.coerce
      .number({ invalid_type_error: "form.session.capacity" })
      .int("form.session.capacityWhole")
      .min(1, "form.session.capacityLow")
      .max(50, "form.session.capacityHigh"),
  })
  .superRefine((value, ctx) => {
    if (!value.onlineUrl && !value.address) {
      ctx.addIssue({
        code: "custom",
        path: ["address"],
        message: "form.session.place",
      });
    }
  });

/** The form's values as strings, for showing them again. */
export type SessionFormValues = Record<
  "title" | "date" | "time" | "durationMinutes" | "onlineUrl" | "address" | "method" | "capacity",
  string
>;

export function formValuesFrom(form: FormData): SessionFormValues {
  return formFields(form, [
    "title",
    "date",
    "time",
    "durationMinutes",
    "onlineUrl",
    "address",
    "method",
    "capacity",
  ]);
}

/**
 * Validates the planning form. The date and time are Amsterdam wall-clock time; a time that
 * does not exist (the skipped hour in March) is refused. `now` set: the start must be later.
 * The messages are in `locale` (Dutch when not given).
 */
export function parseSessionForm(
  values: SessionFormValues,
  options: { now?: Date; locale?: Locale } = {},
): { ok: true; value: SessionInput } | { ok: false; errors: Record<string, string> } {
  const raw = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  const locale = options.locale ?? defaultLocale;
  const result = parseForm(formSchema, raw, { locale });
  const errors: Record<string, string> = result.ok ? {} : { ...result.errors };
  // The moment itself, also checked when other fields are wrong, so every problem shows at once.
  let startsAt: Date | null = null;
  if (!errors.date && !errors.time) {
    startsAt = amsterdamToUtc(values.date.trim(), values.time.trim());
    if (!startsAt) {
      const [y, m, d] = values.date.trim().split("-").map(Number) as [number, number, number];
      const realDate = m >= 1 && m <= 12 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
      if (realDate) {
        errors.time = translate(locale, "form.session.skippedHour");
      } else {
        errors.date = translate(locale, "form.session.noSuchDate");
      }
    } else if (options.now && startsAt.getTime() <= options.now.getTime()) {
      errors.date = translate(locale, "form.session.past");
    }
  }
  if (!result.ok || !startsAt || Object.keys(errors).length > 0) return { ok: false, errors };
  const v = result.value;
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

export async function groupName(db: DB, groupId: number): Promise<string> {
  return (await getGroup(db, groupId))?.name ?? "";
}

/** Plans a session for a group; the members get a notification (and an e-mail with mailEnv). */
export async function planSession(
  db: DB,
  viewer: Viewer,
  groupId: number,
  input: SessionInput,
  mailEnv?: MailEnv,
): Promise<number> {
  const group = await getGroup(db, groupId);
  if (!group) throw new SessionError("error.session.groupNotFound", 404);
  await requireManage(db, groupId, viewer);
  if (group.closed) throw new SessionError("error.session.groupClosed", 409);
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
    (t, locale) => ({
      title: t("notify.session.new.title", { session: input.title }),
      body: t("notify.session.new.body", {
        group: group.name,
        time: formatSessionTime(input.startsAt, locale, input.durationMinutes),
      }),
      link: sessionLink(id),
    }),
    mailEnv,
  );
  return id;
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
  if (existing.cancelledAt) throw new SessionError("error.session.cancelledNoChange", 409);
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
      (t, locale) => ({
        title: t("notify.session.changed.title", { session: input.title }),
        body: t("notify.session.changed.body", {
          time: formatSessionTime(input.startsAt, locale, input.durationMinutes),
          address: input.address ? `, ${input.address}` : "",
          online: input.onlineUrl ? ` (${t("notify.session.online", { url: input.onlineUrl })})` : "",
        }),
        link: sessionLink(id),
      }),
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
    (t, locale) => ({
      title: t("notify.session.cancelled.title", { session: existing.title }),
      body: t("notify.session.cancelled.body", {
        time: formatSessionTime(existing.startsAt, locale, existing.durationMinutes),
      }),
      link: sessionLink(id),
    }),
    mailEnv,
  );
}
