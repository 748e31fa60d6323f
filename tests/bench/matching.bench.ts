// Benchmark of the intervision matcher: `npm run bench:matching` (a plain tsx script).
// Seeded synthetic participants: four institution types, 9 topics needed with p = 0.4 and offered with p = 0.25,
// 12 provinces, 60 % meet in person, about 10 % of participants share an institution.

import {
  greedyGrouping,
  match,
  type Participant,
  randomGrouping,
  scoreGrouping,
  seededRandom,
  upperBound,
} from "#app/modules/intervisie/matching.ts";
import { topics } from "#app/modules/taxonomy.ts";

const types = ["Archief", "Archief", "Museum", "Museum", "Omroep", "Overig"];
const provinces = [
  "Groningen",
  "Friesland",
  "Drenthe",
  "Overijssel",
  "Flevoland",
  "Gelderland",
  "Utrecht",
  "Noord-Holland",
  "Zuid-Holland",
  "Zeeland",
  "Noord-Brabant",
  "Limburg",
];

export function generateParticipants(n: number, seed: number): Participant[] {
  const rng = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const people: Participant[] = [];
  for (let i = 0; i < n; i++) {
    const colleague = i > 0 && rng() < 0.1 ? people[Math.floor(rng() * i)] : undefined;
    people.push({
      id: `p${i + 1}`,
      institution: colleague?.institution ?? `inst${i + 1}`,
      type: colleague?.type ?? pick(types),
      needs: topics.filter(() => rng() < 0.4).map((t) => t.key),
      offers: topics.filter(() => rng() < 0.25).map((t) => t.key),
      province: colleague?.province ?? pick(provinces),
      inPerson: rng() < 0.6,
    });
  }
  return people;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function main() {
  const rows: string[][] = [["n", "time ms", "score", "greedy", "random", "upper bound", "vs greedy"]];
  for (const [n, runs] of [
    [200, 5],
    [500, 3],
    [2000, 2],
  ] as const) {
    const participants = generateParticipants(n, 42);
    const times: number[] = [];
    let score = 0;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      score = match(participants, { seed: 1 }).score;
      times.push(performance.now() - start);
    }
    const seeds = [1, 2, 3];
    const mean = (f: (seed: number) => string[][]) =>
      seeds.reduce((sum, seed) => sum + scoreGrouping(participants, f(seed)).score, 0) / seeds.length;
    const greedy = mean((seed) => greedyGrouping(participants, { seed }));
    const random = mean((seed) => randomGrouping(participants, { seed }));
    rows.push([
      String(n),
      median(times).toFixed(0),
      score.toFixed(4),
      greedy.toFixed(4),
      random.toFixed(4),
      upperBound(participants).toFixed(4),
      `+${((score / greedy - 1) * 100).toFixed(1)} %`,
    ]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join("  "));
}

main();
