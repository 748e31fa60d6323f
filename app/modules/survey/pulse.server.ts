// Pulse rounds (issue #20, part 4): a moderator puts a short subset of the TrendMonitor questions
// to the member institutions; each confirmed institution answers once per round (editable while
// the round is open). The results are a wave of their own on /trends, labelled as a pulse round
// and never mixed into the TrendMonitor waves. Privacy rule (docs/domain.md §6): nothing of a
// round is shown until at least 5 institutions answered, and a question fewer than 5 answered
// shows "< 5". Only totals are shown (no breakdown by type), so nothing can be subtracted.

import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError, type ErrorKey } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import type { DB } from "#db/client.server.ts";
import { institution } from "#db/schema/auth.ts";
import { pulseAnswer, pulseRound } from "#db/schema/survey.ts";
import { audit } from "../audit.server.ts";
import { MIN_GROUP_SIZE, percentHalfUp } from "./aggregate.ts";
import { type ChoiceColumn, choiceColumns, labelsOf } from "./questionnaire.ts";
import { choiceAnswer, dutch, type Translate } from "./self-assessment.ts";

/** At most this many questions in one round: a pulse is short. */
export const MAX_PULSE_QUESTIONS = 6;

/** A refused answer: the round is gone or closed, or the institution is not confirmed (409). */
export class PulseError extends AppError {
  constructor(key: Extract<ErrorKey, `error.pulse.${string}`>) {
    super(key, { status: 409 });
  }
}

export interface PulseRoundSummary {
  id: number;
  title: string;
  columns: ChoiceColumn[];
  open: boolean;
  createdAt: string;
  answered: number;
}

/** Checks a moderator's choice: a title and 1..MAX known choice columns, in questionnaire order. */
export function readRoundForm(
  form: FormData,
  t: Translate = dutch,
): { ok: true; title: string; columns: ChoiceColumn[] } | { ok: false; errors: Record<string, string> } {
  const schema = z.object({
    title: z
      .string()
      .default("")
      .transform((v) => v.trim())
      .pipe(z.string().min(3, t("pulse.error.titleShort")).max(200, t("pulse.error.titleLong"))),
    columns: z.array(z.string()).transform((chosen, ctx) => {
      const columns = choiceColumns.filter((c) => chosen.includes(c));
      const problem = chosen.some((c) => !(choiceColumns as readonly string[]).includes(c))
        ? t("pulse.error.columnsUnknown")
        : columns.length === 0
          ? t("pulse.error.columnsNone")
          : columns.length > MAX_PULSE_QUESTIONS
            ? t("pulse.error.columnsMany", { max: MAX_PULSE_QUESTIONS })
            : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      return columns;
    }),
  });
  const parsed = parseForm(schema, form, { arrays: ["columns"] });
  return parsed.ok ? { ok: true, ...parsed.value } : { ok: false, errors: parsed.errors };
}

export async function createRound(
  db: DB,
  actorId: string,
  input: { title: string; columns: ChoiceColumn[] },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pulseRound)
      .values({ title: input.title, columns: input.columns, open: true, createdBy: actorId })
      .returning({ id: pulseRound.id });
    const id = (row as { id: number }).id;
    await audit(tx, {
      actorId,
      action: "pulse.create",
      subject: `pulse:${id}`,
      details: { columns: input.columns },
    });
    return id;
  });
}

export async function setRoundOpen(
  db: DB,
  actorId: string,
  roundId: number,
  open: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(pulseRound)
      .set({ open })
      .where(eq(pulseRound.id, roundId))
      .returning({ id: pulseRound.id });
    if (!changed.length) return false;
    await audit(tx, { actorId, action: open ? "pulse.open" : "pulse.close", subject: `pulse:${roundId}` });
    return true;
  });
}

