import { and, asc, count, eq, gt, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { AppError, type ErrorKey } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { auditLog, institution, type Role, user } from "#db/schema/auth.ts";
import { audit } from "../audit.server.ts";
import { type MailEnv, notify } from "../notifications/notifications.server.ts";
import { normaliseInstitutionName } from "./institution-name.ts";
import { roleRank } from "./permissions.ts";

export interface InstitutionChoice {
  /** An existing, confirmed institution. */
  id?: number;
  /** Or a new one, proposed for a moderator to confirm. */
  newName?: string;
  newType?: string;
}

/** Built once: the account page asks for it on every view. */
const confirmedInstitutions = preparedFor((db) =>
  db
    .select({ id: institution.id, name: institution.name, type: institution.type })
    .from(institution)
    .where(eq(institution.confirmed, true))
    .orderBy(asc(institution.name))
    .prepare("confirmed_institutions"),
);

export function listConfirmedInstitutions(db: DB) {
  return confirmedInstitutions(db).execute();
}

export function listProposedInstitutions(db: DB) {
  return db
    .select({
      id: institution.id,
      name: institution.name,
      type: institution.type,
      createdAt: institution.createdAt,
      proposedBy: user.name,
    })
    .from(institution)
    .leftJoin(user, eq(user.id, institution.proposedBy))
    .where(eq(institution.confirmed, false))
    .orderBy(asc(institution.createdAt));
}

/** A refused institution choice (400), shown at the institution field. */
export class InstitutionError extends AppError {
  constructor(key: ErrorKey) {
    super(key, { field: "institution" });
  }
}

/**
 * The join from a user to their institution, once that membership is confirmed: an institution
 * the user only asked to belong to is not theirs yet (not shown, not matched on).
 */
export const confirmedInstitutionOfUser = and(
  eq(institution.id, user.institutionId),
  isNull(user.institutionRequestedAt),
);

/**
 * The institution for a choice: an existing confirmed one, or a newly proposed one. `joins` is
 * true when it already existed: then someone who belongs there confirms the membership first.
 */
export async function resolveInstitution(
  db: DB,
  choice: InstitutionChoice,
  proposerId: string,
): Promise<{ id: number; joins: boolean } | null> {
  if (choice.id) {
    const [row] = await db
      .select({ id: institution.id })
      .from(institution)
      .where(and(eq(institution.id, choice.id), eq(institution.confirmed, true)));
    if (!row) throw new InstitutionError("error.institution.notFound");
    return { id: row.id, joins: true };
  }
  if (choice.newName) {
    const name = normaliseInstitutionName(choice.newName);
    if (!name) throw new InstitutionError("error.institution.ownNameMissing");
    const [existing] = await db
      .select({ id: institution.id, confirmed: institution.confirmed })
      .from(institution)
      .where(sql`lower(${institution.name}) = lower(${name})`);
    if (existing) return { id: existing.id, joins: true };
    const [created] = await db
      .insert(institution)
      .values({ name, type: choice.newType ?? "Onbekend", confirmed: false, proposedBy: proposerId })
      .returning({ id: institution.id });
    await audit(db, {
      actorId: proposerId,
      action: "institution.propose",
      subject: `institution:${created!.id}`,
      details: { name, type: choice.newType ?? "Onbekend" },
    });
    return { id: created!.id, joins: false };
  }
  return null;
}

/**
 * Members waiting to be confirmed as belonging to an institution: of one institution (for its
 * confirmed members), or of all (for moderators). Name and e-mail address, so that a colleague
 * can tell who it is.
 */
export function listMembershipRequests(db: DB, institutionId?: number) {
  return db
    .select({
      userId: user.id,
      name: user.name,
      email: user.email,
      institutionId: institution.id,
      institutionName: institution.name,
      requestedAt: user.institutionRequestedAt,
    })
    .from(user)
    .innerJoin(institution, eq(institution.id, user.institutionId))
    .where(
      and(
        isNotNull(user.institutionRequestedAt),
        isNull(user.deletedAt),
        institutionId === undefined ? undefined : eq(user.institutionId, institutionId),
      ),
    )
    .orderBy(asc(user.institutionRequestedAt));
}

/**
 * Tells the institution's confirmed members that someone asks to join: in the app, and by e-mail
 * when `mailEnv` is given (call it after the request's transaction, so no mail leaves for a
 * request that was rolled back).
 */
export async function announceMembershipRequest(
  db: DB,
  userId: string,
  institutionId: number,
  mailEnv?: MailEnv,
): Promise<void> {
  const [asking] = await db
    .select({ name: user.name, institutionName: institution.name, confirmed: institution.confirmed })
    .from(user)
    .innerJoin(institution, eq(institution.id, user.institutionId))
    .where(eq(user.id, userId));
  if (!asking) return;
  // Colleagues decide for a confirmed institution; for a proposal, or where nobody is confirmed
  // yet, the moderators do.
  const colleagues = asking.confirmed
    ? await db
        .select({ id: user.id })
        .from(user)
        .where(
          and(
            eq(user.institutionId, institutionId),
            isNull(user.institutionRequestedAt),
            isNull(user.deletedAt),
            ne(user.id, userId),
          ),
        )
    : [];
  const recipients = colleagues.length
    ? colleagues
    : await db
        .select({ id: user.id })
        .from(user)
        .where(and(inArray(user.role, ["moderator", "admin"]), isNull(user.deletedAt), ne(user.id, userId)));
  // At most a few e-mails a day per member: asking again and again must not flood an institution.
  const mail = mailEnv && (await changesToday(db, userId)) <= 3 ? mailEnv : undefined;
  await notify(
    db,
    recipients.map((c) => c.id),
    (t) => ({
      title: t("notify.membership.request.title", { institution: asking.institutionName }),
      body: t("notify.membership.request.body", {
        name: asking.name,
        institution: asking.institutionName,
        where: t(
          colleagues.length
            ? "notify.membership.request.whereInstitution"
            : "notify.membership.request.whereAdmin",
        ),
      }),
      link: colleagues.length ? "/instelling#aanmeldingen" : "/beheer/instellingen#aanmeldingen",
    }),
    mail,
  );
}

/** How often the member registered or changed institution in the last 24 hours (audit log). */
async function changesToday(db: DB, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorId, userId),
        inArray(auditLog.action, ["user.register", "user.institution"]),
        gt(auditLog.at, new Date(Date.now() - 24 * 60 * 60 * 1000)),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Confirms or turns down a member's request to belong to an institution. Allowed for moderators,
 * and for confirmed members of that same institution. Returns the member's name, or null when
 * there is no such request (any more): decided by someone else meanwhile, or withdrawn.
 */
export async function decideMembership(
  db: DB,
  actor: { id: string; role: Role; institutionId: number | null },
  input: { userId: string; institutionId: number; accept: boolean },
): Promise<string | null> {
  if (actor.id === input.userId) throw new InstitutionError("error.institution.ownRequest");
  const [target] = await db
    .select({ name: institution.name, confirmed: institution.confirmed })
    .from(institution)
    .where(eq(institution.id, input.institutionId));
  // A colleague decides only for a confirmed institution (not for a proposal nobody checked).
  const colleague = actor.institutionId === input.institutionId && target?.confirmed === true;
  if (roleRank[actor.role] < roleRank.moderator && !colleague)
    throw new InstitutionError("error.institution.notColleague");
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(user)
      .set(
        input.accept
          ? { institutionRequestedAt: null }
          : { institutionRequestedAt: null, institutionId: null },
      )
      .where(
        and(
          eq(user.id, input.userId),
          eq(user.institutionId, input.institutionId),
          isNotNull(user.institutionRequestedAt),
        ),
      )
      .returning({ name: user.name });
    if (!rows.length) return null;
    await notify(tx, [input.userId], (t) => ({
      title: input.accept
        ? t("notify.membership.accepted.title", {
            institution: target?.name ?? t("notify.membership.accepted.fallback"),
          })
        : t("notify.membership.rejected.title", {
            institution: target?.name ?? t("notify.membership.rejected.fallback"),
          }),
      link: input.accept ? "/instelling" : "/account#instelling",
    }));
    await audit(tx, {
      actorId: actor.id,
      action: input.accept ? "membership.confirm" : "membership.reject",
      subject: `user:${input.userId}`,
      details: { institutionId: input.institutionId },
    });
    return rows[0]!.name;
  });
}

