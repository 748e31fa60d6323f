import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import type { Locale } from "#app/i18n/index.ts";
import { AppError, type ErrorKey, type ErrorParams } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import {
  auditLog,
  institution,
  passwordReset,
  type Role,
  session,
  totpCredential,
  user,
} from "#db/schema/auth.ts";
import { audit } from "../audit.server.ts";
import type { MailEnv } from "../notifications/notifications.server.ts";
import {
  announceMembershipRequest,
  type InstitutionChoice,
  resolveInstitution,
} from "./institutions.server.ts";
import { hashPassword, passwordRefusal, verifyPassword } from "./password.server.ts";
import { invalidateUserSessions } from "./session.server.ts";

export const DELETED_USER_NAME = "verwijderde gebruiker";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A refused account change (400), with the form field it is about. */
export class AccountError extends AppError {
  constructor(key: ErrorKey, field?: string, params?: ErrorParams) {
    super(key, { field, params });
  }
}

export async function findUserForLogin(db: DB, email: string) {
  const [row] = await db
    .select({
      id: user.id,
      passwordHash: user.passwordHash,
      language: user.language,
      deletedAt: user.deletedAt,
    })
    .from(user)
    .where(eq(user.email, normaliseEmail(email)));
  return row && !row.deletedAt ? row : null;
}

export async function createUser(
  db: DB,
  input: {
    name: string;
    email: string;
    password: string;
    role?: Role;
    institution?: InstitutionChoice;
    /** The language of the member's e-mails: the page's language at registration (Dutch if absent). */
    language?: Locale;
  },
  mailEnv?: MailEnv,
): Promise<string> {
  const email = normaliseEmail(input.email);
  const problem = passwordRefusal(input.password, [input.name, email]);
  if (problem) throw new AccountError(problem.key, "password", problem.params);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  // Set inside the transaction; the announcement goes out after it.
  let joins = null as number | null;
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
    if (existing) {
      throw new AccountError("error.account.emailTaken", "email");
    }
    await tx.insert(user).values({
      id,
      email,
      name: input.name.trim(),
      passwordHash,
      role: input.role ?? "member",
      language: input.language ?? "nl",
    });
    const chosen = input.institution ? await resolveInstitution(tx, input.institution, id) : null;
    if (chosen) joins = await linkInstitution(tx, id, chosen);
    await audit(tx, { actorId: id, action: "user.register", subject: `user:${id}` });
  });
  if (joins !== null) await announceMembershipRequest(db, id, joins, mailEnv);
  return id;
}

/**
 * Sets the member's institution. Joining one that already exists is a request until a colleague
 * there or a moderator confirms it; choosing the institution one already has changes nothing.
 */
export async function setInstitution(
  db: DB,
  userId: string,
  choice: InstitutionChoice,
  mailEnv?: MailEnv,
): Promise<void> {
  // Set inside the transaction; the announcement goes out after it.
  let joins = null as number | null;
  await db.transaction(async (tx) => {
    const chosen = await resolveInstitution(tx, choice, userId);
    const institutionId = chosen?.id ?? null;
    const [current] = await tx
      .select({ institutionId: user.institutionId })
      .from(user)
      .where(eq(user.id, userId));
    if (current && current.institutionId === institutionId) return;
    joins = await linkInstitution(tx, userId, chosen);
    await audit(tx, {
      actorId: userId,
      action: "user.institution",
      subject: `user:${userId}`,
      details: { institutionId },
    });
  });
  if (joins !== null) await announceMembershipRequest(db, userId, joins, mailEnv);
}

/**
 * Links the member to an institution, in the caller's transaction: joining an existing one is a
 * request until confirmed. Returns the institution to announce the request to, or null.
 */
async function linkInstitution(
  tx: DB,
  userId: string,
  chosen: { id: number; joins: boolean } | null,
): Promise<number | null> {
  await tx
    .update(user)
    .set({ institutionId: chosen?.id ?? null, institutionRequestedAt: chosen?.joins ? new Date() : null })
    .where(eq(user.id, userId));
  return chosen?.joins ? chosen.id : null;
}

