// Sessions as the Lucia guide (lucia-auth.com) prescribes: a random token in the cookie, only
// its SHA-256 in the database. Members: 30 days, renewed when less than half is left.
// Moderators and admins: ASVS 3.3.2 level 2, at most 12 hours from the login and 30 minutes
// without a request (docs/decisions/013-session-lifetime.md).

import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { eq, sql } from "drizzle-orm";
import { cookieValue } from "#app/lib/cookies.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { type Role, session, totpCredential, user } from "#db/schema/auth.ts";
import { notification } from "#db/schema/intervisie.ts";

/** The session cookie's name over plain http (a laptop running `npm start`, the tests). */
export const SESSION_COOKIE = "avk_sessie";
/**
 * Its name over https (ASVS 3.4.4): the browser accepts a `__Host-` cookie only with `Secure`,
 * `Path=/` and no `Domain`, so neither a subdomain nor a page over http can set or overwrite it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** Both names, for code that only needs to know whether a request may carry a session. */
export const SESSION_COOKIE_NAMES = [SESSION_COOKIE, SECURE_SESSION_COOKIE] as const;

/**
 * The one name this request's session cookie has. `secure` is whether the site is served over
 * https: `isSecureRequest` (APP_ORIGIN, or the request's protocol, which only the proxies in
 * TRUST_PROXY may change). Over https only the `__Host-` name counts, so that a plain cookie
 * planted by a subdomain or over http cannot stand in for it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}
export const SESSION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
/** Moderators and admins log in again this long after logging in, however active they are. */
export const STAFF_SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** ... and after this long without a request. */
export const STAFF_SESSION_IDLE_MS = 30 * 60 * 1000;
/**
 * A staff session's idle deadline is moved on only when it has come this much closer, so that a
 * moderator's requests do not each write to the database: the idle limit is 29 to 30 minutes.
 */
const STAFF_RENEW_STEP_MS = 60 * 1000;
/** How long a session may wait for its second factor after the password. */
export const PENDING_SECOND_FACTOR_MS = 10 * 60 * 1000;

/** Whether the strict lifetime holds for a role: everyone who can change what others see. */
export function hasStrictSessions(role: Role): boolean {
  return role !== "member";
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** The member's institution, once someone who belongs there (or a moderator) confirmed it. */
  institutionId: number | null;
  /** The institution the member asked to belong to, while that is not confirmed yet. */
  requestedInstitutionId: number | null;
  /** Whether the account has a second factor in force (and this session passed it). */
  secondFactor: boolean;
  /**
   * A moderator's or admin's role while they have no second factor yet: until they set one up,
   * `role` is "member" (docs/decisions/018-second-factor.md).
   */
  roleAwaitingSecondFactor: Role | null;
}

export interface Session {
  id: string;
  userId: string;
  /** Members: the end of the 30 days. Moderators and admins: the idle deadline (never past createdAt + 12 h). */
  expiresAt: Date;
  createdAt: Date;
}

/** What a session token stands for. */
export type ValidatedSession =
  | { session: Session; user: SessionUser; renewed: boolean; unread: number; pendingSecondFactor?: undefined }
  /** Password right, second factor not yet: logged in for nothing but /inloggen/code. */
  | { session: Session; user: null; renewed: boolean; unread: 0; pendingSecondFactor: { userId: string } };

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  // Node's own SHA-256 (OpenSSL): the same hex as @oslojs/crypto's, at a fraction of the CPU.
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A new session for the user. `cookieExpiresAt` is when the browser may forget the cookie: the
 * end of the 30 days for a member, the 12-hour limit for staff (the server enforces the idle
 * limit; the cookie need not be sent again for it).
 */
export async function createSession(
  db: DB,
  userId: string,
  now = new Date(),
  /** The new session has passed the second factor (it replaces one that had, after a password change). */
  secondFactorPassed = false,
): Promise<{ token: string; session: Session; cookieExpiresAt: Date }> {
  const token = generateToken();
  const [account] = await db.select({ role: user.role }).from(user).where(eq(user.id, userId));
  const strict = account ? hasStrictSessions(account.role) : false;
  const absolute = new Date(now.getTime() + STAFF_SESSION_ABSOLUTE_MS);
  const row: Session = {
    id: hashToken(token),
    userId,
    expiresAt: new Date(now.getTime() + (strict ? STAFF_SESSION_IDLE_MS : SESSION_DAYS * DAY)),
    createdAt: now,
  };
  await db.insert(session).values({ ...row, secondFactorAt: secondFactorPassed ? now : null });
  return { token, session: row, cookieExpiresAt: strict ? absolute : row.expiresAt };
}

