// Steady-state search on the seed, as `bench:load` asks /api/search, on one connection: two
// engines, one ranking in the app server (search/rank-cd.ts), one leaving that to PostgreSQL as
// before session 12. Each makes three passes over the relevance queries (learning what it keeps),
// then they take turns for `passes` passes each, with per search the PostgreSQL backend's CPU, this
// process's CPU, the wall time and each statement.
// Throw-away database avk_search_steady_<pid> (TEST_DATABASE_URL for another server).
//   npx tsx tests/bench/search-steady.ts [passes=6]
import { readFileSync } from "node:fs";
import { openPostgres } from "#db/client.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { cpuMs, throwAwayDatabase, timeStatements } from "./built-server.ts";

const base = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const passes = Number(process.argv[2] ?? 6);
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
  // Ranked in the app server (rank-cd.ts) and, for comparison, by PostgreSQL, as before session 12;
  // taking turns, pass by pass, so that both see the same machine.
  const engines = [
    { name: "gerangschikt in de app-server", engine: new PostgresEngine(db) },
    { name: "gerangschikt door PostgreSQL", engine: new PostgresEngine(db, undefined, false) },
  ].map((e) => ({
    ...e,
    pg: 0,
    node: 0,
    wall: 0,
    statements: new Map<string, { count: number; ms: number }>(),
  }));
  // Three passes each, as a server that has been running a while: a document's vectors are read
  // for ranking in the app server once it has been a candidate three times.
  for (const { engine } of engines) {
    for (let pass = 0; pass < 3; pass++)
      for (const q of queries) await engine.query({ q, locale: "nl", limit: 20 });
    await engine.vectorsRead();
  }

  let current = engines[0]!;
  timeStatements(db, (statement, ms) => {
    const entry = current.statements.get(statement) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    current.statements.set(statement, entry);
  });
  for (let pass = 0; pass < passes; pass++) {
    for (const side of pass % 2 === 0 ? engines : [...engines].reverse()) {
      current = side;
      const pgBefore = cpuMs(pid) ?? 0;
      const nodeBefore = process.cpuUsage();
      const started = performance.now();
      for (const q of queries) await side.engine.query({ q, locale: "nl", limit: 20 });
      const node = process.cpuUsage(nodeBefore);
      side.wall += performance.now() - started;
      side.pg += (cpuMs(pid) ?? 0) - pgBefore;
      side.node += (node.user + node.system) / 1000;
    }
  }
  const n = passes * queries.length;
  for (const side of engines) {
    console.log(
      `${side.name}, ${n} zoekvragen: per zoekvraag ${(side.wall / n).toFixed(2)} ms, ` +
        `CPU PostgreSQL ${(side.pg / n).toFixed(2)} ms, CPU Node ${(side.node / n).toFixed(2)} ms`,
    );
    for (const [statement, entry] of side.statements) {
      console.log(
        `  ${(entry.count / n).toFixed(2)} per zoekvraag, ${(entry.ms / entry.count).toFixed(3)} ms: ${statement}`,
      );
    }
  }
} finally {
  await database.close();
  await place.drop();
}
