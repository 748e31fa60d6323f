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
  limits: { account: number; ip: number } = { account: ACCOUNT_LIMIT, ip: IP_LIMIT },
): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await db
    .select({ key: loginFailure.key, n: sql<number>`count(*)::int`, first: min(loginFailure.at) })
    .from(loginFailure)
    .where(and(inArray(loginFailure.key, [keys.account, keys.ip]), gte(loginFailure.at, since)))
    .groupBy(loginFailure.key);
  let wait = 0;
  for (const row of rows) {
    const limit = row.key === keys.account ? limits.account : limits.ip;
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

export type Attempt = { allowed: true; ids: number[] } | { allowed: false; wait: number };

/**
 * Checks and counts an attempt in one step: under a lock per key, the attempt is recorded as a
 * failure first and allowed only while that keeps each key within its limit. So 40 guesses at
 * once get exactly 5 password checks, not 5 plus however many checked before the first failure
 * was written. A successful attempt then takes its rows back (`forgiveAttempt`); a refused one
 * leaves nothing behind, so waiting is what frees an account.
 */
export async function claimAttempt(
  db: DB,
  keys: { account: string; ip: string },
  limits: { account: number; ip: number } = { account: ACCOUNT_LIMIT, ip: IP_LIMIT },
  now = new Date(),
): Promise<Attempt> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const claimed = await db.transaction(async (tx) => {
    // One lock per key, always in the same order, released at commit.
    for (const key of [keys.account, keys.ip].sort()) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    }
    const rows = await tx
      .select({ key: loginFailure.key, n: sql<number>`count(*)::int` })
      .from(loginFailure)
      .where(and(inArray(loginFailure.key, [keys.account, keys.ip]), gte(loginFailure.at, since)))
      .groupBy(loginFailure.key);
    const counted = (key: string) => rows.find((r) => r.key === key)?.n ?? 0;
    if (counted(keys.account) >= limits.account || counted(keys.ip) >= limits.ip) return null;
    const inserted = await tx
      .insert(loginFailure)
      .values([
        { key: keys.account, at: now },
        { key: keys.ip, at: now },
      ])
      .returning({ id: loginFailure.id });
    return inserted.map((r) => r.id);
  });
  if (claimed) {
    // Keep the table small: failures older than a day no longer matter.
    await db.delete(loginFailure).where(lt(loginFailure.at, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
    return { allowed: true, ids: claimed };
  }
  return { allowed: false, wait: Math.max(1, await loginRetryAfter(db, keys, now, limits)) };
}

/** A successful attempt is no failure: its rows go, and so do the account's earlier failures. */
export async function forgiveAttempt(db: DB, attempt: { ids: number[] }, keys: { account: string }) {
  await db.delete(loginFailure).where(inArray(loginFailure.id, attempt.ids));
  await clearAccountFailures(db, keys);
}
