// Benchmark of the intervision matcher: `npm run bench:matching` (a plain tsx script).
// Seeded synthetic participants: four institution types, 9 topics needed with p = 0.4 and offered with p = 0.25,
// 12 provinces, 60 % meet in person, about 10 % of participants share an institution; an AV staff
// band and a share digitised each known for 80 % (the rest unknown), so the size and maturity terms are on.
// A second table compares the groups of the old weights (size and maturity 0) with the new defaults.

import { pathToFileURL } from "node:url";
import {
  digitisationBands,
  fteBands,
  greedyGrouping,
  match,
  type Participant,
  randomGrouping,
  scoreGrouping,
  seededRandom,
  upperBound,
} from "#app/modules/intervisie/matching.ts";
import { topics } from "#app/modules/taxonomy.ts";
import { exhaustiveOptimum } from "#tests/support/exhaustive-matching.ts";

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
      fte: colleague?.fte ?? (rng() < 0.2 ? null : pick(fteBands)),
      digitisationDegree:
        colleague?.digitisationDegree ?? (rng() < 0.2 ? "Weet ik niet" : pick(digitisationBands)),
    });
  }
  return people;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function main() {
  // Wall time suffers when the machine is shared; CPU time (user + system) of this process does less.
  const rows: string[][] = [
    ["n", "time ms", "cpu ms", "score", "greedy", "random", "upper bound", "vs greedy"],
  ];
  for (const [n, runs] of [
    [200, 5],
    [500, 3],
    [2000, 2],
  ] as const) {
    const participants = generateParticipants(n, 42);
    const times: number[] = [];
    const cpus: number[] = [];
    let score = 0;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      score = match(participants, { seed: 1 }).score;
      const used = process.cpuUsage(cpu);
      times.push(performance.now() - start);
      cpus.push((used.user + used.system) / 1000);
    }
    const seeds = [1, 2, 3];
    const mean = (f: (seed: number) => string[][]) =>
      seeds.reduce((sum, seed) => sum + scoreGrouping(participants, f(seed)).score, 0) / seeds.length;
    const greedy = mean((seed) => greedyGrouping(participants, { seed }));
    const random = mean((seed) => randomGrouping(participants, { seed }));
    rows.push([
      String(n),
      median(times).toFixed(0),
      median(cpus).toFixed(0),
      score.toFixed(4),
      greedy.toFixed(4),
      random.toFixed(4),
      upperBound(participants).toFixed(4),
      `+${((score / greedy - 1) * 100).toFixed(1)} %`,
    ]);
  }
  print(rows);
  console.log("");
  optimum();
  console.log("");
  homogeneity();
}

/** Small pools with the size and maturity terms on, against the exhaustive optimum. */
function optimum() {
  let feasible = 0;
  let optimal = 0;
  let worst = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 40; i++) {
    const people = generateParticipants(8 + (i % 5), 7000 + i);
    const exact = exhaustiveOptimum(people, 4, 7);
    if (!exact) continue;
    feasible++;
    const ratio = match(people, { seed: i }).score / exact.score;
    worst = Math.min(worst, ratio);
    if (ratio > 1 - 1e-9) optimal++;
  }
  console.log(
    `exhaustive check (8-12 participants, groups of 4-7, size and maturity on): optimum reached on ${optimal} of ${feasible} pools, worst ratio ${worst.toFixed(4)}`,
  );
}

function print(rows: string[][]) {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join("  "));
}

/** Mean over groups of the range (highest − lowest rank) of a band among members who gave it. */
function meanSpread(people: Participant[], groups: string[][], field: "fte" | "digitisationDegree"): number {
  const bands = field === "fte" ? fteBands : digitisationBands;
  const byId = new Map(people.map((p) => [p.id, p]));
  let sum = 0;
  for (const group of groups) {
    const ranks = group.map((id) => bands.indexOf(byId.get(id)?.[field] ?? "")).filter((r) => r >= 0);
    sum += ranks.length > 0 ? Math.max(...ranks) - Math.min(...ranks) : 0;
  }
  return sum / groups.length;
}

/** Same instances, old weights (size and maturity 0) against the new defaults. */
function homogeneity() {
  const rows: string[][] = [
    [
      "n",
      "fte spread old",
      "new",
      "digit. spread old",
      "new",
      "need Jaccard old",
      "new",
      "same type old",
      "new",
    ],
  ];
  const needsOnly = {
    sameType: 0,
    sharedNeeds: 1,
    canHelp: 0,
    sameProvinceInPerson: 0,
    similarSize: 0,
    similarMaturity: 0,
  };
  for (const n of [200, 500, 2000]) {
    const people = generateParticipants(n, 42);
    const old = match(people, { seed: 1, weights: { similarSize: 0, similarMaturity: 0 } }).groups.map(
      (g) => g.members,
    );
    const now = match(people, { seed: 1 }).groups.map((g) => g.members);
    const type = new Map(people.map((p) => [p.id, p.type]));
    const sameType = (groups: string[][]) =>
      groups.reduce((sum, g) => sum + (new Set(g.map((id) => type.get(id))).size === 1 ? 1 : 0), 0) /
      groups.length;
    rows.push([
      String(n),
      meanSpread(people, old, "fte").toFixed(2),
      meanSpread(people, now, "fte").toFixed(2),
      meanSpread(people, old, "digitisationDegree").toFixed(2),
      meanSpread(people, now, "digitisationDegree").toFixed(2),
      scoreGrouping(people, old, needsOnly).score.toFixed(4),
      scoreGrouping(people, now, needsOnly).score.toFixed(4),
      `${(sameType(old) * 100).toFixed(0)} %`,
      `${(sameType(now) * 100).toFixed(0)} %`,
    ]);
  }
  print(rows);
}

// Run only as a script, so other benchmarks can import the generator.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
