// Survey test data: the synthetic export in tests/fixtures/survey/ (see its README.md), small
// hand-made files, and generated files of any size (seeded, so every run gets the same file).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { quoteField } from "#app/lib/csv.ts";
import { errorText } from "#app/lib/errors.ts";
import type { AggregateInput } from "#app/modules/survey/aggregate.ts";
import { parseSurvey, type SurveyRow } from "#app/modules/survey/parse.ts";
import { type Answers, choiceColumns, questionnaire } from "#app/modules/survey/questionnaire.ts";
import type { InstitutionType } from "#app/modules/taxonomy.ts";

const fixtureDir = fileURLToPath(new URL("../fixtures/survey/", import.meta.url));

export function fixtureSurveyPath(name: string): string {
  const file = path.join(fixtureDir, name);
  if (!existsSync(file)) throw new Error(`Testdata ontbreekt: ${file}.`);
  return file;
}

export function fixtureSurveyFile(name: string): string {
  return readFileSync(fixtureSurveyPath(name), "utf8");
}

export const SYNTHETIC = "trendmonitor-synthetisch.csv";
export const SYNTHETIC_EXPECTED = "trendmonitor-synthetisch.expected.json";

export const surveyColumns = questionnaire.map((def) => def.column);

/** The respondents of the synthetic export, parsed (the file parses without errors). */
export function syntheticRows(): SurveyRow[] {
  const result = parseSurvey(fixtureSurveyFile(SYNTHETIC));
  if (!result.ok) throw new Error(result.errors.map((e) => errorText("nl", e.message)).join("\n"));
  return result.rows;
}

/** Every choice question unanswered. */
export function blankAnswers(): Answers {
  return Object.fromEntries(choiceColumns.map((column) => [column, null])) as Answers;
}

/** One respondent for the aggregates: the given answers, every other question blank. */
export function surveyRow(
  wave: number,
  institutionType: InstitutionType,
  answers: Partial<Answers> = {},
): AggregateInput {
  return { wave, institutionType, answers: { ...blankAnswers(), ...answers } };
}

/** A CSV export from rows given as column → answer (missing columns blank). */
export function surveyCsv(rows: readonly Record<string, string>[], delimiter: "," | ";" = ","): string {
  const lines = [surveyColumns.join(delimiter)];
  for (const row of rows) {
    lines.push(surveyColumns.map((column) => quoteField(row[column] ?? "", delimiter)).join(delimiter));
  }
  return `${lines.join("\r\n")}\r\n`;
}

// A small seeded generator (mulberry32).
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid export of `count` respondents over three waves, with blanks and odd spellings. */
export function generateSurvey(count: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const waves = [2019, 2022, 2024];
  const lines = [surveyColumns.join(",")];
  for (let i = 0; i < count; i++) {
    const wave = pick(waves);
    const cells = questionnaire.map((def): string => {
      switch (def.kind) {
        case "id":
          return `G${String(i).padStart(6, "0")}`;
        case "wave":
          return String(wave);
        case "text-private":
          return `Instelling ${i % 997}, afdeling "AV"`;
        case "email-private":
          return `contact${i}@example.org`;
        case "multi":
          return next() < 0.9 ? "" : def.labels.filter(() => next() < 0.5).join("|");
        default: {
          if (next() < 0.1) return "";
          const label = pick(def.labels as readonly string[]);
          return next() < 0.1 ? ` ${label.toUpperCase()} ` : label;
        }
      }
    });
    lines.push(cells.map((cell) => quoteField(cell)).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
