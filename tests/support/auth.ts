import { eq } from "drizzle-orm";
import { createSession, SESSION_COOKIE } from "#app/modules/auth/session.server.ts";
import { createUser } from "#app/modules/auth/users.server.ts";
import type { DB } from "#db/client.server.ts";
import { type Role, totpCredential, user } from "#db/schema/auth.ts";

export const PASSWORD = "beeldband-archief-2024!";

let n = 0;

/** The TOTP key every test moderator and admin has (base32), for tests that log them in by form. */
export const STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * A user with the given role and a live session; `cookie` is the Cookie header to send. A
 * moderator or admin has a second factor (STAFF_TOTP_SECRET), as they must, and the session
 * has passed it.
 */
export async function userWithSession(db: DB, role: Role = "member", name?: string) {
  n++;
  const email = `${role}-${n}@archief.example`;
  const id = await createUser(db, { name: name ?? `Test ${role} ${n}`, email, password: PASSWORD });
  const staff = role !== "member";
  if (staff) {
    await db.update(user).set({ role }).where(eq(user.id, id));
    await db
      .insert(totpCredential)
      .values({ userId: id, secret: STAFF_TOTP_SECRET, confirmedAt: new Date() });
  }
  const { token, session } = await createSession(db, id, new Date(), staff);
  return { id, email, token, session, cookie: `${SESSION_COOKIE}=${token}` };
}

/** The value of our session cookie in a Set-Cookie header, or null. */
export function sessionTokenFrom(response: Response): string | null {
  const header = response.headers.get("Set-Cookie") ?? "";
  const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header);
  return match ? match[1]! : null;
}
