// Steady-state search on the seed, as `bench:load` asks /api/search: one engine, one connection,
// two passes over the relevance queries (the engine learns what it keeps), then `passes` passes with
// per search the PostgreSQL backend's CPU, this process's CPU, the wall time and each statement.
// Throw-away database avk_search_steady_<pid> (TEST_DATABASE_URL for another server).
// RANK_IN_DATABASE=1: candidates ranked by PostgreSQL, as before session 12.
//   npx tsx tests/bench/search-steady.ts [passes=5]
import { readFileSync } from "node:fs";
import { openPostgres } from "#db/client.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { cpuMs, throwAwayDatabase, timeStatements } from "./built-server.ts";

const base = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const passes = Number(process.argv[2] ?? 5);
const place = await throwAwayDatabase(base, `avk_search_steady_${process.pid}`);
const database = openPostgres(place.url, 1);
try {
  await database.migrate();
  await seed(database.db);
  const db = database.db;
  const [{ pid }] = (await db.execute("select pg_backend_pid() as pid")) as unknown as [{ pid: number }];
  const relevance = JSON.parse(
    readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
  ) as { queries: { q: string }[] };
  const queries = relevance.queries.map((q) => q.q);
  const engine = new PostgresEngine(db, undefined, process.env.RANK_IN_DATABASE !== "1");
  // Two passes, as a server that has been running a while: a document's vectors are read for
  // ranking in the app server once it has been a candidate twice.
  for (let pass = 0; pass < 2; pass++)
    for (const q of queries) await engine.query({ q, locale: "nl", limit: 20 });
  await engine.vectorsRead();

  const statements = new Map<string, { count: number; ms: number }>();
  timeStatements(db, (statement, ms) => {
    const entry = statements.get(statement) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    statements.set(statement, entry);
  });
  const pgBefore = cpuMs(pid) ?? 0;
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const q of queries) await engine.query({ q, locale: "nl", limit: 20 });
  }
  const n = passes * queries.length;
  const node = process.cpuUsage(nodeBefore);
  console.log(
    `${n} zoekvragen: per zoekvraag ${((performance.now() - started) / n).toFixed(2)} ms, ` +
      `CPU PostgreSQL ${(((cpuMs(pid) ?? 0) - pgBefore) / n).toFixed(2)} ms, ` +
      `CPU Node ${((node.user + node.system) / 1000 / n).toFixed(2)} ms`,
  );
  for (const [statement, entry] of statements) {
    console.log(
      `  ${(entry.count / n).toFixed(2)} per zoekvraag, ${(entry.ms / entry.count).toFixed(3)} ms: ${statement}`,
    );
  }
} finally {
  await database.close();
  await place.drop();
}
