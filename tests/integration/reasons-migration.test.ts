// Migration 0018: the matcher's reasons go from Dutch sentences (text[]) to data (jsonb). The
// test puts a migrated database back in the state before 0018 (the column as text[], the
// migration not yet applied), stores sentences as reasonsFor and decideRequest wrote them, and
// applies the migrations again.
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type MatchReason, reasonText } from "#app/modules/intervisie/reasons.ts";
import { topics } from "#app/modules/taxonomy.ts";
import type { Database } from "#db/client.server.ts";
import { intervisionMember } from "#db/schema/intervisie.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, person } from "#tests/support/factories.ts";

let database: Database;
afterEach(async () => {
  await database?.close();
});

/** The database as it was after 0017: reasons as text[], 0018 not applied. */
async function beforeMigration(db: Database["db"]) {
  await db.execute(sql`alter table intervision_member alter column reasons drop default`);
  await db.execute(
    sql`alter table intervision_member alter column reasons set data type text[] using '{}'::text[]`,
  );
  await db.execute(sql`alter table intervision_member alter column reasons set default '{}'::text[]`);
  // 0018 and the migrations after it are applied again (they leave data they do not know alone).
  const journal: { entries: { tag: string; when: number }[] } = JSON.parse(
    readFileSync("db/migrations/meta/_journal.json", "utf8"),
  );
  const { when } = journal.entries.find((e) => e.tag === "0018_reasons_as_data")!;
  await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at >= ${when}`);
}

async function storeOld(db: Database["db"], groupId: number, reasons: string[]) {
  const member = await person(db);
  const literal = `{${reasons.map((r) => `"${r.replaceAll('"', '\\"')}"`).join(",")}}`;
  await db.execute(
    sql`insert into intervision_member (group_id, user_id, role, reasons) values (${groupId}, ${member.id}, 'member', ${literal}::text[])`,
  );
  return member.id;
}

async function reasonsOf(db: Database["db"], userId: string): Promise<MatchReason[]> {
  const [row] = await db
    .select({ reasons: intervisionMember.reasons })
    .from(intervisionMember)
    .where(eq(intervisionMember.userId, userId));
  return row!.reasons;
}

describe("migration 0018: reasons as data", () => {
  it("reads the stored Dutch sentences back as codes and values, and keeps unknown ones as text", async () => {
    database = await createTestDatabase();
    const { db } = database;
    const groupId = await createGroup(db);
    await beforeMigration(db);
    const old = [
      "zelfde type: archief (1 van 3 groepsgenoten)",
      "gedeelde behoeften: duurzame opslag, born digital",
      "iemand in de groep kan helpen met: metadatering",
      "kan anderen helpen met: auteursrecht en OOC, AVG en privacy",
      "zelfde provincie, komt graag fysiek: Noord-Holland (2 van 4 groepsgenoten)",
      "vergelijkbare omvang: 1–5 fte (1 van 3 groepsgenoten)",
      "vergelijkbare digitale volwassenheid: 25–50 % gedigitaliseerd (2 van 3 groepsgenoten)",
    ];
    const matched = await storeOld(db, groupId, old);
    const nothing = await storeOld(db, groupId, ["geen gemeenschappelijke kenmerken met de groepsgenoten"]);
    const admitted = await storeOld(db, groupId, ["toegelaten na een aanvraag"]);
    const odd = await storeOld(db, groupId, [
      "gedeelde behoeften: duurzame opslag, iets nieuws",
      'een reden van de hand van een "moderator"',
    ]);
    const none = await storeOld(db, groupId, []);

    await database.migrate();

    const reasons = await reasonsOf(db, matched);
    expect(reasons).toEqual([
      { code: "sameType", type: "Archief", count: 1, of: 3 },
      { code: "sharedNeeds", topics: ["storage", "born_digital"] },
      { code: "helpedWith", topics: ["metadata"] },
      { code: "canHelp", topics: ["copyright", "avg"] },
      { code: "sameProvince", province: "Noord-Holland", count: 2, of: 4 },
      { code: "similarSize", band: "1-5 fte", count: 1, of: 3 },
      { code: "similarMaturity", band: "25-50%", count: 2, of: 3 },
    ]);
    // Said in Dutch, they read exactly as before; in English, they are English.
    expect(reasons.map((r) => reasonText(r, "nl"))).toEqual(old);
    expect(reasons.map((r) => reasonText(r, "en"))).toEqual([
      "same type: archive (1 of 3 group members)",
      "shared needs: sustainable storage, born digital",
      "someone in the group can help with: metadata",
      "can help others with: copyright and OOC, GDPR and privacy",
      "same province, likes to meet in person: Noord-Holland (2 of 4 group members)",
      "similar size: 1–5 FTE (1 of 3 group members)",
      "similar digital maturity: 25–50 % digitised (2 of 3 group members)",
    ]);
    expect(await reasonsOf(db, nothing)).toEqual([{ code: "nothingShared" }]);
    expect(await reasonsOf(db, admitted)).toEqual([{ code: "admitted" }]);
    expect(await reasonsOf(db, odd)).toEqual([
      { code: "text", text: "gedeelde behoeften: duurzame opslag, iets nieuws" },
      { code: "text", text: 'een reden van de hand van een "moderator"' },
    ]);
    expect(await reasonsOf(db, none)).toEqual([]);
    // A new membership without reasons gets the new default.
    const later = await person(db);
    await db.insert(intervisionMember).values({ groupId, userId: later.id });
    expect(await reasonsOf(db, later.id)).toEqual([]);
  });

  it("knows every topic label the matcher wrote", async () => {
    database = await createTestDatabase();
    const { db } = database;
    const groupId = await createGroup(db);
    await beforeMigration(db);
    // The labels as reasonsFor wrote them: lower case, acronyms kept (reasons.ts lowerLabel).
    const sentence = reasonText({ code: "sharedNeeds", topics: topics.map((t) => t.key) }, "nl");
    const id = await storeOld(db, groupId, [sentence]);
    await database.migrate();
    expect(await reasonsOf(db, id)).toEqual([{ code: "sharedNeeds", topics: topics.map((t) => t.key) }]);
  });
});
