// The report's figures on /trends, the pure part. One view model for both sources:
// - "published": the numbers the TrendMonitor 2024 prints (trendmonitor-2024.ts), on a fresh
//   install before any respondent data is imported;
// - "respondents": the same figures computed from the imported waves, with the privacy rule of
//   DOMAIN.md (a group or question with 1 to 4 answers shows "< 5", a second group is hidden
//   beside a single small one) and, for moderators, a check against the printed numbers.
// A question is compared only across the waves that asked it (a wave where nobody answered it
// is left out). Shared by server and browser code.

import { institutionTypeLabel } from "#app/i18n/index.ts";
import type { Table, TableValue } from "#app/lib/csv.ts";
import { type InstitutionType, institutionTypes, topics } from "#app/modules/taxonomy.ts";
import {
  type AggregateInput,
  breakdownByType,
  MIN_GROUP_SIZE,
  percentHalfUp,
  respondentsByType,
  SMALL_GROUP_LABEL,
} from "./aggregate.ts";
import {
  aiUseLabels,
  answerLabel,
  type ChoiceColumn,
  choiceDef,
  labelsOf,
  type Text,
} from "./questionnaire.ts";
import {
  type FigureColumn,
  type FigureKind,
  type PrintedWave,
  type ReportFigure,
  reportFigures,
} from "./trendmonitor-2024.ts";

export type FigureSource = "published" | "respondents";

/** What the figures read from a row: wave, type, answers and the AI uses. No name, no e-mail. */
export type FigureInput = AggregateInput & { aiUses?: readonly string[] };

export interface SeriesView {
  wave: number;
  /** Base of the percentages: printed N (published) or those who answered; null when not
   * printed or when 1 to 4 answered (then `hidden`). */
  n: number | null;
  hidden: "small" | "secondary" | null;
  /** Per label (figure order); null = not printed / hidden. */
  percent: (number | null)[];
  count: (number | null)[];
}

export interface ItemView {
  /** Column (bars, likert) or institution type (byType). */
  key: string;
  label: Text;
  series: SeriesView[];
  /** Knowledge-base topic for a knowledge need (figure 13). */
  topic?: string;
}

export interface LikertScale {
  /** Most negative first. */
  negative: string[];
  neutral: string | null;
  /** Least positive first. */
  positive: string[];
  /** Drawn apart on the right ("Weet ik niet"). */
  other: string[];
}

export interface FigureCheck {
  column: string;
  wave: number;
  /** Largest difference in percentage points between computed and printed percentages. */
  points: number | null;
  /** Printed counts (not N) that the data does not reproduce. */
  countsDiffer: number;
  /** The printed N and the computed one when they differ, else null. */
  nDiffers: { printed: number; computed: number | null } | null;
  match: boolean;
}

export interface FigureLink {
  href: string;
  label: Text;
}

export interface FigureView {
  id: string;
  number: Text;
  title: Text;
  titleFromReport: boolean;
  sourceLine: string;
  kind: FigureKind;
  source: FigureSource;
  /** The canonical labels: institution types (Table 1) or the survey's (Dutch) answers. */
  labels: string[];
  labelKind: "type" | "answer";
  items: ItemView[];
  /** Waves shown (only those in which the question was asked / printed). */
  waves: number[];
  wording: string[];
  links: FigureLink[];
  likert: LikertScale | null;
  /** Whether the report prints numbers for this figure (published: else only the wording). */
  hasNumbers: boolean;
  /** Moderators only, respondents only: computed against printed. */
  checks: FigureCheck[] | null;
}

const isHidden = (n: number) => n > 0 && n < MIN_GROUP_SIZE;

export function labelsOfFigureColumn(column: FigureColumn): string[] {
  if (column === "ai_uses") return [...aiUseLabels];
  if (column === "institution_type") return [...institutionTypes];
  return [...labelsOf(column)];
}

