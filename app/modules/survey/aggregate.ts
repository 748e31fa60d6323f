// Trends aggregation, the pure part: respondent rows in, the figures of the public dashboard
// out (docs/domain.md §6). Percentages are over those who answered, whole
// percents rounded half up with integer arithmetic. Breakdowns by institution type follow the
// privacy rule: groups under 5 hidden, and a second group hidden when exactly one is.
// Never a name, e-mail or free text in anything returned here.

import { type Locale, translate } from "#app/i18n/index.ts";
import type { Table, TableValue } from "#app/lib/csv.ts";
import type { SurveyRow } from "#app/modules/survey/parse.ts";
import {
  answerLabel,
  type ChoiceColumn,
  type DashboardColumn,
  dashboardColumns,
  labelsOf,
} from "#app/modules/survey/questionnaire.ts";
import { type InstitutionType, institutionTypes } from "#app/modules/taxonomy.ts";

/** Only what aggregation reads from a row: no name, no e-mail. */
export type AggregateInput = Pick<SurveyRow, "wave" | "institutionType" | "answers">;

export interface QuestionAggregate {
  /** Respondents who answered the question. */
  n: number;
  /** Count per canonical label; labels nobody chose are left out. */
  counts: Record<string, number>;
  /** Whole percent of n per label (same keys as counts), rounded half up. */
  percent: Record<string, number>;
}

export interface WaveAggregate<C extends ChoiceColumn = DashboardColumn> {
  wave: number;
  /** Respondents in the wave. */
  n: number;
  /** Respondents per institution type (report Table 1); every type, 0 included. */
  institution_type: Record<InstitutionType, number>;
  questions: Record<C, QuestionAggregate>;
}

export interface AggregateOptions<C extends ChoiceColumn> {
  /** Questions to aggregate; default the dashboard's (questionnaire.dashboardColumns). */
  columns?: readonly C[];
}

/** round(100 · count / n) with halves rounded up, exactly (no floating point); 0 when n = 0. */
export function percentHalfUp(count: number, n: number): number {
  if (n <= 0) return 0;
  return Math.floor((count * 200 + n) / (2 * n));
}

function aggregateQuestion(rows: readonly AggregateInput[], column: ChoiceColumn): QuestionAggregate {
  const tally = new Map<string, number>();
  let n = 0;
  for (const row of rows) {
    const answer = row.answers[column];
    if (answer === null || answer === undefined) continue;
    n++;
    tally.set(answer, (tally.get(answer) ?? 0) + 1);
  }
  const counts: Record<string, number> = {};
  const percent: Record<string, number> = {};
  for (const label of labelsOf(column)) {
    const count = tally.get(label);
    if (!count) continue;
    counts[label] = count;
    percent[label] = percentHalfUp(count, n);
  }
  return { n, counts, percent };
}

function countTypes(rows: readonly AggregateInput[]): Record<InstitutionType, number> {
  const counts = Object.fromEntries(institutionTypes.map((type) => [type, 0])) as Record<
    InstitutionType,
    number
  >;
  for (const row of rows) counts[row.institutionType]++;
  return counts;
}

export function aggregateWave<C extends ChoiceColumn = DashboardColumn>(
  rows: readonly AggregateInput[],
  wave: number,
  options: AggregateOptions<C> = {},
): WaveAggregate<C> {
  const columns = options.columns ?? (dashboardColumns as readonly ChoiceColumn[] as readonly C[]);
  const inWave = rows.filter((row) => row.wave === wave);
  const questions = {} as Record<C, QuestionAggregate>;
  for (const column of columns) questions[column] = aggregateQuestion(inWave, column);
  return { wave, n: inWave.length, institution_type: countTypes(inWave), questions };
}

