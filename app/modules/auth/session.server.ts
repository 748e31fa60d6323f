// Sessions as the Lucia guide (lucia-auth.com) prescribes: a random token in the cookie, only
// its SHA-256 in the database, 30 days, renewed when less than half is left.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { type Role, session, user } from "#db/schema/auth.ts";

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

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** The member's institution, once someone who belongs there (or a moderator) confirmed it. */
  institutionId: number | null;
  /** The institution the member asked to belong to, while that is not confirmed yet. */
  requestedInstitutionId: number | null;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: DB,
  userId: string,
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const row: Session = {
    id: hashToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY),
  };
  await db.insert(session).values(row);
  return { token, session: row };
}

/**
 * The session and user for a token, or null. An expired session is deleted; one with less than
 * half its lifetime left is extended (then `renewed` is true and the cookie must be set again).
 */
export async function validateSessionToken(
  db: DB,
  token: string,
  now = new Date(),
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const [row] = await db
    .select({
      id: session.id,
      userId: session.userId,
      expiresAt: session.expiresAt,
      name: user.name,
      email: user.email,
      role: user.role,
      institutionId: user.institutionId,
      institutionRequestedAt: user.institutionRequestedAt,
      deletedAt: user.deletedAt,
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.id, id));
  if (!row) return null;
  if (now.getTime() >= row.expiresAt.getTime() || row.deletedAt) {
    await db.delete(session).where(eq(session.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (now.getTime() >= expiresAt.getTime() - (SESSION_DAYS / 2) * DAY) {
    expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
    await db.update(session).set({ expiresAt }).where(eq(session.id, id));
    renewed = true;
  }
  return {
    session: { id, userId: row.userId, expiresAt },
    user: {
      id: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      // Until the membership is confirmed, nothing of the institution opens to the member.
      institutionId: row.institutionRequestedAt ? null : row.institutionId,
      requestedInstitutionId: row.institutionRequestedAt ? row.institutionId : null,
    },
    renewed,
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
  const wanted = sessionCookieName(secure);
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === wanted) return rest.join("=") || null;
  }
  return null;
}
