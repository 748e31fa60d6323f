// npm run bench:load
// Load test of the built server on PostgreSQL, as in production. Builds nothing itself: run
// `npm run build` first. Creates a throw-away database avk_load_<pid> on TEST_DATABASE_URL (or
// postgres://postgres@127.0.0.1:5432), starts build/server.mjs (as `npm run serve`) with NODE_ENV=production on a
// free port (it migrates and seeds the empty database), waits for /healthz, imports the
// synthetic survey (tests/fixtures/survey) so that /trends has its charts, makes 50 members
// with sessions in 8 intervision groups (one session each), then drives each target with
// autocannon: 50 connections for 15 s each (BENCH_DURATION=seconds, BENCH_CONNECTIONS to
// change). Targets: the static CSS asset first (the yardstick: every page's throughput is also
// given as a share of it), the public pages, the member pages (each connection a different
// member), and /api/search with the relevance set's queries in turn (the server runs with
// SEARCH_CACHE_SIZE=0, so no remembered results), once more at 10 connections for information.
// Reports req/s, p50/p95/p99, non-2xx, errors and the server's resident memory (VmRSS: before, peak, after), the server's CPU time per
// request (/proc/<pid>/stat: less sensitive to a busy machine than req/s), and whether the goals of issue
// #21 hold. BENCH_ONLY=<regex> measures only the targets whose name matches (and the static
// asset); BENCH_CPU_PROF=<dir> starts the server with --cpu-prof into that directory. Exits 1 on any error or non-2xx. BENCH_RENDER_CACHE_MB is passed to the server as
// RENDER_CACHE_MB (0: no render cache, for comparison). The database is dropped afterwards.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { openPostgres } from "#db/client.server.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";
import {
  type BuiltServer,
  cpuMs,
  createMembers,
  memberPages,
  requireBuild,
  rssMb,
  startBuiltServer,
  throwAwayDatabase,
} from "./built-server.ts";

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MEMBERS = 50;
const GROUP_SIZE = 7;
const ARTICLE = "u-matic"; // a seeded article (db/seed/content/drager/u-matic.md)
const relevance = JSON.parse(readFileSync("tests/fixtures/search-relevance.json", "utf8")) as {
  queries: { q: string }[];
};
const searchPaths = relevance.queries.map((query) => `/api/search?q=${encodeURIComponent(query.q)}`);

type Kind = "static" | "public" | "member" | "api";
type Target = {
  name: string;
  kind: Kind;
  path: string;
  paths?: (member: number) => string;
  search?: boolean;
  /** Other than CONNECTIONS: a figure for information, not held to the goals. */
  connections?: number;
};
const publicTargets: Target[] = [
  { name: "home", kind: "public", path: "/" },
  { name: "kennisbank", kind: "public", path: "/kennisbank" },
  { name: "kennisbank, zoekvraag", kind: "public", path: "/kennisbank?q=opslag" },
  { name: "artikel", kind: "public", path: `/kennisbank/${ARTICLE}` },
  { name: "dragers", kind: "public", path: "/dragers" },
  { name: "dragers: herkennen", kind: "public", path: "/dragers/herkennen" },
  { name: "dragers: planner", kind: "public", path: "/dragers/planner" },
  { name: "dragers: samenwerken", kind: "public", path: "/dragers/samenwerken" },
  { name: "trends", kind: "public", path: "/trends" },
  { name: "bronnen", kind: "public", path: "/bronnen" },
];

requireBuild();
if (!Number.isFinite(DURATION) || DURATION <= 0 || !Number.isInteger(CONNECTIONS) || CONNECTIONS <= 0) {
  console.error("BENCH_DURATION en BENCH_CONNECTIONS moeten positieve getallen zijn.");
  process.exit(1);
}

const mb = (value: number | null) => (value === null ? "onbekend" : `${value.toFixed(0)} MB`);

const baseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `avk_load_${process.pid}`;
let database: Awaited<ReturnType<typeof throwAwayDatabase>> | undefined;
let server: BuiltServer | undefined;
let failed = false;

