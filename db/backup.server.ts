// Back-ups of the configured database, shared by `npm run db:backup` and `npm run db:restore`
// (db/cli/backup.ts, db/cli/restore.ts).
// - PostgreSQL (DATABASE_URL): pg_dump -Fc and pg_restore (--clean --if-exists --no-owner) from
//   the machine's PostgreSQL client; the credentials go to them in PG* variables, never on the
//   command line (where `ps` would show them).
// - The embedded database (DATA_DIR): PGlite's dumpDataDir (a gzipped tar of the data
//   directory) and loadDataDir. PGlite allows one process at a time, so both refuse while the
//   app (or anything else) holds the lock file that db/client.server.ts writes.
// A restore goes into an empty database only, unless `force` is given.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { pgliteExtensions } from "./client.server.ts";

export type BackupTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

/** A problem the person running the command can act on; the message is Dutch and complete. */
export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  kind: BackupTarget["kind"];
  bytes: number;
}

export interface RestoreResult {
  file: string;
  kind: BackupTarget["kind"];
  /** Tables in schema public after the restore. */
  tables: number;
  /** With --force over a PGlite directory: where the previous directory was until the swap. */
  replaced: boolean;
}

/** The target from the environment as the app reads it: DATABASE_URL, else DATA_DIR. */
export function targetFromEnv(env: { DATABASE_URL?: string; DATA_DIR: string }): BackupTarget {
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: env.DATA_DIR };
}

export function extensionFor(kind: BackupTarget["kind"]): string {
  return kind === "postgres" ? "dump" : "tar.gz";
}

/** ./backups/avk-2026-11-26T10-30-00Z.dump (or .tar.gz for PGlite). */
export function defaultBackupFile(kind: BackupTarget["kind"], now = new Date(), dir = "backups"): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
  return path.join(dir, `avk-${stamp}.${extensionFor(kind)}`);
}

/** Where the target lives, without credentials, for messages. */
export function describeTarget(target: BackupTarget): string {
  if (target.kind === "pglite") return `de ingebouwde database in ${path.resolve(target.dataDir)}`;
  const url = new URL(target.url);
  return `PostgreSQL-database ${url.pathname.slice(1)} op ${url.hostname}:${url.port || 5432}`;
}

// ---------------------------------------------------------------------------------------------
// Back-up

