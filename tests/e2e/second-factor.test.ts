// The second factor in a real browser (issue #24): the first admin is sent to set one up, sees
// the QR code, the key and the recovery codes once; the next login asks for a code; a recovery
// code works without JavaScript. The pages pass axe.
import { describe, expect, it } from "vitest";
import { totpCode, totpStep } from "#app/modules/auth/totp.ts";
import { E2E_ADMIN, nextTotp, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp({ admin: true });

const WRONG_CODE_ANSWER = "Failed to load resource: the server responded with a status of 400 (Bad Request)";

let secret = "";
let usedStep = 0;
let recoveryCodes: string[] = [];

async function typePassword(page: import("playwright-core").Page, redirectTo: string) {
  await page.goto(`/inloggen?${new URLSearchParams({ redirectTo })}`);
  await page.getByLabel("E-mailadres").fill(E2E_ADMIN.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

describe("second factor", () => {
  it("the first admin sets one up before reaching Beheer", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await typePassword(page, "/beheer");
    await page.waitForURL("**/account/tweede-factor?redirectTo=%2Fbeheer");
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Als moderator of beheerder heb je een tweede factor nodig");
    await page.getByRole("button", { name: "Tweede factor instellen" }).click();
    const qr = page.getByRole("img", { name: "QR-code met de sleutel voor je authenticator-app" });
    await qr.waitFor();
    expect(await qr.locator("svg").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    secret = ((await page.locator("#sleutel").textContent()) ?? "").replaceAll(" ", "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // A wrong code first: said next to the form, nothing turned on.
    await page.getByLabel("Code uit je app").fill("000000");
    await page.getByRole("button", { name: "Tweede factor aanzetten" }).click();
    await expect.poll(() => page.locator("#code-bevestigen-fout").textContent()).toContain("klopt niet");
    expect(await page.getByLabel("Code uit je app").getAttribute("aria-invalid")).toBe("true");

    usedStep = totpStep();
    await page.getByLabel("Code uit je app").fill(totpCode(secret, usedStep));
    await page.getByRole("button", { name: "Tweede factor aanzetten" }).click();
    const list = page.getByRole("list", { name: "Je herstelcodes" });
    await list.waitFor();
    recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Verder" }).click();
    await page.waitForURL("**/beheer");
    // The address changes a moment before the new page is drawn.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Beheer");
    // Only the wrong code's answer (400); no script or CSP error.
    expect(errors).toEqual([WRONG_CODE_ANSWER]);
    await context.close();
  });

  it("the next login asks for the code from the app", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await typePassword(page, "/beheer");
    await page.waitForURL("**/inloggen/code?redirectTo=%2Fbeheer");
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Beheer is closed until the code is given.
    await page.goto("/beheer");
    await page.waitForURL("**/inloggen/code?redirectTo=%2Fbeheer");

    await page.getByLabel("Code", { exact: true }).fill("000000");
    await page.getByRole("button", { name: "Verder" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("klopt niet");

    const next = await nextTotp(page, secret, usedStep);
    usedStep = next.step;
    await page.getByLabel("Code", { exact: true }).fill(next.code);
    await page.getByRole("button", { name: "Verder" }).click();
    await page.waitForURL("**/beheer");
    // Only the wrong code's answer (400); no script or CSP error.
    expect(errors).toEqual([WRONG_CODE_ANSWER]);
    await context.close();
  });

  it("a recovery code works without JavaScript, once", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await typePassword(page, "/account");
    await page.waitForURL("**/inloggen/code?redirectTo=%2Faccount");
    await page.getByLabel("Code", { exact: true }).fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verder" }).click();
    await page.waitForURL("**/account/tweede-factor?herstelcode=1&redirectTo=%2Faccount");
    expect(await page.getByRole("status").first().textContent()).toContain("Je hebt er nog 9 over");

    await page.getByRole("button", { name: "Uitloggen" }).click();
    await typePassword(page, "/account");
    await page.waitForURL("**/inloggen/code?redirectTo=%2Faccount");
    await page.getByLabel("Code", { exact: true }).fill(recoveryCodes[0]!);
    await page.getByRole("button", { name: "Verder" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("al gebruikt");
    await context.close();
  });
});
