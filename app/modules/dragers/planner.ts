// The digitisation priority planner: an inventory in, a ranked plan with hours and storage out.
// Pure functions (no data access), shared by the routes, the CSV export and the tests.
//
// Rank: risk score = degradation (D, 1-5) × playback obsolescence (O, 1-5) × a factor for the
// condition of the items (goed 1, twijfelachtig 1.5, slecht 2). D and O are the carrier's
// assumptions (editable by moderators); the condition factors are AV-Kennisnet's choice, shown
// on the page. Ties: higher D first (the carrier itself decays), then more hours of content,
// then the carrier's name.
//
// Estimates per line: content hours = items × minutes / 60; digitisation hours = content hours ×
// transfer factor; storage = content hours × GB per hour / 1000 (TB, 10^12 bytes).

import { defaultLocale, type Locale, translator } from "#app/i18n/index.ts";
import { type TableValue, toCsv } from "#app/lib/csv.ts";
import { formFields } from "#app/lib/forms.ts";
import type { CarrierAssumption } from "./assumptions.ts";
import { type Condition, conditions, type InventoryLine } from "./types.ts";

export type { Condition, InventoryLine };
export { conditions };

export const conditionFactor: Record<Condition, number> = { goed: 1, twijfelachtig: 1.5, slecht: 2 };

export const conditionLabels: Record<Condition, { nl: string; en: string }> = {
  goed: { nl: "Goed", en: "Good" },
  twijfelachtig: { nl: "Twijfelachtig", en: "Doubtful" },
  slecht: {
    nl: "Slecht (bijv. azijngeur, plakkerige band, schimmel)",
    en: "Bad (e.g. vinegar smell, sticky tape, mould)",
  },
};

export const MAX_LINES = 100;
export const MAX_COUNT = 1_000_000;
export const MAX_MINUTES = 10_000;

export interface PlanRow {
  /** Position of the line in the inventory (0-based). */
  line: number;
  rank: number;
  carrier: string;
  title: string;
  count: number;
  minutes: number;
  /** True when the minutes are the carrier's default assumption. */
  defaultMinutes: boolean;
  condition: Condition;
  degradation: number;
  obsolescence: number;
  /** D × O. */
  carrierRisk: number;
  conditionFactor: number;
  /** D × O × condition factor. */
  score: number;
  contentHours: number;
  transferFactor: number;
  digitisationHours: number;
  masterTb: number;
  accessTb: number;
}

export interface Plan {
  rows: PlanRow[];
  totals: {
    items: number;
    contentHours: number;
    digitisationHours: number;
    masterTb: number;
    accessTb: number;
  };
  /** Carriers in the inventory without an assumption (left out of the plan). */
  missing: string[];
}

