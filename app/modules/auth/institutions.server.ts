import { and, asc, eq, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { institution, user } from "#db/schema/auth.ts";
import { audit } from "../audit.server.ts";

export interface InstitutionChoice {
  /** An existing, confirmed institution. */
  id?: number;
  /** Or a new one, proposed for a moderator to confirm. */
  newName?: string;
  newType?: string;
}

export function listConfirmedInstitutions(db: DB) {
  return db
    .select({ id: institution.id, name: institution.name, type: institution.type })
    .from(institution)
    .where(eq(institution.confirmed, true))
    .orderBy(asc(institution.name));
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

export class InstitutionError extends Error {}

/** The institution id for a choice: an existing confirmed one, or a newly proposed one. */
export async function resolveInstitution(
  db: DB,
  choice: InstitutionChoice,
  proposerId: string,
): Promise<number | null> {
  if (choice.id) {
    const [row] = await db
      .select({ id: institution.id })
      .from(institution)
      .where(and(eq(institution.id, choice.id), eq(institution.confirmed, true)));
    if (!row) throw new InstitutionError("Deze instelling bestaat niet (meer). Kies er een uit de lijst.");
    return row.id;
  }
  if (choice.newName) {
    const name = choice.newName.trim();
    const [existing] = await db
      .select({ id: institution.id, confirmed: institution.confirmed })
      .from(institution)
      .where(sql`lower(${institution.name}) = lower(${name})`);
    if (existing) return existing.id;
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
    return created!.id;
  }
  return null;
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
  const name = input.name.trim().replace(/\s+/g, " ");
  const [existing] = await db
    .select({ id: institution.id, confirmed: institution.confirmed })
    .from(institution)
    .where(sql`lower(${institution.name}) = lower(${name})`);
  if (existing) {
    if (!existing.confirmed) await confirmInstitution(db, actorId, existing.id);
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
