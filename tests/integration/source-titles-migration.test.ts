// Migration 0019: registry titles in the source's language (issue #17). A database seeded before
// it has Dutch titles on English sources and Dutch pages registered as English; the migration
// changes what the seed wrote and leaves a moderator's own edit alone, and at the next start the
// search index follows (reindexStaleSources).
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getSource, reindexStaleSources, seedSources } from "#app/modules/kennisbank/sources.server.ts";
import type { RegistrySource } from "#app/modules/kennisbank/sources.ts";
import type { Database } from "#db/client.server.ts";
import { source } from "#db/schema/kennisbank.ts";
import { readSourceRegistry } from "#db/seed/sources.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import { createTestDatabase } from "#tests/support/db.ts";

let database: Database;
afterEach(async () => {
  await database?.close();
});

/** The entries as the seed wrote them before 0019. */
function before(registry: Map<string, RegistrySource>): RegistrySource[] {
  const entry = (key: string, old: Partial<RegistrySource>) => ({ ...registry.get(key)!, ...old });
  return [
    entry("arsclist-draad-2009", {
      title: "ARSCLIST (2009): verval, opslag en afspelen van draadopnamen",
      publisher: "ARSCLIST, mailinglijst van de Association for Recorded Sound Collections",
    }),
    entry("avanet-kennisbank-tc05", { language: "en" }),
    entry("classiccmp-tape-software", {
      title: "Bericht over het teruglezen van een oude databand (cctalk)",
      publisher: "cctalk-mailinglijst, classiccmp.org",
    }),
    // A moderator already gave this one a title of their own.
    entry("vhs-decode", { title: "vhs-decode (decoder for RF captures)" }),
  ];
}

/** Back to the state before 0019: its row in the migrations table gone. */
async function unapply(db: Database["db"]) {
  const journal: { entries: { tag: string; when: number }[] } = JSON.parse(
    readFileSync("db/migrations/meta/_journal.json", "utf8"),
  );
  const { when } = journal.entries.find((e) => e.tag === "0019_source_titles")!;
  await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${when}`);
}

describe("migration 0019: source titles in the source's language", () => {
  it("fixes what the seed wrote, keeps a moderator's edit, and the search finds the new titles", async () => {
    database = await createTestDatabase();
    const { db } = database;
    const registry = readSourceRegistry();
    await seedSources(db, new Map(before(registry).map((s) => [s.key, s])));
    // As seeded, the index says what the registry says: nothing to do at a start.
    expect(await reindexStaleSources(db)).toEqual([]);
    await unapply(db);

    await database.migrate();

    const now = async (key: string) => {
      const row = await getSource(db, key);
      return { title: row?.title, publisher: row?.publisher, language: row?.language };
    };
    for (const key of ["arsclist-draad-2009", "avanet-kennisbank-tc05", "classiccmp-tape-software"]) {
      const seedNow = registry.get(key)!;
      expect(await now(key), key).toEqual({
        title: seedNow.title,
        publisher: seedNow.publisher ?? null,
        language: seedNow.language,
      });
    }
    expect((await now("arsclist-draad-2009")).title).toBe(
      "ARSCLIST (2009): decay, storage and playback of wire recordings",
    );
    expect((await now("avanet-kennisbank-tc05")).language).toBe("nl");
    expect((await now("vhs-decode")).title).toBe("vhs-decode (decoder for RF captures)");

    // The next start re-indexes the changed sources, once.
    expect(await reindexStaleSources(db)).toEqual([
      "arsclist-draad-2009",
      "avanet-kennisbank-tc05",
      "classiccmp-tape-software",
    ]);
    expect(await reindexStaleSources(db)).toEqual([]);
    const engine = new PostgresEngine(db);
    const wire = await engine.query({ q: "wire recordings playback", locale: "en", kind: "bron" });
    expect(wire.hits.map((h) => [h.slug, h.title])).toContainEqual([
      "bron:arsclist-draad-2009",
      "ARSCLIST (2009): decay, storage and playback of wire recordings",
    ]);
    const tc05 = await engine.query({ q: "avanet tc05", locale: "en", kind: "bron" });
    expect(tc05.hits.find((h) => h.slug === "bron:avanet-kennisbank-tc05")?.locale).toBe("nl");
    // A source changed by hand in the database is found again after a start, too.
    await db
      .update(source)
      .set({ title: "cctalk: reading back an old data tape" })
      .where(eq(source.key, "classiccmp-tape-software"));
    expect(await reindexStaleSources(db)).toEqual(["classiccmp-tape-software"]);
  });

  it("sets each column to what the seed files now say, from what they said before", () => {
    const registry = readSourceRegistry();
    const migration = readFileSync("db/migrations/0019_source_titles.sql", "utf8");
    const literal = "'((?:[^']|'')*)'";
    const updates = [
      ...migration.matchAll(
        new RegExp(
          `UPDATE "source" SET "(\\w+)" = ${literal} WHERE "key" = ${literal} AND "\\w+" = ${literal};`,
          "g",
        ),
      ),
    ].map(([, field, value, key, old]) => ({
      field: field as "title" | "publisher" | "language",
      key: key!,
      value: value!.replaceAll("''", "'"),
      old: old!.replaceAll("''", "'"),
    }));
    // Every statement is such an update, and none was missed by the pattern.
    expect(updates).toHaveLength(migration.match(/^UPDATE /gm)?.length ?? 0);
    expect(updates.length).toBeGreaterThan(40);
    for (const u of updates) {
      expect(registry.get(u.key)?.[u.field], `${u.key}.${u.field}`).toBe(u.value);
      expect(u.old, `${u.key}.${u.field}`).not.toBe(u.value);
    }
  });
});
