import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Answers, narrow, toWizardCarrier } from "#app/modules/dragers/wizard.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

// What the page must say, worked out from the seed's carrier guides with the wizard's own rules.
const carriers = readSeedContent()
  .filter((c) => c.locale === "nl" && c.kind === "drager")
  .map((c) => toWizardCarrier(c.slug, c.title, c.carrier!));
function matching(answers: Answers): string {
  const n = narrow(carriers, answers).candidates.length;
  return n === 1 ? "1 drager past bij je antwoorden." : `${n} dragers passen bij je antwoorden.`;
}

const env = setupBrowserApp({ admin: true });

// The machine is shared and axe runs several times per test: allow more than the default minute.
const status = (page: Page) => page.getByRole("status").filter({ hasText: /past|passen/ });

async function answer(page: Page, option: RegExp) {
  await page.getByRole("group").first().getByLabel(option).check();
  await page.getByRole("button", { name: "Volgende vraag" }).click();
}

describe("carrier tools in the browser", () => {
  it("the wizard narrows step by step without JavaScript (GET forms) down to nitrate film", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/dragers");
    await page.getByRole("link", { name: "Welke drager heb ik?" }).click();
    await page.waitForURL("**/dragers/herkennen");
    expect(await status(page).textContent()).toBe(matching({}));

    await answer(page, /^Film/);
    await page.waitForURL("**/dragers/herkennen?soort=film");
    expect(await status(page).textContent()).toBe(matching({ soort: ["film"] }));
    await answer(page, /^Filmrol/);
    await page.waitForURL("**vorm=filmrol**");
    await answer(page, /^Film 35 mm/);
    await page.waitForURL("**maat=film-35mm**");
    expect(await status(page).textContent()).toBe(
      matching({ soort: ["film"], vorm: ["filmrol"], maat: ["film-35mm"] }),
    );
    await page
      .getByRole("group")
      .first()
      .getByLabel(/^NITRATE \(/)
      .check();
    await page.getByRole("button", { name: "Volgende vraag" }).click();
    await page.waitForURL("**opschrift=NITRATE**");
    expect(await status(page).textContent()).toBe(
      matching({ soort: ["film"], vorm: ["filmrol"], maat: ["film-35mm"], opschrift: ["NITRATE"] }),
    );
    const candidates = page.getByRole("region", { name: "Mogelijke dragers" });
    expect(await candidates.getByRole("link", { name: "Nitraatfilm" }).getAttribute("href")).toBe(
      "/kennisbank/nitraatfilm",
    );
    expect(await candidates.getByRole("img", { name: "Tekening van een Nitraatfilm" }).count()).toBe(1);

    // Changing an earlier answer drops it and keeps the others.
    await page.getByRole("link", { name: "wijzig Opschriften" }).click();
    await page.waitForURL((url) => !url.search.includes("opschrift"));
    expect(await status(page).textContent()).toBe(
      matching({ soort: ["film"], vorm: ["filmrol"], maat: ["film-35mm"] }),
    );
    await context.close();
  }, 180_000);

  it("with JavaScript, the wizard filters as you choose, before you submit", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/dragers/herkennen");
    expect(await status(page).textContent()).toBe(matching({}));
    await page.getByLabel(/^Geluid/).check();
    // The live count follows the choice at once; the URL has not changed.
    await expect.poll(() => status(page).textContent()).toBe(matching({ soort: ["geluid"] }));
    expect(new URL(page.url()).search).toBe("");
    await page.getByLabel(/^Beeld/).check();
    await expect.poll(() => status(page).textContent()).toBe(matching({ soort: ["beeld"] }));
    await page.getByLabel(/^Geluid/).check();
    await page.getByRole("button", { name: "Volgende vraag" }).click();
    await page.waitForURL("**/dragers/herkennen?soort=geluid");
    await page.getByLabel(/^Schijf of plaat/).check();
    await expect
      .poll(() => status(page).textContent())
      .toBe(matching({ soort: ["geluid"], vorm: ["schijf"] }));
    await page.getByRole("button", { name: "Volgende vraag" }).click();
    await page.waitForURL("**vorm=schijf**");
    await page.getByLabel(/^Schijf 30 cm/).check();
    await expect
      .poll(() => status(page).textContent())
      .toBe(matching({ soort: ["geluid"], vorm: ["schijf"], maat: ["disc-30cm"] }));
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("the planner ranks an inventory without JavaScript and offers CSV and a printable page", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/dragers/planner");
    const row = (n: number) => page.getByRole("group", { name: `Regel ${n}` });
    await row(1).getByLabel("Drager").selectOption("u-matic");
    await row(1).getByLabel("Aantal items").fill("40");
    await row(1).getByLabel("Staat").selectOption("slecht");
    await row(2).getByLabel("Drager").selectOption("audio-cassette");
    await row(2).getByLabel("Aantal items").fill("100");
    await row(2).getByLabel("Gemiddelde duur (minuten)").fill("45");
    await page.getByRole("button", { name: "Plan berekenen" }).click();
    await page.waitForURL("**/dragers/planner?drager=u-matic**");
    const plan = page.getByRole("table", { name: /Digitaliseringsvolgorde/ });
    const first = plan.getByRole("row").nth(1);
    expect(await first.getByRole("rowheader").textContent()).toContain("U-matic");
    expect(await first.textContent()).toContain(
      "Degradatie 4 × veroudering afspeelapparatuur 5 = 20; staat slecht: × 2 = 40.",
    );
    // 80 + 150 = 230 digitisation hours.
    expect(await plan.getByRole("row").last().textContent()).toContain("230");
    expect(await page.getByRole("link", { name: "Download als CSV" }).getAttribute("href")).toMatch(
      /^\/dragers\/planner\.csv\?drager=u-matic/,
    );
    await page.getByRole("link", { name: "Afdrukbare versie" }).click();
    await page.waitForURL("**/dragers/planner/afdrukken?**");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Digitaliseringsplan");

    // A bad count gets a message next to the field.
    await page.goto("/dragers/planner?drager=u-matic&aantal=veel&duur=&staat=goed");
    const count = row(1).getByLabel("Aantal items");
    expect(await count.getAttribute("aria-invalid")).toBe("true");
    expect(await row(1).getByText("Vul een heel getal van 1 of meer in, zoals 40.").count()).toBe(1);
    await context.close();
  }, 180_000);

  it("the three pages pass the accessibility check (axe needs JavaScript in the page)", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/dragers/herkennen?soort=film&vorm=filmrol&maat=film-35mm");
    expect(await status(page).textContent()).toBe(
      matching({ soort: ["film"], vorm: ["filmrol"], maat: ["film-35mm"] }),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto(
      "/dragers/planner?drager=u-matic&aantal=40&duur=&staat=slecht&drager=audio-cassette&aantal=100&duur=45&staat=goed",
    );
    expect(await page.getByRole("table", { name: /Digitaliseringsvolgorde/ }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto("/dragers/samenwerken");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Samen digitaliseren");
    expect(await page.getByText("Nog geen vraag geplaatst.").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