export async function getAccount(db: DB, userId: string) {
  const [row] = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      language: user.language,
      createdAt: user.createdAt,
      institutionId: user.institutionId,
      institutionName: institution.name,
      institutionConfirmed: institution.confirmed,
      institutionRequestedAt: user.institutionRequestedAt,
    })
    .from(user)
    .leftJoin(institution, eq(institution.id, user.institutionId))
    .where(eq(user.id, userId));
  return row ?? null;
}

/** The language of the member's e-mails and calendar feeds (chosen on /account). */
export async function setLanguage(db: DB, userId: string, language: Locale): Promise<void> {
  const rows = await db
    .update(user)
    .set({ language })
    .where(and(eq(user.id, userId), ne(user.language, language)))
    .returning({ id: user.id });
  if (rows.length === 0) return;
  await audit(db, {
    actorId: userId,
    action: "user.language",
    subject: `user:${userId}`,
    details: { language },
  });
}

/** The account as the account page shows it, with its number of sessions (built once). */
const accountWithSessionCount = preparedFor((db) =>
  db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      createdAt: user.createdAt,
      institutionId: user.institutionId,
      institutionName: institution.name,
      institutionConfirmed: institution.confirmed,
      institutionRequestedAt: user.institutionRequestedAt,
      language: user.language,
      sessions: sql<number>`(select count(*)::int from ${session} where ${session.userId} = ${user.id})`,
    })
    .from(user)
    .leftJoin(institution, eq(institution.id, user.institutionId))
    .where(eq(user.id, sql.placeholder("userId")))
    .prepare("account_with_session_count"),
);

/** The account as the account page shows it, with its number of sessions, in one statement. */
export async function getAccountWithSessionCount(db: DB, userId: string) {
  const [row] = await accountWithSessionCount(db).execute({ userId });
  if (!row) return null;
  const { sessions, ...account } = row;
  return { account, sessions: Number(sessions) };
}

export async function countSessions(db: DB, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(session).where(eq(session.userId, userId));
  return row?.n ?? 0;
}

/** Sets a new password and ends all of the user's sessions (the caller starts a new one). */
export async function setPassword(db: DB, userId: string, password: string): Promise<void> {
  const account = await getAccount(db, userId);
  if (!account) throw new AccountError("error.account.notFound");
  const problem = passwordRefusal(password, [account.name, account.email]);
  if (problem) throw new AccountError(problem.key, "newPassword", problem.params);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(user).set({ passwordHash }).where(eq(user.id, userId));
    await invalidateUserSessions(tx, userId);
    await tx.delete(passwordReset).where(eq(passwordReset.userId, userId));
    await audit(tx, { actorId: userId, action: "user.password", subject: `user:${userId}` });
  });
}

export async function changePassword(db: DB, userId: string, current: string, next: string): Promise<void> {
  const [row] = await db.select({ passwordHash: user.passwordHash }).from(user).where(eq(user.id, userId));
  if (!(await verifyPassword(row?.passwordHash ?? null, current))) {
    throw new AccountError("error.account.currentPasswordWrong", "currentPassword");
  }
  if (next === current) {
    throw new AccountError("error.account.samePassword", "newPassword");
  }
  await setPassword(db, userId, next);
}

/**
 * Deletes an account as the AVG asks: name, e-mail and password go, sessions end; the row stays
 * so that contributions remain attributed to "verwijderde gebruiker".
 */
