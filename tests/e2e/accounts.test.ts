import { describe, expect, it } from "vitest";
import { logIn, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const ADMIN = { email: "beheer@ava-net.example", password: "lange-zin-voor-de-eerste-admin" };
const MEMBER = {
  name: "Anna de Vries",
  email: "anna@streekarchief.example",
  password: "zeven-spoelbanden-op-zolder",
};

const env = setupBrowserApp({ admin: ADMIN });

describe("accounts in the browser", () => {
  it("a new member registers with a proposed institution, logs out and in again", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/registreren");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Naam", { exact: true }).fill(MEMBER.name);
    await page.getByLabel("E-mailadres").fill(MEMBER.email);
    await page.getByLabel("Wachtwoord").fill("kort");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    // The server refuses, the field says why, and what was typed is not lost.
    await expect.poll(() => page.getByText("Kies een wachtwoord van minstens 12 tekens.").count()).toBe(1);
    expect(await page.getByLabel("Wachtwoord").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Naam", { exact: true }).fill(MEMBER.name);
    await page.getByLabel("E-mailadres").fill(MEMBER.email);
    await page.getByLabel("Wachtwoord").fill(MEMBER.password);
    await page.getByLabel("Kies je instelling").selectOption("nieuw");
    await page.getByLabel("Naam van de nieuwe instelling").fill("Streekarchief Oost");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await page.waitForURL("**/account?welkom=1");
    await expect.poll(() => page.getByText("Je account is aangemaakt").count()).toBe(1);
    expect(await page.getByText("Streekarchief Oost (wacht op bevestiging)").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Uitloggen", exact: true }).click();
    await page.waitForURL(`${env.app.url}/`);
    await expect.poll(() => page.getByRole("link", { name: "Inloggen" }).count()).toBe(1);

    await logIn(page, { email: MEMBER.email, password: "dit-is-niet-goed" });
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("horen niet bij elkaar");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Wachtwoord", { exact: true }).fill(MEMBER.password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL("**/account");
    // A member does not see Beheer and gets a friendly 403 there.
    expect(await page.getByRole("link", { name: "Beheer", exact: true }).count()).toBe(0);
    const forbidden = await page.goto("/beheer");
    expect(forbidden?.status()).toBe(403);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Geen toegang");
    // The refused form posts (400) and the 403 page are expected; nothing else may fail.
    const unexpected = errors.filter((e) => !/status of (400|403)/.test(e));
    expect(unexpected, errors.join("\n")).toEqual([]);
    await context.close();
  });

  it("the admin confirms the institution and makes the member a moderator", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await logIn(page, ADMIN);
    await page.waitForURL("**/account");
    await page.getByRole("link", { name: "Beheer", exact: true }).click();
    await page.waitForURL("**/beheer");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Instellingen" }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Instelling bevestigd");
    await page.goto("/beheer/gebruikers");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel(`Rol van ${MEMBER.name}`).selectOption("moderator");
    const row = page.getByRole("row").filter({ hasText: MEMBER.email });
    await row.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("De rol is gewijzigd");
    await context.close();

    const member = await env.browser.newContext({ baseURL: env.app.url });
    const memberPage = await member.newPage();
    await logIn(memberPage, MEMBER);
    await memberPage.waitForURL("**/account");
    await expect.poll(() => memberPage.getByRole("link", { name: "Beheer", exact: true }).count()).toBe(1);
    await expect.poll(() => memberPage.locator("dd", { hasText: "Streekarchief Oost" }).count()).toBe(1);
    expect(await memberPage.getByText("Streekarchief Oost (wacht op bevestiging)").count()).toBe(0);
    await member.close();
  });

  it("a colleague asks to join the institution and sees its page only after Anna confirms", async () => {
    const COLLEAGUE = {
      name: "Bram Bakker",
      email: "bram@streekarchief.example",
      password: "acht-dozen-met-u-matic",
    };
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/registreren");
    await page.getByLabel("Naam", { exact: true }).fill(COLLEAGUE.name);
    await page.getByLabel("E-mailadres").fill(COLLEAGUE.email);
    await page.getByLabel("Wachtwoord").fill(COLLEAGUE.password);
    await page.getByLabel("Kies je instelling").selectOption({ label: "Streekarchief Oost" });
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await page.waitForURL("**/account?welkom=1");
    await expect
      .poll(() => page.getByText(/Streekarchief Oost \(je aanmelding wacht op bevestiging/).count())
      .toBe(1);
    await page.goto("/instelling");
    await expect
      .poll(() => page.getByText(/Je hebt gevraagd bij Streekarchief Oost te horen/).count())
      .toBe(1);
    expect(await page.getByRole("heading", { name: "Digitaliseringsplan" }).count()).toBe(0);

    // Anna, who belongs there, gets a notification and confirms on her institution's page.
    const anna = await env.browser.newContext({ baseURL: env.app.url });
    const annaPage = await anna.newPage();
    await logIn(annaPage, MEMBER);
    await annaPage.waitForURL("**/account");
    await annaPage.goto("/meldingen");
    await expect.poll(() => annaPage.getByText("Aanmelding bij Streekarchief Oost").count()).toBe(1);
    await annaPage.goto("/instelling");
    const requests = annaPage.getByRole("region", { name: "Aanmeldingen bij je instelling" });
    expect(await requests.getByText(COLLEAGUE.email).count()).toBe(1);
    expect(await seriousAxeViolations(annaPage)).toEqual([]);
    await requests.getByRole("button", { name: `Bevestigen: ${COLLEAGUE.name}` }).click();
    await expect
      .poll(() => annaPage.getByRole("status").first().textContent())
      .toContain(`${COLLEAGUE.name} hoort nu bij de instelling`);
    await anna.close();

    await page.goto("/instelling");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Streekarchief Oost");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("logging in works without JavaScript", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, MEMBER);
    await page.waitForURL("**/account");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Mijn account");
    await context.close();
  });

  it("refuses a form post from another site", async () => {
    const foreign = await fetch(`${env.app.url}/inloggen`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: MEMBER.email, password: MEMBER.password }),
      redirect: "manual",
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("geweigerd");
    const own = await fetch(`${env.app.url}/inloggen`, {
      method: "POST",
      headers: { Origin: env.app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: MEMBER.email, password: MEMBER.password }),
      redirect: "manual",
    });
    expect(own.status).toBe(302);
    expect(own.headers.get("set-cookie")).toMatch(
      /^avk_sessie=[a-z2-7]{32}; HttpOnly; SameSite=Lax; Path=\//,
    );
  });
});
