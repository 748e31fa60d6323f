// Times the survey import and the trends aggregation on 10,000 generated valid rows, and the
// refusal of 50 MB of random bytes (too big; as binary; as text), which should take a moment.
// Run: npx tsx tests/bench/survey-parse.bench.ts [rows]

import { randomBytes } from "node:crypto";
import { quoteField } from "#app/lib/csv.ts";
import { errorText } from "#app/lib/errors.ts";
import { aggregateAll, breakdownByType } from "#app/modules/survey/aggregate.ts";
import { parseSurvey } from "#app/modules/survey/parse.ts";
import { dashboardColumns, questionnaire } from "#app/modules/survey/questionnaire.ts";

const count = Number(process.argv[2] ?? 10_000);

// A small seeded generator (mulberry32), so every run times the same file.
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

function generate(rows: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const waves = [2019, 2022, 2024];
  const lines = [questionnaire.map((def) => def.column).join(",")];
  for (let i = 0; i < rows; i++) {
    const wave = pick(waves);
    const cells = questionnaire.map((def): string => {
      switch (def.kind) {
        case "id":
          return `R${wave}-${String(i).padStart(5, "0")}`;
        case "wave":
          return String(wave);
        case "text-private":
          return `Instelling ${i}, afdeling "AV"`;
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

function time<T>(label: string, runs: number, work: () => T): T {
  let result = work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const min = times[0] ?? 0;
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(1)} ms   min ${min.toFixed(1)} ms   (${runs} runs)`,
  );
  return result;
}

const text = generate(count);
console.log(`${count} rows, ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(2)} MB CSV`);

const coldStart = performance.now();
const cold = parseSurvey(text);
console.log(
  `${"parseSurvey (first call, cold)".padEnd(44)} ${(performance.now() - coldStart).toFixed(1)} ms`,
);
if (!cold.ok) throw new Error(cold.errors.map((e) => errorText("nl", e.message)).join("\n"));

const parsed = time("parseSurvey", 10, () => parseSurvey(text));
if (!parsed.ok) throw new Error("unexpected errors");
time("aggregateAll (dashboard questions)", 10, () => aggregateAll(parsed.rows));
time(`breakdownByType (${dashboardColumns.length} questions x 3 waves)`, 10, () => {
  for (const wave of parsed.waves)
    for (const column of dashboardColumns) breakdownByType(parsed.rows, wave, column);
});

// Junk: refused with one error each, without reading it through (under 0.1 s, 3 s and 1 s
// when these limits were unit tests).
const junk = new Uint8Array(randomBytes(50 * 1024 * 1024));
const junkText = new TextDecoder().decode(junk);
for (const [label, refuse] of [
  ["50 MB random bytes: too big (20 MB limit)", () => parseSurvey(junk)],
  ["50 MB random bytes: not a CSV (64 MB limit)", () => parseSurvey(junk, { maxBytes: 64 * 1024 * 1024 })],
  [
    "50 MB random text: one error (256 MB limit)",
    () => parseSurvey(junkText, { maxBytes: 256 * 1024 * 1024 }),
  ],
] as const) {
  const refused = time(label, 3, refuse);
  if (refused.ok || refused.errors.length !== 1) throw new Error(`${label}: expected one error`);
}
