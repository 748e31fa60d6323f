import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { type Database, openPostgres, pgliteExtensions, rowsOf, wrapPglite } from "#db/client.server.ts";

export { rowsOf };

import { databaseUrlFor } from "./pg-url.ts";

/**
 * A database for one test, migrated and empty, that no other test sees.
 * - PostgreSQL (TEST_DATABASE_URL set): a new database copied from the migrated template,
 *   dropped again by close().
 * - PGlite: one instance per test file, loaded from the migrated template dump; every call
 *   empties all tables (TRUNCATE ... RESTART IDENTITY), so each test starts as on a new
 *   database. Tests in a file run one after another. `{ separate: true }` gives a second,
 *   independent instance (for tests that need two databases at once).
 */
export async function createTestDatabase(options: { separate?: boolean } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return createPostgresDatabase(url);
  if (options.separate) return loadPglite();
  shared ??= loadPglite();
  const database = await shared;
  await truncateAll(database);
  return { ...database, close: async () => {} };
}

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

let shared: Promise<Database> | undefined;
afterAll(async () => {
  if (shared) await (await shared).close();
  shared = undefined;
  if (admin) await admin.end();
  admin = undefined;
});

async function loadPglite(): Promise<Database> {
  const dump = readFileSync(inject("pgliteDump"));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: pgliteExtensions });
  return wrapPglite(client, "memory://test");
}

async function truncateAll(database: Database) {
  const tables = await database.db.execute<{ name: string }>(
    sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`,
  );
  const names = rowsOf<{ name: string }>(tables).map((t) => `public.${t.name}`);
  if (names.length)
    await database.db.execute(sql.raw(`TRUNCATE ${names.join(", ")} RESTART IDENTITY CASCADE`));
}

let admin: postgres.Sql | undefined;
let counter = 0;

async function createPostgresDatabase(url: string): Promise<Database> {
  admin ??= postgres(url, { max: 1, onnotice: () => {} });
  const name = `avk_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${inject("pgTemplate")}"`);
  const database = openPostgres(databaseUrlFor(url, name), 5);
  const sqlAdmin = admin;
  return {
    ...database,
    async close() {
      await database.close();
      await sqlAdmin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
