import { defineConfig } from "vitest/config";

// End-to-end: the built server on a free port with a temporary PGlite directory, driven by
// Debian's Chromium through playwright-core. `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["tests/e2e/**/*.test.ts"],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
