// A member's private calendar feed (/agenda/<token>.ics): the token is 32 random bytes in
// base64url, shown once; only its SHA-256 is stored. A new token replaces the old one, and
// revoking deletes it, so an old address stops working at once.

import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { type Locale, localizedPath, translator } from "#app/i18n/index.ts";
import type { DB } from "#db/client.server.ts";
import { user } from "#db/schema/auth.ts";
import { calendarFeed } from "#db/schema/intervisie.ts";
import { audit } from "../audit.server.ts";
import { buildCalendar, type IcsEvent } from "./ics.ts";
import { findMethod } from "./methods.ts";
import type { MemberSessionItem } from "./sessions/lists.server.ts";

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a new token for the member (replacing any old one) and returns it: the only time it is seen. */
export async function createFeedToken(db: DB, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashFeedToken(token);
  await db
    .insert(calendarFeed)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarFeed.userId, set: { tokenHash, createdAt: new Date() } });
  await audit(db, { actorId: userId, action: "agenda.feed.aangemaakt", subject: `gebruiker:${userId}` });
  return token;
}

export async function revokeFeedToken(db: DB, userId: string): Promise<void> {
  await db.delete(calendarFeed).where(eq(calendarFeed.userId, userId));
  await audit(db, { actorId: userId, action: "agenda.feed.ingetrokken", subject: `gebruiker:${userId}` });
}

/** When the member's feed was made, or null when there is none. */
export async function feedCreatedAt(db: DB, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: calendarFeed.createdAt })
    .from(calendarFeed)
    .where(eq(calendarFeed.userId, userId));
  return row?.createdAt ?? null;
}

/**
 * The member a token belongs to and their account language (the feed's texts follow it), or
 * null for an unknown or revoked token.
 */
export async function feedOwner(db: DB, token: string): Promise<{ userId: string; language: Locale } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db
    .select({ userId: calendarFeed.userId, language: user.language })
    .from(calendarFeed)
    .innerJoin(user, eq(user.id, calendarFeed.userId))
    .where(and(eq(calendarFeed.tokenHash, hashFeedToken(token)), isNull(user.deletedAt)));
  return row ?? null;
}

/** The calendar UID of a session: stable for the download and the feed. */
export function sessionUid(sessionId: number, origin: string): string {
  return `intervisie-sessie-${sessionId}@${new URL(origin).hostname}`;
}

type IcsSession = Pick<
  MemberSessionItem,
  | "id"
  | "title"
  | "startsAt"
  | "durationMinutes"
  | "onlineUrl"
  | "address"
  | "method"
  | "sequence"
  | "cancelled"
> & { groupName: string; myStatus?: MemberSessionItem["myStatus"] };

/**
 * One session as a calendar event, with text in `locale` (Dutch by default). Waitlisted members
 * see "(wachtlijst)" / "(waiting list)".
 */
export function sessionEvent(session: IcsSession, origin: string, locale: Locale = "nl"): IcsEvent {
  const t = translator(locale);
  const url = new URL(localizedPath(locale, `/intervisie/sessies/${session.id}`), origin).href;
  const method = findMethod(session.method);
  const waiting = session.myStatus === "waitlist" ? ` (${t("ics.waitlist")})` : "";
  const description = [
    t("ics.group", { group: session.groupName }),
    method ? t("ics.method", { method: locale === "en" ? method.en : method.nl }) : null,
    session.onlineUrl ? t("ics.online", { url: session.onlineUrl }) : null,
    session.myStatus === "waitlist" ? t("ics.onWaitlist") : null,
    t("ics.page", { url }),
  ]
    .filter(Boolean)
    .join("\n");
  return {
    uid: sessionUid(session.id, origin),
    sequence: session.sequence,
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: `${session.title}${waiting}`,
    description,
    location: session.address ?? session.onlineUrl ?? undefined,
    url,
    cancelled: session.cancelled,
  };
}

export function sessionsCalendar(
  sessions: readonly IcsSession[],
  origin: string,
  name?: string,
  locale: Locale = "nl",
): string {
  return buildCalendar({ name, events: sessions.map((s) => sessionEvent(s, origin, locale)) });
}
