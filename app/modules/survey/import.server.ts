// Survey import, the storing part: a parsed export (parse.ts) goes into survey_response in one
// transaction, keyed by (respondent_id, wave), with a row in the import history. A file with any
// error stores nothing; the same file again changes nothing; a corrected file updates exactly
// the rows it changes. Used by the moderator page (upload, preview, confirm) and the command
// line (db/cli/survey-import.ts).

import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Locale } from "#app/i18n/index.ts";
import { AppError, errorText, type LaterMessage } from "#app/lib/errors.ts";
import type { DB } from "#db/client.server.ts";
import { user } from "#db/schema/auth.ts";
import { surveyImport, surveyInstitutionLink, surveyResponse, surveyUpload } from "#db/schema/survey.ts";
import { audit } from "../audit.server.ts";
import { labelKey, type ParseOptions, parseSurvey, type SurveyError, type SurveyRow } from "./parse.ts";
import { choiceColumns } from "./questionnaire.ts";

/** Rows per INSERT statement: 500 × 16 parameters stays far below PostgreSQL's 65,535. */
export const BATCH_SIZE = 500;

export interface WaveCounts {
  new: number;
  changed: number;
  unchanged: number;
}

export interface ImportPlan {
  /** Rows in the file. */
  total: number;
  new: number;
  changed: number;
  unchanged: number;
  /** Per wave, keyed by year. */
  perWave: Record<string, WaveCounts>;
}

export interface ImportSummary extends ImportPlan {
  importId: number;
  fileName: string;
  sha256: string;
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; errors: SurveyError[] };

export type ImportVia = "web" | "cli";

export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}

/**
 * The stored content of a row, hashed: two imports of the same answers give the same hash. The
 * line number is left out (moving a row in the file changes nothing).
 */
export function contentHash(row: SurveyRow): string {
  const content = [
    row.institutionName,
    row.institutionType,
    row.province,
    row.contactEmail,
    choiceColumns.map((column) => row.answers[column]),
    row.aiUses,
  ];
  return sha256Hex(JSON.stringify(content));
}

/** The answers in questionnaire order, with every choice column present (null when blank). */
function storedAnswers(row: SurveyRow): SurveyRow["answers"] {
  return Object.fromEntries(
    choiceColumns.map((column) => [column, row.answers[column]]),
  ) as SurveyRow["answers"];
}

function waveStart(wave: number): Date {
  return new Date(Date.UTC(wave, 0, 1));
}

const keyOf = (respondentId: string, wave: number) => `${wave}\u0000${respondentId}`;

interface Diff {
  plan: ImportPlan;
  /** Rows to insert or update (new and changed), with their hash. */
  toWrite: { row: SurveyRow; hash: string }[];
}

async function diffAgainstStored(db: DB, rows: readonly SurveyRow[]): Promise<Diff> {
  const waves = [...new Set(rows.map((row) => row.wave))];
  const stored = new Map<string, string>();
  if (waves.length) {
    const existing = await db
      .select({
        respondentId: surveyResponse.respondentId,
        wave: surveyResponse.wave,
        hash: surveyResponse.contentHash,
      })
      .from(surveyResponse)
      .where(and(eq(surveyResponse.source, "import"), inArray(surveyResponse.wave, waves)));
    for (const row of existing) stored.set(keyOf(row.respondentId, row.wave), row.hash);
  }
  const perWave: Record<string, WaveCounts> = {};
  for (const wave of [...waves].sort((a, b) => a - b)) perWave[wave] = { new: 0, changed: 0, unchanged: 0 };
  const plan: ImportPlan = { total: rows.length, new: 0, changed: 0, unchanged: 0, perWave };
  const toWrite: Diff["toWrite"] = [];
  for (const row of rows) {
    const hash = contentHash(row);
    const before = stored.get(keyOf(row.respondentId, row.wave));
    const counts = perWave[row.wave] as WaveCounts;
    if (before === undefined) {
      plan.new++;
      counts.new++;
      toWrite.push({ row, hash });
    } else if (before !== hash) {
      plan.changed++;
      counts.changed++;
      toWrite.push({ row, hash });
    } else {
      plan.unchanged++;
      counts.unchanged++;
    }
  }
  return { plan, toWrite };
}

/** What importing these rows would do, per wave: new, changed and unchanged rows. */
export async function planImport(db: DB, rows: readonly SurveyRow[]): Promise<ImportPlan> {
  return (await diffAgainstStored(db, rows)).plan;
}

