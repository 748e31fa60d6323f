import { and, gte, inArray, lt, min, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { loginFailure } from "#db/schema/auth.ts";

export const WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account, and per IP address (higher: an institution may share one). */
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 20;

export function limitKeys(email: string, ip: string) {
  return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
}

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function loginRetryAfter(
  db: DB,
  keys: { account: string; ip: string },
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await db
    .select({ key: loginFailure.key, n: sql<number>`count(*)::int`, first: min(loginFailure.at) })
    .from(loginFailure)
    .where(and(inArray(loginFailure.key, [keys.account, keys.ip]), gte(loginFailure.at, since)))
    .groupBy(loginFailure.key);
  let wait = 0;
  for (const row of rows) {
    const limit = row.key === keys.account ? ACCOUNT_LIMIT : IP_LIMIT;
    if (row.n >= limit && row.first) {
      // Allowed again when enough of the failures in the window have aged out; the oldest one
      // leaving is a safe, simple bound.
      wait = Math.max(wait, Math.ceil((new Date(row.first).getTime() + WINDOW_MS - now.getTime()) / 1000));
    }
  }
  return Math.max(0, wait);
}

export async function recordLoginFailure(db: DB, keys: { account: string; ip: string }, now = new Date()) {
  await db.insert(loginFailure).values([
    { key: keys.account, at: now },
    { key: keys.ip, at: now },
  ]);
  // Keep the table small: failures older than a day no longer matter.
  await db.delete(loginFailure).where(lt(loginFailure.at, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
}

export async function clearAccountFailures(db: DB, keys: { account: string }) {
  await db.delete(loginFailure).where(inArray(loginFailure.key, [keys.account]));
}