export function buildPlan(
  lines: readonly InventoryLine[],
  assumptions: ReadonlyMap<string, CarrierAssumption>,
  titles: ReadonlyMap<string, string> = new Map(),
): Plan {
  const rows: PlanRow[] = [];
  const missing: string[] = [];
  lines.forEach((line, index) => {
    const a = assumptions.get(line.carrier);
    if (!a) {
      if (!missing.includes(line.carrier)) missing.push(line.carrier);
      return;
    }
    const minutes = line.minutes ?? a.minutesPerItem;
    const contentHours = (line.count * minutes) / 60;
    const factor = conditionFactor[line.condition];
    const carrierRisk = a.degradationScore * a.obsolescenceScore;
    rows.push({
      line: index,
      rank: 0,
      carrier: line.carrier,
      title: titles.get(line.carrier) ?? line.carrier,
      count: line.count,
      minutes,
      defaultMinutes: line.minutes === null,
      condition: line.condition,
      degradation: a.degradationScore,
      obsolescence: a.obsolescenceScore,
      carrierRisk,
      conditionFactor: factor,
      score: carrierRisk * factor,
      contentHours,
      transferFactor: a.transferFactor,
      digitisationHours: contentHours * a.transferFactor,
      masterTb: (contentHours * a.masterGbPerHour) / 1000,
      accessTb: (contentHours * a.accessGbPerHour) / 1000,
    });
  });
  const collator = new Intl.Collator("nl", { sensitivity: "base", numeric: true });
  rows.sort(
    (a, b) =>
      b.score - a.score ||
      b.degradation - a.degradation ||
      b.contentHours - a.contentHours ||
      collator.compare(a.title, b.title) ||
      a.line - b.line,
  );
  rows.forEach((row, i) => {
    row.rank = i + 1;
  });
  const sum = (pick: (r: PlanRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    rows,
    totals: {
      items: sum((r) => r.count),
      contentHours: sum((r) => r.contentHours),
      digitisationHours: sum((r) => r.digitisationHours),
      masterTb: sum((r) => r.masterTb),
      accessTb: sum((r) => r.accessTb),
    },
    missing,
  };
}

/** A number for people: rounded to `digits` decimals, with a decimal comma in Dutch. */
export function formatNumber(value: number, locale: "nl" | "en", digits = 1): string {
  return new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Why a line has its rank, in words, e.g. "Degradatie 4 × veroudering 5 = 20; staat slecht: × 2 = 40." */
export function explainRank(row: PlanRow, locale: "nl" | "en"): string {
  const n = (v: number) => formatNumber(v, locale, 2);
  const condition = conditionLabels[row.condition][locale].split(" (")[0]!.toLowerCase();
  return locale === "nl"
    ? `Degradatie ${row.degradation} × veroudering afspeelapparatuur ${row.obsolescence} = ${row.carrierRisk}; staat ${condition}: × ${n(row.conditionFactor)} = ${n(row.score)}.`
    : `Degradation ${row.degradation} × playback obsolescence ${row.obsolescence} = ${row.carrierRisk}; condition ${condition}: × ${n(row.conditionFactor)} = ${n(row.score)}.`;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** The CSV's column names per language (short, without spaces, for spreadsheets and scripts). */
const planCsvColumns: Record<"nl" | "en", readonly string[]> = {
  nl: [
    "rang",
    "drager",
    "aantal",
    "minuten_per_item",
    "staat",
    "degradatie",
    "veroudering",
    "staatfactor",
    "risicoscore",
    "uitleg",
    "uren_inhoud",
    "digitaliseringsfactor",
    "digitaliseringsuren",
    "bewaarmaster_tb",
    "toegangskopie_tb",
  ],
  en: [
    "rank",
    "carrier",
    "count",
    "minutes_per_item",
    "condition",
    "degradation",
    "obsolescence",
    "condition_factor",
    "risk_score",
    "explanation",
    "content_hours",
    "digitisation_factor",
    "digitisation_hours",
    "master_tb",
    "access_tb",
  ],
};

/**
 * The plan as CSV (comma, CRLF, decimal point; the route adds a byte-order mark), with column
 * names, conditions and explanations in `locale` (the page's language).
 */
export function planCsv(plan: Plan, locale: "nl" | "en" = "nl"): string {
  const columns = [...planCsvColumns[locale]];
  const condition = (c: Condition) =>
    locale === "nl" ? c : conditionLabels[c].en.split(" (")[0]!.toLowerCase();
  const rows: TableValue[][] = plan.rows.map((r) => [
    r.rank,
    r.title,
    r.count,
    round(r.minutes, 2),
    condition(r.condition),
    r.degradation,
    r.obsolescence,
    r.conditionFactor,
    round(r.score, 2),
    explainRank(r, locale),
    round(r.contentHours, 2),
    r.transferFactor,
    round(r.digitisationHours, 2),
    round(r.masterTb, 3),
    round(r.accessTb, 3),
  ]);
  rows.push([
    locale === "nl" ? "totaal" : "total",
    "",
    plan.totals.items,
    null,
    "",
    null,
    null,
    null,
    null,
    "",
    round(plan.totals.contentHours, 2),
    null,
    round(plan.totals.digitisationHours, 2),
    round(plan.totals.masterTb, 3),
    round(plan.totals.accessTb, 3),
  ]);
  return toCsv({ columns, rows });
}

// ---------------------------------------------------------------- reading the inventory form

export type InventoryErrors = Record<string, string>;

/** A row of the form as typed, so that a form with errors shows what was entered. */
export interface InventoryDraft {
  carrier: string;
  count: string;
  minutes: string;
  condition: string;
}

/**
 * Reads the inventory from repeated fields drager, aantal, duur, staat (a GET query or a POSTed
 * form). Empty rows are skipped. Errors are keyed "aantal-2" (field and row), in the locale
 * (Dutch when not given).
 */
export function readInventory(
  params: URLSearchParams | FormData,
  knownCarriers: ReadonlySet<string>,
  locale: Locale = defaultLocale,
):
  | { ok: true; lines: InventoryLine[]; drafts: InventoryDraft[] }
  | { ok: false; errors: InventoryErrors; drafts: InventoryDraft[] } {
  // Rows are the n-th value of each repeated field; the checks per row stay here, keyed by row.
  const sent = formFields(params, [], ["drager", "aantal", "duur", "staat"]);
  const [carriers, counts, minutes, states] = [sent.drager, sent.aantal, sent.duur, sent.staat].map((list) =>
    list.map((v) => v.trim()),
  ) as [string[], string[], string[], string[]];
  const size = Math.min(Math.max(carriers.length, counts.length, minutes.length), MAX_LINES + 1);
  const drafts: InventoryDraft[] = [];
  const errors: InventoryErrors = {};
  const lines: InventoryLine[] = [];
  const t = translator(locale);
  for (let i = 0; i < size; i++) {
    const draft = {
      carrier: carriers[i] ?? "",
      count: counts[i] ?? "",
      minutes: minutes[i] ?? "",
      condition: states[i] ?? "goed",
    };
    if (!draft.carrier && !draft.count && !draft.minutes) continue;
    const row = drafts.length;
    drafts.push(draft);
    if (row >= MAX_LINES) {
      errors.form = t("error.planner.tooManyLines", { max: MAX_LINES });
      break;
    }
    let ok = true;
    if (!draft.carrier) {
      errors[`drager-${row}`] = t("error.planner.carrier");
      ok = false;
    } else if (!knownCarriers.has(draft.carrier)) {
      errors[`drager-${row}`] = t("error.planner.unknownCarrier");
      ok = false;
    }
    const count = Number(draft.count.replace(/\./g, ""));
    if (!draft.count) {
      errors[`aantal-${row}`] = t("error.planner.count");
      ok = false;
    } else if (!/^\d[\d.]*$/.test(draft.count) || !Number.isInteger(count) || count < 1) {
      errors[`aantal-${row}`] = t("error.planner.countWhole");
      ok = false;
    } else if (count > MAX_COUNT) {
      errors[`aantal-${row}`] = t("error.planner.countMax", { max: formatNumber(MAX_COUNT, locale) });
      ok = false;
    }
    let mins: number | null = null;
    if (draft.minutes) {
      mins = Number(draft.minutes.replace(",", "."));
      if (!Number.isFinite(mins) || mins <= 0) {
        errors[`duur-${row}`] = t("error.planner.minutes");
        ok = false;
      } else if (mins > MAX_MINUTES) {
        errors[`duur-${row}`] = t("error.planner.minutesMax", { max: formatNumber(MAX_MINUTES, locale) });
        ok = false;
      }
    }
    if (!(conditions as readonly string[]).includes(draft.condition)) {
      errors[`staat-${row}`] = t("error.planner.condition");
      ok = false;
    }
    if (ok)
      lines.push({ carrier: draft.carrier, count, minutes: mins, condition: draft.condition as Condition });
  }
  if (Object.keys(errors).length) return { ok: false, errors, drafts };
  return { ok: true, lines, drafts };
}

/** The inventory as query parameters (for links to the CSV and the printable page). */
export function inventoryQuery(lines: readonly InventoryLine[]): string {
  const search = new URLSearchParams();
  for (const line of lines) {
    search.append("drager", line.carrier);
    search.append("aantal", String(line.count));
    search.append("duur", line.minutes === null ? "" : String(line.minutes));
    search.append("staat", line.condition);
  }
  return search.toString();
}
