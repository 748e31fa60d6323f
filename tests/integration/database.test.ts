import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { topics } from "#app/modules/taxonomy.ts";
import { type Database, DatabaseInUseError, openPglite } from "#db/client.server.ts";
import { topic } from "#db/schema/index.ts";
import { isEmpty, seed } from "#db/seed/index.server.ts";
import { createTestDatabase, rowsOf, usingPostgres } from "#tests/support/db.ts";

let database: Database;
afterEach(async () => {
  await database?.close();
});

describe("database", () => {
  it("has the migrated tables and the search extensions", async () => {
    database = await createTestDatabase();
    const result = await database.db.execute<{ similar: number; plain: string }>(
      sql`select similarity('umatic', 'u-matic') as similar, unaccent('Beeld & Geluid café') as plain`,
    );
    const [row] = rowsOf<{ similar: number; plain: string }>(result);
    expect(Number(row?.similar)).toBeGreaterThan(0.3);
    expect(row?.plain).toBe("Beeld & Geluid cafe");
    const dutch = rowsOf<{ v: string }>(
      await database.db.execute(sql`select to_tsvector('dutch', 'plakkerige banden')::text as v`),
    );
    expect(dutch[0]?.v).toContain("band");
  });

  it("applying the migrations again changes nothing", async () => {
    database = await createTestDatabase();
    await database.migrate();
    await database.migrate();
    const applied = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    expect(applied[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it("seeds an empty database once, and a second seed changes nothing", async () => {
    database = await createTestDatabase();
    expect(await isEmpty(database.db)).toBe(true);
    await seed(database.db);
    expect(await isEmpty(database.db)).toBe(false);
    const first = await database.db.select().from(topic).orderBy(topic.sortOrder);
    await seed(database.db);
    const second = await database.db.select().from(topic).orderBy(topic.sortOrder);
    expect(second).toEqual(first);
    expect(second.map((t) => t.key)).toEqual(topics.map((t) => t.key));
  });

  it("a seed repairs a label that was changed in the database", async () => {
    database = await createTestDatabase();
    await seed(database.db);
    await database.db.update(topic).set({ labelNl: "verkeerd" }).where(eq(topic.key, "avg"));
    await seed(database.db);
    const [avg] = await database.db.select().from(topic).where(eq(topic.key, "avg"));
    expect(avg?.labelNl).toBe("AVG en privacy");
  });

  it("each test starts on an empty database", async () => {
    database = await createTestDatabase();
    expect(await isEmpty(database.db)).toBe(true);
  });
});

// The lock file guards the embedded database directory only; PostgreSQL has no such file.
describe.skipIf(usingPostgres)("embedded database directory", () => {
  it("is refused with a plain message while another process holds it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "avk-lock-"));
    const dataDir = path.join(dir, "pglite");
    // The parent of this test process is alive and is not us: it stands for a running app.
    writeFileSync(path.join(dir, "pglite.lock"), String(process.ppid));
    await expect(openPglite(dataDir)).rejects.toThrow(DatabaseInUseError);
    await expect(openPglite(dataDir)).rejects.toThrow(/in gebruik door proces/);
    // A stale lock from a process that is gone is taken over.
    writeFileSync(path.join(dir, "pglite.lock"), "99999999");
    database = await openPglite(dataDir);
    await database.migrate();
    expect(await isEmpty(database.db)).toBe(true);
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
