// The public trends dashboard, the pure part: respondent rows (wave, type and answers only: no
// name, no e-mail, no free text) in, what /trends, /trends.json and /trends.csv show out. The
// privacy rule of docs/domain.md §6 is applied here once: a question or group answered by 1 to 4
// respondents shows "< 5" and no counts or percentages; where a total stands beside exactly one
// such group a second group is hidden too (aggregate.ts, suppress).

import { type Locale, translator } from "#app/i18n/index.ts";
import type { Table, TableValue } from "#app/lib/csv.ts";
import { type InstitutionType, institutionTypes } from "#app/modules/taxonomy.ts";
import {
  type AggregateInput,
  aggregateWave,
  breakdownByType,
  breakdownTable,
  MIN_GROUP_SIZE,
  type QuestionAggregate,
  questionTable,
  respondentsByType,
  respondentsTable,
  SECONDARY_HIDDEN_LABEL,
  SMALL_GROUP_LABEL,
  suppress,
  type TypeCounts,
} from "./aggregate.ts";
import { answerLabel, type DashboardColumn, dashboardColumns, labelsOf } from "./questionnaire.ts";

const isHiddenSize = (n: number) => n > 0 && n < MIN_GROUP_SIZE;

// ---------------------------------------------------------------------------------------------
// /trends.json: the shape of trendmonitor-synthetisch.expected.json, with hidden figures as null

export interface PublicQuestion {
  /** Respondents who answered; null when 1 to 4 did (then counts and percent are empty). */
  n: number | null;
  counts: Record<string, number>;
  percent: Record<string, number>;
}

export interface PublicWave {
  wave: number;
  /** Respondents in the wave; null when there are 1 to 4. */
  n: number | null;
  /** Respondents per institution type (report Table 1); null for a hidden group. */
  institution_type: Record<InstitutionType, number | null>;
  questions: Record<DashboardColumn, PublicQuestion>;
}

function publicQuestion(aggregate: QuestionAggregate): PublicQuestion {
  return isHiddenSize(aggregate.n) ? { n: null, counts: {}, percent: {} } : aggregate;
}

/** One wave as the JSON answer gives it: every dashboard question, privacy rule applied. */
export function publicWave(rows: readonly AggregateInput[], wave: number): PublicWave {
  const aggregate = aggregateWave(rows, wave);
  const hide = suppress(aggregate.institution_type, aggregate.n);
  const institution_type = Object.fromEntries(
    institutionTypes.map((type) => [type, hide.groups[type] ? null : aggregate.institution_type[type]]),
  ) as Record<InstitutionType, number | null>;
  const questions = Object.fromEntries(
    dashboardColumns.map((column) => [column, publicQuestion(aggregate.questions[column])]),
  ) as Record<DashboardColumn, PublicQuestion>;
  return { wave, n: hide.total ? null : aggregate.n, institution_type, questions };
}

// ---------------------------------------------------------------------------------------------
// /trends: the page

export interface AnswerRow {
  label: string;
  count: number;
  percent: number;
}

export interface TypeRow {
  type: InstitutionType;
  /** Respondents of this type who answered; null when hidden. */
  n: number | null;
  hidden: "small" | "secondary" | null;
  /** Percent per label (same order as labels); null when hidden. */
  percent: (number | null)[];
}

export interface Comparison {
  /** Waves up to the selected one in which the question was asked, oldest first. */
  waves: number[];
  /** N per wave; null when hidden. */
  n: (number | null)[];
  rows: { label: string; percent: (number | null)[] }[];
}

export interface QuestionView {
  column: DashboardColumn;
  /** Respondents who answered; null when 1 to 4 did. 0: not asked in this wave. */
  n: number | null;
  /** Every label in questionnaire order, with count and percent (empty when hidden). */
  answers: AnswerRow[];
  labels: string[];
  /** Groups by institution type that have answers (hidden ones included, marked). */
  byType: TypeRow[];
  /** Whether the breakdown shows anything at all (not every group hidden). */
  byTypeVisible: boolean;
  comparison: Comparison | null;
}

export interface RespondentRow {
  type: InstitutionType;
  n: number | null;
  percent: number | null;
  hidden: "small" | "secondary" | null;
}

export interface Dashboard {
  waves: number[];
  wave: number;
  /** Respondents in the wave; null when 1 to 4. */
  n: number | null;
  respondents: RespondentRow[];
  questions: QuestionView[];
}

function typeRows(rows: readonly AggregateInput[], wave: number, column: DashboardColumn): TypeRow[] {
  const breakdown = breakdownByType(rows, wave, column);
  const labels = labelsOf(column);
  const result: TypeRow[] = [];
  for (const type of institutionTypes) {
    const cell = breakdown.groups[type];
    if (cell.hidden) result.push({ type, n: null, hidden: cell.reason, percent: labels.map(() => null) });
    else if (cell.n > 0)
      result.push({
        type,
        n: cell.n,
        hidden: null,
        percent: labels.map((label) => cell.percent[label] ?? 0),
      });
  }
  return result;
}