async function cleanUp() {
  await server?.stop();
  await database?.drop();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

try {
  database = await throwAwayDatabase(baseUrl, dbName);
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF]
    : [];
  server = await startBuiltServer({
    databaseUrl: database.url,
    nodeOptions: profile,
    env: {
      SEARCH_CACHE_SIZE: "0",
      ...(process.env.BENCH_RENDER_CACHE_MB ? { RENDER_CACHE_MB: process.env.BENCH_RENDER_CACHE_MB } : {}),
    },
  });
  const base = server.base;
  // The synthetic TrendMonitor export, so that /trends draws its charts and tables; and 50
  // members with a session each, in groups of 7 with one upcoming session per group.
  const connection = openPostgres(database.url, 4);
  let members: Awaited<ReturnType<typeof createMembers>>;
  try {
    const imported = await importSurveyFile(connection.db, {
      fileName: SYNTHETIC,
      content: fixtureSurveyFile(SYNTHETIC),
      actorId: null,
      via: "cli",
    });
    if (!imported.ok) throw new Error(`De synthetische enquête kon niet worden geïmporteerd.`);
    members = await createMembers(connection.db, MEMBERS, GROUP_SIZE);
  } finally {
    await connection.close();
  }
  const { cookies } = members;
  const memberTargets: Target[] = memberPages(members).map((page) => ({ ...page, kind: "member" }));

  // The static asset: the stylesheet the pages link to.
  const home = await (await fetch(`${base}/`)).text();
  const css = /href="(\/assets\/[^"]+\.css)"/.exec(home)?.[1];
  if (!css) throw new Error("De startpagina verwijst niet naar een stylesheet in /assets.");
  const targets: Target[] = [
    { name: "statisch bestand", kind: "static", path: css },
    ...publicTargets,
    ...memberTargets,
    { name: "zoeken (API), wisselende zoekvragen", kind: "api", path: "/api/search?q=…", search: true },
    // The same at 10 connections: with 50 kept busy, the mean response time is 50 / throughput
    // (Little's law), so p95 < 100 ms at 50 needs about 800 req/s; at 10 it shows what one
    // searcher waits when the server is not saturated (docs/benchmarks.md, session 10).
    {
      name: "zoeken (API), 10 verbindingen (ter informatie)",
      kind: "api",
      path: "/api/search?q=…",
      search: true,
      connections: 10,
    },
  ];

  if (process.env.BENCH_ONLY) {
    const only = new RegExp(process.env.BENCH_ONLY);
    for (const target of [...targets])
      if (target.kind !== "static" && !only.test(target.name)) targets.splice(targets.indexOf(target), 1);
  }

  // One request per target first: every page answers 200 before it is measured (a page that
  // does not exist yet, such as /bronnen before the source registry, is left out and said so).
  const skipped: string[] = [];
  for (const target of [...targets]) {
    const path = target.paths ? target.paths(0) : target.search ? (searchPaths[0] as string) : target.path;
    const response = await fetch(base + path, {
      headers: target.paths ? { cookie: cookies[0] as string } : {},
    });
    const size = (await response.arrayBuffer()).byteLength;
    if (target.kind === "public") console.log(`  ${path}: ${(size / 1024).toFixed(0)} kB HTML`);
    if (response.status === 404 && target.kind === "public") {
      skipped.push(target.path);
      targets.splice(targets.indexOf(target), 1);
      continue;
    }
    if (response.status !== 200) throw new Error(`${path} antwoordde ${response.status} in plaats van 200.`);
  }

  const rssBefore = rssMb(server.pid);
  console.log(
    `Belastingtest: ${CONNECTIONS} verbindingen, ${DURATION} s per doel, server op PostgreSQL ` +
      `(${dbName}), Node ${process.version}, zoekresultaten niet onthouden (SEARCH_CACHE_SIZE=0), ` +
      `RENDER_CACHE_MB=${process.env.BENCH_RENDER_CACHE_MB ?? "standaard (64)"}. ` +
      `RSS van de server vooraf: ${mb(rssBefore)}.` +
      (skipped.length ? ` Niet gemeten (bestaat nog niet, 404): ${skipped.join(", ")}.` : ""),
  );
  console.log(
    "| doel | verzoeken/s | p50 | p95 | p99 | non-2xx | fouten | t.o.v. statisch | CPU server/verzoek |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  let peak = rssBefore ?? 0;
  let staticRate = 0;
  const goals: string[] = [];
  for (const target of targets) {
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server?.pid) ?? 0);
    }, 250);
    // Every response time is kept, so that p95 is exact (autocannon's summary has p90 and
    // p97.5, not p95).
    const times: number[] = [];
    const cpuBefore = cpuMs(server.pid);
    let nextMember = 0;
    let nextQuery = 0;
    type Context = { member?: number };
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base + target.path.replace(/…/g, ""),
          connections: target.connections ?? CONNECTIONS,
          duration: DURATION,
          headers: { "accept-encoding": "gzip" },
          requests: [
            {
              method: "GET",
              // Each connection is one member throughout; search takes the next query each time.
              setupRequest: (request: autocannon.Request, context: Context) => {
                if (target.paths) {
                  context.member ??= nextMember++ % MEMBERS;
                  return {
                    ...request,
                    path: target.paths(context.member),
                    headers: { ...request.headers, cookie: cookies[context.member] as string },
                  };
                }
                if (target.search) {
                  const path = searchPaths[nextQuery++ % searchPaths.length] as string;
                  return { ...request, path };
                }
                return { ...request, path: target.path };
              },
            } as autocannon.Request,
          ],
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => {
        times.push(responseTime);
      });
    });
    clearInterval(sampler);
    const cpuAfter = cpuMs(server.pid);
    // The server's own CPU time per answered request: what a page costs, whatever else runs on
    // the machine (req/s and latencies depend on that; this figure much less).
    const cpuPerRequest =
      cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
        ? `${((cpuAfter - cpuBefore) / result.requests.total).toFixed(2)} ms`
        : "onbekend";
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      times.length ? (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number) : Number.NaN;
    const p95 = at(0.95);
    const rate = result.requests.average;
    if (target.kind === "static") staticRate = rate;
    const share = staticRate ? rate / staticRate : Number.NaN;
    const bad = result.errors + result.timeouts + result.non2xx;
    if (bad > 0) failed = true;
    if (target.kind === "public" && (p95 >= 100 || share < 0.5))
      goals.push(`${target.path}: p95 ${p95.toFixed(0)} ms, ${(share * 100).toFixed(0)} % van statisch`);
    if (target.kind === "member" && p95 >= 200) goals.push(`${target.name}: p95 ${p95.toFixed(0)} ms`);
    if (target.kind === "api" && !target.connections && (p95 >= 100 || rate < 300))
      goals.push(`/api/search: ${rate.toFixed(0)} verzoeken/s, p95 ${p95.toFixed(0)} ms`);
    console.log(
      `| ${target.name} \`${target.path}\` | ${rate.toFixed(0)} | ${at(0.5).toFixed(0)} ms | ` +
        `${p95.toFixed(0)} ms | ${at(0.99).toFixed(0)} ms | ${result.non2xx} | ${result.errors + result.timeouts} | ` +
        `${target.kind === "static" ? "100 %" : `${(share * 100).toFixed(0)} %`} | ${cpuPerRequest} |`,
    );
  }
  const rssAfter = rssMb(server.pid);
  if (peak >= 400) goals.push(`RSS hoogst ${mb(peak)}`);
  console.log(
    `RSS van de server: vooraf ${mb(rssBefore)}, hoogst ${mb(peak || null)}, achteraf ${mb(rssAfter)}.`,
  );
  console.log(
    goals.length
      ? `Doelen van issue #21 niet gehaald: ${goals.join("; ")}.`
      : "Doelen van issue #21 gehaald (publiek p95 < 100 ms en >= 50 % van statisch, leden p95 < 200 ms, zoeken >= 300 verzoeken/s en p95 < 100 ms, RSS < 400 MB).",
  );
  if (failed) console.error("Er waren fouten of antwoorden buiten 2xx: zie de tabel.");
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : String(error));
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
