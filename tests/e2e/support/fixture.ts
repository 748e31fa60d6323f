// The one start-up block of every browser test file:
//
//   const env = setupBrowserApp({ admin: true });
//   it("...", async () => {
//     const context = await env.browser.newContext({ baseURL: env.app.url });
//
// registers a beforeAll that starts the built app (startApp) on a fresh embedded database and
// launches Chromium, side by side, and an afterAll that closes both and removes what it made.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type RunningApp, startApp } from "./app.ts";
import { E2E_ADMIN, launchBrowser } from "./browser.ts";

export interface BrowserAppOptions {
  /** Start with a first admin: true for E2E_ADMIN, or the account to create. */
  admin?: boolean | { email: string; password: string };
  /** More environment for the app (or a function, read when the app starts). */
  env?: Record<string, string> | (() => Record<string, string>);
  /**
   * Writes to the embedded database before the app starts (it is single-process): gets the data
   * directory, which the app then migrates (nothing to do) and seeds.
   */
  prepare?: (dataDir: string) => Promise<void>;
  /** Launch Chromium too (default true); false for tests that speak HTTP themselves. */
  browser?: boolean;
}

export interface BrowserApp {
  /** The running app; only inside tests and hooks registered after setupBrowserApp. */
  readonly app: RunningApp;
  /** Chromium; only with `browser` (the default). */
  readonly browser: Browser;
}

export function setupBrowserApp(options: BrowserAppOptions = {}): BrowserApp {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let root: string | undefined;

  beforeAll(async () => {
    const admin = options.admin === true ? E2E_ADMIN : options.admin || null;
    const env: Record<string, string> = {
      ...(admin ? { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } : {}),
      ...(typeof options.env === "function" ? options.env() : options.env),
    };
    if (options.prepare) {
      root = mkdtempSync(path.join(os.tmpdir(), "avk-e2e-prepared-"));
      env.DATA_DIR = path.join(root, "pglite");
      await options.prepare(env.DATA_DIR);
    }
    [app, browser] = await Promise.all([
      startApp(env),
      options.browser === false ? undefined : launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  return {
    get app() {
      if (!app) throw new Error("De app draait nog niet: gebruik env.app alleen in tests en hooks.");
      return app;
    },
    get browser() {
      if (!browser)
        throw new Error("Er is geen browser: setupBrowserApp({ browser: false }) of nog niet gestart.");
      return browser;
    },
  };
}
