// Search benchmark: the seed plus a generated corpus of 10,000 articles, on PGlite and (when
// BENCH_DATABASE_URL or TEST_DATABASE_URL points at a server) PostgreSQL. Reports p50/p95/p99 of
// engine queries, and of GET /api/search over HTTP with autocannon at 10 and 50 connections
// (PostgreSQL only: the built server, `npm run build` first).
//   npx tsx tests/bench/search.bench.ts [articles=10000]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import postgres from "postgres";
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from "#db/client.server.ts";
import { readSeedContent, seedArticles } from "#db/seed/content.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import type { SearchDocument } from "#search/types.ts";

const N = Number(process.argv[2] ?? 10_000);
const relevance = JSON.parse(
  readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
) as {
  queries: { q: string }[];
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Articles made of the seed's own words, drawn as often as they occur in the seed (so the word
 * frequencies follow real Dutch text: common words are common, carrier names are rare), so that
 * queries hit them as they would hit real articles.
 */
function corpus(n: number): SearchDocument[] {
  const counts = new Map<string, number>();
  for (const c of readSeedContent()) {
    for (const w of `${c.title} ${c.summary} ${c.body}`.toLowerCase().match(/\p{L}{3,}/gu) ?? []) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const words = [...counts.keys()];
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of words) {
    sum += counts.get(w)!;
    cumulative.push(sum);
  }
  const random = rng(42);
  const draw = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const pick = (k: number) => Array.from({ length: k }, draw).join(" ");
  const kinds = ["drager", "juridisch", "praktijk", "wegwijzer"];
  const topics = [
    "metadata",
    "digitisation",
    "copyright",
    "outsourcing",
    "storage",
    "born_digital",
    "avg",
    "ai",
    "carriers",
  ];
  const media = ["audio", "video", "film", null];
  return Array.from({ length: n }, (_, i) => ({
    id: `gen-${i}:nl`,
    slug: `gen-${i}`,
    locale: "nl" as const,
    kind: kinds[i % 4]!,
    title: pick(4),
    aliases: [],
    summary: pick(25),
    body: pick(400),
    topics: [topics[i % 9]!, topics[(i * 7) % 9]!],
    medium: media[i % 4]!,
    institutionTypes: [],
  }));
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

async function prepare(database: Database) {
  await database.migrate();
  await seedArticles(database.db);
  const engine = new PostgresEngine(database.db);
  const docs = corpus(N);
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
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const t = performance.now();
      await engine.query({ q, locale: "nl", limit: 20 });
      times.push(performance.now() - t);
    }
  }
  const p = percentiles(times);
  console.log(
    `  ${label}: ${times.length} zoekvragen, p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms`,
  );
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

async function httpRun(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
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
      `  HTTP /api/search, ${connections} verbindingen: ${result.requests.average.toFixed(0)} verzoeken/s, ` +
        `p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, fouten ${result.errors + result.non2xx}`,
    );
  }
  child.kill("SIGTERM");
}

console.log(`Zoekbenchmark met ${N} gegenereerde artikelen plus de seed`);
{
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
  await httpRun(target.toString());
  await admin.unsafe(`drop database "${name}" with (force)`);
  await admin.end();
} else {
  console.log("PostgreSQL: overgeslagen (zet BENCH_DATABASE_URL of TEST_DATABASE_URL)");
}