const typeText: Record<InstitutionType, Text> = {
  Archief: { nl: "Archieven", en: "Archives" },
  Omroep: { nl: "Omroepen", en: "Broadcasters" },
  Museum: { nl: "Museumsector", en: "Museums" },
  Overig: { nl: "Overig", en: "Other" },
  Onbekend: { nl: "Onbekend", en: "Unknown" },
};

function columnText(column: FigureColumn): Text {
  if (column === "ai_uses") return { nl: "Toepassingen van AI", en: "Uses of AI" };
  if (column === "institution_type") return { nl: "Type instelling", en: "Type of institution" };
  return choiceDef(column).short;
}

const likertScales: Partial<Record<string, LikertScale>> = {
  "tabel-2": {
    negative: ["Niet kansrijk", "Onvoldoende kansrijk"],
    neutral: "Matig kansrijk",
    positive: ["Voldoende kansrijk", "Zeer kansrijk"],
    other: ["Weet ik niet"],
  },
  "figuur-13": {
    negative: ["Slecht", "Onvoldoende"],
    neutral: null,
    positive: ["Voldoende", "Goed"],
    other: ["Weet ik niet"],
  },
};

const kb = (topic: string) => `/kennisbank?onderwerp=${topic}`;
const link = (href: string, nl: string, en: string): FigureLink => ({ href, label: { nl, en } });

/** What the platform offers beside each figure. */
const figureLinks: Record<string, FigureLink[]> = {
  "figuur-2": [link("/dragers", "Dragers herkennen en plannen", "Identify and plan carriers")],
  "figuur-6": [
    link("/kennisbank/ooc-regeling", "Gids: de OOC-regeling", "Guide: the OOC regulation"),
    link(kb("copyright"), "Alles over auteursrecht en OOC", "All on copyright and OOC"),
  ],
  "figuur-7": [
    link(
      "/kennisbank/ooc-convenant-audiovisuele-werken",
      "Gids: het OOC-convenant Audiovisuele Werken",
      "Guide: the OOC agreement on audiovisual works",
    ),
  ],
  "figuur-8": [
    link(
      "/kennisbank/ooc-convenant-losstaande-muziek",
      "Gids: het OOC-convenant Losstaande Muziek",
      "Guide: the OOC agreement on stand-alone music",
    ),
  ],
  "figuur-13": [
    link("/intervisie", "Intervisie met collega’s uit vergelijkbare instellingen", "Peer intervision"),
  ],
  "figuur-14": [link(kb("digitisation"), "Gidsen over digitalisering", "Guides on digitisation")],
  "figuur-15": [link(kb("digitisation"), "Gidsen over digitalisering", "Guides on digitisation")],
  "figuur-16": [
    link(kb("digitisation"), "Gidsen over digitalisering", "Guides on digitisation"),
    link("/dragers/planner", "Digitalisering plannen per drager", "Plan digitisation per carrier"),
  ],
  "figuur-17": [
    link("/dragers/planner", "Digitalisering plannen per drager", "Plan digitisation per carrier"),
  ],
  "figuur-18": [link(kb("outsourcing"), "Gidsen over uitbesteden", "Guides on outsourcing")],
  "figuur-19": [link("/dragers/samenwerken", "Samen digitaliseren", "Digitise together")],
  "tabel-2": [link(kb("digitisation"), "Gidsen over digitalisering", "Guides on digitisation")],
  "figuur-21": [link(kb("ai"), "Gidsen over AI en spraakherkenning", "Guides on AI and speech-to-text")],
  "figuur-23": [link(kb("ai"), "Gidsen over AI en spraakherkenning", "Guides on AI and speech-to-text")],
  "figuur-24": [link(kb("ai"), "Gidsen over AI en spraakherkenning", "Guides on AI and speech-to-text")],
  "figuur-25": [link(kb("born_digital"), "Gidsen over born digital", "Guides on born digital")],
  "figuur-26": [link(kb("born_digital"), "Gidsen over born digital", "Guides on born digital")],
  "figuur-27": [link(kb("born_digital"), "Gidsen over born digital", "Guides on born digital")],
};

function topicOf(column: FigureColumn): string | undefined {
  return topics.find((topic) => topic.surveyColumn === column)?.key;
}

