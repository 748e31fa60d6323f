// The journey of issue 20 ("The whole TrendMonitor"), from a fresh database with the synthetic
// TrendMonitor export imported: a member of a museum fills in the self-assessment and sees where
// their institution stands against comparable institutions (only aggregates over >= 5 of them);
// a moderator opens a pulse round; two institutions answer and the result stays hidden on
// /trends; three more answer and it appears there as a pulse wave of its own. Then the same
// pages in English.
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import { type Message, translate } from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";
import { createUser } from "#app/modules/auth/users.server.ts";
import { comparisonColumns } from "#app/modules/survey/comparison.server.ts";
import { parseCsv, stripBom } from "#app/modules/survey/csv.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { allAnswerLabels, choiceDef, columnDef } from "#app/modules/survey/questionnaire.ts";
import { openPglite } from "#db/client.server.ts";
import { institution, user } from "#db/schema/auth.ts";
import {
  fixtureSurveyFile,
  fixtureSurveyPath,
  SYNTHETIC,
  SYNTHETIC_EXPECTED,
} from "#tests/support/survey.ts";
import { E2E_ADMIN, logIn, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const PASSWORD = "beeldband-archief-2024!";
const member = (first: string, domain: string) => ({
  email: `${first.toLowerCase()}@${domain}.example`,
  password: PASSWORD,
  name: `${first} Collectie`,
});
/** Five confirmed institutions, one member each; the first is the museum of the comparison. */
const INSTITUTIONS = [
  { name: "Stadsmuseum Noord", type: "Museum", member: member("Mila", "stadsmuseum") },
  { name: "Gemeentearchief Zuidstad", type: "Archief", member: member("Ahmed", "zuidstad") },
  { name: "Streekomroep West", type: "Omroep", member: member("Dewi", "omroepwest") },
  { name: "Regionaal Historisch Centrum Oost", type: "Archief", member: member("Bea", "rhc-oost") },
  { name: "Filmhuis Zeeland", type: "Overig", member: member("Cor", "filmhuis") },
] as const;
const MUSEUM = INSTITUTIONS[0];

/** What the museum fills in; the AV staff band is one that fewer than 5 museums of 2024 share. */
const OWN = {
  fte_av: "Minder dan 1 fte",
  ooc_known: "Ja",
  need_storage: "Onvoldoende",
  digitisation_degree: "10-25%",
  ai_metadata_use: "Nee",
} as const;

const ROUND_TITLE = "Peiling opslag en OOC, winter 2026";
/** Each institution's answers to the round, in INSTITUTIONS order: only three answer on storage. */
const PULSE_ANSWERS: { ooc_known: string; need_storage?: string }[] = [
  { ooc_known: "Ja", need_storage: "Onvoldoende" },
  { ooc_known: "Nee", need_storage: "Goed" },
  { ooc_known: "Ja", need_storage: "Onvoldoende" },
  { ooc_known: "Ja" },
  { ooc_known: "Nee" },
];

const expected = JSON.parse(fixtureSurveyFile(SYNTHETIC_EXPECTED)) as Record<
  string,
  { institution_type: Record<string, number> }
>;
const fixtureRows = (() => {
  const [header, ...rows] = parseCsv(stripBom(fixtureSurveyFile(SYNTHETIC)), ",").map((r) => r.fields);
  return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
})();

let roundId: number;

async function prepareDatabase(dataDir: string) {
  const database = await openPglite(dataDir);
  try {
    await database.migrate();
    const db = database.db;
    const imported = await importSurveyFile(db, {
      fileName: SYNTHETIC,
      content: readFileSync(fixtureSurveyPath(SYNTHETIC)),
      actorId: null,
      via: "cli",
    });
    if (!imported.ok) throw new Error("de synthetische export liet zich niet importeren");
    for (const i of INSTITUTIONS) {
      const [row] = await db
        .insert(institution)
        .values({ name: i.name, type: i.type, confirmed: true })
        .returning({ id: institution.id });
      const id = await createUser(db, i.member);
      await db.update(user).set({ institutionId: row!.id }).where(eq(user.id, id));
    }
  } finally {
    await database.close();
  }
}

const env = setupBrowserApp({ admin: true, prepare: prepareDatabase });

async function heading(page: Page) {
  return page.getByRole("heading", { level: 1 }).textContent();
}

async function loggedIn(who: { email: string; password: string }, to: string) {
  const context = await env.browser.newContext({ baseURL: env.app.url });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await logIn(page, who, to);
  await page.waitForURL((url) => url.pathname === to);
  return { context, page, errors };
}

/** The comparison table's rows: question, own answer, and the shares ("label: n %") or "< 5". */
async function comparisonRows(page: Page, title: string) {
  const table = page.getByRole("table", { name: title });
  const rows = [];
  for (const row of await table.locator("tbody tr").all()) {
    const cells = row.getByRole("cell");
    rows.push({
      column: (await row.getAttribute("data-column"))!,
      question: (await row.getByRole("rowheader").textContent())!,
      own: (await cells.nth(0).textContent())!,
      shares: (await cells.nth(1).getByRole("listitem").allTextContents()).map((text) => {
        const m = /^(.*): (\d+) %$/.exec(text);
        if (!m) throw new Error(`onverwacht aandeel: ${text}`);
        return { label: m[1]!, percent: Number(m[2]) };
      }),
      others: (await cells.nth(1).textContent())!,
    });
  }
  return rows;
}

/** The round as the moderator's list shows it: title, open or closed, how many answered. */
async function roundOnAdminPage(page: Page) {
  const item = page.getByRole("listitem").filter({ hasText: ROUND_TITLE });
  return (await item.locator("span").first().textContent())?.replace(/\s+/g, " ").trim();
}

/** Dutch texts of the interface that differ from their English counterpart. */
const dutchOnly = new Set<string>(
  Object.entries(nl).flatMap(([key, value]) => {
    // A plural message: each Dutch form against the English form of the same category.
    const forms = (m: Message): Record<string, string> => (typeof m === "string" ? { text: m } : { ...m });
    const english = forms(en[key as keyof typeof en]);
    return Object.entries(forms(value))
      .filter(([form, text]) => english[form] !== text)
      .map(([, text]) => text);
  }),
);

describe("the whole TrendMonitor: comparison and pulse rounds in the browser", () => {
  it("a member fills in the self-assessment and sees their institution against comparable ones", async () => {
    // Fixture facts: the 2024 museums, and how few of them share the museum's AV staff band.
    const museums2024 = expected["2024"]!.institution_type.Museum!;
    const sameBand = fixtureRows.filter(
      (r) => r.wave === "2024" && r.institution_type === "Museum" && r.fte_av === OWN.fte_av,
    ).length;
    expect(museums2024).toBeGreaterThanOrEqual(5);
    expect(sameBand).toBeLessThan(5);

    const { context, page, errors } = await loggedIn(MUSEUM.member, "/instelling");
    await expect.poll(() => heading(page)).toBe(MUSEUM.name);
    expect(await page.title()).toBe(`${nl["profiel.title"]} · ${nl["site.name"]}`);
    // No answers yet: nothing to compare, and the way to the self-assessment.
    const section = page.getByRole("region", { name: nl["vergelijking.title"] });
    expect(await section.getByText(nl["vergelijking.noAnswers"]).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: nl["profiel.assess.first"] }).click();
    await page.waitForURL("**/instelling/zelfevaluatie");
    await expect.poll(() => heading(page)).toBe(nl["survey.self.title"]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The institution's type comes pre-filled from its record.
    expect(await page.getByLabel(choiceDef("fte_av").question.nl).count()).toBe(1);
    expect(await page.getByLabel(columnDef("institution_type")!.question.nl).inputValue()).toBe("Museum");
    for (const [column, value] of Object.entries(OWN))
      await page.getByLabel(choiceDef(column as keyof typeof OWN).question.nl).selectOption(value);
    await page.getByRole("button", { name: nl["survey.self.submit"] }).click();
    await page.waitForURL("**/instelling?opgeslagen=1");
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: nl["profiel.saved"] }).count())
      .toBe(1);

    // The comparison: museums only (too few share the band), never fewer than 5 of them.
    expect(
      await section
        .getByText(
          nl["vergelijking.basisType"].replace("{size}", String(museums2024)).replace("{type}", "Museum"),
        )
        .count(),
    ).toBe(1);
    const rows = await comparisonRows(page, nl["vergelijking.title"]);
    expect(rows.map((r) => r.column)).toEqual([...comparisonColumns, "ai_uses"]);
    for (const row of rows) {
      if (row.column !== "ai_uses") expect(row.question).toBe(choiceDef(row.column as "ooc_known").short.nl);
      if (row.others === "< 5") {
        expect(row.shares, row.column).toEqual([]);
        continue;
      }
      const base = /over (\d+) instellingen die antwoordden$/.exec(row.others);
      expect(base, row.others).not.toBeNull();
      const n = Number(base![1]);
      expect(n, row.column).toBeGreaterThanOrEqual(5);
      expect(n, row.column).toBeLessThanOrEqual(museums2024);
      if (row.column !== "ai_uses") {
        // One share per answer of the questionnaire; whole percents add up to about 100.
        expect(row.shares.map((s) => s.label)).toEqual([...choiceDef(row.column as "ooc_known").labels]);
        const total = row.shares.reduce((sum, s) => sum + s.percent, 0);
        expect(total, row.column).toBeGreaterThanOrEqual(100 - row.shares.length);
        expect(total, row.column).toBeLessThanOrEqual(100 + row.shares.length);
      }
    }
    // The own answers, as given.
    for (const [column, value] of Object.entries(OWN)) {
      const row = rows.find((r) => r.column === column);
      if (row) expect(row.own, column).toBe(value);
    }
    expect(rows.find((r) => r.column === "need_carriers")!.own).toBe(nl["vergelijking.notAnswered"]);
    // Nothing of any single institution: no names of the imported respondents, nor of members.
    const text = (await page.locator("main").textContent())!;
    expect(text).not.toMatch(/synthetisch/);
    for (const other of INSTITUTIONS.slice(1)) expect(text).not.toContain(other.name);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The museums' shares on OOC are the same as /trends shows for museums in 2024.
    const ooc = rows.find((r) => r.column === "ooc_known")!;
    const trends = await context.newPage();
    const trendsErrors = watchErrors(trends);
    await trends.goto("/trends?wave=2024");
    const caption = nl["trends.caption.byType"]
      .replace("{question}", choiceDef("ooc_known").short.nl)
      .replace("{wave}", "2024");
    // The breakdown by type is folded away (details): open it as a reader would.
    await trends
      .locator("details")
      .filter({ has: trends.locator("caption", { hasText: caption }) })
      .getByText(nl["trends.byType.title"], { exact: true })
      .click();
    const byType = trends.getByRole("table", { name: caption });
    const labels = (await byType.getByRole("columnheader").allTextContents()).slice(2);
    const museumRow = byType
      .getByRole("row")
      .filter({ has: trends.getByRole("rowheader", { name: "Museum" }) });
    const cells = await museumRow.getByRole("cell").allTextContents();
    expect(ooc.others).toContain(`over ${cells[0]} instellingen die antwoordden`);
    expect(ooc.shares).toEqual(
      labels.map((label, i) => ({ label, percent: Number(cells[i + 1]!.replace("%", "")) })),
    );
    expect(trendsErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("a moderator opens a pulse round", async () => {
    const { context, page, errors } = await loggedIn(E2E_ADMIN, "/beheer/peilingen");
    await expect.poll(() => heading(page)).toBe(nl["pulse.admin.title"]);
    expect(await page.getByText(nl["pulse.admin.none"]).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel(nl["pulse.admin.titleLabel"]).fill(ROUND_TITLE);
    const questions = page.getByRole("group", { name: nl["pulse.admin.questions"] });
    await questions.getByLabel(choiceDef("ooc_known").short.nl, { exact: true }).check();
    await questions.getByLabel(choiceDef("need_storage").short.nl, { exact: true }).check();
    await page.getByRole("button", { name: nl["pulse.admin.create"] }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: nl["pulse.admin.created"] }).count())
      .toBe(1);
    expect(await roundOnAdminPage(page)).toBe(
      `${ROUND_TITLE} (${nl["pulse.open"]}) · ${translate("nl", "pulse.admin.answered", { count: 0 })}`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  /** A member answers the round from their institution's page. */
  async function answerRound(index: number) {
    const { member: who } = INSTITUTIONS[index]!;
    const answers = PULSE_ANSWERS[index]!;
    const { context, page, errors } = await loggedIn(who, "/instelling");
    const pulses = page.getByRole("region", { name: nl["pulse.member.title"] });
    const item = pulses.getByRole("listitem").filter({ hasText: ROUND_TITLE });
    await item.getByRole("link", { name: nl["pulse.member.answer"] }).click();
    await page.waitForURL(/\/instelling\/peiling\/\d+$/);
    roundId = Number(new URL(page.url()).pathname.split("/").pop());
    await expect.poll(() => heading(page)).toBe(ROUND_TITLE);
    await page.getByLabel(choiceDef("ooc_known").question.nl).selectOption(answers.ooc_known);
    if (answers.need_storage)
      await page.getByLabel(choiceDef("need_storage").question.nl).selectOption(answers.need_storage);
    await page.getByRole("button", { name: nl["pulse.answer.submit"] }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: nl["pulse.answer.saved"] }).count())
      .toBe(1);
    if (index === 0) expect(await seriousAxeViolations(page)).toEqual([]);
    // Back on the institution's page the round can be changed, not answered again.
    await page.goto("/instelling");
    const again = page.getByRole("region", { name: nl["pulse.member.title"] });
    expect(
      await again
        .getByRole("listitem")
        .filter({ hasText: ROUND_TITLE })
        .getByRole("link", { name: nl["pulse.member.change"] })
        .count(),
    ).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }

  /** The round on /trends as anyone sees it (no session). */
  async function pulseOnTrends() {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/trends");
    const all = page.getByRole("region", { name: nl["pulse.trends.title"], exact: true });
    const round = all.getByRole("region", { name: `${nl["pulse.trends.label"]}: ${ROUND_TITLE}` });
    return { context, page, errors, all, round };
  }

  it("two institutions answer: the result stays hidden, on /trends and for the moderator", async () => {
    await answerRound(0);
    await answerRound(1);

    const { context, page, errors, round } = await pulseOnTrends();
    expect(await round.count()).toBe(1);
    expect(await round.getByText(nl["pulse.trends.hidden"]).count()).toBe(1);
    expect(await round.getByRole("table").count()).toBe(0);
    // Only the label, the title, that it is open and that it is hidden: no count, no share.
    expect(await round.textContent()).toBe(
      `${nl["pulse.trends.label"]}: ${ROUND_TITLE}${nl["pulse.open"]}${nl["pulse.trends.hidden"]}`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    const moderator = await loggedIn(E2E_ADMIN, "/beheer/peilingen");
    expect(await roundOnAdminPage(moderator.page)).toBe(
      `${ROUND_TITLE} (${nl["pulse.open"]}) · ${translate("nl", "pulse.admin.answered", { count: 2 })}`,
    );
    expect(moderator.errors).toEqual([]);
    await moderator.context.close();
  }, 120_000);

  it("after five answers /trends shows the round as a pulse wave of its own", async () => {
    for (let i = 2; i < INSTITUTIONS.length; i++) {
      await answerRound(i);
      if (i < INSTITUTIONS.length - 1) {
        const { context, round } = await pulseOnTrends();
        expect(await round.getByText(nl["pulse.trends.hidden"]).count(), `${i + 1} answers`).toBe(1);
        await context.close();
      }
    }

    const { context, page, errors, all, round } = await pulseOnTrends();
    const n = PULSE_ANSWERS.length;
    expect(await all.getByText(nl["pulse.trends.intro"]).count()).toBe(1);
    expect(await round.getByText(nl["pulse.trends.hidden"]).count()).toBe(0);
    expect(
      await round
        .getByText(`${nl["pulse.open"]} · ${nl["pulse.trends.n"].replace("{n}", String(n))}`)
        .count(),
    ).toBe(1);

    // OOC: everyone answered; the shares are those of the five answers given above.
    const ooc = round.getByRole("table", {
      name: `${choiceDef("ooc_known").short.nl} (${nl["pulse.trends.n"].replace("{n}", String(n))})`,
    });
    expect(await ooc.count()).toBe(1);
    const oocRows = await ooc.locator("tbody tr").all();
    const shown = await Promise.all(oocRows.map((r) => r.getByRole("cell").allTextContents()));
    expect(shown).toEqual(
      choiceDef("ooc_known").labels.map((label) => {
        const count = PULSE_ANSWERS.filter((a) => a.ooc_known === label).length;
        return [label, `${Math.round((100 * count) / n)} %`];
      }),
    );
    // Storage: fewer than 5 answered, so "< 5" and no shares.
    const storageAnswered = PULSE_ANSWERS.filter((a) => a.need_storage).length;
    expect(storageAnswered).toBeLessThan(5);
    const storage = round.getByRole("table", { name: choiceDef("need_storage").short.nl, exact: true });
    expect(await storage.locator("tbody tr").allTextContents()).toEqual([`${nl["pulse.trends.all"]}< 5`]);

    // A wave of its own: not among the TrendMonitor waves, not in the questions per wave.
    const waves = await page.getByLabel(nl["trends.wave.label"]).locator("option").allTextContents();
    expect(waves.join(" ")).not.toContain(ROUND_TITLE);
    expect(await page.locator("#per-golf").getByText(ROUND_TITLE).count()).toBe(0);
    // No institution's name or answer of its own.
    for (const i of INSTITUTIONS) expect(await page.getByText(i.name).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("speaks English: the comparison, the pulse round and its result", async () => {
    const { context, page, errors } = await loggedIn(MUSEUM.member, "/instelling");
    await page.goto("/en/instelling");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.title()).toBe(`${en["profiel.title"]} · ${en["site.name"]}`);

    // No Dutch heading anywhere on the page.
    const headings = await page.getByRole("heading").allTextContents();
    expect(headings).toContain(en["vergelijking.title"]);
    for (const h of headings) expect(dutchOnly.has(h.trim()), h).toBe(false);

    const section = page.getByRole("region", { name: en["vergelijking.title"] });
    const sectionText = (await section.textContent())!;
    for (const value of dutchOnly)
      if (value.length > 3 && !value.includes("{")) expect(sectionText, value).not.toContain(value);
    expect(sectionText).toContain(
      en["vergelijking.basisType"]
        .replace("{size}", String(expected["2024"]!.institution_type.Museum))
        .replace("{type}", en["survey.type.Museum"]),
    );
    const table = page.getByRole("table", { name: en["vergelijking.title"] });
    expect(await table.getByRole("columnheader").allTextContents()).toEqual([
      en["vergelijking.question"],
      en["vergelijking.own"],
      en["vergelijking.others"],
    ]);
    const rows = await comparisonRows(page, en["vergelijking.title"]);
    const dutchLabels = new Set(allAnswerLabels().filter((l) => /[a-z]/i.test(l) && l !== "speech-to-text"));
    for (const row of rows) {
      expect(row.question).toBe(
        row.column === "ai_uses" ? en["vergelijking.aiUses"] : choiceDef(row.column as "ooc_known").short.en,
      );
      expect(dutchLabels.has(row.own), `${row.column}: ${row.own}`).toBe(false);
      for (const s of row.shares) expect(dutchLabels.has(s.label), `${row.column}: ${s.label}`).toBe(false);
      if (!row.shares.length) expect(row.others).toBe("< 5");
    }
    expect(rows.find((r) => r.column === "ooc_known")!.own).toBe("Yes");
    expect(rows.find((r) => r.column === "need_carriers")!.own).toBe(en["vergelijking.notAnswered"]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The pulse round's page: English questions and answers.
    await page.goto(`/en/instelling/peiling/${roundId}`);
    await expect.poll(() => heading(page)).toBe(ROUND_TITLE);
    const ooc = page.getByLabel(choiceDef("ooc_known").question.en);
    expect(await ooc.locator("option").allTextContents()).toEqual([en["survey.self.noAnswer"], "Yes", "No"]);
    expect(await ooc.inputValue()).toBe(PULSE_ANSWERS[0]!.ooc_known);
    expect(await page.getByRole("button", { name: en["pulse.answer.submit"] }).count()).toBe(1);
    for (const h of await page.getByRole("heading").allTextContents())
      expect(dutchOnly.has(h.trim()), h).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Sent with no answer at all: an English message, and the saved answers stay as they were.
    await ooc.selectOption("");
    await page.getByLabel(choiceDef("need_storage").question.en).selectOption("");
    await page.getByRole("button", { name: en["pulse.answer.submit"] }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(en["survey.error.none"]);
    await page.goto(`/en/instelling/peiling/${roundId}`);
    expect(await page.getByLabel(choiceDef("ooc_known").question.en).inputValue()).toBe(
      PULSE_ANSWERS[0]!.ooc_known,
    );

    // The result on /trends, labelled as a pulse round, with English answers.
    await page.goto("/en/trends");
    const round = page.getByRole("region", { name: `${en["pulse.trends.label"]}: ${ROUND_TITLE}` });
    const oocTable = round.getByRole("table", {
      name: `${choiceDef("ooc_known").short.en} (${en["pulse.trends.n"].replace("{n}", String(PULSE_ANSWERS.length))})`,
    });
    expect(await oocTable.getByRole("columnheader").allTextContents()).toEqual([
      en["pulse.trends.answer"],
      en["pulse.trends.share"],
    ]);
    const answers = await oocTable.locator("tbody tr td:first-child").allTextContents();
    expect(answers).toEqual(["Yes", "No"]);
    // The one 400 is the answer to the empty form, logged by the browser.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    expect(errors.filter((e) => e.includes("status of 400"))).toHaveLength(1);
    await context.close();
  }, 120_000);
});
