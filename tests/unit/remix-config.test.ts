import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import remixConfig from "../../remix.config.js";

// The keys the Remix Vite plugin accepts (VitePluginConfig in @remix-run/dev 2.17).
const supported = new Set([
  "appDirectory",
  "basename",
  "buildDirectory",
  "buildEnd",
  "future",
  "ignoredRouteFiles",
  "manifest",
  "prerender",
  "presets",
  "routes",
  "serverBuildFile",
  "serverBundles",
  "serverModuleFormat",
  "spaMode",
  "ssr",
]);

describe("remix.config.js", () => {
  it("holds only options the Remix Vite plugin supports", () => {
    const unknown = Object.keys(remixConfig).filter((key) => !supported.has(key));
    expect(unknown).toEqual([]);
  });

  it("turns on every v3 future flag that the installed Remix knows", () => {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve("@remix-run/dev/dist/config.js"), "utf8");
    const known = [...new Set(source.match(/\bv3_[A-Za-z]+/g))];
    expect(known.length).toBeGreaterThanOrEqual(6);
    const future = remixConfig.future as Record<string, boolean>;
    for (const flag of known) expect(future[flag], flag).toBe(true);
  });

  it("is what vite.config.ts hands to the Remix plugin", () => {
    const vite = readFileSync(new URL("../../vite.config.ts", import.meta.url), "utf8");
    expect(vite).toMatch(/import remixConfig from "\.\/remix\.config\.js"/);
    expect(vite).toMatch(/remix\(remixConfig\)/);
  });
});
