// Search benchmark: the seed plus a generated corpus of 10,000 articles, on PGlite and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL points at a server) PostgreSQL. Reports p50/p95/p99 of
// engine queries, and of GET /api/search over HTTP with autocannon at 10 and 50 connections
// (PostgreSQL only: the built server, `npm run build` first).
//   npx tsx tests/bench/search.bench.ts [articles=10000]   (BENCH_SKIP_PGLITE=1: PostgreSQL only;
// BENCH_SKIP_HTTP=1: engine only; SEARCH_RANK_IN_DATABASE=1: the engine leaves ranking to
// PostgreSQL, as before session 12)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import postgres from "postgres";
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from "#db/client.server.ts";
import { seedArticles } from "#db/seed/content.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { corpus } from "./search.bench-corpus.ts";

const N = Number(process.argv[2] ?? 10_000);
// topical (default) or mixed: see search.bench-corpus.ts
const MODE = process.env.BENCH_CORPUS === "mixed" ? "mixed" : "topical";
const relevance = JSON.parse(
  readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
) as {
  queries: { q: string }[];
};

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

async function prepare(database: Database) {
  await database.migrate();
  await seedArticles(database.db);
  const engine = new PostgresEngine(database.db, undefined, process.env.SEARCH_RANK_IN_DATABASE !== "1");
  const docs = corpus(N, MODE);
  const started = performance.now();
  for (let i = 0; i < docs.length; i += 500) await engine.index(docs.slice(i, i + 500));
  console.log(`  ${N} artikelen geïndexeerd in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await database.db.execute("analyze");
  return engine;
}

async function engineRun(label: string, engine: PostgresEngine) {
  const queries = [
    ...relevance.queries.map((q) => q.q),
    ...relevance.queries.map((q) => q.q.slice(0, Math.max(3, Math.ceil(q.q.length / 2)))),
  ];
  for (const q of queries.slice(0, 10)) await engine.query({ q, locale: "nl" });
  // The engine remembers per process what it learnt (document numbers, query texts, each word's
  // matches until the index changes), so the first round, where most queries are new to it, is
  // reported on its own too.
  const rounds: number[][] = [];
  for (let round = 0; round < 3; round++) {
    const times: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await engine.query({ q, locale: "nl", limit: 20 });
      times.push(performance.now() - t);
    }
    rounds.push(times);
  }
  const report = (what: string, times: number[]) => {
    const p = percentiles(times);
    console.log(
      `  ${label}, ${what}: ${times.length} zoekvragen, p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms`,
    );
  };
  report("eerste ronde", rounds[0]!);
  report("drie rondes", rounds.flat());
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

async function httpRun(databaseUrl: string, cacheSize: number, label: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SEARCH_CACHE_SIZE: String(cacheSize),
    },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const paths = relevance.queries.map((q) => `/api/search?q=${encodeURIComponent(q.q)}&limit=10`);
  // One pass first, as a running server would have had (the engine learns the document numbers).
  for (const path of paths) await fetch(`${base}${path}`);
  for (const connections of [10, 50]) {
    let i = 0;
    const result = await autocannon({
      url: base,
      connections,
      duration: 10,
      requests: [
        {
          setupRequest: (req) => {
            req.path = paths[i++ % paths.length]!;
            return req;
          },
        },
      ],
    });
    console.log(
      `  HTTP /api/search (${label}), ${connections} verbindingen: ${result.requests.average.toFixed(0)} verzoeken/s, ` +
        `p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, fouten ${result.errors + result.non2xx}`,
    );
  }
  child.kill("SIGTERM");
}

console.log(`Zoekbenchmark met ${N} gegenereerde artikelen (${MODE}) plus de seed`);
if (process.env.BENCH_SKIP_PGLITE) {
  console.log("PGlite: overgeslagen (BENCH_SKIP_PGLITE)");
} else {
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const database = wrapPglite(client, "memory://bench");
  console.log("PGlite:");
  await engineRun("engine", await prepare(database));
  await database.close();
}
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const name = `avk_bench_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = openPostgres(target.toString(), 4);
  console.log("PostgreSQL:");
  await engineRun("engine", await prepare(database));
  await database.close();
  if (!process.env.BENCH_SKIP_HTTP) {
    await httpRun(target.toString(), 0, "zonder onthouden resultaten");
    await httpRun(target.toString(), 500, "met onthouden resultaten");
  }
  await admin.unsafe(`drop database "${name}" with (force)`);
  await admin.end();
} else {
  console.log("PostgreSQL: overgeslagen (zet BENCH_DATABASE_URL of TEST_DATABASE_URL)");
}
