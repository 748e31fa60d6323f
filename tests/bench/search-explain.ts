// EXPLAIN (ANALYZE, BUFFERS) of each statement the postgres engine sends for one query, on the
// database search-profile.ts fills (each statement runs twice: once explained, once for real).
//   PROFILE_DATABASE_URL=… npx tsx tests/bench/search-explain.ts "query" [statement-prefix]
import { sql } from "drizzle-orm";
import { openPostgres, rowsOf } from "#db/client.server.ts";
import { PostgresEngine } from "#search/postgres.ts";

const url = process.env.PROFILE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/avk_search_profile";
const q = process.argv[2] ?? "geluidsbanden";
const only = process.argv[3] ?? "";
const database = await openPostgres(url, 1);
const db = database.db;
const original = db.execute.bind(db);
(db as unknown as { execute: unknown }).execute = async (query: Parameters<typeof db.execute>[0]) => {
  const chunks = (query as unknown as { queryChunks?: unknown[] }).queryChunks;
  const head = JSON.stringify(chunks?.[0] ?? query).replace(/\\n|\s+/g, " ");
  if (chunks && head.includes(only)) {
    const plan = rowsOf<{ "QUERY PLAN": string }>(
      await original(sql`explain (analyze, buffers) ${query as ReturnType<typeof sql>}`),
    );
    console.log(`--- ${head.slice(0, 70)}`);
    for (const line of plan) console.log(line["QUERY PLAN"]);
  }
  return original(query);
};
const engine = new PostgresEngine(db);
await engine.query({ q: "warmup", locale: "nl", limit: 20 });
const t = performance.now();
await engine.query({ q, locale: "nl", limit: 20 });
console.log(`${q}: ${(performance.now() - t).toFixed(1)} ms (with the EXPLAINs)`);
await database.close();
