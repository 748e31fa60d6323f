// A/B of two postgres engines in the same process and period (the machine is shared and noisy):
// rounds alternate, each a new engine (nothing remembered) answering the 220 queries once, on one
// connection, whose backend's CPU time is reported too. Uses the database search-profile.ts fills.
//   PROFILE_DATABASE_URL=… [SEARCH_AB_BEFORE=postgres-before.ts] npx tsx tests/bench/search-ab.ts [rounds=6]
// SEARCH_AB_STEADY=1: one engine of each kind for all rounds, after a pass over all queries, as in
// a running server (what it remembered is used again), without remembered results.
import { readFileSync } from "node:fs";
import { openPostgres } from "#db/client.server.ts";
import { PostgresEngine as After } from "#search/postgres.ts";

// The engine to compare with: another version of search/postgres.ts, copied next to it, e.g.
// `git show 2bf3525:search/postgres.ts > search/postgres-before.ts` (not committed).
const beforePath = new URL(
  `../../search/${process.env.SEARCH_AB_BEFORE ?? "postgres-before.ts"}`,
  import.meta.url,
).href;
const { PostgresEngine: Before } = (await import(beforePath)) as typeof import("#search/postgres.ts");

const url = process.env.PROFILE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/avk_search_profile";
const rounds = Number(process.argv[2] ?? 6);
// One connection, so that the CPU time of its backend is the CPU time the engine cost PostgreSQL.
const database = await openPostgres(url, 1);
const [{ pid }] = (await database.db.execute("select pg_backend_pid() as pid")) as unknown as [
  { pid: number },
];
/** CPU time (ms) of that backend so far, from /proc (Linux). */
function backendCpuMs(): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ = 100
}
const relevance = JSON.parse(
  readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
) as { queries: { q: string }[] };
const queries = [
  ...relevance.queries.map((q) => q.q),
  ...relevance.queries.map((q) => q.q.slice(0, Math.max(3, Math.ceil(q.q.length / 2)))),
];
const at = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
type Figures = { p50: number[]; p95: number[]; pg: number[]; node: number[] };
const results: Record<string, Figures> = {
  before: { p50: [], p95: [], pg: [], node: [] },
  after: { p50: [], p95: [], pg: [], node: [] },
};
const steady = process.env.SEARCH_AB_STEADY
  ? { before: new Before(database.db), after: new After(database.db) }
  : null;
if (steady) {
  for (const q of queries) await steady.before.query({ q, locale: "nl", limit: 20 });
  for (const q of queries) await steady.after.query({ q, locale: "nl", limit: 20 });
}
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? (["after", "before"] as const) : (["before", "after"] as const);
  for (const which of order) {
    const engine = steady
      ? steady[which]
      : which === "before"
        ? new Before(database.db)
        : new After(database.db);
    if (!steady) for (const q of queries.slice(0, 10)) await engine.query({ q, locale: "nl" });
    const times: number[] = [];
    const pg0 = backendCpuMs();
    const node0 = process.cpuUsage();
    for (const q of queries) {
      const t = performance.now();
      await engine.query({ q, locale: "nl", limit: 20 });
      times.push(performance.now() - t);
    }
    const node = process.cpuUsage(node0);
    const cpu = {
      pg: (backendCpuMs() - pg0) / queries.length,
      node: (node.user + node.system) / 1000 / queries.length,
    };
    times.sort((a, b) => a - b);
    const f = results[which]!;
    f.p50.push(at(times, 50));
    f.p95.push(at(times, 95));
    f.pg.push(cpu.pg);
    f.node.push(cpu.node);
    console.log(
      `round ${r} ${which}: p50 ${at(times, 50).toFixed(1)} ms, p95 ${at(times, 95).toFixed(1)} ms; CPU per query PostgreSQL ${cpu.pg.toFixed(2)} ms, Node ${cpu.node.toFixed(2)} ms`,
    );
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const which of ["before", "after"])
  console.log(
    `${which}: mean p50 ${mean(results[which]!.p50).toFixed(1)} ms, mean p95 ${mean(results[which]!.p95).toFixed(1)} ms; mean CPU per query PostgreSQL ${mean(results[which]!.pg).toFixed(2)} ms, Node ${mean(results[which]!.node).toFixed(2)} ms`,
  );
await database.close();
