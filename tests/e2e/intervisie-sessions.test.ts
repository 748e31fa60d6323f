import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "#app/modules/auth/users.server.ts";
import { openPglite } from "#db/client.server.ts";
import { intervisionGroup, intervisionMember, intervisionSession } from "#db/schema/intervisie.ts";
import { E2E_ADMIN, logIn, seriousAxeViolations, waitForApp, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const PASSWORD = "beeldband-archief-2024!";
const MEMBER = { email: "anna.archivaris@archief.example", password: PASSWORD, name: "Anna Archivaris" };
const OTHER = { email: "bram.beeld@archief.example", password: PASSWORD, name: "Bram Beeld" };

let sessionId: number;

/**
 * The app's embedded database is single-process, so the group, its members and a session are
 * written before the server starts (on the same data directory); the server then migrates
 * (nothing to do) and seeds the rest.
 */
async function prepareDatabase(dataDir: string) {
  const database = await openPglite(dataDir);
  try {
    await database.migrate();
    const db = database.db;
    const anna = await createUser(db, MEMBER);
    const bram = await createUser(db, OTHER);
    const [group] = await db
      .insert(intervisionGroup)
      .values({ name: "Kleine AV-archieven Noord", institutionType: "archief" })
      .returning({ id: intervisionGroup.id });
    await db.insert(intervisionMember).values([
      { groupId: group!.id, userId: bram, role: "facilitator" },
      { groupId: group!.id, userId: anna, role: "member" },
    ]);
    const [session] = await db
      .insert(intervisionSession)
      .values({
        groupId: group!.id,
        title: "Casus: spoelbanden, OOC en AVG",
        startsAt: new Date(Date.now() + 7 * 24 * 3_600_000),
        durationMinutes: 90,
        address: "Beeld en Geluid, Media Parkboulevard 1, Hilversum",
        method: "vijfstappen",
        capacity: 5,
        roles: { caseOwner: anna, facilitator: bram },
        createdBy: bram,
      })
      .returning({ id: intervisionSession.id });
    sessionId = session!.id;
  } finally {
    await database.close();
  }
}

const env = setupBrowserApp({ admin: true, prepare: prepareDatabase });

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: () => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(matches)) return;
  }
  throw new Error("element niet bereikt met Tab");
}

describe("intervision session page in the browser", () => {
  it("a member answers yes by keyboard only, sees the steps and roles, and downloads the .ics", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, MEMBER, `/intervisie/sessies/${sessionId}`);
    await page.waitForURL(`**/intervisie/sessies/${sessionId}`);
    // Typing while React is still hydrating the page can make it abandon the render.
    await waitForApp(page);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Casus: spoelbanden, OOC en AVG");
    expect(await page.getByText("(CEST, Amsterdam)").or(page.getByText("(CET, Amsterdam)")).count()).toBe(1);
    // The method's steps with minutes and who leads them (role holders by name).
    const steps = page.getByRole("region", { name: /Verloop: Vijfstappenmethode/ });
    expect(await steps.getByRole("listitem").count()).toBeGreaterThanOrEqual(6);
    expect(await steps.getByText("Inbrenger (Anna Archivaris)").count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: /Terug naar de groep/ }).getAttribute("href")).toMatch(
      /^\/intervisie\/groepen\/\d+$/,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Keyboard only: Tab into the answer group, Space picks "yes", Tab to the button, Enter.
    await tabTo(page, () => (document.activeElement as HTMLInputElement | null)?.name === "answer");
    await page.keyboard.press("Space");
    expect(await page.getByRole("radio", { name: "Ja, ik kom" }).isChecked()).toBe(true);
    await tabTo(page, () => document.activeElement?.textContent === "Antwoord opslaan");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Je bent aangemeld." }).count())
      .toBe(1);
    const attendance = page.getByRole("region", { name: "Wie komen er" });
    await expect.poll(() => attendance.getByText("Anna Archivaris").count()).toBe(1);
    expect(await attendance.getByRole("heading", { name: "Aangemeld (1/5)" }).count()).toBe(1);

    // The timer moves through the steps and announces politely.
    await page.getByRole("button", { name: "Volgende stap" }).click();
    await expect
      .poll(() => page.locator('[aria-live="polite"]').last().textContent())
      .toMatch(/Stap 2 van 6/);

    expect(await seriousAxeViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Zet in je agenda (.ics)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`intervisie-${sessionId}.ics`);
    const ics = readFileSync((await download.path())!, "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n /g, "")).toContain("SUMMARY:Casus: spoelbanden\\, OOC en AVG");
    expect(ics).toContain(`UID:intervisie-sessie-${sessionId}@`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("answering works without JavaScript, and the step list still shows", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, OTHER, `/intervisie/sessies/${sessionId}`);
    await page.waitForURL(`**/intervisie/sessies/${sessionId}`);
    expect(await page.getByText("De timer werkt met JavaScript").count()).toBe(1);
    expect(
      await page
        .getByRole("region", { name: /Verloop/ })
        .getByText("Vraagintroductie")
        .count(),
    ).toBeGreaterThan(0);
    await page.getByRole("radio", { name: "Misschien" }).check();
    await page.getByRole("button", { name: "Antwoord opslaan" }).click();
    await expect.poll(() => page.getByText("Je antwoord is opgeslagen: misschien.").count()).toBe(1);
    await context.close();
  });
});

