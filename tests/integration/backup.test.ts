// npm run db:backup / db:restore (db/backup.server.ts) on the kind of database the suite runs
// on: PGlite by default (a data directory on disk, as DATA_DIR), PostgreSQL with
// TEST_DATABASE_URL (pg_dump -Fc / pg_restore into a new, empty database).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "#app/modules/auth/users.server.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import {
  type BackupTarget,
  backupDatabase,
  backupKindOf,
  defaultBackupFile,
  libpqEnv,
  restoreDatabase,
} from "#db/backup.server.ts";
import { type Database, openPglite, openPostgres, rowsOf } from "#db/client.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { runScript } from "#tests/support/cli.ts";
import { createTestDatabase, usingPostgres } from "#tests/support/db.ts";
import { databaseUrlFor } from "#tests/support/pg-url.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

let pgAdmin: postgres.Sql | undefined;
let counter = 0;
const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await pgAdmin?.end();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "avk-backup-"));
  dirs.push(dir);
  return dir;
}

/** Somewhere to put a database of the suite's kind: open() gives it, migrated or not. */
interface Place {
  target: BackupTarget;
  open(): Promise<Database>;
}

/** An empty database: a new directory, or a new PostgreSQL database without any tables. */
async function emptyPlace(): Promise<Place> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dataDir = path.join(tempDir(), "pglite");
    return { target: { kind: "pglite", dataDir }, open: () => openPglite(dataDir) };
  }
  pgAdmin ??= postgres(url, { max: 1, onnotice: () => {} });
  const name = `avk_t_${process.pid}_backup_${++counter}`;
  await pgAdmin.unsafe(`CREATE DATABASE "${name}" TEMPLATE template0`);
  const admin = pgAdmin;
  cleanups.push(async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  const dbUrl = databaseUrlFor(url, name);
  return { target: { kind: "postgres", url: dbUrl }, open: async () => openPostgres(dbUrl, 2) };
}

/** A database of the suite's kind with users, the seeded articles and the synthetic survey. */
async function filledPlace(): Promise<Place> {
  let place: Place;
  let database: Database;
  if (usingPostgres) {
    // A migrated test database (copied from the suite's template); its name gives the URL.
    database = await createTestDatabase();
    const [row] = rowsOf<{ name: string }>(await database.db.execute(sql`select current_database() as name`));
    const url = databaseUrlFor(process.env.TEST_DATABASE_URL as string, row!.name);
    const opened = database;
    cleanups.push(() => opened.close());
    place = { target: { kind: "postgres", url }, open: async () => openPostgres(url, 2) };
  } else {
    place = await emptyPlace();
    database = await place.open();
    await database.migrate();
  }
  await seed(database.db, {
    admin: { email: "beheer@archief.example", password: "magneetband-in-het-depot-2026" },
  });
  await createUser(database.db, {
    name: "Anna de Archivaris",
    email: "anna@archief.example",
    password: "spoelbanden-in-de-kelder-1",
  });
  await createUser(database.db, {
    name: "Ben <b>Beeld</b> & Geluid",
    email: "ben@omroep.example",
    password: "umatic-banden-bakken-2",
  });
  const imported = await importSurveyFile(database.db, {
    fileName: SYNTHETIC,
    content: fixtureSurveyFile(SYNTHETIC),
    actorId: null,
    via: "cli",
  });
  expect(imported.ok).toBe(true);
  if (!usingPostgres) await database.close();
  return place;
}

/** Every table (public and drizzle's migration log) with its row count and a checksum of its rows. */
async function snapshot(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
  const tables = rowsOf<{ name: string }>(
    await database.db.execute(
      sql`select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables
          where schemaname in ('public', 'drizzle') order by 1`,
    ),
  );
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ rows: number; md5: string }>(
      await database.db.execute(
        sql.raw(
          `select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5
           from ${name} t`,
        ),
      ),
    );
    result[name] = row!;
  }
  return result;
}

