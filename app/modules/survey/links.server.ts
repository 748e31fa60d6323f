// Linking imported respondents to institutions. The importer keeps the name from the export;
// here a moderator confirms which institution a name stands for (the suggestion: a confirmed
// institution whose name is the same apart from case and spaces), picks another, or creates
// it. A link holds for every imported response with that name, and for later imports too.

import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { institution } from "#db/schema/auth.ts";
import { surveyInstitutionLink, surveyResponse } from "#db/schema/survey.ts";
import { audit } from "../audit.server.ts";
import { findOrCreateConfirmedInstitution } from "../auth/institutions.server.ts";
import { labelKey } from "./parse.ts";

export class LinkError extends AppError {}

export interface InstitutionOption {
  id: number;
  name: string;
  type: string;
}

export interface UnlinkedName {
  nameKey: string;
  /** The name as the newest response spells it. */
  name: string;
  /** The institution type of the newest response. */
  type: string;
  waves: number[];
  responses: number;
  suggestion: InstitutionOption | null;
}

export function listConfirmedInstitutionOptions(db: DB): Promise<InstitutionOption[]> {
  return db
    .select({ id: institution.id, name: institution.name, type: institution.type })
    .from(institution)
    .where(eq(institution.confirmed, true))
    .orderBy(asc(institution.name));
}

/** The suggested institution per name: the confirmed one with the same name apart from case and spaces. */
export function suggestInstitution(
  name: string,
  institutions: readonly InstitutionOption[],
): InstitutionOption | null {
  const key = labelKey(name);
  return institutions.find((option) => labelKey(option.name) === key) ?? null;
}

/** Imported names without a link, each with its suggestion; and how many responses have no name. */
export async function listUnlinkedNames(db: DB): Promise<{ names: UnlinkedName[]; withoutName: number }> {
  const [rows, institutions, [nameless]] = await Promise.all([
    db
      .select({
        nameKey: surveyResponse.nameKey,
        name: surveyResponse.institutionName,
        type: surveyResponse.institutionType,
        wave: surveyResponse.wave,
      })
      .from(surveyResponse)
      .where(
        and(
          eq(surveyResponse.source, "import"),
          isNull(surveyResponse.institutionId),
          sql`${surveyResponse.nameKey} is not null`,
        ),
      )
      .orderBy(asc(surveyResponse.nameKey), asc(surveyResponse.wave)),
    listConfirmedInstitutionOptions(db),
    db
      .select({ n: count() })
      .from(surveyResponse)
      .where(
        and(
          eq(surveyResponse.source, "import"),
          isNull(surveyResponse.institutionId),
          isNull(surveyResponse.nameKey),
        ),
      ),
  ]);
  const byKey = new Map<string, UnlinkedName>();
  for (const row of rows) {
    const key = row.nameKey as string;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { nameKey: key, name: "", type: "", waves: [], responses: 0, suggestion: null };
      byKey.set(key, entry);
    }
    // Rows come oldest wave first: the last one seen is the newest spelling and type.
    entry.name = row.name ?? key;
    entry.type = row.type;
    if (!entry.waves.includes(row.wave)) entry.waves.push(row.wave);
    entry.responses++;
  }
  const names = [...byKey.values()];
  for (const entry of names) entry.suggestion = suggestInstitution(entry.name, institutions);
  return { names, withoutName: nameless?.n ?? 0 };
}

/** Names that are linked, with their institution and the number of responses. */
export async function listLinkedNames(db: DB) {
  return db
    .select({
      nameKey: surveyInstitutionLink.nameKey,
      institutionId: institution.id,
      institutionName: institution.name,
      responses: sql<number>`(select count(*)::int from ${surveyResponse}
        where ${surveyResponse.source} = 'import' and ${surveyResponse.nameKey} = ${surveyInstitutionLink.nameKey})`,
    })
    .from(surveyInstitutionLink)
    .innerJoin(institution, eq(institution.id, surveyInstitutionLink.institutionId))
    .orderBy(asc(institution.name), asc(surveyInstitutionLink.nameKey));
}

/** Links every imported response with this name (and later imports) to a confirmed institution. */
export async function linkName(
  db: DB,
  actorId: string,
  nameKey: string,
  institutionId: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: institution.id, name: institution.name })
      .from(institution)
      .where(and(eq(institution.id, institutionId), eq(institution.confirmed, true)));
    if (!target) throw new LinkError("error.survey.institutionNotFound");
    const linked = await tx
      .update(surveyResponse)
      .set({ institutionId })
      .where(and(eq(surveyResponse.source, "import"), eq(surveyResponse.nameKey, nameKey)))
      .returning({ id: surveyResponse.id });
    if (!linked.length) throw new LinkError("error.survey.nameGone");
    await tx
      .insert(surveyInstitutionLink)
      .values({ nameKey, institutionId, linkedBy: actorId })
      .onConflictDoUpdate({
        target: surveyInstitutionLink.nameKey,
        set: { institutionId, linkedBy: actorId, linkedAt: new Date() },
      });
    await audit(tx, {
      actorId,
      action: "survey.link",
      subject: `institution:${institutionId}`,
      details: { nameKey, responses: linked.length },
    });
    return linked.length;
  });
}

/** Creates the institution (confirmed; or takes the existing one with that name) and links the name to it. */
export async function linkNameToNewInstitution(
  db: DB,
  actorId: string,
  nameKey: string,
  input: { name: string; type: string },
): Promise<{ institutionId: number; responses: number }> {
  return db.transaction(async (tx) => {
    const institutionId = await findOrCreateConfirmedInstitution(tx, actorId, input);
    const responses = await linkName(tx, actorId, nameKey, institutionId);
    return { institutionId, responses };
  });
}

/** Undoes a link: the responses with this name are unlinked again and show up as unlinked. */
export async function unlinkName(db: DB, actorId: string, nameKey: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(surveyInstitutionLink)
      .where(eq(surveyInstitutionLink.nameKey, nameKey))
      .returning({ institutionId: surveyInstitutionLink.institutionId });
    if (!removed.length) return false;
    await tx
      .update(surveyResponse)
      .set({ institutionId: null })
      .where(and(eq(surveyResponse.source, "import"), eq(surveyResponse.nameKey, nameKey)));
    await audit(tx, {
      actorId,
      action: "survey.unlink",
      subject: `institution:${removed[0]!.institutionId}`,
      details: { nameKey },
    });
    return true;
  });
}
