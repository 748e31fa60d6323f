// npm run bench:load
// Load test of the built server on PostgreSQL, as in production. Builds nothing itself: run
// `npm run build` first. Creates a throw-away database avk_load_<pid> on TEST_DATABASE_URL (or
// postgres://postgres@127.0.0.1:5432), starts app/server/index.ts with NODE_ENV=production on a
// free port (it migrates and seeds the empty database), waits for /healthz, imports the
// synthetic survey (tests/fixtures/survey) so that /trends has its charts, then drives each
// page with autocannon: 50 connections for 20 s each (BENCH_DURATION=seconds to shorten,
// BENCH_CONNECTIONS to change). Reports p50/p95/p99 latency, requests/s, non-2xx and errors, and
// the server's resident memory (VmRSS) before and after. Exits 1 on any error or non-2xx. The
// database is dropped afterwards, also when something fails.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { openPostgres } from "#db/client.server.ts";
import { freePort } from "#tests/e2e/support/app.ts";
import { databaseUrlFor } from "#tests/support/pg-url.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ARTICLE = "u-matic"; // a seeded article (db/seed/content/drager/u-matic.md)
const targets = [
  { name: "home", path: "/" },
  { name: "artikel", path: `/kennisbank/${ARTICLE}` },
  { name: "zoeken (API)", path: "/api/search?q=umatic" },
  { name: "trends", path: "/trends" },
];

if (!existsSync("build/server/index.js")) {
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
  server = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrlFor(baseUrl, dbName),
      MEILI_URL: "",
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
  // The synthetic TrendMonitor export, so that /trends draws its charts and tables.
  const database = openPostgres(databaseUrlFor(baseUrl, dbName), 1);
  try {
    const imported = await importSurveyFile(database.db, {
      fileName: SYNTHETIC,
      content: fixtureSurveyFile(SYNTHETIC),
      actorId: null,
      via: "cli",
    });
    if (!imported.ok) throw new Error(`De synthetische enquête kon niet worden geïmporteerd.`);
  } finally {
    await database.close();
  }
  // One request per page first: every page answers 200 before it is measured.
  for (const target of targets) {
    const response = await fetch(base + target.path);
    await response.arrayBuffer();
    if (response.status !== 200)
      throw new Error(`${target.path} antwoordde ${response.status} in plaats van 200.`);
  }

  const rssBefore = rssMb(server.pid);
  console.log(
    `Belastingtest: ${CONNECTIONS} verbindingen, ${DURATION} s per pagina, server op PostgreSQL ` +
      `(${dbName}), Node ${process.version}. RSS van de server vooraf: ${mb(rssBefore)}.`,
  );
  console.log("| pagina | verzoeken/s | p50 | p95 | p99 | non-2xx | fouten |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  let peak = rssBefore ?? 0;
  for (const target of targets) {
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server?.pid) ?? 0);
    }, 500);
    // Every response time is kept, so that p95 is exact (autocannon's summary has p90 and
    // p97.5, not p95).
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base + target.path,
          connections: CONNECTIONS,
          duration: DURATION,
          headers: { "accept-encoding": "gzip" },
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => {
        times.push(responseTime);
      });
    });
    clearInterval(sampler);
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      times.length ? (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number) : Number.NaN;
    const latency = { p50: at(0.5).toFixed(0), p95: at(0.95).toFixed(0), p99: at(0.99).toFixed(0) };
    const bad = result.errors + result.timeouts + result.non2xx;
    if (bad > 0) failed = true;
    console.log(
      `| ${target.name} \`${target.path}\` | ${result.requests.average.toFixed(0)} | ${latency.p50} ms | ` +
        `${latency.p95} ms | ${latency.p99} ms | ${result.non2xx} | ${result.errors + result.timeouts} |`,
    );
  }
  const rssAfter = rssMb(server.pid);
  console.log(
    `RSS van de server: vooraf ${mb(rssBefore)}, hoogst ${mb(peak || null)}, achteraf ${mb(rssAfter)}.`,
  );
  if (failed) console.error("Er waren fouten of antwoorden buiten 2xx: zie de tabel.");
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : String(error));
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