async function linkedInstitutions(db: DB): Promise<Map<string, number>> {
  const links = await db
    .select({ nameKey: surveyInstitutionLink.nameKey, institutionId: surveyInstitutionLink.institutionId })
    .from(surveyInstitutionLink);
  return new Map(links.map((link) => [link.nameKey, link.institutionId]));
}

/**
 * Stores parsed rows in one transaction and records the import. Only new and changed rows are
 * written, in batches, with an upsert on (source, respondent_id, wave) that leaves a row alone
 * when its content hash is the same.
 */
export async function applyImport(
  db: DB,
  input: {
    fileName: string;
    sha256: string;
    rows: readonly SurveyRow[];
    actorId: string | null;
    via: ImportVia;
  },
): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    const { plan, toWrite } = await diffAgainstStored(tx, input.rows);
    const [record] = await tx
      .insert(surveyImport)
      .values({
        fileName: input.fileName,
        sha256: input.sha256,
        importedBy: input.actorId,
        via: input.via,
        rowsTotal: plan.total,
        rowsNew: plan.new,
        rowsChanged: plan.changed,
        rowsUnchanged: plan.unchanged,
        perWave: plan.perWave,
      })
      .returning({ id: surveyImport.id });
    const importId = (record as { id: number }).id;
    const links = toWrite.length ? await linkedInstitutions(tx) : new Map<string, number>();
    const now = new Date();
    for (let start = 0; start < toWrite.length; start += BATCH_SIZE) {
      const batch = toWrite.slice(start, start + BATCH_SIZE).map(({ row, hash }) => {
        const nameKey = row.institutionName ? labelKey(row.institutionName) : null;
        return {
          source: "import" as const,
          respondentId: row.respondentId,
          wave: row.wave,
          answeredAt: waveStart(row.wave),
          institutionId: nameKey ? (links.get(nameKey) ?? null) : null,
          institutionName: row.institutionName,
          nameKey,
          institutionType: row.institutionType,
          province: row.province,
          contactEmail: row.contactEmail,
          answers: storedAnswers(row),
          aiUses: row.aiUses,
          contentHash: hash,
          importId,
          createdAt: now,
          updatedAt: now,
        };
      });
      await tx
        .insert(surveyResponse)
        .values(batch)
        .onConflictDoUpdate({
          target: [surveyResponse.source, surveyResponse.respondentId, surveyResponse.wave],
          set: {
            institutionName: sql`excluded.institution_name`,
            nameKey: sql`excluded.name_key`,
            // A moderator's link stays while the name stays the same.
            institutionId: sql`case when ${surveyResponse.nameKey} is distinct from excluded.name_key
              then excluded.institution_id
              else coalesce(${surveyResponse.institutionId}, excluded.institution_id) end`,
            institutionType: sql`excluded.institution_type`,
            province: sql`excluded.province`,
            contactEmail: sql`excluded.contact_email`,
            answers: sql`excluded.answers`,
            aiUses: sql`excluded.ai_uses`,
            contentHash: sql`excluded.content_hash`,
            importId: sql`excluded.import_id`,
            updatedAt: sql`excluded.updated_at`,
          },
          setWhere: sql`${surveyResponse.contentHash} is distinct from excluded.content_hash`,
        });
    }
    await audit(tx, {
      actorId: input.actorId,
      action: "survey.import",
      subject: `survey_import:${importId}`,
      details: {
        fileName: input.fileName,
        via: input.via,
        new: plan.new,
        changed: plan.changed,
        unchanged: plan.unchanged,
      },
    });
    return { ...plan, importId, fileName: input.fileName, sha256: input.sha256 };
  });
}

/**
 * Reads and stores a whole export: the errors (with line and column, as messages) when anything
 * does not fit, and then nothing is stored.
 */
export async function importSurveyFile(
  db: DB,
  input: {
    fileName: string;
    content: string | Uint8Array;
    actorId: string | null;
    via: ImportVia;
    options?: ParseOptions;
  },
): Promise<ImportResult> {
  const parsed = parseSurvey(input.content, input.options);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const summary = await applyImport(db, {
    fileName: input.fileName,
    sha256: sha256Hex(input.content),
    rows: parsed.rows,
    actorId: input.actorId,
    via: input.via,
  });
  return { ok: true, summary };
}

