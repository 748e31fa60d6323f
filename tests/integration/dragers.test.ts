import type { AppLoadContext } from "@remix-run/node";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedAssumptions } from "#app/modules/dragers/dragers.server.ts";
import { narrow } from "#app/modules/dragers/wizard.ts";
import { action as beheerAction, loader as beheerLoader } from "#app/routes/beheer.dragers.tsx";
import { loader as wizardLoader } from "#app/routes/dragers.herkennen.tsx";
import { action as plannerAction, loader as plannerLoader } from "#app/routes/dragers.planner.tsx";
import { loader as printLoader } from "#app/routes/dragers.planner_.afdrukken.tsx";
import { loader as csvLoader } from "#app/routes/dragers.planner[.]csv.ts";
import { action as poolAction, loader as poolLoader } from "#app/routes/dragers.samenwerken/route.tsx";
import { loader as ownProfileLoader } from "#app/routes/instelling._index.tsx";
import type { Database } from "#db/client.server.ts";
import { auditLog, institution } from "#db/schema/auth.ts";
import { carrierAssumption, carrierPlan, digitisationDemand, digitisationOffer } from "#db/schema/dragers.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createInstitution, memberOf } from "#tests/support/factories.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;

// One database for the file: the seed (26 carrier guides, the default assumptions) is loaded once;
// every test starts with empty dragers tables and the default assumptions.
beforeAll(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
  await seed(database.db);
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(carrierPlan);
  await database.db.delete(digitisationDemand);
  await database.db.delete(digitisationOffer);
  await database.db.delete(carrierAssumption);
  await seedAssumptions(database.db);
});

// The file shares one database, so every institution name gets a random tail.
let counter = 0;
const makeInstitution = (name = `Instelling ${++counter}`) =>
  createInstitution(database.db, `${name} ${Math.random().toString(36).slice(2, 7)}`);

// The inventory of the hand calculation (see tests/unit/dragers-planner.test.ts for the figures).
const inventory =
  "drager=u-matic&aantal=40&duur=&staat=slecht&drager=audio-cassette&aantal=100&duur=45&staat=goed&drager=16mm-film&aantal=10&duur=&staat=twijfelachtig";

describe("identification wizard", () => {
  it("loads every published carrier guide and narrows by the query's answers", async () => {
    const data = await wizardLoader({ request: get("/dragers/herkennen"), params: {}, context });
    const guides = readSeedContent().filter((c) => c.kind === "drager" && c.locale === "nl");
    expect(data.carriers.map((c) => c.slug).sort()).toEqual(guides.map((c) => c.slug).sort());
    const answered = await wizardLoader({
      request: get("/dragers/herkennen?soort=film&maat=film-35mm&opschrift=NITRATE"),
      params: {},
      context,
    });
    expect(answered.answers).toEqual({ soort: ["film"], maat: ["film-35mm"], opschrift: ["NITRATE"] });
    expect(narrow(answered.carriers, answered.answers).candidates.map((c) => c.slug)).toEqual([
      "nitraatfilm",
    ]);
  });
});

