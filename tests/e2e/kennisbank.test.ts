import { describe, expect, it } from "vitest";
import { logIn, seriousAxeViolations, waitForApp, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const ADMIN = { email: "beheer@ava-net.example", password: "lange-zin-voor-de-eerste-admin" };

const env = setupBrowserApp({ admin: ADMIN });

describe("kennisbank in the browser", () => {
  it("an archivist browses by kind, opens the U-matic guide and sees the fact box", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/kennisbank");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page
      .getByRole("complementary", { name: "Filters" })
      .getByRole("link", { name: /^Dragergids/ })
      .click();
    await page.waitForURL("**/kennisbank?soort=drager**");
    await page
      .getByRole("link", { name: /^U-matic/ })
      .first()
      .click();
    await page.waitForURL("**/kennisbank/u-matic");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/U-matic/);
    expect(await page.getByRole("heading", { name: "Feitenblok" }).count()).toBe(1);
    expect(await page.getByText(/Risico: zeer hoog/).count()).toBe(1);
    expect((await page.locator("article").textContent())?.toLowerCase()).toContain("bak");
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The contents link jumps to its heading.
    const toc = page.getByRole("navigation", { name: "Inhoud" });
    const first = toc.getByRole("link").first();
    const target = await first.getAttribute("href");
    await first.click();
    await page.waitForURL(`**/kennisbank/u-matic${target}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an archivist searches with a typo, filters by medium and finds the baking advice", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/kennisbank");
    await page.getByLabel("Zoek in de kennisbank").fill("umatik bakken");
    // Results follow the typing (debounced), and the query lands in the URL.
    await page.waitForURL("**/kennisbank?q=umatik+bakken**");
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toMatch(/\d+ resulta(at|ten) voor ‘umatik bakken’/);
    const filters = page.getByRole("complementary", { name: "Filters" });
    await filters.getByRole("link", { name: /^video/ }).click();
    await page.waitForURL("**medium=video**");
    const first = page.getByRole("region", { name: "Resultaten" }).getByRole("listitem").first();
    // The address changes a moment before the filtered list is drawn.
    await expect.poll(() => first.getByRole("link").textContent()).toMatch(/U-matic/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await first.getByRole("link").click();
    await page.waitForURL("**/kennisbank/u-matic");
    await expect.poll(() => page.locator("article").textContent()).toMatch(/bak/i);
    // The back button returns to the same search.
    await page.goBack();
    await page.waitForURL("**q=umatik+bakken**medium=video**");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("typing on while results update keeps every letter, and a misspelt word gets a suggestion", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/kennisbank");
    await waitForApp(page);
    const box = page.getByLabel("Zoek in de kennisbank");
    await box.click();
    await page.keyboard.type("plakerige", { delay: 40 });
    // The results for the first word arrive ...
    await page.waitForURL("**/kennisbank?q=plakerige");
    // ... and the box keeps the focus: what is typed next is not lost.
    await page.keyboard.type(" band", { delay: 40 });
    await page.waitForURL("**/kennisbank?q=plakerige+band");
    expect(await box.inputValue()).toBe("plakerige band");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("kb-zoek");
    // The misspelt word was also searched as the word the kennisbank has; the link searches for that.
    const suggestion = page.getByRole("link", { name: "‘plakkerige band’" });
    await expect.poll(() => suggestion.count()).toBe(1);
    await suggestion.click();
    await page.waitForURL("**/kennisbank?q=plakkerige+band");
    await expect.poll(() => box.inputValue()).toBe("plakkerige band");
    // Back: the box shows the earlier search again.
    await page.goBack();
    await page.waitForURL("**/kennisbank?q=plakerige+band");
    await expect.poll(() => box.inputValue()).toBe("plakerige band");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the header search suggests as you type and works by keyboard only", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await page.goto("/");
    const box = page.getByRole("combobox", { name: "Zoeken" });
    await box.focus();
    await page.keyboard.type("nitraa", { delay: 30 });
    const list = page.getByRole("listbox", { name: "Suggesties" });
    await expect.poll(() => list.getByRole("option").count()).toBeGreaterThan(1);
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowDown");
    const active = await box.getAttribute("aria-activedescendant");
    expect(await page.locator(`[id="${active}"]`).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(`[id="${active}"]`).textContent()).toMatch(/Nitraat/i);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/kennisbank/nitraatfilm");
    await context.close();
  });

  it("searching works without JavaScript", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("combobox", { name: "Zoeken" }).fill("spoelband");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/kennisbank?q=spoelband");
    expect(
      await page
        .getByRole("main")
        .getByRole("link", { name: /open spoel|spoelband|geluidsband/i })
        .count(),
    ).toBeGreaterThan(0);
    await context.close();
  });

  it("the carriers table sorts by a column, without JavaScript too", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/dragers");
    expect(await page.getByRole("row").count()).toBeGreaterThan(25);
    await page.getByRole("link", { name: /Jaren in gebruik/ }).click();
    await page.waitForURL("**/dragers?sorteer=jaren**");
    const firstYears = await page.getByRole("row").nth(1).getByRole("cell").nth(2).textContent();
    const lastYears = await page.getByRole("row").last().getByRole("cell").nth(2).textContent();
    expect(Number(firstYears?.slice(0, 4))).toBeLessThanOrEqual(Number(lastYears?.slice(0, 4)));
    expect(await page.getByRole("columnheader", { name: /Jaren in gebruik/ }).getAttribute("aria-sort")).toBe(
      "ascending",
    );
    await context.close();
  });

  it("a moderator edits an article, sends it to review and publishes it; a reader sees it at once", async () => {
    // An anonymous reader has the page (now in the render cache, served without a nonce, its
    // scripts allowed by their hashes): it hydrates without a CSP error.
    const readerContext = await env.browser.newContext({ baseURL: env.app.url });
    const reader = await readerContext.newPage();
    const readerErrors = watchErrors(reader);
    for (let i = 0; i < 2; i++) {
      await reader.goto("/kennisbank/vhs");
      await reader.waitForSelector("html[data-js=klaar]");
    }
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, ADMIN, "/kennisbank/vhs");
    await page.waitForURL("**/kennisbank/vhs");
    await page.getByRole("link", { name: "Bewerken" }).click();
    await page.waitForURL("**/kennisbank/vhs/bewerken");
    expect(await seriousAxeViolations(page)).toEqual([]);
    const body = page.getByLabel("Tekst (Markdown)");
    const sentence = "Controleer bij elke VHS-band eerst of het wispelturige lipje nog heel is.";
    await body.fill(`${await body.inputValue()}\n\n${sentence}`);
    await page.getByLabel("Toelichting bij deze wijziging").fill("Tip over het lipje toegevoegd");
    await page.getByRole("button", { name: "Opslaan als concept" }).click();
    await page.waitForURL("**/beheer/kennisbank/vhs?opgeslagen=*");
    expect(await seriousAxeViolations(page)).toEqual([]);
    const saved = new URL(page.url()).searchParams.get("opgeslagen")!;
    // The comparison shows the new sentence as added.
    await expect.poll(() => page.locator("ins").filter({ hasText: "lipje" }).count()).toBeGreaterThan(0);
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: saved, exact: true }) });
    await row.getByRole("button", { name: "Ter beoordeling" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "ter beoordeling gezet" }).count())
      .toBe(1);
    await row.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "is gepubliceerd" }).count()).toBe(1);
    await page.goto("/kennisbank/vhs");
    expect(await page.locator("article").textContent()).toContain(sentence);
    expect(errors).toEqual([]);
    await context.close();
    // The anonymous reader's very next request has the published edit.
    await reader.goto("/kennisbank/vhs");
    expect(await reader.locator("article").textContent()).toContain(sentence);
    await reader.waitForSelector("html[data-js=klaar]");
    expect(readerErrors).toEqual([]);
    await readerContext.close();
  });
});
