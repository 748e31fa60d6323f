// Steady-state search on the seed, as `bench:load` asks /api/search: one engine, one connection,
// a pass over the relevance queries (the engine learns what it keeps), then `passes` passes with
// per search the PostgreSQL backend's CPU, this process's CPU, the wall time and each statement.
// Throw-away database avk_search_steady (dropped at the end; PROFILE_BASE_URL for another server).
//   npx tsx tests/bench/search-steady.ts [passes=5]
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { openPostgres } from "#db/client.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { databaseUrlFor } from "#tests/support/pg-url.ts";

const base = process.env.PROFILE_BASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const passes = Number(process.argv[2] ?? 5);
const name = "avk_search_steady";
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
const database = openPostgres(databaseUrlFor(base, name), 1);
try {
  await database.migrate();
  await seed(database.db);
  const db = database.db;
  const [{ pid }] = (await db.execute("select pg_backend_pid() as pid")) as unknown as [{ pid: number }];
  /** CPU time (ms) of the one backend so far (Linux /proc; USER_HZ = 100). */
  const backendCpuMs = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const relevance = JSON.parse(
    readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
  ) as { queries: { q: string }[] };
  const queries = relevance.queries.map((q) => q.q);
  const engine = new PostgresEngine(db);
  for (const q of queries) await engine.query({ q, locale: "nl", limit: 20 });

  // Each statement timed, by its first words.
  const statements = new Map<string, { count: number; ms: number }>();
  const execute = db.execute.bind(db);
  (db as unknown as { execute: unknown }).execute = async (query: Parameters<typeof db.execute>[0]) => {
    const started = performance.now();
    const result = await execute(query);
    const chunks = (query as unknown as { queryChunks?: { value?: string[] }[] }).queryChunks;
    const key = String(chunks?.[0]?.value?.[0] ?? query)
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 40);
    const entry = statements.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - started;
    statements.set(key, entry);
    return result;
  };
  const pgBefore = backendCpuMs();
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const q of queries) await engine.query({ q, locale: "nl", limit: 20 });
  }
  const n = passes * queries.length;
  const node = process.cpuUsage(nodeBefore);
  console.log(
    `${n} zoekvragen: per zoekvraag ${((performance.now() - started) / n).toFixed(2)} ms, ` +
      `CPU PostgreSQL ${((backendCpuMs() - pgBefore) / n).toFixed(2)} ms, ` +
      `CPU Node ${((node.user + node.system) / 1000 / n).toFixed(2)} ms`,
  );
  for (const [key, entry] of statements) {
    console.log(
      `  ${(entry.count / n).toFixed(2)} per zoekvraag, ${(entry.ms / entry.count).toFixed(3)} ms: ${key}`,
    );
  }
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