export async function backupDatabase(target: BackupTarget, outFile?: string): Promise<BackupResult> {
  const file = path.resolve(outFile ?? defaultBackupFile(target.kind));
  if (existsSync(file)) {
    throw new BackupError(`${file} bestaat al; kies een andere naam met --out. Er is niets overschreven.`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  if (target.kind === "postgres") {
    await runPgTool("pg_dump", ["--format=custom", "--no-password", `--file=${file}`], target.url, file);
  } else {
    const dir = path.resolve(target.dataDir);
    if (!hasPgliteData(dir)) {
      throw new BackupError(`Er is geen ingebouwde database in ${dir}: er valt niets te back-uppen.`);
    }
    await withPgliteLock(dir, async () => {
      const client = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
      try {
        const dump = await client.dumpDataDir("gzip");
        writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
      } finally {
        await client.close();
      }
    });
  }
  return { file, kind: target.kind, bytes: statSync(file).size };
}

// ---------------------------------------------------------------------------------------------
// Restore

type FileKind = "postgres" | "pglite" | "unknown";

/** pg_dump's custom format starts with "PGDMP"; a PGlite dump is a gzipped (or plain) tar. */
export function backupKindOf(bytes: Uint8Array): FileKind {
  if (bytes.length >= 5 && new TextDecoder().decode(bytes.subarray(0, 5)) === "PGDMP") return "postgres";
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "pglite";
  if (bytes.length >= 262 && new TextDecoder().decode(bytes.subarray(257, 262)) === "ustar") return "pglite";
  return "unknown";
}

const kindNames = { postgres: "PostgreSQL (pg_dump)", pglite: "de ingebouwde database (PGlite)" };

export async function restoreDatabase(
  target: BackupTarget,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  const source = path.resolve(file);
  let bytes: Uint8Array;
  try {
    if (!statSync(source).isFile()) throw new Error("geen bestand");
    bytes = new Uint8Array(readFileSync(source));
  } catch {
    throw new BackupError(`Het bestand ${file} bestaat niet of kan niet worden gelezen.`);
  }
  const kind = backupKindOf(bytes);
  if (kind === "unknown") {
    throw new BackupError(
      `${file} is geen back-up van AV-Kennisnet (geen pg_dump-bestand en geen PGlite-archief). Er is niets teruggezet.`,
    );
  }
  if (kind !== target.kind) {
    throw new BackupError(
      `${file} is een back-up van ${kindNames[kind]}, maar de geconfigureerde database is ${kindNames[target.kind]}. ` +
        (target.kind === "postgres"
          ? "Laat DATABASE_URL leeg om in de ingebouwde database terug te zetten."
          : "Zet DATABASE_URL om in PostgreSQL terug te zetten.") +
        " Er is niets teruggezet.",
    );
  }
  if (target.kind === "postgres") return restorePostgres(target.url, source, options.force ?? false);
  return restorePglite(path.resolve(target.dataDir), source, bytes, options.force ?? false);
}

const notEmpty = (where: string, tables: number) =>
  new BackupError(
    `${where} is niet leeg (${tables} ${tables === 1 ? "tabel" : "tabellen"}). Terugzetten gebeurt alleen in een ` +
      "lege database; gebruik --force om de inhoud te vervangen door de back-up. Er is niets veranderd.",
  );

async function restorePostgres(url: string, file: string, force: boolean): Promise<RestoreResult> {
  const where = describeTarget({ kind: "postgres", url });
  const before = await countPostgresTables(url);
  if (before > 0 && !force) throw notEmpty(where, before);
  await runPgTool(
    "pg_restore",
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      "--no-password",
      file,
    ],
    url,
    file,
  );
  return { file, kind: "postgres", tables: await countPostgresTables(url, "public"), replaced: before > 0 };
}

async function restorePglite(
  dir: string,
  file: string,
  bytes: Uint8Array,
  force: boolean,
): Promise<RestoreResult> {
  const where = `De ingebouwde database in ${dir}`;
  return withPgliteLock(dir, async () => {
    const existing = hasPgliteData(dir) ? await countPgliteTables(dir) : 0;
    if (existing > 0 && !force) throw notEmpty(where, existing);
    // Loaded next to the target first, so that a broken file leaves the current data alone.
    const staging = `${dir}.terugzetten-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    let tables: number;
    try {
      const client = await PGlite.create({
        dataDir: staging,
        extensions: pgliteExtensions,
        loadDataDir: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      });
      try {
        tables = await pgliteTableCount(client, "public");
      } finally {
        await client.close();
      }
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (error instanceof BackupError) throw error;
      throw new BackupError(
        `${file} kon niet worden teruggezet: ${error instanceof Error ? error.message : String(error)}. ` +
          "Is het bestand beschadigd? Er is niets veranderd.",
      );
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    renameSync(staging, dir);
    return { file, kind: "pglite" as const, tables, replaced: existing > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A data directory with a database in it (PostgreSQL writes PG_VERSION first). */
function hasPgliteData(dir: string): boolean {
  return existsSync(path.join(dir, "PG_VERSION"));
}

/** Non-system tables, optionally in one schema. */
const tableCountSql = `select count(*)::int as n from pg_tables
  where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\\_%'`;

async function pgliteTableCount(client: PGlite, schema?: string): Promise<number> {
  const result = await client.query<{ n: number }>(
    schema ? `${tableCountSql} and schemaname = $1` : tableCountSql,
    schema ? [schema] : [],
  );
  return result.rows[0]?.n ?? 0;
}

async function countPgliteTables(dir: string): Promise<number> {
  const client = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
  try {
    return await pgliteTableCount(client);
  } finally {
    await client.close();
  }
}

async function countPostgresTables(url: string, schema?: string): Promise<number> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const rows = schema
      ? await client.unsafe<{ n: number }[]>(`${tableCountSql} and schemaname = $1`, [schema])
      : await client.unsafe<{ n: number }[]>(tableCountSql);
    return rows[0]?.n ?? 0;
  } catch (error) {
    throw new BackupError(
      `De PostgreSQL-database is niet bereikbaar: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** libpq's environment for a postgres:// URL, so that no password appears in a process list. */
export function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, "")) || "localhost",
    PGPORT: parsed.port || "5432",
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], url: string, file: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^PG[A-Z]+$/.test(key)) delete env[key];
  Object.assign(env, libpqEnv(url));
  if (tool === "pg_restore") args.unshift(`--dbname=${env.PGDATABASE}`);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new BackupError(
          error.code === "ENOENT"
            ? `${tool} is niet gevonden. Installeer de PostgreSQL-client (Debian: apt-get install postgresql-client-15).`
            : `${tool} kon niet starten: ${error.message}`,
        ),
      );
    });
    child.on("close", (code) => {
      if (code === 0) {
        resolve();
        return;
      }
      if (tool === "pg_dump") rmSync(file, { force: true });
      const detail = stderr.trim().split("\n").slice(-5).join("\n  ");
      reject(
        new BackupError(
          tool === "pg_dump"
            ? `De back-up is mislukt (pg_dump stopte met code ${code}):\n  ${detail}`
            : `Het terugzetten is mislukt en teruggedraaid (pg_restore stopte met code ${code}):\n  ${detail}`,
        ),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `fn` holding the PGlite lock file of `dir` (the same file openPglite in client.server.ts
 * uses), or refuses while another living process holds it.
 */
async function withPgliteLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, "..", `${path.basename(dir)}.lock`);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new BackupError(
        `De ingebouwde database in ${dir} is in gebruik door proces ${pid} (draait de app nog?). ` +
          "Stop de app eerst: een back-up of terugzetten kan alleen als niemand anders de database open heeft.",
      );
    }
  }
  mkdirSync(path.dirname(lock), { recursive: true });
  writeFileSync(lock, String(process.pid));
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** For messages: 1,2 MB, 340 kB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
