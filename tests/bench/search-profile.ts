// Profiles the postgres search engine query by query on a PostgreSQL database that keeps the
// generated corpus between runs (created on first use):
//   PROFILE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/avk_search_profile npx tsx tests/bench/search-profile.ts [top=10] [explain-query]
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { openPostgres } from "#db/client.server.ts";
import { seedArticles } from "#db/seed/content.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { corpus } from "./search.bench-corpus.ts";

const url = process.env.PROFILE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/avk_search_profile";
const N = Number(process.env.PROFILE_N ?? 10_000);
const MODE = process.env.BENCH_CORPUS === "mixed" ? "mixed" : "topical";
const top = Number(process.argv[2] ?? 10);
const explain = process.argv[3];

const admin = postgres(new URL("/postgres", url).href.replace(/\/postgres$/, "/postgres"), {
  max: 1,
  onnotice: () => {},
});
const name = new URL(url).pathname.slice(1);
const exists = await admin`select 1 from pg_database where datname = ${name}`;
if (exists.length === 0) await admin.unsafe(`create database "${name}"`);
await admin.end();

const database = await openPostgres(url);
await database.migrate();
const engine = new PostgresEngine(database.db);
const [{ n } = { n: 0 }] = (await database.db.execute(
  "select count(*)::int as n from search_document",
)) as unknown as { n: number }[];
if (n < N) {
  await seedArticles(database.db);
  const docs = corpus(N, MODE);
  const t = performance.now();
  for (let i = 0; i < docs.length; i += 500) await engine.index(docs.slice(i, i + 500));
  await database.db.execute("analyze");
  console.log(`indexed ${docs.length} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const relevance = JSON.parse(
  readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
) as {
  queries: { q: string }[];
};
const queries = [
  ...relevance.queries.map((q) => q.q),
  ...relevance.queries.map((q) => q.q.slice(0, Math.max(3, Math.ceil(q.q.length / 2)))),
];
if (explain) {
  await database.db.execute("load 'auto_explain'");
  await database.db.execute("set auto_explain.log_min_duration = 0");
  await database.db.execute("set auto_explain.log_analyze = on");
  await database.db.execute("set client_min_messages = log");
  const t = performance.now();
  const r = await engine.query({ q: explain, locale: "nl", limit: 20 });
  console.log(`${explain}: ${(performance.now() - t).toFixed(1)} ms, total ${r.total}`);
} else {
  for (const q of queries.slice(0, 10)) await engine.query({ q, locale: "nl" });
  const times: { q: string; ms: number; total: number }[] = [];
  for (const q of queries) {
    let best = Number.POSITIVE_INFINITY;
    let total = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await engine.query({ q, locale: "nl", limit: 20 });
      best = Math.min(best, performance.now() - t);
      total = r.total;
    }
    times.push({ q, ms: best, total });
  }
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.ms;
  console.log(`p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms`);
  for (const x of sorted.slice(-top).reverse())
    console.log(`${x.ms.toFixed(1).padStart(8)} ms  ${String(x.total).padStart(6)}  ${x.q}`);
}
await database.close();
