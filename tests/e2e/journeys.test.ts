// Journeys as users make them, each on the built app with a fresh embedded database (setupBrowserApp):
// an archivist who searches with a typo and finds the U-matic baking advice (with the mouse and
// with the keyboard only), and a moderator who edits an article, sends it to review, publishes
// it and then finds the new text through search.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { E2E_ADMIN, logIn, seriousAxeViolations, waitForApp, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp({ admin: true });

// What the U-matic guide says about baking (db/seed/content/drager/u-matic.md).
const BAKING = "Bakken is specialistenwerk: doe het niet zelf in een oven.";

interface Focused {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  /** The accessible name of the nearest landmark or labelled section around it. */
  region: string;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const area = el?.closest(
      "aside[aria-label], nav[aria-label], nav[aria-labelledby], section[aria-labelledby], form[role=search]",
    );
    let region = area?.getAttribute("aria-label") ?? "";
    const labelledBy = area?.getAttribute("aria-labelledby");
    if (labelledBy) region = document.getElementById(labelledBy)?.textContent ?? "";
    if (area?.getAttribute("role") === "search") region = "search";
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      id: el?.id ?? "",
      text: (el?.textContent ?? "").trim(),
      href: el?.getAttribute("href") ?? null,
      region: region.trim(),
    };
  });
}

