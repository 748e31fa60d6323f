import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Answers } from "../../app/modules/survey/questionnaire.ts";
import { institution, user } from "./auth.ts";

/**
 * One applied import of a survey export (the import history): who imported which file, when,
 * and what it did per wave. Written in the same transaction as the responses it changed.
 */
export const surveyImport = pgTable(
  "survey_import",
  {
    id: serial("id").primaryKey(),
    fileName: text("file_name").notNull(),
    /** SHA-256 (hex) of the file's bytes. */
    sha256: text("sha256").notNull(),
    /** Null for the command line (npm run survey:import) or a deleted user. */
    importedBy: text("imported_by").references(() => user.id, { onDelete: "set null" }),
    /** "web" (the moderator page) or "cli" (npm run survey:import). */
    via: text("via").notNull(),
    rowsTotal: integer("rows_total").notNull(),
    rowsNew: integer("rows_new").notNull(),
    rowsChanged: integer("rows_changed").notNull(),
    rowsUnchanged: integer("rows_unchanged").notNull(),
    /** Per wave: { "2024": { new, changed, unchanged } }. */
    perWave: jsonb("per_wave")
      .$type<Record<string, { new: number; changed: number; unchanged: number }>>()
      .notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("survey_import_at_idx").on(t.importedAt)],
);

/**
 * One set of answers to the TrendMonitor questionnaire: a respondent of an imported wave
 * (source "import", key respondent_id + wave) or a member's self-assessment for their
 * institution (source "self"). Only imported responses count in the public trends.
 */
export const surveyResponse = pgTable(
  "survey_response",
  {
    id: serial("id").primaryKey(),
    source: text("source", { enum: ["import", "self"] }).notNull(),
    respondentId: text("respondent_id").notNull(),
    wave: integer("wave").notNull(),
    /** When the answers were given: 1 January of the wave for imports, the day of a self-assessment. */
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
    /** The linked institution (confirmed by a moderator, or the member's own for "self"). */
    institutionId: integer("institution_id").references(() => institution.id, { onDelete: "set null" }),
    /** Private: never shown publicly. */
    institutionName: text("institution_name"),
    /** The name for matching: trimmed, runs of spaces as one, lower case. */
    nameKey: text("name_key"),
    institutionType: text("institution_type").notNull(),
    province: text("province"),
    /** Private: only for intervision invitations. */
    contactEmail: text("contact_email"),
    answers: jsonb("answers").$type<Answers>().notNull(),
    aiUses: text("ai_uses").array().notNull().default(sql`'{}'::text[]`),
    /** SHA-256 of the stored content: a re-import updates only rows whose hash differs. */
    contentHash: text("content_hash").notNull(),
    /** The import that created or last changed this row (null for self-assessments). */
    importId: integer("import_id").references(() => surveyImport.id, { onDelete: "set null" }),
    /** The member who filled in a self-assessment. */
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_response_key").on(t.source, t.respondentId, t.wave),
    index("survey_response_wave_idx").on(t.source, t.wave),
    index("survey_response_institution_idx").on(t.institutionId, t.answeredAt),
    index("survey_response_name_key_idx").on(t.nameKey),
  ],
);

/**
 * A name in survey exports that a moderator linked to an institution. Later imports with the
 * same name (compared as name_key) are linked at once.
 */
export const surveyInstitutionLink = pgTable("survey_institution_link", {
  nameKey: text("name_key").primaryKey(),
  institutionId: integer("institution_id")
    .notNull()
    .references(() => institution.id, { onDelete: "cascade" }),
  linkedBy: text("linked_by").references(() => user.id, { onDelete: "set null" }),
  linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An uploaded file waiting for the moderator's confirmation (upload, preview, confirm). Deleted
 * when it is imported; left-overs older than a day are removed at the next upload.
 */
export const surveyUpload = pgTable("survey_upload", {
  id: text("id").primaryKey(),
  fileName: text("file_name").notNull(),
  sha256: text("sha256").notNull(),
  content: text("content").notNull(),
  uploadedBy: text("uploaded_by").references(() => user.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A pulse round (issue #20, part 4): a short subset of the TrendMonitor questions that a
 * moderator puts to the member institutions. Its results are a wave of their own on /trends,
 * labelled as a pulse round and never mixed into the TrendMonitor waves.
 */
export const pulseRound = pgTable("pulse_round", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  /** The choice columns asked (questionnaire order). */
  columns: jsonb("columns").$type<string[]>().notNull(),
  open: boolean("open").notNull().default(true),
  createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One institution's answer to a pulse round; editable while the round is open. */
export const pulseAnswer = pgTable(
  "pulse_answer",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => pulseRound.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    institutionType: text("institution_type").notNull(),
    /** Column -> canonical label (only the round's columns; absent = not answered). */
    answers: jsonb("answers").$type<Record<string, string>>().notNull(),
    answeredBy: text("answered_by").references(() => user.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pulse_answer_round_institution_idx").on(t.roundId, t.institutionId)],
);
