import { count } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getPublishedArticle, upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { action as editAction } from "#app/routes/kennisbank.$slug_.bewerken.tsx";
import type { Database } from "#db/client.server.ts";
import { articleRevision } from "#db/schema/kennisbank.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { articleContent, system } from "#tests/support/factories.ts";
import { expectSafeHtml } from "#tests/support/html.ts";
import { contextFor, post } from "#tests/support/remix.ts";

const sample = articleContent();

type PreviewResult = {
  init: { status: number } | null;
  data: {
    fields: { body: string; title: string; note: string };
    preview: {
      html: string;
      bodyDiff: { kind: string; text: string }[];
      notes: { title: string; known: boolean }[];
    };
  };
};

describe("the editor's preview", () => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase();
    await upsertPublishedContent(database.db, system, sample);
  });
  afterEach(async () => {
    await database?.close();
  });

  it("renders the text as published, with the diff, saves nothing and keeps what was typed", async () => {
    const member = await userWithSession(database.db, "member");
    const published = await getPublishedArticle(database.db, "proefartikel", "nl");
    const before = await database.db.select({ n: count() }).from(articleRevision);
    const body = `## Klimaat\n\nBewaar banden **koel**, droog en donker.<script>alert(1)</script> [@onbekend-99]`;
    const result = (await editAction({
      request: post(
        "/kennisbank/proefartikel/bewerken",
        {
          intent: "voorbeeld",
          locale: "nl",
          baseRevisionId: String(published!.revisionId),
          title: "Proefartikel over opslag",
          summary: "Een korte samenvatting.",
          body,
          topics: "storage",
          sources: "IASA TC-05",
          related: "",
          uncertain: "",
          note: "mijn toelichting",
        },
        { Cookie: member.cookie },
      ),
      params: { slug: "proefartikel" },
      context: contextFor(database),
    })) as unknown as PreviewResult;
    expect(result.init?.status ?? 200).toBe(200);
    // Nothing typed is lost.
    expect(result.data.fields.body).toBe(body);
    expect(result.data.fields.note).toBe("mijn toelichting");
    // The same renderer and sanitiser as the article page.
    expect(result.data.preview.html).toContain("<strong>koel</strong>");
    expect(result.data.preview.html).toMatch(/<h2[^>]*>Klimaat<\/h2>/);
    expectSafeHtml(result.data.preview.html);
    // The word diff against the published version.
    const added = result.data.preview.bodyDiff.filter((p) => p.kind === "added").map((p) => p.text);
    expect(added.join(" ")).toContain("donker");
    // An unregistered citation is shown as such, before sending.
    expect(result.data.preview.notes).toEqual([
      expect.objectContaining({ known: false, title: "[@onbekend-99]" }),
    ]);
    const after = await database.db.select({ n: count() }).from(articleRevision);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("asks for a login before previewing", async () => {
    const response = await editAction({
      request: post("/kennisbank/proefartikel/bewerken", { intent: "voorbeeld", body: "x" }),
      params: { slug: "proefartikel" },
      context: contextFor(database),
    }).catch((e: unknown) => e);
    expect(response).toBeInstanceOf(Response);
    expect([302, 401, 403]).toContain((response as Response).status);
  });
});
