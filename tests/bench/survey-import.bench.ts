// Times the full survey import (parse, compare with what is stored, batched upsert, history) of
// 10,000 generated valid rows into an empty database: PGlite always, and PostgreSQL as well when
// TEST_DATABASE_URL or DATABASE_URL is set (in a temporary database on that server, dropped
// afterwards: the configured database itself is not touched). Goal: under 10 s.
// Run: npx tsx tests/bench/survey-import.bench.ts [rows]

import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { errorText } from "#app/lib/errors.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { type Database, openPostgres, pgliteExtensions, wrapPglite } from "#db/client.server.ts";
import { databaseUrlFor } from "#tests/support/pg-url.ts";
import { generateSurvey } from "#tests/support/survey.ts";

const count = Number(process.argv[2] ?? 10_000);
const GOAL_MS = 10_000;

const file = generateSurvey(count);
const bytes = new TextEncoder().encode(file);
// The same respondents, 1 in 100 with one answer changed.
const corrected = generateSurvey(count)
  .split("\r\n")
  .map((line, i) => (i > 0 && i % 100 === 0 ? line.replace(/,Ja,/, ",Nee,") : line))
  .join("\r\n");
console.log(`${count} rijen, ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB CSV`);

async function bench(label: string, database: Database) {
  await database.migrate();
  const run = async (name: string, content: string | Uint8Array) => {
    const start = performance.now();
    const result = await importSurveyFile(database.db, {
      fileName: "bench.csv",
      content,
      actorId: null,
      via: "cli",
    });
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(result.errors.map((e) => errorText("nl", e.message)).join("\n"));
    const { new: added, changed, unchanged } = result.summary;
    console.log(
      `${`${label}: ${name}`.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ` +
        `(${added} nieuw, ${changed} gewijzigd, ${unchanged} ongewijzigd)`,
    );
    return ms;
  };
  const first = await run("eerste import", bytes);
  await run("zelfde bestand opnieuw", bytes);
  await run("gecorrigeerd bestand", corrected);
  console.log(`${label}: ${first < GOAL_MS ? "binnen" : "BOVEN"} het doel van ${GOAL_MS / 1000} s`);
  return first;
}

const results: boolean[] = [];

const client = await PGlite.create({ extensions: pgliteExtensions });
const embedded = wrapPglite(client, "memory://bench");
try {
  results.push((await bench("PGlite", embedded)) < GOAL_MS);
} finally {
  await embedded.close();
}

const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (url) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `avk_bench_${process.pid}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const server = openPostgres(databaseUrlFor(url, name), 4);
  try {
    results.push((await bench("PostgreSQL", server)) < GOAL_MS);
  } finally {
    await server.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log("PostgreSQL overgeslagen: zet TEST_DATABASE_URL of DATABASE_URL om ook daar te meten.");
}

if (results.includes(false)) process.exitCode = 1;
