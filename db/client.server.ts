import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { sourceFolder } from "./paths.ts";
import * as schema from "./schema/index.ts";

/** The database as every module sees it: the same type on PGlite and on PostgreSQL. */
export type DB = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: DB;
  kind: DatabaseKind;
  /** Where it lives, without credentials: a directory or host/database. */
  location: string;
  /** Applies the committed migrations in db/migrations (safe to call from several servers). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = sourceFolder(import.meta.url, "./migrations", "db/migrations");
/** Any fixed number: the advisory lock that serialises migrations across app servers. */
const MIGRATION_LOCK = 4_711_2024;

export const pgliteExtensions = { pg_trgm, unaccent };

export class DatabaseInUseError extends Error {}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database in `dataDir`. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  max?: number;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.max);
  return openPglite(options.dataDir);
}

export function openPostgres(url: string, max = 10): Database {
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const parsed = new URL(url);
  return {
    db: drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as DB,
    kind: "postgres",
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    async migrate() {
      // One connection, so that the session-level advisory lock and the migrations share it.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres(single), { migrationsFolder });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * PGlite keeps its data in one directory and must have one process at a time: two would corrupt
 * it. A lock file with the owner's pid says who holds it, so a second process (the seed or the
 * survey import while the app runs) gets a plain message instead.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(path.resolve(dataDir), { recursive: true });
  // The real path: a second server given a symlink to the same directory finds the same lock
  // (issue #24, finding 17).
  const dir = realpathSync(path.resolve(dataDir));
  const lock = path.join(dir, "..", `${path.basename(dir)}.lock`);
  takeLock(lock, dir);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: dir, extensions: pgliteExtensions });
  } catch (error) {
    rmSync(lock, { force: true });
    throw error;
  }
  return wrapPglite(client, dir, async () => {
    if (!client.closed) await client.close();
    rmSync(lock, { force: true });
  });
}

export function wrapPglite(client: PGlite, location: string, close?: () => Promise<void>): Database {
  const db = drizzlePglite(client, { schema, casing: "snake_case" });
  return {
    db: db as unknown as DB,
    kind: "pglite",
    location,
    migrate: () => migratePglite(db, { migrationsFolder }),
    close:
      close ??
      (async () => {
        if (!client.closed) await client.close();
      }),
  };
}

/**
 * A start failure as one readable line. PGlite rejects with plain objects at times (a data
 * directory another process holds gave "[object Object]"): their message, or their fields.
 */
export function describeStartError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === "object") {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message) return message;
    try {
      const json = JSON.stringify(error);
      if (json && json !== "{}") return json;
    } catch {
      // fall through
    }
    return "onbekende fout zonder melding; staat de datamap open in een ander proces?";
  }
  return String(error);
}

function takeLock(lock: string, dir: string) {
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseInUseError(
        `De ingebouwde database in ${dir} is in gebruik door proces ${pid} (draait de app nog?). ` +
          "Stop dat proces eerst, of gebruik PostgreSQL via DATABASE_URL.",
      );
    }
  }
  writeFileSync(lock, String(process.pid));
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A cheap round trip to the database, for /healthz. */
/**
 * Reads the database (a real table, not just `select 1`, which an embedded database whose
 * files are gone still answers); for PGlite also checks that its data directory is still there.
 */
export async function ping(db: DB, options: { dataDir?: string } = {}): Promise<void> {
  if (options.dataDir && !existsSync(path.join(path.resolve(options.dataDir), "PG_VERSION"))) {
    throw new Error(`de datamap ${options.dataDir} is er niet meer`);
  }
  await db.execute(sql`select count(*) from app_user`);
}

/** Rows of a raw `db.execute` result, whichever driver produced it (an array, or `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
