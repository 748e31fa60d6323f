// Templates in articles as downloads (issue 19: the handover file "as an article and as a
// downloadable document"): the seed's handover file and AV policy, through the route.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { seedSources } from "#app/modules/kennisbank/sources.server.ts";
import { articleTemplates } from "#app/modules/kennisbank/templates.ts";
import { loader as articleLoader } from "#app/routes/kennisbank.$slug.tsx";
import { loader as templateLoader } from "#app/routes/kennisbank.$slug_.sjabloon.$nr.ts";
import type { Database } from "#db/client.server.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { readSourceRegistry } from "#db/seed/sources.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { system } from "#tests/support/factories.ts";
import { contextFor, get, thrownResponse } from "#tests/support/remix.ts";

const seed = readSeedContent();
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedSources(database.db, readSourceRegistry());
  for (const slug of ["praktijk-kennis-borgen", "praktijk-av-beleid-selectie"]) {
    for (const content of seed.filter((c) => c.slug === slug)) {
      await upsertPublishedContent(database.db, system, content);
    }
  }
});
afterAll(async () => {
  await database?.close();
});

const download = (path: string, headers: Record<string, string> = {}) =>
  templateLoader({
    request: get(path, headers),
    params: {
      slug: path.replace(/^\/en\//, "/").split("/")[2],
      nr: path.replace(/^\/en\//, "/").split("/")[4],
    },
    context: contextFor(database),
  }) as Promise<Response>;

describe("templates to download", () => {
  it("finds the template block of each seed article that has one, in both languages", () => {
    const withTemplate = seed
      .filter((c) => articleTemplates(c.body).length > 0)
      .map((c) => `${c.slug}.${c.locale}`);
    expect(withTemplate).toEqual(
      expect.arrayContaining([
        "praktijk-kennis-borgen.nl",
        "praktijk-kennis-borgen.en",
        "praktijk-av-beleid-selectie.nl",
        "praktijk-av-beleid-selectie.en",
      ]),
    );
    const handover = seed.find((c) => c.slug === "praktijk-kennis-borgen" && c.locale === "nl")!;
    const [template] = articleTemplates(handover.body);
    expect(template!.fileName).toBe("overdrachtsdossier-av-collectie.md");
    expect(template!.text).toMatch(/^# Overdrachtsdossier AV-collectie/);
    // The block only: not the fence, not the tips after it.
    expect(template!.text).not.toContain("```");
    expect(template!.text).toContain("## 3. Wie bel je");
    expect(template!.text).not.toContain("## Tips");
  });

  it("the article links its template and the link gives the file, in the reader's language", async () => {
    const page = (await articleLoader({
      request: get("/kennisbank/praktijk-kennis-borgen"),
      params: { slug: "praktijk-kennis-borgen" },
      context: contextFor(database),
    })) as { templates: { href: string; fileName: string }[] };
    expect(page.templates).toEqual([
      {
        title: "overdrachtsdossier AV-collectie",
        fileName: "overdrachtsdossier-av-collectie.md",
        href: "/kennisbank/praktijk-kennis-borgen/sjabloon/1",
      },
    ]);
    const file = await download(page.templates[0]!.href);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(file.headers.get("Content-Disposition")).toBe(
      'attachment; filename="overdrachtsdossier-av-collectie.md"',
    );
    expect(await file.text()).toMatch(/^# Overdrachtsdossier AV-collectie/);
    const english = await download("/en/kennisbank/praktijk-kennis-borgen/sjabloon/1");
    expect(await english.text()).not.toMatch(/^# Overdrachtsdossier/);
  });

  it("an unknown article or template number is a 404 with a message", async () => {
    for (const path of [
      "/kennisbank/praktijk-kennis-borgen/sjabloon/2",
      "/kennisbank/praktijk-kennis-borgen/sjabloon/0",
      "/kennisbank/praktijk-kennis-borgen/sjabloon/abc",
      "/kennisbank/bestaat-niet/sjabloon/1",
    ]) {
      const response = await thrownResponse(() => download(path));
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe("Dit sjabloon bestaat niet.");
    }
    const english = await thrownResponse(() => download("/en/kennisbank/bestaat-niet/sjabloon/1"));
    expect([english.status, await english.text()]).toEqual([404, "This template does not exist."]);
  });
});
