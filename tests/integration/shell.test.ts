import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { loader as rootLoader } from "#app/root.tsx";
import { loader as notFoundLoader } from "#app/routes/$.tsx";
import { loader as healthz } from "#app/routes/healthz.ts";
import { action as switchLanguage } from "#app/routes/taal.ts";
import { type Database, openPostgres, wrapPglite } from "#db/client.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { contextFor, get, post, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
afterEach(async () => {
  await database?.close();
});

const args = (request: Request, db: Database) => ({ request, params: {}, context: contextFor(db) });

describe("GET /healthz", () => {
  it("answers 200 when the database answers", async () => {
    database = await createTestDatabase();
    const response = await healthz(args(get("/healthz"), database));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { kind: database.kind, ok: true },
      search: { configured: "postgres", serving: "postgres" },
    });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("answers 503 when PostgreSQL cannot be reached", async () => {
    database = await createTestDatabase();
    const unreachable = openPostgres("postgres://nobody@127.0.0.1:1/none", 1);
    const response = await healthz(args(get("/healthz"), unreachable));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", database: { ok: false } });
    await unreachable.close();
  });

  it("answers 503 when the embedded database is closed", async () => {
    database = await createTestDatabase();
    const client = await PGlite.create();
    const closed = wrapPglite(client, "memory://closed");
    await client.close();
    const response = await healthz(args(get("/healthz"), closed));
    expect(response.status).toBe(503);
  });
});

describe("language", () => {
  it("is Dutch at /… and English at /en/…, whatever an old cookie says", async () => {
    database = await createTestDatabase();
    expect(await rootLoader(args(get("/"), database))).toMatchObject({ locale: "nl" });
    expect(await rootLoader(args(get("/", { Cookie: "taal=en" }), database))).toMatchObject({ locale: "nl" });
    expect(await rootLoader(args(get("/en"), database))).toMatchObject({ locale: "en" });
    expect(await rootLoader(args(get("/en/kennisbank"), database))).toMatchObject({ locale: "en" });
  });

  it("sends a switch posted by an old page to the same page in that language, without a cookie", async () => {
    database = await createTestDatabase();
    const response = await switchLanguage(
      args(post("/taal", { taal: "en", redirectTo: "/kennisbank?q=umatic" }), database),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/en/kennisbank?q=umatic");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const back = await switchLanguage(
      args(post("/taal", { taal: "nl", redirectTo: "/en/kennisbank" }), database),
    );
    expect(back.headers.get("Location")).toBe("/kennisbank");
  });

  it("never redirects to another site", async () => {
    database = await createTestDatabase();
    const response = await switchLanguage(
      args(post("/taal", { taal: "nl", redirectTo: "//evil.example/x" }), database),
    );
    expect(response.headers.get("Location")).toBe("/");
  });

  it("refuses a language it does not speak", async () => {
    database = await createTestDatabase();
    const response = await thrownResponse(() =>
      switchLanguage(args(post("/taal", { taal: "fr" }), database)),
    );
    expect(response.status).toBe(400);
  });
});

describe("unknown URLs", () => {
  it("answer 404", async () => {
    database = await createTestDatabase();
    const response = await thrownResponse(() => notFoundLoader(args(get("/bestaat-niet"), database)));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Niet gevonden");
    const english = await thrownResponse(() => notFoundLoader(args(get("/en/bestaat-niet"), database)));
    expect([english.status, await english.text()]).toEqual([404, "Not found"]);
  });
});
