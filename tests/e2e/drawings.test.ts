import { describe, expect, it } from "vitest";
import { seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp();

describe("carrier drawings to scale", () => {
  it("a guide shows its drawing and compares its lookalikes at real size, without JavaScript", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto("/kennisbank/betamax");
    const drawing = page.getByRole("img", { name: /Tekening op schaal van Betamax/ });
    expect(await drawing.count()).toBe(1);
    expect(await drawing.getAttribute("viewBox")).toBeTruthy();
    expect(await page.getByRole("complementary").textContent()).toContain("156 × 96 × 25 mm, band 12,7 mm");
    expect(await page.getByRole("complementary").textContent()).toContain("Afmetingen bij benadering");

    await page
      .getByRole("link", { name: /Vergelijk op ware grootte met Betacam en Betacam SP, VHS/ })
      .click();
    await page.waitForURL("**/dragers/vergelijk?d=betamax&d=betacam-sp**");
    await page.getByRole("heading", { name: "Naast elkaar op schaal" }).waitFor();
    const scene = page.getByRole("img", { name: /Dragers naast elkaar op dezelfde schaal/ });
    expect(await scene.count()).toBe(1);
    // The text alternative lists every carrier with its size, and the bank card as reference.
    const descId = await scene.getAttribute("aria-describedby");
    const desc = await page.locator(`[id="${descId}"]`).textContent();
    expect(desc).toContain("Betamax: 156 × 96 × 25 mm");
    expect(desc).toContain("Betacam en Betacam SP: 156 × 96 × 25 mm");
    expect(desc).toContain("Bankpas (referentie): 85,6 × 53,98 × 0,76 mm");
    expect(await page.getByRole("checkbox", { name: "Betamax", exact: true }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The GET form: one carrier is not enough, and says so.
    // Leave only Betamax checked (the guide's link also brought its lookalikes).
    const checked = await page
      .getByRole("checkbox", { checked: true })
      .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));
    for (const value of checked.filter((v) => v !== "betamax")) {
      await page.locator(`input[type=checkbox][value="${value}"]`).uncheck();
    }
    await page.getByRole("button", { name: "Vergelijk" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toBe("Kies minstens twee dragers om te vergelijken.");
    expect(
      await page.getByRole("group", { name: /Kies twee tot 6 dragers/ }).getAttribute("aria-invalid"),
    ).toBe("true");
    expect(await page.getByRole("checkbox", { name: "Betamax", exact: true }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Three carriers from the form: VHS, Video 2000 and Philips VCR, the lookalikes the guides name.
    await page.getByRole("checkbox", { name: "Betamax", exact: true }).uncheck();
    for (const label of [/^VHS/, /^Video 2000/, /^Philips VCR/])
      await page.getByRole("checkbox", { name: label }).check();
    await page.getByRole("button", { name: "Vergelijk" }).click();
    await page.getByRole("heading", { name: "Naast elkaar op schaal" }).waitFor();
    expect(page.url()).toContain("d=philips-vcr");
    expect(await page.getByRole("img", { name: /Tekening op schaal van/ }).count()).toBe(4);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("unknown carriers get a clear message in English on the English page", async () => {
    const context = await env.browser.newContext({
      baseURL: env.app.url,
      javaScriptEnabled: false,
      locale: "en",
    });
    const page = await context.newPage();
    const response = await page.goto("/en/dragers/vergelijk?d=vhs&d=%3Cscript%3E");
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("alert").textContent()).toContain(
      "We do not know these carriers and skipped them: <script>.",
    );
    expect(await page.getByRole("alert").textContent()).toContain("Choose at least two carriers to compare.");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
