import { createHash } from "node:crypto";
import type { BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const env = setupBrowserApp();

async function newContext(): Promise<BrowserContext> {
  return env.browser.newContext({ baseURL: env.app.url, locale: "nl-NL" });
}

describe("the app shell", () => {
  it("serves the Dutch home page, links to the English one at /en and stays in English", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("nl");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Kennis over audiovisuele collecties");
    const nav = page.getByRole("navigation", { name: "Hoofdnavigatie" });
    for (const name of ["Kennisbank", "Dragers", "Intervisie", "Trends"]) {
      expect(await nav.getByRole("link", { name }).count()).toBe(1);
    }
    // Only moderators see Beheer.
    expect(await nav.getByRole("link", { name: "Beheer" }).count()).toBe(0);

    // The head names both languages' addresses.
    expect(await page.locator('link[rel="alternate"][hreflang="en"]').getAttribute("href")).toBe(
      `${env.app.url}/en`,
    );
    await page.getByRole("link", { name: "Switch to English" }).click();
    await page.waitForURL(/\/en$/);
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain("Knowledge about audiovisual collections");
    await page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Trends" })
      .click();
    await page.waitForURL("**/en/trends");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Trends");
    expect(await page.locator('link[rel="alternate"][hreflang="nl"]').getAttribute("href")).toBe(
      `${env.app.url}/trends`,
    );
    // And back: the switch opens the same page in Dutch.
    await page.getByRole("link", { name: "Schakel naar Nederlands" }).click();
    await page.waitForURL(/\/trends$/);
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("nl");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets a keyboard user skip to the content", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Ga naar de inhoud" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/#inhoud");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("inhoud");
    await context.close();
  });

  it("shows a friendly 404 in the visitor's language", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const response = await page.goto("/bestaat-niet");
    expect(response?.status()).toBe(404);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Pagina niet gevonden");
    expect(await page.getByRole("link", { name: "Naar de homepagina" }).count()).toBe(1);
    await page.goto("/en/bestaat-niet");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await context.close();
  });

  it("titles the carrier pages in the page's language", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/dragers/herkennen");
    await expect.poll(() => page.title()).toBe("Welke drager heb ik? · Dragers · AV-Kennisnet");
    await page.goto("/en/dragers/herkennen");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.title()).toBe("Which carrier do I have? · Carriers · AV-Kennisnet");
    await page.goto("/en/dragers/planner");
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    await expect.poll(() => page.title()).toBe("Digitisation planner · Carriers · AV-Kennisnet");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("sends the security headers: a fresh nonce on a personal page, script hashes on a shared one", async () => {
    // A page rendered for this request (the login form) allows its scripts by a nonce that is
    // never sent twice.
    const login = await fetch(`${env.app.url}/inloggen`);
    const again = await fetch(`${env.app.url}/inloggen`);
    const loginCsp = login.headers.get("content-security-policy") ?? "";
    expect(loginCsp).toContain("frame-ancestors 'none'");
    expect(loginCsp).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(loginCsp)?.[1];
    expect(nonce).toBeTruthy();
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
    const loginScripts = (await login.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(loginScripts.length).toBeGreaterThan(0);
    for (const tag of loginScripts) expect(tag).toContain(`nonce="${nonce}"`);
    // The home page is the same for every anonymous reader and may be served from the render
    // cache (even when first rendered): no nonce at all; its CSP allows its inline scripts by hash.
    const first = await fetch(`${env.app.url}/`);
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await first.text();
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => m[1]!,
    );
    expect(inline.length).toBeGreaterThan(0);
    expect(csp).not.toContain("'nonce-");
    expect(html).not.toContain(" nonce=");
    for (const script of inline) {
      expect(csp).toContain(`'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`);
    }
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // Static files and JSON get them too.
    const health = await fetch(`${env.app.url}/healthz`);
    expect(health.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const icon = await fetch(`${env.app.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("has no serious or critical accessibility violations on the main pages", async () => {
    const context = await newContext();
    const page = await context.newPage();
    for (const path of ["/", "/kennisbank", "/dragers", "/intervisie", "/trends", "/bestaat-niet"]) {
      await page.goto(path);
      expect(await seriousAxeViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
