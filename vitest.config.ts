import { defineConfig } from "vitest/config";

// Unit and integration tests. Database tests run on PGlite, or on PostgreSQL when
// TEST_DATABASE_URL is set (tests/support/db.ts). The Remix Vite plugin is not loaded here:
// loaders and actions are called directly with a Request.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