/** Presses Tab until `wanted` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, what: string, wanted: (f: Focused) => boolean, max = 80): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (wanted(now)) return now;
    seen.push(`${now.tag}${now.id ? `#${now.id}` : ""} "${now.text.slice(0, 30)}" (${now.region})`);
  }
  throw new Error(`Met Tab niet bij ${what} gekomen. Langs:\n${seen.join("\n")}`);
}

describe("an archivist looks up how to handle U-matic tapes", () => {
  it("searches with a typo, filters by medium, opens the U-matic guide and finds the baking advice", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/kennisbank");
    await page.getByLabel("Zoek in de kennisbank").fill("umatc");
    await page.waitForURL("**/kennisbank?q=umatc**");
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toMatch(/\d+ resulta(at|ten) voor ‘umatc’/);
    const results = page.getByRole("region", { name: "Resultaten" });
    await expect.poll(() => results.getByRole("link", { name: /U-matic/ }).count()).toBeGreaterThan(0);

    const filters = page.getByRole("complementary", { name: "Filters" });
    await filters.getByRole("link", { name: /^video/ }).click();
    await page.waitForURL("**medium=video**");
    const first = results.getByRole("listitem").first();
    await expect.poll(() => first.getByRole("link").textContent()).toMatch(/^U-matic/);
    // Only video carriers remain.
    expect(await results.getByRole("link", { name: /spoelband|audiocassette|nitraat/i }).count()).toBe(0);

    await first.getByRole("link").click();
    await page.waitForURL("**/kennisbank/u-matic");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("U-matic");
    const article = page.locator("article");
    await expect.poll(() => article.textContent()).toContain(BAKING);
    expect(await article.textContent()).toContain("20 tot 24 uur op 57 °C");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("does the same with the keyboard only", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/kennisbank");
    await waitForApp(page);

    await tabTo(page, "het zoekveld", (f) => f.id === "kb-zoek");
    await page.keyboard.type("u-matik", { delay: 20 });
    await page.keyboard.press("Enter");
    await page.waitForURL("**/kennisbank?q=u-matik**");
    const results = page.getByRole("region", { name: "Resultaten" });
    await expect.poll(() => results.getByRole("link", { name: /U-matic/ }).count()).toBeGreaterThan(0);

    await tabTo(page, "het filter video", (f) => f.region === "Medium" && /^video \(\d+\)/.test(f.text));
    await page.keyboard.press("Enter");
    await page.waitForURL("**medium=video**");
    await expect
      .poll(() => results.getByRole("listitem").first().getByRole("link").textContent())
      .toMatch(/^U-matic/);

    const link = await tabTo(
      page,
      "het U-matic-resultaat",
      (f) => f.tag === "a" && f.href === "/kennisbank/u-matic",
    );
    expect(link.text).toMatch(/^U-matic/);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/kennisbank/u-matic");
    await expect.poll(() => page.locator("article").textContent()).toContain(BAKING);

    // The contents lead to the section with the advice ("Wat te doen"), by keyboard too.
    const toc = await tabTo(
      page,
      "de inhoudsopgave",
      (f) => f.region === "Inhoud" && f.text === "Wat te doen",
    );
    expect(toc.href).toMatch(/^#/);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/kennisbank/u-matic${toc.href}`);
    const section = await page.evaluate(
      (id) => {
        // The text from the target heading up to the next heading of the same level.
        const heading = document.getElementById(id);
        let text = "";
        for (let el = heading?.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
          text += el.textContent;
        }
        return text;
      },
      decodeURIComponent(toc.href!.slice(1)),
    );
    expect(section).toContain(BAKING);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a moderator improves an article", () => {
  it("edits it, sends it to review, publishes it, and search finds the new text", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // A word that is nowhere in the seed, so that finding it proves the new text is indexed.
    // (Until then search may offer look-alike words, but no result contains it.)
    const word = "kwispelkoppen";
    const sentence = `Let bij Betamax op ${word}: kopvuil dat alleen onder een loep zichtbaar is.`;
    const searchApi = async (q: string) => {
      const response = await page.request.get(`/api/search?${new URLSearchParams({ q })}`);
      expect(response.status()).toBe(200);
      return (await response.json()) as { hits: { slug: string; snippet: string }[]; total: number };
    };
    const mentions = async () =>
      (await searchApi(word)).hits.filter((h) => h.snippet.includes(word)).map((h) => h.slug);
    expect(await mentions()).toEqual([]);

    await logIn(page, E2E_ADMIN, "/kennisbank/betamax");
    await page.waitForURL("**/kennisbank/betamax");
    await page.getByRole("link", { name: "Bewerken" }).click();
    await page.waitForURL("**/kennisbank/betamax/bewerken");
    const body = page.getByLabel("Tekst (Markdown)");
    await body.fill(`${await body.inputValue()}\n\n${sentence}`);
    await page.getByLabel("Toelichting bij deze wijziging").fill("Waarschuwing over kopvuil toegevoegd");
    await page.getByRole("button", { name: "Opslaan als concept" }).click();
    await page.waitForURL("**/beheer/kennisbank/betamax?opgeslagen=*");
    const saved = new URL(page.url()).searchParams.get("opgeslagen")!;
    await expect.poll(() => page.locator("ins").filter({ hasText: word }).count()).toBeGreaterThan(0);

    // A draft is not public: search does not show it.
    expect(await mentions()).toEqual([]);

    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: saved, exact: true }) });
    await row.getByRole("button", { name: "Ter beoordeling" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "ter beoordeling gezet" }).count())
      .toBe(1);
    expect(await mentions()).toEqual([]);
    await row.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "is gepubliceerd" }).count()).toBe(1);

    // The API finds it (the index may follow a moment later).
    await expect
      .poll(async () => (await searchApi(word)).hits.map((h) => h.slug), { timeout: 15_000 })
      .toEqual(["betamax"]);
    expect(await mentions()).toEqual(["betamax"]);
    // And so does the kennisbank search page, as a visitor sees it.
    const visitor = await env.browser.newContext({ baseURL: env.app.url });
    const search = await visitor.newPage();
    await search.goto(`/kennisbank?q=${word}`);
    const results = search.getByRole("region", { name: "Resultaten" });
    await expect.poll(() => results.getByRole("link", { name: /^Betamax/ }).count()).toBe(1);
    await results.getByRole("link", { name: /^Betamax/ }).click();
    await search.waitForURL("**/kennisbank/betamax");
    await expect.poll(() => search.locator("article").textContent()).toContain(sentence);
    expect(errors).toEqual([]);
    await visitor.close();
    await context.close();
  });
});
