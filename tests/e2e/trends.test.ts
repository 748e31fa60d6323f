import { describe, expect, it } from "vitest";
import { fixtureSurveyPath, SYNTHETIC } from "#tests/support/survey.ts";
import { logIn, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const ADMIN = { email: "enquete@ava-net.example", password: "tabellen-tellen-trouw-mee-2024" };

const env = setupBrowserApp({ admin: ADMIN });

// The app starts on an empty database: the first test reads the report's published figures, the
// second imports the synthetic export through the moderator page, the others read what it feeds.
describe("survey import and trends dashboard in the browser", () => {
  it("a fresh install shows the report's published figures, labelled as such", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/trends");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Trends");
    expect(await page.getByText("Gepubliceerd in het rapport.").count()).toBe(1);
    expect(await page.getByRole("heading", { level: 2, name: "Kernbevindingen" }).count()).toBe(1);
    expect(await page.getByRole("navigation", { name: "Inhoud" }).count()).toBe(1);

    // Table 1 as printed: chart, table with the source line, N and waves.
    const table1 = page.locator("#tabel-1");
    expect(
      await table1.getByText("Bron in het rapport: Tabel 1. Bron: Enquête Panteia. N = 96").count(),
    ).toBe(1);
    expect(await table1.getByRole("img").count()).toBe(1);
    const row2024 = table1.getByRole("row", { name: /^Type instelling 2024 96/ });
    expect(await row2024.getByRole("cell").allTextContents()).toEqual([
      "2024",
      "96",
      "49% (47)",
      "8% (8)",
      "19% (18)",
      "24% (23)",
      "(0)",
    ]);

    // Table 2: one diverging chart of six sources, 2022 beside 2024.
    const table2 = page.getByRole("img", { name: /^Tabel 2\. Hoe ziet u de kansen/ });
    expect(await table2.count()).toBe(1);
    expect(await table2.getByText("Projectsubsidies overheid", { exact: true }).count()).toBe(1);
    // Figure 13 prints no numbers: the report's wording, no chart.
    const needs = page.locator("#figuur-13");
    expect(await needs.getByRole("img").count()).toBe(0);
    expect(await needs.getByText(/het minst voldaan voelen/).count()).toBe(1);
    expect(await needs.getByRole("link", { name: /Gidsen over uitbesteden/ }).getAttribute("href")).toBe(
      "/kennisbank?onderwerp=outsourcing",
    );

    // The key finding on the AV convenant links to its figure and to the guide.
    const finding = page.getByRole("listitem").filter({ hasText: "35 procent niet bekend" });
    expect(await finding.getByRole("link", { name: "Figuur 7" }).getAttribute("href")).toBe("#figuur-7");
    expect(await finding.getByRole("link").nth(1).getAttribute("href")).toBe(
      "/kennisbank/ooc-convenant-audiovisuele-werken",
    );

    // The SVG and CSV downloads.
    const svgHref = (await page
      .getByRole("link", { name: /^Download als SVG Tabel 2\./ })
      .getAttribute("href"))!;
    const svg = await page.request.get(svgHref);
    expect(svg.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    const csv = await page.request.get("/trends.csv?figuur=tabel-1");
    expect(await csv.text()).toContain("Archief (%)");
    const json = await (await page.request.get("/trends.json?wave=2024")).json();
    expect(json).toMatchObject({ source: "published", institution_type: { Archief: 47, Omroep: 8 } });

    expect(await seriousAxeViolations(page)).toEqual([]);
    // Printing leaves out the contents and the download links.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Inhoud" }).isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a moderator uploads the export, sees what will change per wave and confirms", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, ADMIN, "/beheer/enquete");
    await page.waitForURL((url) => url.pathname === "/beheer/enquete");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Enquête importeren");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel("Enquête-export (CSV)").setInputFiles(fixtureSurveyPath(SYNTHETIC));
    await page.getByRole("button", { name: "Controleren" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: `Voorvertoning van ${SYNTHETIC}` }).count())
      .toBe(1);
    const preview = page.getByRole("table", { name: "Wat er verandert, per golf" });
    expect(await preview.getByRole("row", { name: /^2024 96 0 0$/ }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Importeren" }).click();

    // The import takes a few seconds on a busy machine.
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "is geïmporteerd" }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await page.getByRole("status").textContent()).toContain("264 nieuw, 0 bijgewerkt, 0 ongewijzigd.");
    const history = page.getByRole("table", { name: "Imports, nieuwste eerst" });
    await expect.poll(() => history.getByRole("row").filter({ hasText: SYNTHETIC }).count()).toBe(1);

    // The moderator sees per figure how the computed figures compare with the printed ones.
    await page.goto("/trends");
    expect(await page.locator("#tabel-1 [data-check=match]").count()).toBe(3);
    expect(
      await page
        .locator("#tabel-2")
        .getByText(/het rapport drukt N = 96 af, berekend is N = 80/)
        .count(),
    ).toBe(6);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows Dutch headings, accessible charts with their tables and CSV downloads", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/trends");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Trends");
    expect(await page.getByText("Berekend uit respondentgegevens.").count()).toBe(1);
    for (const name of [
      "Kernbevindingen",
      "Respons",
      "Organisatie en kennisbehoefte",
      "Alle vragen per golf",
    ]) {
      expect(await page.getByRole("heading", { level: 2, name, exact: true }).count(), name).toBe(1);
    }
    // The questions per wave, below the report's figures.
    for (const name of [
      "Respondenten per type instelling",
      "Kansen voor financiering van digitalisering (tabel 2)",
      "Out-of-Commerce-regeling en convenanten",
      "Digitalisering",
      "Kunstmatige intelligentie (AI)",
      "Born-digital materiaal",
    ]) {
      expect(await page.getByRole("heading", { level: 3, name, exact: true }).count(), name).toBe(1);
    }
    // Figure 13 computed: nine needs in one diverging chart, each topic linked to its guides.
    const needs = page.locator("#figuur-13");
    expect(await needs.getByRole("img").count()).toBe(1);
    expect(await needs.getByRole("link", { name: /^Gidsen over / }).count()).toBe(9);
    expect(await needs.getByRole("table").getByRole("row").count()).toBe(10);
    expect(await page.getByText("Golf 2024: 96 respondenten.").count()).toBe(1);

    // A chart with a text alternative: its title names it, its description gives the figures.
    const caption = "Bekend met OOC-regeling: antwoorden in golf 2024";
    const chart = page.getByRole("img", { name: caption });
    expect(await chart.count()).toBe(1);
    const describedBy = (await chart.getAttribute("aria-labelledby"))!.split(" ");
    const description = await page.locator(`[id="${describedBy[1]}"]`).textContent();
    expect(description).toMatch(/^N = 96\. Ja: \d+%; Nee: \d+%\.$/);
    expect(await chart.locator("rect").count()).toBeGreaterThan(0);
    // No inline styles anywhere in the charts (the CSP forbids them).
    expect(await page.locator("svg [style], svg[style]").count()).toBe(0);

    // Its data table, with the same figures.
    const table = page.getByRole("table", { name: caption });
    expect(await table.getByRole("columnheader").allTextContents()).toEqual([
      "Antwoord",
      "Aantal",
      "Percentage",
    ]);
    expect(await table.getByRole("rowheader").allTextContents()).toEqual(["Ja", "Nee", "Beantwoord (N)"]);
    const percentJa = (await table
      .getByRole("row", { name: /^Ja / })
      .getByRole("cell")
      .nth(1)
      .textContent())!;
    expect(description).toContain(`Ja: ${percentJa}`);

    // The comparison across waves has a chart and a table too.
    expect(
      await page
        .getByRole("img", { name: "Bekend met OOC-regeling: vergelijking van de golven (percentages)" })
        .count(),
    ).toBe(1);

    // The CSV download of that table.
    const link = page.getByRole("link", { name: `Download als CSV ${caption}` });
    const href = (await link.getAttribute("href"))!;
    expect(href).toBe("/trends.csv?wave=2024&vraag=ooc_known");
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain("Antwoord,Aantal,Percentage");

    expect(await seriousAxeViolations(page)).toEqual([]);
    // The breakdown by institution type opens (details) and passes too.
    await page.getByText("Per type instelling", { exact: true }).first().click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    // Two axe runs over the whole dashboard: slow on a busy machine.
  }, 120_000);

  it("the wave selector works without JavaScript", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/trends");
    await page.getByLabel("Golf (jaar van de enquête)").selectOption("2019");
    await page.getByRole("button", { name: "Toon" }).click();
    await page.waitForURL("**/trends?wave=2019");
    expect(await page.getByText("Golf 2019: 75 respondenten.").count()).toBe(1);
    expect(
      await page.getByRole("img", { name: "Digitaliseringsambitie: antwoorden in golf 2019" }).count(),
    ).toBe(1);
    // The OOC regulation dates from 2021: not asked in 2019, said so, without a chart.
    expect(
      await page.getByRole("img", { name: "Bekend met OOC-regeling: antwoorden in golf 2019" }).count(),
    ).toBe(0);
    expect(await page.getByText("Deze vraag is in golf 2019 niet gesteld.").count()).toBeGreaterThan(0);
    await context.close();
  });

  it("speaks English when asked", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await page.goto("/en/trends");
    expect(await page.getByRole("heading", { name: "Respondents by type of institution" }).count()).toBe(1);
    expect(
      await page.getByRole("img", { name: "Knows the OOC regulation: answers in wave 2024" }).count(),
    ).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