export async function confirmInstitution(db: DB, actorId: string, id: number): Promise<boolean> {
  const rows = await db
    .update(institution)
    .set({ confirmed: true })
    .where(and(eq(institution.id, id), eq(institution.confirmed, false)))
    .returning({ id: institution.id, name: institution.name });
  if (!rows.length) return false;
  await audit(db, {
    actorId,
    action: "institution.confirm",
    subject: `institution:${id}`,
    details: { name: rows[0]!.name },
  });
  return true;
}

/** Rejects a proposal: members who chose it have no institution again. */
export async function rejectInstitution(db: DB, actorId: string, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Whoever waited to join the proposal no longer waits for anything.
    await tx
      .update(user)
      .set({ institutionRequestedAt: null })
      .where(and(eq(user.institutionId, id), isNotNull(user.institutionRequestedAt)));
    const rows = await tx
      .delete(institution)
      .where(and(eq(institution.id, id), eq(institution.confirmed, false)))
      .returning({ name: institution.name });
    if (!rows.length) return false;
    await audit(tx, {
      actorId,
      action: "institution.reject",
      subject: `institution:${id}`,
      details: { name: rows[0]!.name },
    });
    return true;
  });
}

/**
 * A confirmed institution with this name (compared without case): the existing one (confirmed
 * now if it was only proposed) or a new one. For moderators, e.g. when linking survey answers.
 */
export async function findOrCreateConfirmedInstitution(
  db: DB,
  actorId: string,
  input: { name: string; type: string },
): Promise<number> {
  const name = normaliseInstitutionName(input.name);
  if (!name) throw new InstitutionError("error.institution.nameMissing");
  const [existing] = await db
    .select({ id: institution.id, confirmed: institution.confirmed })
    .from(institution)
    .where(sql`lower(${institution.name}) = lower(${name})`);
  if (existing) {
    if (!existing.confirmed) {
      // A proposal confirmed this way was not looked at as a proposal: whoever proposed or joined
      // it now asks to belong, and a moderator (Beheer › Instellingen) decides, before survey
      // answers linked here open to them.
      await db
        .update(user)
        .set({ institutionRequestedAt: new Date() })
        .where(and(eq(user.institutionId, existing.id), isNull(user.institutionRequestedAt)));
      await confirmInstitution(db, actorId, existing.id);
    }
    return existing.id;
  }
  const [created] = await db
    .insert(institution)
    .values({ name, type: input.type, confirmed: true })
    .returning({ id: institution.id });
  await audit(db, {
    actorId,
    action: "institution.create",
    subject: `institution:${created!.id}`,
    details: { name, type: input.type },
  });
  return created!.id;
}
