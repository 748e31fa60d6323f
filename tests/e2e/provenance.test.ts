import { describe, expect, it } from "vitest";
import { E2E_ADMIN, logIn, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp({ admin: true });

/** The article's "N beweringen met bron, M te controleren" line, as numbers. */
async function claimCounts(page: import("playwright-core").Page) {
  const text = (await page.getByTestId("claim-line").textContent()) ?? "";
  const m = /(\d+) beweringe?n? met bron, (\d+) te controleren/.exec(text);
  if (!m) throw new Error(`geen teller gevonden in: ${text}`);
  return { sourced: Number(m[1]), toCheck: Number(m[2]) };
}

describe("knowledge you can check", () => {
  it("a moderator resolves a flagged claim by citing a source and the article's count changes", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, E2E_ADMIN, "/beheer/bronnen");
    await page.waitForURL("**/beheer/bronnen");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A source without a URL says where to find it.
    await page.getByLabel("Sleutel").fill("e2e-handboek");
    await page.getByLabel("Titel").fill("Handboek magneetband");
    await page.getByLabel("Soort").selectOption("book");
    await page.getByRole("button", { name: "Bron toevoegen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/Verbeter/);
    expect(await page.getByLabel("Waar te vinden").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Titel").inputValue()).toBe("Handboek magneetband");
    await page.getByLabel("Waar te vinden").fill("Bibliotheek van het instituut, signatuur E2E-1");
    await page.getByRole("button", { name: "Bron toevoegen" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("e2e-handboek");
    // The refused form above answered 400 on purpose; from here on nothing may fail.
    errors.length = 0;

    // An author flags a claim in the VHS guide, published through the revision workflow.
    await page.goto("/kennisbank/vhs/bewerken");
    const body = page.getByLabel("Tekst (Markdown)");
    await body.fill(
      `${await body.inputValue()}\n\nDe proefrecorder uit deze test kwam in 1976 uit [@?, jaartal nagaan].`,
    );
    await page.getByRole("button", { name: "Opslaan als concept" }).click();
    await page.waitForURL("**/beheer/kennisbank/vhs?opgeslagen=*");
    const saved = new URL(page.url()).searchParams.get("opgeslagen")!;
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: saved, exact: true }) });
    await row.getByRole("button", { name: "Ter beoordeling" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "ter beoordeling" }).count()).toBe(1);
    await row.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "gepubliceerd" }).count()).toBe(1);

    await page.goto("/kennisbank/vhs");
    const before = await claimCounts(page);
    expect(before.toCheck).toBeGreaterThanOrEqual(1);
    expect(await page.locator("mark", { hasText: "te controleren: jaartal nagaan" }).count()).toBe(1);
    // No moderator reviewed this guide: the page says so instead of a date.
    expect(await page.getByText("Nog niet gecontroleerd door een moderator").count()).toBe(1);

    await page.goto("/beheer/kennisbank/te-controleren");
    expect(await seriousAxeViolations(page)).toEqual([]);
    const claim = page
      .getByRole("listitem")
      .filter({ hasText: "De proefrecorder uit deze test kwam in 1976 uit." });
    expect(await claim.count()).toBe(1);
    await claim.getByLabel("Bron", { exact: true }).selectOption("e2e-handboek");
    await claim.getByLabel(/Vindplaats/).fill("p. 12");
    await claim.getByRole("button", { name: /^Citeer en publiceer/ }).click();
    await page.waitForURL("**/beheer/kennisbank/te-controleren?geciteerd=vhs*");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Bron geciteerd in VHS");
    expect(
      await page.getByRole("listitem").filter({ hasText: "De proefrecorder uit deze test" }).count(),
    ).toBe(0);

    await page.goto("/kennisbank/vhs");
    const after = await claimCounts(page);
    expect(after).toEqual({ sourced: before.sourced + 1, toCheck: before.toCheck - 1 });
    expect(await page.locator("mark", { hasText: "jaartal nagaan" }).count()).toBe(0);
    // The claim now has a numbered note reference that leads to the source and its locator.
    const note = page.locator("ol li[id^=noot-]").filter({ hasText: "Handboek magneetband" });
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toContain("p. 12");
    expect(await note.textContent()).toContain("signatuur E2E-1");
    const id = await note.getAttribute("id");
    const ref = page.locator(`sup a[href="#${id}"]`);
    expect(await ref.count()).toBeGreaterThanOrEqual(1);
    expect(await ref.first().getAttribute("aria-label")).toBe(`Bron ${id!.replace("noot-", "")}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("/bronnen and the review queue have no serious accessibility problems", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await page.goto("/bronnen");
    expect(await page.getByRole("heading", { level: 1, name: "Bronnen" }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await logIn(page, E2E_ADMIN, "/beheer/kennisbank/controles");
    await page.waitForURL("**/beheer/kennisbank/controles");
    // Nothing is reviewed after a seed: every article is in the never-reviewed list. (The address
    // changes before the page is drawn, so wait for the list.)
    const never = async () =>
      (await page.getByRole("heading", { level: 2 }).allTextContents()).filter((h) =>
        /^Nog nooit gecontroleerd \(\d+\)$/.test(h),
      );
    await expect.poll(never).toHaveLength(1);
    expect(await page.getByRole("link", { name: "VHS" }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