/** Whether a message names its own place (an `at`: "Regel N, kolom ..."), also under its hints. */
function saysWhere(message: LaterMessage): boolean {
  const params = message.params;
  if (!params) return false;
  if (params.at !== undefined) return true;
  const inner = params.message;
  return typeof inner === "object" && !Array.isArray(inner) && saysWhere(inner as LaterMessage);
}

/**
 * One problem as a line of text in the reader's language that says where: messages about one
 * line already start with "Regel N"; the others (the header, the file as a whole) get the line
 * in front. The command line says it in Dutch, the moderator page in the page's language.
 */
export function formatSurveyError(locale: Locale, error: SurveyError): string {
  if (error.line <= 0 || saysWhere(error.message)) return errorText(locale, error.message);
  return errorText(locale, {
    key: "error.surveyFile.located",
    params: {
      at: {
        key: error.line === 1 ? "error.surveyFile.headerLine" : "error.surveyFile.line",
        params: { line: error.line },
      },
      message: error.message,
    },
  });
}

/** The summary in one Dutch sentence per wave, for the command line and the audit. */
export function describeSummary(summary: ImportPlan): string[] {
  const lines = [
    `${summary.total} ${summary.total === 1 ? "rij" : "rijen"}: ${summary.new} nieuw, ` +
      `${summary.changed} gewijzigd, ${summary.unchanged} ongewijzigd.`,
  ];
  for (const [wave, counts] of Object.entries(summary.perWave)) {
    lines.push(
      `  golf ${wave}: ${counts.new} nieuw, ${counts.changed} gewijzigd, ${counts.unchanged} ongewijzigd`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Upload, preview, confirm (the moderator page)

const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type PreviewResult =
  | { ok: true; uploadId: string; fileName: string; plan: ImportPlan }
  | { ok: false; errors: SurveyError[] };

/**
 * Checks an uploaded file and says what importing it would change; a valid file is kept (for a
 * day at most) until the moderator confirms it. An invalid one is not kept.
 */
export async function previewUpload(
  db: DB,
  input: { fileName: string; content: Uint8Array; actorId: string },
): Promise<PreviewResult> {
  const parsed = parseSurvey(input.content);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const plan = await planImport(db, parsed.rows);
  const id = randomUUID();
  await db.delete(surveyUpload).where(lt(surveyUpload.createdAt, new Date(Date.now() - UPLOAD_LIFETIME_MS)));
  await db.insert(surveyUpload).values({
    id,
    fileName: input.fileName,
    sha256: sha256Hex(input.content),
    content: new TextDecoder("utf-8").decode(input.content),
    uploadedBy: input.actorId,
  });
  return { ok: true, uploadId: id, fileName: input.fileName, plan };
}

export class UploadGoneError extends AppError {
  constructor() {
    super("error.survey.uploadGone", { status: 409 });
  }
}

/** Imports an upload that was previewed: validated again, stored in one transaction, then dropped. */
export async function confirmUpload(
  db: DB,
  input: { uploadId: string; actorId: string },
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const [upload] = await tx
      .delete(surveyUpload)
      .where(and(eq(surveyUpload.id, input.uploadId), eq(surveyUpload.uploadedBy, input.actorId)))
      .returning();
    if (!upload) throw new UploadGoneError();
    const parsed = parseSurvey(upload.content);
    if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
    const summary = await applyImport(tx, {
      fileName: upload.fileName,
      sha256: upload.sha256,
      rows: parsed.rows,
      actorId: input.actorId,
      via: "web",
    });
    return { ok: true as const, summary };
  });
}

/** The import history, newest first, with who imported (null: the command line). */
export function listImports(db: DB, limit = 50) {
  return db
    .select({
      id: surveyImport.id,
      fileName: surveyImport.fileName,
      sha256: surveyImport.sha256,
      via: surveyImport.via,
      importedBy: user.name,
      importedAt: surveyImport.importedAt,
      total: surveyImport.rowsTotal,
      new: surveyImport.rowsNew,
      changed: surveyImport.rowsChanged,
      unchanged: surveyImport.rowsUnchanged,
      perWave: surveyImport.perWave,
    })
    .from(surveyImport)
    .leftJoin(user, eq(user.id, surveyImport.importedBy))
    .orderBy(desc(surveyImport.importedAt), desc(surveyImport.id))
    .limit(limit);
}