describe("digitisation planner", () => {
  it("computes the plan from the query, with the seeded assumptions, for anyone", async () => {
    const data = await plannerLoader({ request: get(`/dragers/planner?${inventory}`), params: {}, context });
    expect(data.errors).toEqual({});
    expect(data.plan!.rows.map((r) => [r.rank, r.carrier, r.score])).toEqual([
      [1, "u-matic", 40],
      [2, "16mm-film", 13.5],
      [3, "audio-cassette", 6],
    ]);
    // 80 + 150 + 5.5 = 235.5 digitisation hours; 2 + 0.15525 + 2.016667 = 4.171917 TB masters.
    expect(data.plan!.totals.digitisationHours).toBeCloseTo(235.5, 10);
    expect(data.plan!.totals.masterTb).toBeCloseTo(4.171917, 5);
    expect(data.assumptions).toHaveLength(
      readSeedContent().filter((c) => c.kind === "drager" && c.locale === "nl").length,
    );
  });

  it("shows Dutch messages per field for bad input, and computes nothing", async () => {
    const data = await plannerLoader({
      request: get("/dragers/planner?drager=u-matic&aantal=veel&duur=&staat=goed"),
      params: {},
      context,
    });
    expect(data.plan).toBeNull();
    expect(data.errors).toEqual({ "aantal-0": "Vul een heel getal van 1 of meer in, zoals 40." });
    expect(data.drafts[0]).toMatchObject({ carrier: "u-matic", count: "veel" });
  });

  it("saves a member's inventory to the institution, shows it on the profile, and audits it", async () => {
    const id = await makeInstitution("Streekarchief");
    const member = await memberOf(database.db, id);
    const fields = [...new URLSearchParams(inventory).entries(), ["intent", "bewaren"]] as [string, string][];
    const saved = (await plannerAction({
      request: post("/dragers/planner", fields, { Cookie: member.cookie }),
      params: {},
      context,
    })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/dragers/planner?opgeslagen=1");
    const [row] = await database.db.select().from(carrierPlan).where(eq(carrierPlan.institutionId, id));
    expect(row!.lines).toEqual([
      { carrier: "u-matic", count: 40, minutes: null, condition: "slecht" },
      { carrier: "audio-cassette", count: 100, minutes: 45, condition: "goed" },
      { carrier: "16mm-film", count: 10, minutes: null, condition: "twijfelachtig" },
    ]);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "dragers.plan.save"), eq(auditLog.subject, `institution:${id}`)));
    expect(audits).toHaveLength(1);

    // Without a query, the member sees the saved inventory and its plan.
    const back = await plannerLoader({
      request: get("/dragers/planner", { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect(back.from).toBe("saved");
    expect(back.plan!.rows[0]!.carrier).toBe("u-matic");
    // Another institution's member does not.
    const other = await memberOf(database.db, await makeInstitution());
    const theirs = await plannerLoader({
      request: get("/dragers/planner", { Cookie: other.cookie }),
      params: {},
      context,
    });
    expect(theirs.from).toBe("none");

    // The profile summarises it: 150 items, 235.5 hours, 4.17 TB, U-matic first.
    const profile = await ownProfileLoader({
      request: get("/instelling", { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect(body<{ plan: unknown }>(profile).plan).toMatchObject({ items: 150, first: "U-matic" });
    expect(body<{ plan: { digitisationHours: number } }>(profile).plan.digitisationHours).toBeCloseTo(
      235.5,
      10,
    );

    // Delete.
    const deleted = (await plannerAction({
      request: post("/dragers/planner", [["intent", "verwijderen"]], { Cookie: member.cookie }),
      params: {},
      context,
    })) as Response;
    expect(deleted.status).toBe(302);
    expect(await database.db.select().from(carrierPlan)).toEqual([]);
  });

  it("stores nothing on bad input, and asks a member without an institution to link one", async () => {
    const id = await makeInstitution();
    const member = await memberOf(database.db, id);
    const bad = await plannerAction({
      request: post(
        "/dragers/planner",
        [
          ["drager", "u-matic"],
          ["aantal", "-3"],
          ["duur", ""],
          ["staat", "goed"],
          ["intent", "bewaren"],
        ],
        { Cookie: member.cookie },
      ),
      params: {},
      context,
    });
    expect(status(bad)).toBe(400);
    expect(body<{ errors: Record<string, string> }>(bad).errors).toEqual({
      "aantal-0": "Vul een heel getal van 1 of meer in, zoals 40.",
    });
    const empty = await plannerAction({
      request: post("/dragers/planner", [["intent", "bewaren"]], { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect(status(empty)).toBe(400);
    expect(await database.db.select().from(carrierPlan)).toEqual([]);

    const loner = await memberOf(database.db, null);
    const refused = await plannerAction({
      request: post("/dragers/planner", [...new URLSearchParams(inventory).entries()], {
        Cookie: loner.cookie,
      }),
      params: {},
      context,
    });
    expect(status(refused)).toBe(400);
    expect(body<{ errors: { form: string } }>(refused).errors.form).toMatch(/instelling/);
    expect(await database.db.select().from(carrierPlan)).toEqual([]);
  });

  it("exports CSV (with a byte-order mark) and a printable page", async () => {
    const response = (await csvLoader({
      request: get(`/dragers/planner.csv?${inventory}`),
      params: {},
      context,
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("rang,drager,")).toBe(true);
    expect(text).toContain("1,U-matic,40,60,slecht,4,5,2,40,");
    expect(text).toContain("totaal,,150,,,,,,,,116.83,,235.5,4.172,0.086");
    const empty = (await csvLoader({
      request: get("/dragers/planner.csv"),
      params: {},
      context,
    })) as Response;
    expect(empty.status).toBe(400);

    const print = await printLoader({
      request: get(`/dragers/planner/afdrukken?${inventory}`),
      params: {},
      context,
    });
    expect(print.plan!.rows).toHaveLength(3);
  });

  it("moderators edit an assumption (audited), and the plan uses it; bad input stores nothing", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const page = await beheerLoader({
      request: get("/beheer/dragers?drager=u-matic", { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(page.selected).toMatchObject({ carrier: "u-matic", transferFactor: 2, masterGbPerHour: 50 });
    const fields = (over: Record<string, string> = {}) =>
      Object.entries({
        carrier: "u-matic",
        minutesPerItem: "60",
        transferFactor: "3",
        masterGbPerHour: "60",
        masterFormat: "FFV1",
        accessGbPerHour: "1,7",
        accessFormat: "H.264",
        degradationScore: "4",
        obsolescenceScore: "5",
        certaintyMinutes: "alg",
        certaintyFactor: "bron",
        certaintyMaster: "bron",
        certaintyAccess: "bron",
        certaintyScores: "?",
        sources: "Meting digitaliseringsstraat 2026",
        note: "",
        ...over,
      });
    const before = await database.db
      .select()
      .from(carrierAssumption)
      .where(eq(carrierAssumption.carrier, "u-matic"));
    const bad = await beheerAction({
      request: post("/beheer/dragers", fields({ transferFactor: "nul", sources: "" }), {
        Cookie: moderator.cookie,
      }),
      params: {},
      context,
    });
    expect(status(bad)).toBe(400);
    expect(body<{ errors: Record<string, string> }>(bad).errors).toEqual({
      transferFactor: "Vul een getal in.",
      sources: "Noem minstens één bron (of schrijf waarom er geen is).",
    });
    expect(
      await database.db.select().from(carrierAssumption).where(eq(carrierAssumption.carrier, "u-matic")),
    ).toEqual(before);

    const ok = (await beheerAction({
      request: post("/beheer/dragers", fields(), { Cookie: moderator.cookie }),
      params: {},
      context,
    })) as Response;
    expect(ok.status).toBe(302);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "dragers.assumption.save"));
    expect(audit).toMatchObject({ actorId: moderator.id, subject: "carrier:u-matic" });
    expect((audit!.details as { changed: Record<string, unknown> }).changed).toHaveProperty(
      "transferFactor",
      {
        from: 2,
        to: 3,
      },
    );

    // 40 U-matic × 60 min = 40 h content; × 3 = 120 h; × 60 GB/h = 2.4 TB.
    const data = await plannerLoader({
      request: get("/dragers/planner?drager=u-matic&aantal=40&duur=&staat=goed"),
      params: {},
      context,
    });
    expect(data.plan!.rows[0]!.digitisationHours).toBe(120);
    expect(data.plan!.rows[0]!.masterTb).toBeCloseTo(2.4, 10);

    // Members may not.
    const member = await memberOf(database.db, null);
    const refused = await thrownResponse(() =>
      beheerAction({
        request: post("/beheer/dragers", fields(), { Cookie: member.cookie }),
        params: {},
        context,
      }),
    );
    expect(refused.status).toBe(403);
  });
});

describe("pooling digitisation work", () => {
  async function postDemand(cookie: string, carrier: string, count: number) {
    const result = (await poolAction({
      request: post(
        "/dragers/samenwerken",
        { intent: "vraag", carrier, count: String(count), note: "" },
        { Cookie: cookie },
      ),
      params: {},
      context,
    })) as Response;
    expect(result.status).toBe(302);
  }

  it("adds up demand per carrier; the public sees totals of 5 or more institutions only, without names", async () => {
    // U-matic from 5 institutions: 12 + 30 + 8 + 50 + 20 = 120. VHS from 2: 200 + 100 = 300.
    // DAT from 1: 15. A second post for the same carrier replaces the first (12 was 7 before).
    const names: string[] = [];
    const members = [];
    for (let i = 0; i < 5; i++) {
      const id = await makeInstitution(`Pooltest ${i}`);
      const [row] = await database.db
        .select({ name: institution.name })
        .from(institution)
        .where(eq(institution.id, id));
      names.push(row!.name);
      members.push(await memberOf(database.db, id));
    }
    await postDemand(members[0]!.cookie, "u-matic", 7);
    await postDemand(members[0]!.cookie, "u-matic", 12);
    await postDemand(members[1]!.cookie, "u-matic", 30);
    await postDemand(members[2]!.cookie, "u-matic", 8);
    await postDemand(members[3]!.cookie, "u-matic", 50);
    await postDemand(members[4]!.cookie, "u-matic", 20);
    await postDemand(members[0]!.cookie, "vhs", 200);
    await postDemand(members[1]!.cookie, "vhs", 100);
    await postDemand(members[2]!.cookie, "dat", 15);
    expect(await database.db.select().from(digitisationDemand)).toHaveLength(8);

    const pub = await poolLoader({ request: get("/dragers/samenwerken"), params: {}, context });
    expect(pub.view).toBe("public");
    expect(pub.pool.rows.map((r) => [r.carrier, r.total, r.institutions])).toEqual([
      ["u-matic", 120, 5],
      ["dat", null, null],
      ["vhs", null, null],
    ]);
    expect(pub.pool.shownTotal).toBe(120);
    expect(pub.own).toBeNull();
    const json = JSON.stringify(pub);
    for (const name of names) expect(json).not.toContain(name);

    const moderator = await userWithSession(database.db, "moderator");
    const mod = await poolLoader({
      request: get("/dragers/samenwerken", { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(mod.pool.rows.map((r) => [r.carrier, r.total, r.institutions])).toEqual([
      ["vhs", 300, 2],
      ["u-matic", 120, 5],
      ["dat", 15, 1],
    ]);
    // 300 + 120 + 15 = 435.
    expect(mod.pool.shownTotal).toBe(435);
    expect(mod.pool.rows.find((r) => r.carrier === "dat")!.demand).toEqual([
      { institutionName: names[2], count: 15, note: "" },
    ]);

    // A count of 0 takes a demand away.
    await postDemand(members[2]!.cookie, "dat", 0);
    const after = await poolLoader({
      request: get("/dragers/samenwerken", { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(after.pool.rows.map((r) => r.carrier)).toEqual(["vhs", "u-matic"]);
    const audits = await database.db.select().from(auditLog).where(like(auditLog.action, "dragers.demand.%"));
    expect(audits).toHaveLength(10);
  });

  it("refuses bad demand and offers with Dutch messages, storing nothing", async () => {
    const member = await memberOf(database.db, await makeInstitution());
    const bad = await poolAction({
      request: post(
        "/dragers/samenwerken",
        { intent: "vraag", carrier: "bestaat-niet", count: "-1" },
        { Cookie: member.cookie },
      ),
      params: {},
      context,
    });
    expect(status(bad)).toBe(400);
    expect(body<{ errors: Record<string, string> }>(bad).errors).toEqual({
      carrier: "Kies een drager uit de lijst.",
      count: "Vul een heel getal in, zoals 25 (0 haalt je vraag weg).",
    });
    const offer = await poolAction({
      request: post(
        "/dragers/samenwerken",
        { intent: "aanbod", beschikbaar: "Misschien" },
        { Cookie: member.cookie },
      ),
      params: {},
      context,
    });
    expect(status(offer)).toBe(400);
    expect(body<{ errors: Record<string, string> }>(offer).errors).toEqual({
      dragers: "Kies minstens één drager die jullie lijn kan verwerken.",
      beschikbaar: "Kies of de lijn kosteloos of tegen betaling beschikbaar is.",
    });
    expect(await database.db.select().from(digitisationDemand)).toEqual([]);
    expect(await database.db.select().from(digitisationOffer)).toEqual([]);
  });

  it("counts only confirmed institutions outside the moderators' view, so made-up ones cannot reveal a real one's demand", async () => {
    const real = await memberOf(database.db, await makeInstitution("Echt archief"));
    await postDemand(real.cookie, "vhs", 37);
    for (let i = 0; i < 4; i++) {
      const fake = await createInstitution(database.db, `Verzonnen ${i}`, "Archief", false);
      const fakeMember = await memberOf(database.db, fake);
      await postDemand(fakeMember.cookie, "vhs", 1);
    }
    const pub = await poolLoader({ request: get("/dragers/samenwerken"), params: {}, context });
    const vhs = pub.pool.rows.find((r) => r.carrier === "vhs");
    expect(vhs).toMatchObject({ hidden: true, total: null, institutions: null });
    const moderator = await userWithSession(database.db, "moderator");
    const all = await poolLoader({
      request: get("/dragers/samenwerken", { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(all.pool.rows.find((r) => r.carrier === "vhs")).toMatchObject({ total: 41, institutions: 5 });
  });

  it("pre-fills line offers from the survey, which the institution completes; the public sees no names", async () => {
    const sharing = await makeInstitution("Beeldarchief met straat");
    const notSharing = await makeInstitution("Archief zonder delen");
    const answer = (institutionId: number, respondentId: string, answers: Record<string, string>) =>
      database.db.insert(surveyResponse).values({
        source: "import",
        respondentId,
        wave: 2024,
        answeredAt: new Date("2024-01-01T00:00:00Z"),
        institutionId,
        institutionType: "Archief",
        answers: answers as never,
        contentHash: respondentId,
      });
    await answer(sharing, "r1", {
      has_digitisation_street: "Ja",
      street_suitability: "Grotendeels geschikt",
      street_shared: "Ja, tegen betaling",
    });
    await answer(notSharing, "r2", { has_digitisation_street: "Ja", street_shared: "Nee" });

    const moderator = await userWithSession(database.db, "moderator");
    const prefill = (await beheerAction({
      request: post("/beheer/dragers", { intent: "vooraf-invullen" }, { Cookie: moderator.cookie }),
      params: {},
      context,
    })) as Response;
    expect(prefill.headers.get("Location")).toBe("/beheer/dragers?klaar=enquete&toegevoegd=1");
    const offers = await database.db.select().from(digitisationOffer);
    expect(offers).toEqual([
      expect.objectContaining({
        institutionId: sharing,
        carriers: [],
        shared: "Ja, tegen betaling",
        suitability: "Grotendeels geschikt",
        source: "survey",
      }),
    ]);
    // Running it again adds nothing.
    const again = (await beheerAction({
      request: post("/beheer/dragers", { intent: "vooraf-invullen" }, { Cookie: moderator.cookie }),
      params: {},
      context,
    })) as Response;
    expect(again.headers.get("Location")).toBe("/beheer/dragers?klaar=enquete&toegevoegd=0");

    // The line's member sees the survey answers and completes the offer.
    const member = await memberOf(database.db, sharing);
    const own = await poolLoader({
      request: get("/dragers/samenwerken", { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect(own.own!.survey).toEqual({ shared: "Ja, tegen betaling", suitability: "Grotendeels geschikt" });
    // Until the institution offers its line itself, the survey answers are not shown to other members.
    const other = await memberOf(database.db, notSharing);
    const before = await poolLoader({
      request: get("/dragers/samenwerken", { Cookie: other.cookie }),
      params: {},
      context,
    });
    expect(before.lines.count).toBe(0);
    expect(JSON.stringify(before.lines)).not.toMatch(/Beeldarchief/);
    const saved = (await poolAction({
      request: post(
        "/dragers/samenwerken",
        [
          ["intent", "aanbod"],
          ["dragers", "u-matic"],
          ["dragers", "vhs"],
          ["beschikbaar", "Ja, tegen betaling"],
          ["geschiktheid", "Grotendeels geschikt"],
          ["voorwaarden", "€ 20 per band, 6 weken"],
        ],
        { Cookie: member.cookie },
      ),
      params: {},
      context,
    })) as Response;
    expect(saved.status).toBe(302);
    const [stored] = await database.db
      .select()
      .from(digitisationOffer)
      .where(eq(digitisationOffer.institutionId, sharing));
    expect(stored).toMatchObject({
      carriers: ["u-matic", "vhs"],
      source: "member",
      terms: "€ 20 per band, 6 weken",
    });

    // Demand for U-matic from one institution: the public sees the line count, no names.
    const asker = await memberOf(database.db, notSharing);
    await postDemand(asker.cookie, "u-matic", 40);
    const pub = await poolLoader({ request: get("/dragers/samenwerken"), params: {}, context });
    expect(pub.lines).toEqual({ count: 1, list: null });
    expect(pub.pool.rows).toEqual([
      expect.objectContaining({
        carrier: "u-matic",
        total: null,
        hidden: true,
        lines: 1,
        lineNames: null,
        demand: null,
      }),
    ]);
    expect(JSON.stringify(pub)).not.toMatch(/Beeldarchief|Archief zonder/);
    // Members see which line takes it, not who asked.
    const seen = await poolLoader({
      request: get("/dragers/samenwerken", { Cookie: asker.cookie }),
      params: {},
      context,
    });
    expect(seen.pool.rows[0]!.lineNames).toEqual([expect.stringContaining("Beeldarchief met straat")]);
    expect(seen.pool.rows[0]!.demand).toBeNull();
  });
});