export async function listRounds(db: DB, options: { openOnly?: boolean } = {}): Promise<PulseRoundSummary[]> {
  const rows = await db
    .select({
      id: pulseRound.id,
      title: pulseRound.title,
      columns: pulseRound.columns,
      open: pulseRound.open,
      createdAt: pulseRound.createdAt,
    })
    .from(pulseRound)
    .where(options.openOnly ? eq(pulseRound.open, true) : undefined)
    .orderBy(desc(pulseRound.createdAt), desc(pulseRound.id));
  // Counted apart, per round: inside a correlated subquery the round's "id" would be read as
  // the answer's own id (the column names are not qualified there), counting the wrong rows.
  const counts = await db
    .select({ roundId: pulseAnswer.roundId, answered: sql<number>`count(*)::int` })
    .from(pulseAnswer)
    .groupBy(pulseAnswer.roundId);
  const answered = new Map(counts.map((c) => [c.roundId, Number(c.answered)]));
  return rows.map((r) => ({
    ...r,
    answered: answered.get(r.id) ?? 0,
    columns: r.columns as ChoiceColumn[],
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getRound(db: DB, roundId: number): Promise<PulseRoundSummary | null> {
  const rounds = await listRounds(db);
  return rounds.find((r) => r.id === roundId) ?? null;
}

/** The institution's own answer to a round (for its members only), or null. */
export async function ownAnswer(
  db: DB,
  roundId: number,
  institutionId: number,
): Promise<Record<string, string> | null> {
  const [row] = await db
    .select({ answers: pulseAnswer.answers })
    .from(pulseAnswer)
    .where(and(eq(pulseAnswer.roundId, roundId), eq(pulseAnswer.institutionId, institutionId)));
  return row?.answers ?? null;
}

/** Reads a member's answer: each given answer must be one of the question's labels. */
export function readPulseAnswer(
  form: FormData,
  columns: readonly ChoiceColumn[],
  t: Translate = dutch,
): { ok: true; answers: Record<string, string> } | { ok: false; errors: Record<string, string> } {
  const schema = z
    .object(Object.fromEntries(columns.map((column) => [column, choiceAnswer(column, t)])))
    .refine((values) => Object.values(values).some((v) => v !== ""), t("survey.error.none"));
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const answers: Record<string, string> = {};
  for (const [column, value] of Object.entries(parsed.value as Record<string, string>))
    if (value) answers[column] = value;
  return { ok: true, answers };
}

/** One answer per institution per round: a second save replaces the first, while the round is open. */
export async function savePulseAnswer(
  db: DB,
  actor: { id: string; institutionId: number },
  roundId: number,
  answers: Record<string, string>,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const [round] = await tx
      .select({ open: pulseRound.open })
      .from(pulseRound)
      .where(eq(pulseRound.id, roundId));
    if (!round) throw new PulseError("error.pulse.notFound");
    if (!round.open) throw new PulseError("error.pulse.closed");
    const [own] = await tx
      .select({ type: institution.type, confirmed: institution.confirmed })
      .from(institution)
      .where(eq(institution.id, actor.institutionId));
    if (!own?.confirmed) throw new PulseError("error.pulse.noInstitution");
    await tx
      .insert(pulseAnswer)
      .values({
        roundId,
        institutionId: actor.institutionId,
        institutionType: own.type,
        answers,
        answeredBy: actor.id,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [pulseAnswer.roundId, pulseAnswer.institutionId],
        set: { answers, answeredBy: actor.id, updatedAt: now },
      });
    await audit(tx, {
      actorId: actor.id,
      action: "pulse.answer",
      subject: `institution:${actor.institutionId}`,
      details: { roundId },
    });
  });
}

export interface PulseQuestionResult {
  column: ChoiceColumn;
  /** Institutions that answered; null when 1 to 4 did (hidden). */
  n: number | null;
  hidden: boolean;
  shares: { label: string; count: number; percent: number }[];
}

export interface PulseResult {
  id: number;
  title: string;
  open: boolean;
  createdAt: string;
  /** Institutions that answered; null while fewer than 5 did. */
  n: number | null;
  hidden: boolean;
  questions: PulseQuestionResult[];
}

/** Every round's results for /trends, newest first, with the privacy rule applied. */
export async function pulseResults(db: DB): Promise<PulseResult[]> {
  const rounds = await listRounds(db);
  const answers = await db
    .select({ roundId: pulseAnswer.roundId, answers: pulseAnswer.answers })
    .from(pulseAnswer)
    .orderBy(asc(pulseAnswer.id));
  return rounds.map((round) => {
    const given = answers.filter((a) => a.roundId === round.id).map((a) => a.answers);
    const hidden = given.length < MIN_GROUP_SIZE;
    const base = { id: round.id, title: round.title, open: round.open, createdAt: round.createdAt };
    if (hidden) return { ...base, n: null, hidden: true, questions: [] };
    return {
      ...base,
      n: given.length,
      hidden: false,
      questions: round.columns.map((column) => {
        const values = given.map((a) => a[column]).filter((v): v is string => typeof v === "string");
        const n = values.length;
        const small = n < MIN_GROUP_SIZE;
        return {
          column,
          n: small ? null : n,
          hidden: small,
          shares: small
            ? []
            : (labelsOf(column) as readonly string[]).map((label) => {
                const count = values.filter((v) => v === label).length;
                return { label, count, percent: percentHalfUp(count, n) };
              }),
        };
      }),
    };
  });
}
