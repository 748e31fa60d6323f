import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { totpCode, totpStep } from "#app/modules/auth/totp.ts";

/** Debian's Chromium (CHROMIUM_PATH), headless; Playwright's own browser download is not used. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays
 * as it is) and returns the serious and critical violations of WCAG 2.x A/AA.
 *
 * In a context with JavaScript off, the page's timers never fire and axe would wait forever:
 * then the page as it is (its DOM, without scripts) is checked at the same URL, with the same
 * stylesheets, in a fresh context where axe can run.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (await scriptsRun(page)) return runAxe(page);
  const browser = page.context().browser();
  if (!browser) throw new Error("axe: geen browser bij deze pagina");
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const copy = await browser.newContext();
  try {
    const copyPage = await copy.newPage();
    const url = page.url();
    await copyPage.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copyPage.goto(url);
    return await runAxe(copyPage);
  } finally {
    await copy.close();
  }
}

/** Whether the page's timers run (false in a context with JavaScript off). */
async function scriptsRun(page: Page): Promise<boolean> {
  const timer = page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0)));
  const limit = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000));
  return Promise.race([timer, limit]);
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${axeSource};0`);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Collects console errors and page errors (a CSP violation shows up here too). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** The first admin every e2e app is started with (startApp's ADMIN_EMAIL / ADMIN_PASSWORD). */
export const E2E_ADMIN = { email: "beheer@ava-net.example", password: "lange-zin-voor-de-eerste-admin" };

/** Logs in through the form, as a person would; `redirectTo` is where the form sends them. */
export async function logIn(page: Page, who: { email: string; password: string }, redirectTo?: string) {
  await page.goto(redirectTo ? `/inloggen?${new URLSearchParams({ redirectTo })}` : "/inloggen");
  await page.getByLabel("E-mailadres").fill(who.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await passSecondFactor(page, who.email);
}

/**
 * The keys of the second factors this test file's accounts have set up (by e-mail), and the last
 * step whose code was typed: a code works once, so a second login in the same 30 seconds types
 * the next step's code (the server accepts one step ahead).
 */
const secondFactors = new Map<string, { secret: string; lastStep: number }>();

/**
 * The code an authenticator app would show for the first step after `lastStep` that the server
 * accepts (now, or one step ahead); waits when even that is too far ahead.
 */
export async function nextTotp(page: Page, secret: string, lastStep: number) {
  const step = Math.max(totpStep(), lastStep + 1);
  while (step > totpStep() + 1) await page.waitForTimeout(1000);
  return { step, code: totpCode(secret, step) };
}

/**
 * After the password: a moderator or admin without a second factor is sent to set one up, and an
 * account with one is asked for its code. Does either as a person would (reading the key from the
 * page, typing the code of an authenticator app) and continues to where the login was going.
 * Anyone else, or a refused login, is left as it is.
 */
export async function passSecondFactor(page: Page, email: string) {
  const settled = (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );
  await Promise.race([
    settled(page.waitForURL((url) => url.pathname !== "/inloggen", { timeout: 20_000 })),
    settled(page.getByRole("alert").first().waitFor({ timeout: 20_000 })),
  ]);
  const path = new URL(page.url()).pathname;
  if (path === "/inloggen/code") {
    const known = secondFactors.get(email);
    if (!known) throw new Error(`logIn: geen tweede factor bekend voor ${email}`);
    const next = await nextTotp(page, known.secret, known.lastStep);
    known.lastStep = next.step;
    await page.getByLabel("Code", { exact: true }).fill(next.code);
    await page.getByRole("button", { name: "Verder" }).click();
    await page.waitForURL((url) => url.pathname !== "/inloggen/code");
  } else if (path === "/account/tweede-factor") {
    // The URL changes as the page renders: wait for the page itself, a new key or one being set up.
    const start = page.getByRole("button", { name: "Tweede factor instellen" });
    const key = page.locator("#sleutel");
    await start.or(key).first().waitFor();
    if (await start.isVisible()) await start.click();
    await key.waitFor();
    const secret = ((await key.textContent()) ?? "").replaceAll(" ", "").trim();
    const step = totpStep();
    await page.getByLabel("Code uit je app").fill(totpCode(secret, step));
    await page.getByRole("button", { name: "Tweede factor aanzetten" }).click();
    secondFactors.set(email, { secret, lastStep: step });
    await page.getByRole("link", { name: "Verder" }).click();
    await page.waitForURL((url) => url.pathname !== "/account/tweede-factor");
  }
}

/** Waits until React has hydrated the page (root.tsx sets html[data-js=klaar]). */
export async function waitForApp(page: Page) {
  await page.waitForSelector("html[data-js=klaar]", { state: "attached" });
}
