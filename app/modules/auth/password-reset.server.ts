import { and, eq, gt, isNull } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { passwordReset } from "#db/schema/auth.ts";
import { generateToken, hashToken } from "./session.server.ts";
import { setPassword } from "./users.server.ts";

export const RESET_VALID_MS = 60 * 60 * 1000;

/** A new single-use token for the user, valid for an hour; earlier ones stop working. */
export async function createPasswordReset(db: DB, userId: string, now = new Date()): Promise<string> {
  const token = generateToken();
  await db.transaction(async (tx) => {
    await tx.delete(passwordReset).where(eq(passwordReset.userId, userId));
    await tx
      .insert(passwordReset)
      .values({ id: hashToken(token), userId, expiresAt: new Date(now.getTime() + RESET_VALID_MS) });
  });
  return token;
}

/** The user a token belongs to, while it is unused and unexpired. */
export async function findResetUser(db: DB, token: string, now = new Date()): Promise<string | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await db
    .select({ userId: passwordReset.userId })
    .from(passwordReset)
    .where(
      and(
        eq(passwordReset.id, hashToken(token)),
        isNull(passwordReset.usedAt),
        gt(passwordReset.expiresAt, now),
      ),
    );
  return row?.userId ?? null;
}

/** Uses the token to set a new password; null when the token is not (or no longer) valid. */
export async function resetPassword(
  db: DB,
  token: string,
  password: string,
  now = new Date(),
): Promise<string | null> {
  const userId = await findResetUser(db, token, now);
  if (!userId) return null;
  // Claiming the token and setting the password commit together: a refused password leaves the
  // token usable, and two simultaneous uses cannot both succeed.
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordReset)
      .set({ usedAt: now })
      .where(and(eq(passwordReset.id, hashToken(token)), isNull(passwordReset.usedAt)))
      .returning({ userId: passwordReset.userId });
    if (!claimed.length) return null;
    await setPassword(tx, userId, password);
    return userId;
  });
}
