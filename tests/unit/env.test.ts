import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "#app/modules/env.server.ts";

describe("environment", () => {
  it("runs on the embedded database with defaults", () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe("./data/pglite");
    expect(env.PORT).toBe(3000);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("refuses to start with a clear Dutch message on malformed values", () => {
    expect(() => loadEnv({ DATABASE_URL: "mysql://x", PORT: "abc" })).toThrow(EnvError);
    try {
      loadEnv({ DATABASE_URL: "mysql://x" });
    } catch (error) {
      expect((error as Error).message).toContain("Ongeldige configuratie");
      expect((error as Error).message).toContain("DATABASE_URL");
      expect((error as Error).message).toContain("postgres://");
    }
  });
});