function comparison(
  rows: readonly AggregateInput[],
  waves: readonly number[],
  wave: number,
  column: DashboardColumn,
) {
  const asked = waves
    .filter((w) => w <= wave)
    .map((w) => ({ wave: w, aggregate: aggregateWave(rows, w, { columns: [column] }).questions[column] }))
    .filter((entry) => entry.aggregate.n > 0);
  if (asked.length < 2) return null;
  return {
    waves: asked.map((entry) => entry.wave),
    n: asked.map((entry) => (isHiddenSize(entry.aggregate.n) ? null : entry.aggregate.n)),
    rows: labelsOf(column).map((label) => ({
      label,
      percent: asked.map((entry) =>
        isHiddenSize(entry.aggregate.n) ? null : (entry.aggregate.percent[label] ?? 0),
      ),
    })),
  };
}

/** Everything /trends shows for one wave, with the comparison across earlier waves. */
export function buildDashboard(
  rows: readonly AggregateInput[],
  waves: readonly number[],
  wave: number,
): Dashboard {
  const aggregate = aggregateWave(rows, wave);
  const counts: TypeCounts = respondentsByType(rows, wave);
  const respondents: RespondentRow[] = institutionTypes.map((type) => {
    const cell = counts.groups[type];
    return cell.hidden
      ? { type, n: null, percent: null, hidden: cell.reason }
      : { type, n: cell.n, percent: cell.percent, hidden: null };
  });
  const questions = dashboardColumns.map((column): QuestionView => {
    const question = aggregate.questions[column];
    const hidden = isHiddenSize(question.n);
    const labels = [...labelsOf(column)] as string[];
    const byType = hidden ? [] : typeRows(rows, wave, column);
    return {
      column,
      n: hidden ? null : question.n,
      labels,
      answers: hidden
        ? []
        : labels.map((label) => ({
            label,
            count: question.counts[label] ?? 0,
            percent: question.percent[label] ?? 0,
          })),
      byType,
      byTypeVisible: byType.some((row) => row.hidden === null),
      comparison: comparison(rows, waves, wave, column),
    };
  });
  return {
    waves: [...waves],
    wave,
    n: isHiddenSize(aggregate.n) ? null : aggregate.n,
    respondents,
    questions,
  };
}

// ---------------------------------------------------------------------------------------------
// /trends.csv: the data table under a chart

/** The tables a CSV download can hold. */
export const csvTables = ["antwoorden", "type", "golven"] as const;
export type CsvTable = (typeof csvTables)[number];

/** vraag=respondenten: the respondents per institution type (report Table 1). */
export const RESPONDENTS = "respondenten";

export function hiddenLabel(reason: "small" | "secondary"): string {
  return reason === "small" ? SMALL_GROUP_LABEL : SECONDARY_HIDDEN_LABEL;
}

/**
 * The table behind one chart, as the page shows it: the answers of a question, its breakdown by
 * institution type, its comparison across waves, or the respondents per type. Null when the
 * question has no such table in this wave.
 */
export function dashboardTable(
  rows: readonly AggregateInput[],
  waves: readonly number[],
  wave: number,
  question: DashboardColumn | typeof RESPONDENTS,
  table: CsvTable = "antwoorden",
  locale: Locale = "nl",
): Table | null {
  if (question === RESPONDENTS) return respondentsTable(respondentsByType(rows, wave), locale);
  const t = translator(locale);
  const aggregate = aggregateWave(rows, wave, { columns: [question] }).questions[question];
  if (table === "antwoorden") {
    if (isHiddenSize(aggregate.n)) {
      return {
        columns: [t("csv.answer"), t("csv.count"), t("csv.percent")],
        rows: [[t("csv.answered"), SMALL_GROUP_LABEL, null]],
      };
    }
    return questionTable(aggregate, question, locale);
  }
  if (table === "type") {
    if (isHiddenSize(aggregate.n) || aggregate.n === 0) return null;
    const full = breakdownTable(breakdownByType(rows, wave, question), locale);
    // Groups without any answers are left out, as on the page.
    return { columns: full.columns, rows: full.rows.filter((row) => row[1] !== 0) };
  }
  const compared = comparison(rows, waves, wave, question);
  if (!compared) return null;
  const cell = (value: number | null): TableValue => (value === null ? SMALL_GROUP_LABEL : value);
  return {
    columns: [t("csv.answer"), ...compared.waves.map((w) => `${w} (%)`)],
    rows: [
      ...compared.rows.map((row) => [
        answerLabel(row.label, locale),
        ...row.percent.map((p) => (p === null ? null : p)),
      ]),
      [t("csv.answered"), ...compared.n.map(cell)],
    ],
  };
}
