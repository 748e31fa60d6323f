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
// SEARCH_CACHE_SIZE=0, so no remembered results). Reports req/s, p50/p95/p99, non-2xx, errors
// and the server's resident memory (VmRSS: before, peak, after), the server's CPU time per
// request (/proc/<pid>/stat: less sensitive to a busy machine than req/s), and whether the goals of issue
// #21 hold. BENCH_ONLY=<regex> measures only the targets whose name matches (and the static
// asset); BENCH_CPU_PROF=<dir> starts the server with --cpu-prof into that directory. Exits 1 on any error or non-2xx. BENCH_RENDER_CACHE_MB is passed to the server as
// RENDER_CACHE_MB (0: no render cache, for comparison). The database is dropped afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";
import { createSession, SESSION_COOKIE } from "#app/modules/auth/session.server.ts";
import { createUser } from "#app/modules/auth/users.server.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { openPostgres } from "#db/client.server.ts";
import { intervisionGroup, intervisionMember, intervisionSession } from "#db/schema/intervisie.ts";
import { freePort } from "#tests/e2e/support/app.ts";
import { databaseUrlFor } from "#tests/support/pg-url.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

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

if (!existsSync("build/server/index.js") || !existsSync("build/server.mjs")) {
  console.error("Er is nog geen build: voer eerst `npm run build` uit. Deze benchmark bouwt zelf niets.");
  process.exit(1);
}
if (!Number.isFinite(DURATION) || DURATION <= 0 || !Number.isInteger(CONNECTIONS) || CONNECTIONS <= 0) {
  console.error("BENCH_DURATION en BENCH_CONNECTIONS moeten positieve getallen zijn.");
  process.exit(1);
}

/** Resident memory of a process in MB (Linux: /proc/<pid>/status), or null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
/** CPU time (user + system) a process has used so far, in ms (Linux: /proc/<pid>/stat), or null. */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // The fields after the command name (which may hold spaces) in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
const mb = (value: number | null) => (value === null ? "onbekend" : `${value.toFixed(0)} MB`);

const baseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `avk_load_${process.pid}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
let server: ChildProcess | undefined;
let log = "";
let failed = false;

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server?.once("exit", resolve));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}

async function cleanUp() {
  await stopServer();
  await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  await admin.end({ timeout: 5 }).catch(() => {});
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

try {
  try {
    await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  } catch (error) {
    throw new Error(
      `Kon geen wegwerpdatabase aanmaken op ${new URL(baseUrl).host} (${(error as Error).message}). ` +
        "Draait PostgreSQL, en mag de gebruiker CREATEDB? Zet anders TEST_DATABASE_URL.",
    );
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF]
    : [];
  server = spawn(process.execPath, [...profile, "build/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrlFor(baseUrl, dbName),
      MEILI_URL: "",
      SEARCH_CACHE_SIZE: "0",
      ...(process.env.BENCH_RENDER_CACHE_MB ? { RENDER_CACHE_MB: process.env.BENCH_RENDER_CACHE_MB } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => {
    log += d;
  });
  server.stderr?.on("data", (d) => {
    log += d;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`De server stopte bij het starten:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`De server startte niet binnen 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The synthetic TrendMonitor export, so that /trends draws its charts and tables; and 50
  // members with a session each, in groups of 7 with one upcoming session per group.
  const database = openPostgres(databaseUrlFor(baseUrl, dbName), 4);
  const cookies: string[] = [];
  const groupOf: number[] = [];
  const sessionOf: number[] = [];
  try {
    const imported = await importSurveyFile(database.db, {
      fileName: SYNTHETIC,
      content: fixtureSurveyFile(SYNTHETIC),
      actorId: null,
      via: "cli",
    });
    if (!imported.ok) throw new Error(`De synthetische enquête kon niet worden geïmporteerd.`);
    let group = 0;
    let session = 0;
    for (let i = 0; i < MEMBERS; i++) {
      if (i % GROUP_SIZE === 0) {
        const [row] = await database.db
          .insert(intervisionGroup)
          .values({
            name: `Belastinggroep ${i / GROUP_SIZE + 1}`,
            institutionType: "Archief",
            topics: ["storage"],
          })
          .returning({ id: intervisionGroup.id });
        group = row!.id;
      }
      const userId = await createUser(database.db, {
        name: `Lid ${i + 1}`,
        email: `lid-${i + 1}@belasting.example`,
        password: "beeldband-archief-2024!",
      });
      await database.db.insert(intervisionMember).values({ groupId: group, userId });
      if (i % GROUP_SIZE === 0) {
        const [row] = await database.db
          .insert(intervisionSession)
          .values({
            groupId: group,
            title: "Bijeenkomst over opslag",
            startsAt: new Date(Date.now() + 7 * 86_400_000),
            durationMinutes: 90,
            method: "vijfstappen",
            capacity: 8,
            createdBy: userId,
          })
          .returning({ id: intervisionSession.id });
        session = row!.id;
      }
      const { token } = await createSession(database.db, userId);
      cookies.push(`${SESSION_COOKIE}=${token}`);
      groupOf.push(group);
      sessionOf.push(session);
    }
  } finally {
    await database.close();
  }
  const memberTargets: Target[] = [
    { name: "lid: account", kind: "member", path: "/account", paths: () => "/account" },
    {
      name: "lid: groep",
      kind: "member",
      path: "/intervisie/groepen/…",
      paths: (m) => `/intervisie/groepen/${groupOf[m]}`,
    },
    {
      name: "lid: sessie",
      kind: "member",
      path: "/intervisie/sessies/…",
      paths: (m) => `/intervisie/sessies/${sessionOf[m]}`,
    },
  ];

  // The static asset: the stylesheet the pages link to.
  const home = await (await fetch(`${base}/`)).text();
  const css = /href="(\/assets\/[^"]+\.css)"/.exec(home)?.[1];
  if (!css) throw new Error("De startpagina verwijst niet naar een stylesheet in /assets.");
  const targets: Target[] = [
    { name: "statisch bestand", kind: "static", path: css },
    ...publicTargets,
    ...memberTargets,
    { name: "zoeken (API), wisselende zoekvragen", kind: "api", path: "/api/search?q=…", search: true },
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
          connections: CONNECTIONS,
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
    if (target.kind === "api" && (p95 >= 100 || rate < 300))
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