export async function deleteAccount(db: DB, userId: string, password: string): Promise<void> {
  const [row] = await db.select({ passwordHash: user.passwordHash }).from(user).where(eq(user.id, userId));
  if (!(await verifyPassword(row?.passwordHash ?? null, password))) {
    throw new AccountError("error.account.passwordWrong", "password");
  }
  await db.transaction(async (tx) => {
    await tx
      .update(user)
      .set({
        name: DELETED_USER_NAME,
        email: `verwijderd-${userId}@invalid`,
        passwordHash: null,
        institutionId: null,
        institutionRequestedAt: null,
        role: "member",
        deletedAt: new Date(),
      })
      .where(eq(user.id, userId));
    await invalidateUserSessions(tx, userId);
    await tx.delete(passwordReset).where(eq(passwordReset.userId, userId));
    await audit(tx, { actorId: userId, action: "user.delete", subject: `user:${userId}` });
  });
}

/** Everything the platform keeps about a member, for the AVG data download. */
export async function exportUserData(db: DB, userId: string) {
  const account = await getAccount(db, userId);
  if (!account) return null;
  const sessions = await db
    .select({ createdAt: session.createdAt, expiresAt: session.expiresAt })
    .from(session)
    .where(eq(session.userId, userId))
    .orderBy(asc(session.createdAt));
  const activity = await db
    .select({
      action: auditLog.action,
      subject: auditLog.subject,
      details: auditLog.details,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(eq(auditLog.actorId, userId))
    .orderBy(asc(auditLog.at));
  return {
    exportedAt: new Date().toISOString(),
    account: {
      name: account.name,
      email: account.email,
      role: account.role,
      language: account.language,
      createdAt: account.createdAt,
      institution: account.institutionName
        ? { name: account.institutionName, confirmed: account.institutionConfirmed }
        : null,
    },
    sessions,
    activity,
  };
}

export function listUsers(db: DB) {
  return db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      institutionName: institution.name,
      createdAt: user.createdAt,
      secondFactor: sql<boolean>`${totpCredential.confirmedAt} is not null`,
    })
    .from(user)
    .leftJoin(institution, eq(institution.id, user.institutionId))
    .leftJoin(totpCredential, eq(totpCredential.userId, user.id))
    .where(sql`${user.deletedAt} is null`)
    .orderBy(desc(user.createdAt));
}

/** Changes a role; refuses to leave the platform without an admin. */
export async function setRole(db: DB, actorId: string, userId: string, role: Role): Promise<void> {
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ role: user.role, deletedAt: user.deletedAt })
      .from(user)
      .where(eq(user.id, userId));
    if (!target || target.deletedAt) throw new AccountError("error.account.userNotFound");
    if (target.role === role) return;
    if (target.role === "admin") {
      const [others] = await tx
        .select({ n: count() })
        .from(user)
        .where(and(eq(user.role, "admin"), ne(user.id, userId), sql`${user.deletedAt} is null`));
      if ((others?.n ?? 0) === 0) throw new AccountError("error.account.lastAdmin");
    }
    await tx.update(user).set({ role }).where(eq(user.id, userId));
    await audit(tx, {
      actorId,
      action: "user.role",
      subject: `user:${userId}`,
      details: { from: target.role, to: role },
    });
  });
}

/**
 * The first admin, from ADMIN_EMAIL and ADMIN_PASSWORD: at seed time (an existing account with
 * that address is promoted) and at every start (`promote: false`: only a missing account is
 * created, so an admin who was later made a member stays one). Idempotent.
 */
export async function ensureAdmin(
  db: DB,
  email: string,
  password: string,
  options: { promote?: boolean } = {},
): Promise<"created" | "promoted" | "unchanged"> {
  const [existing] = await db
    .select({ id: user.id, role: user.role })
    .from(user)
    .where(eq(user.email, normaliseEmail(email)));
  if (existing) {
    if (existing.role === "admin" || options.promote === false) return "unchanged";
    await db.update(user).set({ role: "admin" }).where(eq(user.id, existing.id));
    await audit(db, {
      actorId: null,
      action: "user.role",
      subject: `user:${existing.id}`,
      details: { to: "admin", by: "seed" },
    });
    return "promoted";
  }
  await createUser(db, { name: "Beheerder", email, password, role: "admin" });
  return "created";
}
