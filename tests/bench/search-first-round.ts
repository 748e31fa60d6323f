// First-round profile: a new engine (nothing remembered) answers each query once; per query the
// time of each statement it sent. Uses the database that search-profile.ts fills.
//   npx tsx tests/bench/search-first-round.ts [top=8]
import { readFileSync } from "node:fs";
import { openPostgres } from "#db/client.server.ts";
import { DocTable } from "#search/doc-table.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { postgresCpuMs, timeStatements } from "./built-server.ts";

const url = process.env.PROFILE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/avk_search_profile";
const top = Number(process.argv[2] ?? 8);
// POOL: the pool's size (it made no difference to the first round: docs/benchmarks.md).
const database = await openPostgres(url, Number(process.env.POOL ?? 4));
const relevance = JSON.parse(
  readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
) as { queries: { q: string }[] };
const queries = [
  ...relevance.queries.map((q) => q.q),
  ...relevance.queries.map((q) => q.q.slice(0, Math.max(3, Math.ceil(q.q.length / 2)))),
];
let log: { what: string; ms: number }[] = [];
const db = database.db;
timeStatements(db, (what, ms) => log.push({ what, ms }));
const all: number[] = [];
// Time spent in the engine's own aggregation (JavaScript), per query.
const aggregate = DocTable.prototype.aggregate;
DocTable.prototype.aggregate = function (...args: Parameters<typeof aggregate>) {
  const t = performance.now();
  const r = aggregate.apply(this, args);
  log.push({ what: "(aggregate in JavaScript)", ms: performance.now() - t });
  return r;
};
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const engine = new PostgresEngine(db);
  for (const q of queries.slice(0, 10)) await engine.query({ q, locale: "nl" });
  const times: { q: string; ms: number; log: typeof log }[] = [];
  const cpuBefore = { pg: postgresCpuMs() ?? 0, node: process.cpuUsage() };
  for (const q of queries) {
    log = [];
    const t = performance.now();
    await engine.query({ q, locale: "nl", limit: 20 });
    times.push({ q, ms: performance.now() - t, log });
  }
  const nodeCpu = process.cpuUsage(cpuBefore.node);
  const cpu = {
    pg: ((postgresCpuMs() ?? 0) - cpuBefore.pg) / queries.length,
    node: (nodeCpu.user + nodeCpu.system) / 1000 / queries.length,
  };
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  all.push(...times.map((t) => t.ms));
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.ms;
  console.log(
    `run ${run}: p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms; CPU per query: PostgreSQL ${cpu.pg.toFixed(1)} ms, Node ${cpu.node.toFixed(1)} ms`,
  );
  const byKind = new Map<string, { ms: number; count: number }>();
  for (const t of times)
    for (const l of t.log) {
      const k = byKind.get(l.what) ?? { ms: 0, count: 0 };
      k.ms += l.ms;
      k.count++;
      byKind.set(l.what, k);
    }
  const wall = times.reduce((a, t) => a + t.ms, 0);
  console.log(`  all queries ${wall.toFixed(0)} ms; per statement (summed, parallel ones overlap):`);
  for (const [what, k] of [...byKind].sort((a, b) => b[1].ms - a[1].ms))
    console.log(`  ${k.ms.toFixed(0).padStart(6)} ms ${String(k.count).padStart(4)}x  ${what}`);
  if (run === 0)
    for (const x of sorted.slice(sorted.length - top).reverse()) {
      console.log(`${x.ms.toFixed(1).padStart(7)} ms  ${x.q}`);
      for (const l of x.log) console.log(`          ${l.ms.toFixed(1).padStart(6)}  ${l.what}`);
    }
}
await database.close();