describe("planning, agenda and ratings pages in the browser", () => {
  it("the facilitator plans a session through the form, errors by the fields first", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, OTHER, "/intervisie/agenda");
    await page.waitForURL("**/intervisie/agenda");
    const groupHref = await page
      .getByRole("link", { name: "Kleine AV-archieven Noord" })
      .first()
      .getAttribute("href");
    await page.goto(`${groupHref}/sessies/nieuw`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Datum", { exact: true }).fill("2027-03-28");
    await page.getByLabel("Begintijd").fill("02:30");
    await page.getByLabel("Adres").fill("Regionaal Archief, Zutphen");
    await page.getByRole("button", { name: "Bijeenkomst plannen" }).click();
    await expect.poll(() => page.getByText(/Geef de bijeenkomst een titel/).count()).toBe(1);
    await expect.poll(() => page.getByText(/zomertijd/).count()).toBe(1);
    expect(await page.getByLabel("Titel").getAttribute("aria-invalid")).toBe("true");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Titel").fill("Tweede bijeenkomst");
    await page.getByLabel("Begintijd").fill("14:00");
    await page.getByRole("button", { name: "Bijeenkomst plannen" }).click();
    await page.waitForURL("**/intervisie/sessies/*?gepland=1");
    await expect
      .poll(() => page.getByText("zondag 28 maart 2027, 14:00–16:00 (CEST, Amsterdam)").count())
      .toBe(1);
    // The refused post (400) is expected; nothing else may fail.
    const unexpected = errors.filter((e) => !/status of 400/.test(e));
    expect(unexpected, errors.join("\n")).toEqual([]);
    await context.close();
  });

  it("a member makes a private feed address that works without login, and can revoke it", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await logIn(page, MEMBER, "/intervisie/agenda");
    await page.waitForURL("**/intervisie/agenda");
    await page.getByRole("button", { name: "Agenda-adres maken" }).click();
    const address = page.getByLabel(/Kopieer dit adres/);
    await expect.poll(() => address.count()).toBe(1);
    const url = await address.inputValue();
    expect(url).toMatch(/\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("SUMMARY:Casus: spoelbanden\\, OOC en AVG");
    await page.getByRole("button", { name: "Adres intrekken" }).click();
    await expect.poll(() => page.getByText(/ingetrokken/).count()).toBe(1);
    expect((await fetch(url)).status).toBe(404);
    await context.close();
  });

  it("moderators see the ratings page", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await logIn(page, E2E_ADMIN, "/beheer/intervisie/beoordelingen");
    await page.waitForURL("**/beheer/intervisie/beoordelingen");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Beoordelingen van intervisiebijeenkomsten");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