/** The session, its user and the unread count for a token's hash: built once, run on every request. */
const sessionLookup = preparedFor((db) =>
  db
    .select({
      id: session.id,
      userId: session.userId,
      expiresAt: session.expiresAt,
      createdAt: session.createdAt,
      name: user.name,
      email: user.email,
      role: user.role,
      institutionId: user.institutionId,
      institutionRequestedAt: user.institutionRequestedAt,
      deletedAt: user.deletedAt,
      secondFactorAt: session.secondFactorAt,
      totpConfirmedAt: totpCredential.confirmedAt,
      unread: sql<number>`(select count(*)::int from ${notification} where ${notification.userId} = ${session.userId} and ${notification.readAt} is null)`,
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .leftJoin(totpCredential, eq(totpCredential.userId, session.userId))
    .where(eq(session.id, sql.placeholder("id")))
    .prepare("session_lookup"),
);

/**
 * The session and user for a token, or null. An expired session is deleted. A member's session
 * with less than half its lifetime left is extended (then `renewed` is true and the cookie must
 * be set again). For moderators and admins (their role now, so a promotion counts at once) the
 * session ends 12 hours after the login and 30 minutes after the last request; each request
 * moves the idle deadline on, within those 12 hours. `unread` is the user's number of unread
 * notifications, read in the same statement: every page shows it in the header (root loader),
 * so a member's request needs no second round trip for it.
 */
export async function validateSessionToken(
  db: DB,
  token: string,
  now = new Date(),
): Promise<ValidatedSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  const strict = hasStrictSessions(row.role);
  const absoluteEnd = row.createdAt.getTime() + STAFF_SESSION_ABSOLUTE_MS;
  if (now.getTime() >= row.expiresAt.getTime() || row.deletedAt || (strict && now.getTime() >= absoluteEnd)) {
    await db.delete(session).where(eq(session.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (strict) {
    const left = expiresAt.getTime() - now.getTime();
    // Also when more than 30 minutes are left: a session from before a promotion (or from a
    // member's 30 days) comes under the strict rule at its first request.
    if (left < STAFF_SESSION_IDLE_MS - STAFF_RENEW_STEP_MS || left > STAFF_SESSION_IDLE_MS) {
      expiresAt = new Date(Math.min(now.getTime() + STAFF_SESSION_IDLE_MS, absoluteEnd));
      await db.update(session).set({ expiresAt }).where(eq(session.id, id));
    }
  } else if (now.getTime() >= expiresAt.getTime() - (SESSION_DAYS / 2) * DAY) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
    await db.update(session).set({ expiresAt }).where(eq(session.id, id));
    renewed = true;
  }
  const current: Session = { id, userId: row.userId, expiresAt, createdAt: row.createdAt };
  const hasSecondFactor = row.totpConfirmedAt !== null;
  if (hasSecondFactor && !row.secondFactorAt) {
    // Half logged in does not last: the code is asked for right after the password.
    if (now.getTime() - row.createdAt.getTime() > PENDING_SECOND_FACTOR_MS) {
      await db.delete(session).where(eq(session.id, id));
      return null;
    }
    return { session: current, user: null, renewed, unread: 0, pendingSecondFactor: { userId: row.userId } };
  }
  const awaiting = strict && !hasSecondFactor;
  return {
    session: current,
    user: {
      id: row.userId,
      name: row.name,
      email: row.email,
      role: awaiting ? "member" : row.role,
      secondFactor: hasSecondFactor,
      roleAwaitingSecondFactor: awaiting ? row.role : null,
      // Until the membership is confirmed, nothing of the institution opens to the member.
      institutionId: row.institutionRequestedAt ? null : row.institutionId,
      requestedInstitutionId: row.institutionRequestedAt ? row.institutionId : null,
    },
    renewed,
    unread: Number(row.unread),
  };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.delete(session).where(eq(session.id, sessionId));
}

export async function invalidateUserSessions(db: DB, userId: string): Promise<void> {
  await db.delete(session).where(eq(session.userId, userId));
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  // No Domain attribute, ever: `__Host-` forbids it, and without it the cookie stays on this host.
  return [
    `${sessionCookieName(secure)}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Expires=${expiresAt.toUTCString()}`,
    secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function blankSessionCookie(secure: boolean): string {
  return [
    `${sessionCookieName(secure)}=`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    "Max-Age=0",
    secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function tokenFromRequest(request: Request, secure: boolean): string | null {
  return cookieValue(request.headers.get("Cookie"), sessionCookieName(secure)) || null;
}

/**
 * Over https, a leftover plain `avk_sessie` (from before the `__Host-` name) is cleared: it no
 * longer logs anyone in, but would keep the render cache away from its visitor.
 */
export function staleSessionCookie(request: Request, secure: boolean): string | null {
  if (!secure || !cookieValue(request.headers.get("Cookie"), SESSION_COOKIE)) return null;
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Secure`;
}
