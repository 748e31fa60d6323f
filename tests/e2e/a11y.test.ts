// Accessibility of the main pages with axe-core (WCAG 2.0-2.2 A and AA rules): no serious or
// critical violations, for visitors and for an administrator. /trends gets the synthetic survey
// first, so that its charts are there, and every chart must have a data table with the same
// figures. (Contrast of the theme colours is also computed in tests/unit/contrast.test.ts.)
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { fixtureSurveyPath, SYNTHETIC } from "#tests/support/survey.ts";
import { E2E_ADMIN, logIn, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp({ admin: true });

async function expectAccessible(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).count(), { message: path }).toBe(1);
  const violations = await seriousAxeViolations(page);
  expect(
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
    path,
  ).toEqual([]);
  expect(errors, path).toEqual([]);
  await page.close();
}

const publicPages = [
  "/",
  "/kennisbank",
  "/kennisbank?q=umatic",
  "/kennisbank/u-matic",
  "/dragers",
  "/trends",
];

describe("accessibility of the main pages", () => {
  it("public pages have no serious or critical axe violations", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    for (const path of [...publicPages, "/inloggen", "/registreren"]) await expectAccessible(context, path);
    await context.close();
  });

  it("the same pages in English", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await page.goto("/en");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.close();
    for (const path of publicPages) await expectAccessible(context, path === "/" ? "/en" : `/en${path}`);
    await context.close();
  });

  it("the admin pages, as an administrator", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    await logIn(page, E2E_ADMIN, "/beheer");
    await page.waitForURL((url) => url.pathname === "/beheer");
    await page.close();
    for (const path of [
      "/beheer",
      "/beheer/kennisbank",
      "/beheer/kennisbank/u-matic",
      "/kennisbank/u-matic/bewerken",
      "/beheer/gebruikers",
      "/beheer/enquete",
      "/account",
    ]) {
      await expectAccessible(context, path);
    }
    await context.close();
  });

  it("/trends with survey data: accessible, and every chart has a data table with its own or its figure's title", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    // Import the synthetic export through the moderator page.
    await logIn(page, E2E_ADMIN, "/beheer/enquete");
    await page.waitForURL((url) => url.pathname === "/beheer/enquete");
    await page.getByLabel("Enquête-export (CSV)").setInputFiles(fixtureSurveyPath(SYNTHETIC));
    await page.getByRole("button", { name: "Controleren" }).click();
    await page.getByRole("button", { name: "Importeren" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "is geïmporteerd" }).count()).toBe(1);

    for (const path of ["/trends", "/trends?wave=2019"]) {
      await expectAccessible(context, path);
      await page.goto(path);
      // Each chart, with the heading of the figure it is in and the captions of that figure's tables.
      const charts = await page.locator("main svg[role=img]").evaluateAll((svgs) =>
        svgs.map((svg) => {
          const figure = svg.closest("article, section");
          return {
            title: svg.querySelector("title")?.textContent?.trim() ?? "",
            labelledBy: svg.getAttribute("aria-labelledby") ?? "",
            heading: figure?.querySelector("h2, h3")?.textContent?.trim() ?? "",
            tables: [...(figure?.querySelectorAll("table") ?? [])].map(
              (table) => table.querySelector("caption")?.textContent?.trim() ?? "",
            ),
          };
        }),
      );
      expect(charts.length, path).toBeGreaterThan(5);
      for (const chart of charts) {
        expect(chart.title, path).not.toBe("");
        // Named by its title and described by the figures in words.
        expect(chart.labelledBy.split(" "), chart.title).toHaveLength(2);
        // Its data table is in the same section: captioned with the chart's own title, or (a
        // report figure with one table for its charts) with the figure's heading, which the
        // chart's title begins with.
        const sameTitle = chart.tables.includes(chart.title);
        const figureTable =
          chart.heading !== "" &&
          chart.title.startsWith(chart.heading) &&
          chart.tables.some((caption) => caption.includes(chart.heading));
        expect(
          sameTitle || figureTable,
          `tabel bij grafiek "${chart.title}" (${chart.heading}): ${chart.tables.join(" | ")}`,
        ).toBe(true);
      }
    }
    await context.close();
  });
});
