import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { loadTrendData } from "#app/modules/survey/trends.server.ts";
import { loader as trendsLoader } from "#app/routes/trends._index.tsx";
import type { Database } from "#db/client.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { contextFor, get } from "#tests/support/remix.ts";
import { generateSurvey } from "#tests/support/survey.ts";

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database?.close();
});

type Loaded = { dashboard: unknown };

describe("trends cache", () => {
  it("reads the answers again after every import, and serves the same figures until then", async () => {
    const context = contextFor(database);
    const first = generateSurvey(60, 1);
    expect(
      (await importSurveyFile(database.db, { fileName: "a.csv", content: first, actorId: null, via: "cli" }))
        .ok,
    ).toBe(true);
    const a = await loadTrendData(database.db);
    const again = await loadTrendData(database.db);
    expect(again).toBe(a); // unchanged data: the same object, not read again
    const pageA = (await trendsLoader({ request: get("/trends"), context, params: {} })) as Loaded;

    // A second export with more respondents: the figures follow at once.
    const second = generateSurvey(90, 2);
    expect(
      (await importSurveyFile(database.db, { fileName: "b.csv", content: second, actorId: null, via: "cli" }))
        .ok,
    ).toBe(true);
    const b = await loadTrendData(database.db);
    expect(b.version).not.toBe(a.version);
    expect(b.rows.length).toBeGreaterThan(a.rows.length);
    const pageB = (await trendsLoader({ request: get("/trends"), context, params: {} })) as Loaded;
    expect(pageB.dashboard).not.toEqual(pageA.dashboard);
    // And equals what a fresh computation over the stored rows gives (no stale cache on another DB).
    const other = await createTestDatabase({ separate: true });
    try {
      await importSurveyFile(other.db, { fileName: "a.csv", content: first, actorId: null, via: "cli" });
      await importSurveyFile(other.db, { fileName: "b.csv", content: second, actorId: null, via: "cli" });
      const fresh = (await trendsLoader({
        request: get("/trends"),
        context: contextFor(other),
        params: {},
      })) as Loaded;
      expect(pageB.dashboard).toEqual(fresh.dashboard);
    } finally {
      await other.close();
    }
  });
});
