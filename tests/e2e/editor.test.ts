import { describe, expect, it } from "vitest";
import { E2E_ADMIN, logIn, seriousAxeViolations, waitForApp, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp({ admin: true });

describe("the editor", () => {
  it("the header of a signed-in moderator fits on one line at 1280 px", async () => {
    const context = await env.browser.newContext({
      baseURL: env.app.url,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await logIn(page, E2E_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith("/inloggen"));
    await page.goto("/kennisbank");
    await waitForApp(page);
    const header = page.locator("header").first();
    await header.screenshot({ path: "/tmp/editor-header-1280.png" });
    const nav = header.getByRole("navigation", { name: "Hoofdnavigatie" });
    const items = [
      header.getByRole("link", { name: "AV-Kennisnet", exact: true }),
      nav.getByRole("link", { name: "Trends" }),
      nav.getByRole("link", { name: "Beheer" }),
      header.getByRole("combobox", { name: "Zoeken" }),
      header.getByRole("button", { name: "Uitloggen" }),
    ];
    const boxes = await Promise.all(items.map((l) => l.boundingBox()));
    const middles = boxes.map((b) => (b ? b.y + b.height / 2 : Number.NaN));
    for (const m of middles) expect(Math.abs(m - middles[0]!)).toBeLessThan(12);
    // And each item is itself one line high.
    const trends = boxes[1]!;
    expect(trends.height).toBeLessThan(30);
    await context.close();
  });

  it("previews the text as published while typing, and the diff, with JavaScript", async () => {
    const context = await env.browser.newContext({
      baseURL: env.app.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, E2E_ADMIN, "/kennisbank/u-matic/bewerken");
    await page.waitForURL("**/kennisbank/u-matic/bewerken");
    await waitForApp(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const body = page.getByLabel("Tekst (Markdown)");
    const typed = "\n\n## Proefkop voor het voorbeeld\n\nDit is **vetgedrukte** proeftekst.";
    await body.press("End");
    await page.evaluate(() => {
      const t = document.querySelector<HTMLTextAreaElement>("textarea[name=body]")!;
      t.setSelectionRange(t.value.length, t.value.length);
    });
    await body.pressSequentially(typed, { delay: 5 });
    const preview = page.getByRole("region", { name: /Voorbeeld/ });
    await expect
      .poll(() => preview.getByRole("heading", { name: "Proefkop voor het voorbeeld" }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await preview.locator("strong", { hasText: "vetgedrukte" }).count()).toBe(1);
    const changes = page.getByRole("region", { name: /Wijzigingen ten opzichte/ });
    expect(await changes.locator("ins", { hasText: "proeftekst" }).count()).toBeGreaterThan(0);

    // The toolbar: a link to another guide picked by title, a source picked from the registry.
    const toolbar = page.getByRole("toolbar", { name: "Opmaak" });
    await toolbar.getByRole("button", { name: "Link naar gids" }).click();
    const guide = page.getByLabel("Gids (kies op titel)");
    const guideTitle = (await guide.locator("option").nth(1).textContent())!.trim();
    await guide.selectOption({ label: guideTitle });
    await page.getByRole("button", { name: "Link invoegen" }).click();
    await body.press("Control+Shift+K");
    const source = page.getByLabel("Bron uit de bronnenlijst (kies op titel)");
    const sourceTitle = (await source.locator("option").nth(2).textContent())!.trim();
    await source.selectOption({ label: sourceTitle });
    await page.getByLabel("Vindplaats (pagina, paragraaf)").fill("p. 12");
    await page.getByRole("button", { name: "Verwijzing invoegen" }).click();
    expect(await body.inputValue()).toMatch(
      /\[[^\]]+\]\(\/kennisbank\/[a-z0-9-]+\) \[@[a-z0-9.-]+, p\. 12\]$/,
    );
    await expect
      .poll(() => preview.getByRole("link", { name: guideTitle }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => preview.getByText(`${sourceTitle}, p. 12`).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("previews with JavaScript off, losing nothing typed", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, E2E_ADMIN, "/kennisbank/u-matic/bewerken");
    await page.waitForURL("**/kennisbank/u-matic/bewerken");
    const body = page.getByLabel("Tekst (Markdown)");
    const original = await body.inputValue();
    const text = `${original}\n\n## Zonder script\n\nOok *zonder* JavaScript te zien.`;
    await body.fill(text);
    await page.getByLabel("Toelichting bij deze wijziging").fill("Proef zonder script");
    await page.getByRole("button", { name: "Voorbeeld", exact: true }).click();
    await page.waitForLoadState("load");
    const preview = page.getByRole("region", { name: /Voorbeeld/ });
    expect(await preview.getByRole("heading", { name: "Zonder script" }).count()).toBe(1);
    expect(await preview.locator("em", { hasText: "zonder" }).count()).toBe(1);
    expect((await page.getByLabel("Tekst (Markdown)").inputValue()).replace(/\r\n/g, "\n")).toBe(text);
    expect(await page.getByLabel("Toelichting bij deze wijziging").inputValue()).toBe("Proef zonder script");
    // Nothing was saved: the published page does not have the new heading.
    await page.goto("/kennisbank/u-matic");
    expect(await page.getByRole("heading", { name: "Zonder script" }).count()).toBe(0);
    await context.close();
  });
});