// ---------------------------------------------------------------------------------------------
// Published

function printedSeries(printed: PrintedWave, wave: number, labels: string[]): SeriesView {
  return {
    wave,
    n: printed.n,
    hidden: null,
    percent: labels.map((label) => printed.values[label]?.percent ?? null),
    count: labels.map((label) => printed.values[label]?.count ?? null),
  };
}

function publishedFigure(figure: ReportFigure): FigureView {
  const labels = labelsOfFigureColumn(figure.columns[0]!);
  const items: ItemView[] = figure.columns.map((column) => {
    const byWave = figure.printed[column] ?? {};
    return {
      key: column,
      label: columnText(column),
      topic: topicOf(column),
      series: figure.waves.flatMap((wave) => {
        const printed = byWave[wave];
        return printed ? [printedSeries(printed, wave, labels)] : [];
      }),
    };
  });
  const waves = figure.waves.filter((wave) => items.some((item) => item.series.some((s) => s.wave === wave)));
  return {
    ...base(figure, "published"),
    labels,
    items,
    waves,
    hasNumbers: waves.length > 0,
    checks: null,
  };
}

function base(figure: ReportFigure, source: FigureSource) {
  return {
    id: figure.id,
    number: figure.number,
    title: figure.title,
    titleFromReport: figure.titleFromReport,
    sourceLine: figure.sourceLine,
    kind: figure.kind,
    source,
    labelKind: figure.columns[0] === "institution_type" ? ("type" as const) : ("answer" as const),
    wording: figure.wording,
    links: figureLinks[figure.id] ?? [],
    likert: likertScales[figure.id] ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Computed from respondents

function answersOf(row: FigureInput, column: FigureColumn): string[] | null {
  if (column === "ai_uses") return row.aiUses?.length ? [...row.aiUses] : null;
  if (column === "institution_type") return [row.institutionType];
  const answer = row.answers[column as ChoiceColumn];
  return answer === null || answer === undefined ? null : [answer];
}

function computedSeries(rows: readonly FigureInput[], wave: number, column: FigureColumn, labels: string[]) {
  const tally = new Map<string, number>();
  let n = 0;
  for (const row of rows) {
    if (row.wave !== wave) continue;
    const answers = answersOf(row, column);
    if (!answers) continue;
    n++;
    for (const answer of answers) tally.set(answer, (tally.get(answer) ?? 0) + 1);
  }
  if (n === 0) return null;
  if (isHidden(n)) {
    return {
      wave,
      n: null,
      hidden: "small" as const,
      percent: labels.map(() => null),
      count: labels.map(() => null),
    };
  }
  return {
    wave,
    n,
    hidden: null,
    percent: labels.map((label) => percentHalfUp(tally.get(label) ?? 0, n)),
    count: labels.map((label) => tally.get(label) ?? 0),
    exact: labels.map((label) => (100 * (tally.get(label) ?? 0)) / n),
  };
}

function respondentsSeries(rows: readonly FigureInput[], wave: number, labels: string[]): SeriesView | null {
  const counts = respondentsByType(rows, wave);
  if (!rows.some((row) => row.wave === wave)) return null;
  const cells = labels.map((label) => counts.groups[label as InstitutionType]);
  return {
    wave,
    n: counts.total.hidden ? null : counts.total.n,
    hidden: counts.total.hidden ? counts.total.reason : null,
    percent: cells.map((cell) => (cell.hidden ? null : cell.percent)),
    count: cells.map((cell) => (cell.hidden ? null : cell.n)),
  };
}

function decimals(value: number): number {
  return Number.isInteger(value) ? 0 : (String(value).split(".")[1]?.length ?? 0);
}

function check(
  column: FigureColumn,
  wave: number,
  printed: PrintedWave,
  labels: string[],
  computed: { n: number | null; count: (number | null)[]; exact?: number[]; percent: (number | null)[] },
): FigureCheck {
  let points: number | null = null;
  let countsDiffer = 0;
  labels.forEach((label, i) => {
    const value = printed.values[label];
    if (!value) return;
    if (value.percent !== undefined) {
      const exact = computed.exact?.[i] ?? computed.percent[i];
      if (exact === null || exact === undefined) return;
      const factor = 10 ** decimals(value.percent);
      const rounded = Math.floor(exact * factor + 0.5) / factor;
      const diff = Math.round(Math.abs(rounded - value.percent) * 10) / 10;
      points = Math.max(points ?? 0, diff);
    }
    if (value.count !== undefined && computed.count[i] !== value.count) countsDiffer++;
  });
  const nDiffers =
    printed.n !== null && computed.n !== printed.n ? { printed: printed.n, computed: computed.n } : null;
  return {
    column,
    wave,
    points,
    countsDiffer,
    nDiffers,
    match: (points ?? 0) === 0 && countsDiffer === 0 && nDiffers === null,
  };
}

function computedFigure(
  figure: ReportFigure,
  rows: readonly FigureInput[],
  waves: readonly number[],
  withChecks: boolean,
): FigureView {
  const labels = labelsOfFigureColumn(figure.columns[0]!);
  const checks: FigureCheck[] = [];
  let items: ItemView[];
  if (figure.kind === "byType") {
    const column = figure.columns[0] as ChoiceColumn;
    const wave = figure.waves.at(-1)!;
    const breakdown = breakdownByType(rows, wave, column);
    items = institutionTypes.flatMap((type): ItemView[] => {
      const cell = breakdown.groups[type];
      const series: SeriesView = cell.hidden
        ? {
            wave,
            n: null,
            hidden: cell.reason,
            percent: labels.map(() => null),
            count: labels.map(() => null),
          }
        : {
            wave,
            n: cell.n,
            hidden: null,
            percent: labels.map((label) => cell.percent[label] ?? 0),
            count: labels.map((label) => cell.counts[label] ?? 0),
          };
      if (!cell.hidden && cell.n === 0) return [];
      return [{ key: type, label: typeText[type], series: [series] }];
    });
    if (!waves.includes(wave)) items = [];
  } else {
    items = figure.columns.map((column) => {
      const series: SeriesView[] = [];
      for (const wave of waves) {
        if (!figure.waves.includes(wave) && figure.kind === "likert") continue;
        if (column === "institution_type") {
          const s = respondentsSeries(rows, wave, labels);
          if (s) series.push(s);
          const printed = figure.printed[column]?.[wave];
          if (s && printed && withChecks && !s.hidden) checks.push(check(column, wave, printed, labels, s));
          continue;
        }
        const s = computedSeries(rows, wave, column, labels);
        if (!s) continue;
        const { exact, ...view } = s as SeriesView & { exact?: number[] };
        series.push(view);
        const printed = figure.printed[column]?.[wave];
        if (printed && withChecks && !view.hidden)
          checks.push(check(column, wave, printed, labels, { ...view, exact }));
      }
      return { key: column, label: columnText(column), topic: topicOf(column), series };
    });
  }
  // Knowledge needs: sorted by how badly each is met (latest wave), worst first.
  if (figure.id === "figuur-13") items = sortByBadlyMet(items, labels);
  const shown = [...new Set(items.flatMap((item) => item.series.map((s) => s.wave)))].sort((a, b) => a - b);
  return {
    ...base(figure, "respondents"),
    labels,
    items,
    waves: shown,
    hasNumbers: shown.length > 0,
    checks: withChecks ? checks : null,
  };
}

/** Share answering "Onvoldoende" or "Slecht" in an item's latest shown wave. */
export function badlyMet(item: ItemView, labels: readonly string[]): number {
  const latest = item.series.at(-1);
  if (!latest) return -1;
  return ["Onvoldoende", "Slecht"].reduce(
    (sum, label) => sum + (latest.percent[labels.indexOf(label)] ?? 0),
    0,
  );
}

function sortByBadlyMet(items: ItemView[], labels: readonly string[]): ItemView[] {
  return [...items].sort((a, b) => badlyMet(b, labels) - badlyMet(a, labels));
}

// ---------------------------------------------------------------------------------------------
// Entry points

export function publishedFigures(): FigureView[] {
  return reportFigures.map(publishedFigure);
}

/** Every report figure computed from the rows; `checks` only when asked (moderators). */
export function computedFigures(
  rows: readonly FigureInput[],
  waves: readonly number[],
  options: { checks?: boolean } = {},
): FigureView[] {
  return reportFigures.map((figure) => computedFigure(figure, rows, waves, options.checks ?? false));
}

export function findReportFigure(id: string): ReportFigure | undefined {
  return reportFigures.find((figure) => figure.id === id);
}

/**
 * A figure's label as plain text in `locale` (a chart, its description, a CSV): an institution
 * type translated, an answer of the survey as its English gloss (questionnaire.ts).
 */
export function figureLabel(view: Pick<FigureView, "labelKind">, label: string, locale: "nl" | "en"): string {
  return view.labelKind === "type" ? institutionTypeLabel(locale, label) : answerLabel(label, locale);
}

/** The data table behind a figure, as the page shows it and the CSV gives it. */
export function figureTable(view: FigureView, locale: "nl" | "en" = "nl"): Table {
  const first =
    view.kind === "byType"
      ? locale === "nl"
        ? "Type instelling"
        : "Type"
      : locale === "nl"
        ? "Onderdeel"
        : "Item";
  const rows: TableValue[][] = [];
  for (const item of view.items) {
    for (const s of item.series) {
      const n: TableValue = s.hidden ? (s.hidden === "small" ? SMALL_GROUP_LABEL : "x") : s.n;
      rows.push([item.label[locale], s.wave, n, ...s.percent, ...s.count]);
    }
  }
  return {
    columns: [
      first,
      locale === "nl" ? "Golf" : "Wave",
      "N",
      ...view.labels.map((label) => `${figureLabel(view, label, locale)} (%)`),
      ...view.labels.map(
        (label) => `${figureLabel(view, label, locale)} (${locale === "nl" ? "aantal" : "count"})`,
      ),
    ],
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// /trends.json on a fresh install: the printed numbers in the shape of the computed answer

export interface PublishedQuestion {
  /** The N the report prints for this question and wave; null when it prints none. */
  n: number | null;
  /** Per printed label its printed count, null when the report prints only a percentage. */
  counts: Record<string, number | null>;
  /** Per label the printed percentage (19.8 stays 19.8). */
  percent: Record<string, number>;
}

export interface PublishedWaveJson {
  wave: number;
  n: number | null;
  institution_type: Record<InstitutionType, number | null>;
  questions: Record<string, PublishedQuestion>;
}

export const publishedWaves: readonly number[] = [2019, 2022, 2024];

/** One wave of the report's printed figures, keyed by the import's columns (Table 1 as
 * institution_type); every dashboard column is present, empty where the report prints nothing. */
export function publishedWave(wave: number, columns: readonly string[]): PublishedWaveJson {
  const table1 = reportFigures.find((f) => f.id === "tabel-1")!.printed.institution_type![wave];
  const institution_type = Object.fromEntries(
    institutionTypes.map((type) => [type, table1?.values[type]?.count ?? null]),
  ) as Record<InstitutionType, number | null>;
  const questions: Record<string, PublishedQuestion> = {};
  for (const column of columns) questions[column] = { n: null, counts: {}, percent: {} };
  for (const figure of reportFigures) {
    for (const column of figure.columns) {
      if (column === "institution_type") continue;
      const printed = figure.printed[column]?.[wave];
      if (!printed) continue;
      const counts: Record<string, number | null> = {};
      const percent: Record<string, number> = {};
      for (const label of labelsOfFigureColumn(column)) {
        const value = printed.values[label];
        if (!value) continue;
        counts[label] = value.count ?? null;
        if (value.percent !== undefined) percent[label] = value.percent;
      }
      questions[column] = { n: printed.n, counts, percent };
    }
  }
  return { wave, n: table1?.n ?? null, institution_type, questions };
}