/** Every wave present in the rows, keyed by year. */
export function aggregateAll<C extends ChoiceColumn = DashboardColumn>(
  rows: readonly AggregateInput[],
  options: AggregateOptions<C> = {},
): Record<number, WaveAggregate<C>> {
  const waves = [...new Set(rows.map((row) => row.wave))].sort((a, b) => a - b);
  const result: Record<number, WaveAggregate<C>> = {};
  for (const wave of waves) result[wave] = aggregateWave(rows, wave, options);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Privacy: breakdowns by institution type

export const MIN_GROUP_SIZE = 5;
/** What the public page shows for a group that is too small. */
export const SMALL_GROUP_LABEL = "< 5";
/** What it shows for a group hidden only so that a small one cannot be derived (as CBS: "x"). */
export const SECONDARY_HIDDEN_LABEL = "x";

export type HiddenCell = { hidden: true; reason: "small" | "secondary" };
export type Cell<T> = ({ hidden: false } & T) | HiddenCell;

export interface PrivacyOptions {
  /** Smallest group shown; default 5. */
  minGroupSize?: number;
}

/**
 * Which groups to hide. A group of 1..min-1 is hidden ("small"). Where the total is shown beside
 * exactly one such group, the smallest other non-empty group is hidden too ("secondary"; ties
 * go to the first in taxonomy order), so the hidden figure cannot be worked out by subtraction.
 * An empty group (0) stays visible: it tells nothing about anyone, and hiding it would protect
 * nothing. The total itself is hidden when it is 1..min-1.
 */
export function suppress(
  sizes: Record<InstitutionType, number>,
  total: number,
  minGroupSize = MIN_GROUP_SIZE,
): { total: HiddenCell["reason"] | null; groups: Record<InstitutionType, HiddenCell["reason"] | null> } {
  const groups = Object.fromEntries(
    institutionTypes.map((type) => [type, sizes[type] > 0 && sizes[type] < minGroupSize ? "small" : null]),
  ) as Record<InstitutionType, HiddenCell["reason"] | null>;
  const totalHidden = total > 0 && total < minGroupSize;
  const small = institutionTypes.filter((type) => groups[type] === "small");
  if (!totalHidden && small.length === 1) {
    let smallest: InstitutionType | null = null;
    for (const type of institutionTypes) {
      if (groups[type] !== null || sizes[type] === 0) continue;
      if (smallest === null || sizes[type] < sizes[smallest]) smallest = type;
    }
    if (smallest !== null) groups[smallest] = "secondary";
  }
  return { total: totalHidden ? "small" : null, groups };
}

function cell<T extends object>(value: T, reason: HiddenCell["reason"] | null): Cell<T> {
  return reason ? { hidden: true, reason } : { hidden: false, ...value };
}

export interface TypeBreakdown<C extends ChoiceColumn = ChoiceColumn> {
  wave: number;
  column: C;
  /** The whole wave. */
  total: Cell<QuestionAggregate>;
  groups: Record<InstitutionType, Cell<QuestionAggregate>>;
}

/**
 * One question by institution type. A group's size is the number in it who answered the
 * question (the base of its percentages), so a group of 8 of whom 3 answered is hidden.
 */
export function breakdownByType<C extends ChoiceColumn>(
  rows: readonly AggregateInput[],
  wave: number,
  column: C,
  options: PrivacyOptions = {},
): TypeBreakdown<C> {
  const inWave = rows.filter((row) => row.wave === wave);
  const total = aggregateQuestion(inWave, column);
  const perType = Object.fromEntries(
    institutionTypes.map((type) => [
      type,
      aggregateQuestion(
        inWave.filter((row) => row.institutionType === type),
        column,
      ),
    ]),
  ) as Record<InstitutionType, QuestionAggregate>;
  const sizes = Object.fromEntries(institutionTypes.map((type) => [type, perType[type].n])) as Record<
    InstitutionType,
    number
  >;
  const hide = suppress(sizes, total.n, options.minGroupSize);
  const groups = Object.fromEntries(
    institutionTypes.map((type) => [type, cell(perType[type], hide.groups[type])]),
  ) as Record<InstitutionType, Cell<QuestionAggregate>>;
  return { wave, column, total: cell(total, hide.total), groups };
}

export interface TypeCounts {
  wave: number;
  total: Cell<{ n: number }>;
  groups: Record<InstitutionType, Cell<{ n: number; percent: number }>>;
}

/** Respondents per institution type (report Table 1) with the same privacy rule. */
export function respondentsByType(
  rows: readonly AggregateInput[],
  wave: number,
  options: PrivacyOptions = {},
): TypeCounts {
  const inWave = rows.filter((row) => row.wave === wave);
  const sizes = countTypes(inWave);
  const hide = suppress(sizes, inWave.length, options.minGroupSize);
  const groups = Object.fromEntries(
    institutionTypes.map((type) => [
      type,
      cell({ n: sizes[type], percent: percentHalfUp(sizes[type], inWave.length) }, hide.groups[type]),
    ]),
  ) as TypeCounts["groups"];
  return { wave, total: cell({ n: inWave.length }, hide.total), groups };
}

// ---------------------------------------------------------------------------------------------
// Data tables and CSV downloads

function hiddenText(value: HiddenCell): string {
  return value.reason === "small" ? SMALL_GROUP_LABEL : SECONDARY_HIDDEN_LABEL;
}

/** A table's institution type in `locale` (the Dutch name is the canonical one). */
function typeName(type: InstitutionType, locale: Locale): string {
  return locale === "nl" ? type : translate(locale, `survey.type.${type}`);
}

/**
 * The data table under a chart of one question: every label, its count and percent, and N.
 * Headers and labels in `locale` (the page's language).
 */
export function questionTable(
  aggregate: QuestionAggregate,
  column: ChoiceColumn,
  locale: Locale = "nl",
): Table {
  const t = (key: "csv.answer" | "csv.count" | "csv.percent" | "csv.answered") => translate(locale, key);
  return {
    columns: [t("csv.answer"), t("csv.count"), t("csv.percent")],
    rows: [
      ...labelsOf(column).map((label) => [
        answerLabel(label, locale),
        aggregate.counts[label] ?? 0,
        aggregate.percent[label] ?? 0,
      ]),
      [t("csv.answered"), aggregate.n, null],
    ],
  };
}

/** A breakdown by institution type: N and the percentage per label, hidden groups marked. */
export function breakdownTable(breakdown: TypeBreakdown, locale: Locale = "nl"): Table {
  const labels = labelsOf(breakdown.column);
  const line = (name: string, value: Cell<QuestionAggregate>): TableValue[] =>
    value.hidden
      ? [name, hiddenText(value), ...labels.map(() => null)]
      : [name, value.n, ...labels.map((label) => value.percent[label] ?? 0)];
  return {
    columns: [
      translate(locale, "csv.institutionType"),
      "N",
      ...labels.map((label) => `${answerLabel(label, locale)} (%)`),
    ],
    rows: [
      ...institutionTypes.map((type) => line(typeName(type, locale), breakdown.groups[type])),
      line(translate(locale, "csv.total"), breakdown.total),
    ],
  };
}

/** Respondents per institution type (report Table 1). */
export function respondentsTable(counts: TypeCounts, locale: Locale = "nl"): Table {
  const total = translate(locale, "csv.total");
  return {
    columns: [
      translate(locale, "csv.institutionType"),
      translate(locale, "csv.count"),
      translate(locale, "csv.percent"),
    ],
    rows: [
      ...institutionTypes.map((type): TableValue[] => {
        const value = counts.groups[type];
        const name = typeName(type, locale);
        return value.hidden ? [name, hiddenText(value), null] : [name, value.n, value.percent];
      }),
      counts.total.hidden ? [total, hiddenText(counts.total), null] : [total, counts.total.n, 100],
    ],
  };
}