async function withOpen<T>(place: Place, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await place.open();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const envFor = (target: BackupTarget): Record<string, string> =>
  target.kind === "postgres" ? { DATABASE_URL: target.url } : { DATA_DIR: target.dataDir };

describe(`back-up and restore (${usingPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  let source: Place;
  let backupFile: string;
  let before: Record<string, { rows: number; md5: string }>;

  it("restores a back-up into a fresh empty database with every table's rows and contents", async () => {
    source = await filledPlace();
    before = await withOpen(source, snapshot);
    expect(before["public.app_user"]?.rows).toBe(3);
    expect(before["public.survey_response"]?.rows).toBe(264);
    expect(before["public.article"]?.rows).toBeGreaterThan(20);
    expect(before["drizzle.__drizzle_migrations"]?.rows).toBeGreaterThan(0);

    const backup = await backupDatabase(source.target, path.join(tempDir(), "sub", "avk.backup"));
    backupFile = backup.file;
    expect(backup.kind).toBe(source.target.kind);
    expect(backup.bytes).toBeGreaterThan(1000);

    const target = await emptyPlace();
    const restored = await restoreDatabase(target.target, backupFile);
    expect(restored).toMatchObject({ kind: source.target.kind, replaced: false });
    expect(restored.tables).toBe(Object.keys(before).filter((t) => t.startsWith("public.")).length);

    const after = await withOpen(target, snapshot);
    expect(after).toEqual(before);
    // Some contents by name, besides the checksums.
    await withOpen(target, async (database) => {
      const users = rowsOf<{ email: string; name: string; role: string }>(
        await database.db.execute(sql`select email, name, role from app_user order by email`),
      );
      expect(users).toEqual([
        { email: "anna@archief.example", name: "Anna de Archivaris", role: "member" },
        { email: "beheer@archief.example", name: expect.any(String), role: "admin" },
        { email: "ben@omroep.example", name: "Ben <b>Beeld</b> & Geluid", role: "member" },
      ]);
      const [umatic] = rowsOf<{ title: string; body: string }>(
        await database.db.execute(
          sql`select r.title, r.body from article a join article_revision r on r.article_id = a.id
              where a.slug = 'u-matic' and r.locale = 'nl' and r.status = 'published'`,
        ),
      );
      expect(umatic?.title).toBe("U-matic");
      expect(umatic?.body).toContain("Bakken is specialistenwerk");
      const waves = rowsOf<{ wave: number; n: number }>(
        await database.db.execute(
          sql`select wave, count(*)::int as n from survey_response group by wave order by wave`,
        ),
      );
      expect(waves.map((w) => w.n).reduce((a, b) => a + b, 0)).toBe(264);
      expect(waves.find((w) => w.wave === 2024)?.n).toBe(96);
      // The restored database works for the app: migrations are already applied, search answers.
      await database.migrate();
      const hits = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from article where slug = 'vhs'`),
      );
      expect(hits[0]?.n).toBe(1);
    });
  }, 180_000);

  it("refuses to restore over a database that is not empty; --force replaces its contents", async () => {
    const target = await emptyPlace();
    await withOpen(target, async (database) => {
      await database.migrate();
      await createUser(database.db, {
        name: "Alleen hier",
        email: "alleen-hier@archief.example",
        password: "deze-gebruiker-verdwijnt-3",
      });
    });
    await expect(restoreDatabase(target.target, backupFile)).rejects.toThrow(
      /is niet leeg \(\d+ tabellen\).*gebruik --force.*Er is niets veranderd\./s,
    );
    const untouched = await withOpen(target, async (database) =>
      rowsOf<{ email: string }>(await database.db.execute(sql`select email from app_user`)),
    );
    expect(untouched).toEqual([{ email: "alleen-hier@archief.example" }]);

    // Through the command line, as an administrator would.
    const forced = await runScript("db/cli/restore.ts", [backupFile, "--force"], envFor(target.target));
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("(de vorige inhoud is vervangen)");
    expect(await withOpen(target, snapshot)).toEqual(before);
  }, 180_000);

  it("the commands print the file written and refuse wrong files with a plain Dutch message", async () => {
    const dir = tempDir();
    const written = await runScript(
      "db/cli/backup.ts",
      ["--out", path.join(dir, "cli-backup")],
      envFor(source.target),
    );
    expect(written.stderr).toBe("");
    expect(written.code).toBe(0);
    expect(written.stdout.trim().split("\n").at(-1)).toBe(path.join(dir, "cli-backup"));
    expect(existsSync(path.join(dir, "cli-backup"))).toBe(true);
    // Not overwritten a second time.
    const again = await runScript(
      "db/cli/backup.ts",
      ["--out", path.join(dir, "cli-backup")],
      envFor(source.target),
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("bestaat al");

    const garbage = path.join(dir, "geen-backup.txt");
    writeFileSync(garbage, "dit is geen back-up\n");
    const target = await emptyPlace();
    const wrong = await runScript("db/cli/restore.ts", [garbage], envFor(target.target));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("is geen back-up van AV-Kennisnet");
    const missing = await runScript("db/cli/restore.ts", [], envFor(target.target));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Gebruik: npm run db:restore -- <bestand> [--force]");
    // A back-up of the other kind of database.
    const other: BackupTarget =
      target.target.kind === "postgres"
        ? { kind: "pglite", dataDir: path.join(dir, "pglite") }
        : { kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none" };
    await expect(restoreDatabase(other, backupFile)).rejects.toThrow(/maar de geconfigureerde database is/);
  }, 120_000);

  it.skipIf(usingPostgres)(
    "refuses while the app holds the embedded database",
    async () => {
      const target = source.target as Extract<BackupTarget, { kind: "pglite" }>;
      const lock = path.join(path.dirname(target.dataDir), `${path.basename(target.dataDir)}.lock`);
      // This test process is alive and is not the child: it stands for a running app.
      writeFileSync(lock, String(process.pid));
      try {
        const result = await runScript(
          "db/cli/backup.ts",
          ["--out", path.join(tempDir(), "x.tar.gz")],
          envFor(target),
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /in gebruik door proces \d+ \(draait de app nog\?\)\. Stop de app eerst/,
        );
        expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
        const restore = await runScript("db/cli/restore.ts", [backupFile, "--force"], envFor(target));
        expect(restore.code).toBe(1);
        expect(restore.stderr).toMatch(/in gebruik door proces/);
      } finally {
        rmSync(lock, { force: true });
      }
    },
    60_000,
  );
});

describe("back-up helpers", () => {
  it("names files by time and kind, and recognises what a file is", () => {
    const at = new Date("2026-11-26T10:30:05.123Z");
    expect(defaultBackupFile("postgres", at)).toBe(path.join("backups", "avk-2026-11-26T10-30-05Z.dump"));
    expect(defaultBackupFile("pglite", at)).toBe(path.join("backups", "avk-2026-11-26T10-30-05Z.tar.gz"));
    expect(backupKindOf(new TextEncoder().encode("PGDMP\u0001\u000e"))).toBe("postgres");
    expect(backupKindOf(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe("pglite");
    expect(backupKindOf(new TextEncoder().encode("id,naam\n"))).toBe("unknown");
  });

  it("passes PostgreSQL credentials in the environment, not on the command line", () => {
    expect(libpqEnv("postgres://avk:ge%2Fheim@db.example:6543/kennisnet?sslmode=require")).toEqual({
      PGHOST: "db.example",
      PGPORT: "6543",
      PGDATABASE: "kennisnet",
      PGUSER: "avk",
      PGPASSWORD: "ge/heim",
      PGSSLMODE: "require",
    });
  });
});
