// Issue 18, the mechanism: the source registry in the database, citations rendered as notes,
// reviews that only a moderator gives, the claim queue, /bronnen and sources in search.
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorText } from "#app/lib/errors.ts";
import { getPublishedArticle, upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { applyImport, exportZip, readImportFiles } from "#app/modules/kennisbank/bulk.server.ts";
import { countClaims, openClaims } from "#app/modules/kennisbank/claims.ts";
import { parseArticleFile, serializeArticleFile } from "#app/modules/kennisbank/front-matter.server.ts";
import { renderMarkdown } from "#app/modules/kennisbank/markdown.server.ts";
import type { ArticleContent } from "#app/modules/kennisbank/model.ts";
import {
  claimQueue,
  completeReview,
  keepClaimFlagged,
  lastReview,
  reviewDue,
} from "#app/modules/kennisbank/reviews.server.ts";
import { toSearchDocument } from "#app/modules/kennisbank/search-documents.server.ts";
import { getSource, seedSources, sourceLookup } from "#app/modules/kennisbank/sources.server.ts";
import { type RegistrySource, registrySourceSchema } from "#app/modules/kennisbank/sources.ts";
import { loader as apiSearch } from "#app/routes/api.search.ts";
import {
  action as addSourceAction,
  loader as sourcesBeheerLoader,
} from "#app/routes/beheer.bronnen._index.tsx";
import { action as editSourceAction } from "#app/routes/beheer.bronnen.$key.tsx";
import { action as historyAction } from "#app/routes/beheer.kennisbank.$slug.tsx";
import {
  action as claimAction,
  loader as claimLoader,
} from "#app/routes/beheer.kennisbank.te-controleren.tsx";
import { loader as sourcesLoader } from "#app/routes/bronnen.tsx";
import { loader as sourceLoader } from "#app/routes/bronnen_.$key.tsx";
import { loader as articleLoader } from "#app/routes/kennisbank.$slug.tsx";
import type { Database } from "#db/client.server.ts";
import { articleReview, source } from "#db/schema/kennisbank.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { system } from "#tests/support/factories.ts";
import { expectSafeHtml } from "#tests/support/html.ts";
import { contextFor, get, post, thrownResponse } from "#tests/support/remix.ts";

// A test registry: not the seed files (the content helpers own those).
const testSources: RegistrySource[] = [
  {
    key: "kenjedrager",
    title: "Ken je drager?",
    publisher: "meemoo, Vlaams instituut voor het archief",
    url: "https://www.kenjedrager.be/",
    kind: "website",
    language: "nl",
    sector: true,
    description: "Herkenningsgids voor audiovisuele dragers.",
  },
  {
    key: "iso-18923",
    title: "ISO 18923: Imaging materials — Polyester-base magnetic tape — Storage practices",
    publisher: "ISO",
    year: "2000",
    where: "ISO-norm 18923:2000, te bestellen bij NEN of in te zien in een universiteitsbibliotheek",
    kind: "standard",
    language: "en",
    sector: false,
  },
  {
    key: "auteurswet",
    title: "Auteurswet",
    url: "https://wetten.overheid.nl/BWBR0001886/",
    kind: "law",
    language: "nl",
    sector: false,
  },
].map((s) => registrySourceSchema.parse(s));
const registry = new Map(testSources.map((s) => [s.key, s]));

const body = [
  "## Opslag",
  "",
  "Bewaar polyesterband niet kouder dan 8 °C [@iso-18923, §5.2]. Een U-matic herken je aan de cassette, zegt meemoo [@kenjedrager][@iso-18923, §5.2].",
  "",
  "Portretrecht na overlijden [@?, termijn nagaan in art. 19-21].",
  "",
  "- Het jaartal van de eerste uitgave [@?].",
].join("\n");

function article(overrides: Partial<ArticleContent> = {}): ArticleContent {
  return {
    slug: "proef-bronnen",
    locale: "nl",
    kind: "praktijk",
    title: "Proef met bronnen",
    summary: "Een artikel met citaties.",
    body,
    topics: ["storage"],
    institutionTypes: [],
    needsReview: true,
    uncertain: ["termijn portretrecht"],
    sources: [{ key: "iso-18923", title: testSources[1]!.title }],
    related: [],
    ...overrides,
  };
}

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
  await seedSources(database.db, registry);
});
afterEach(async () => {
  await database?.close();
});

describe("the source registry in the database", () => {
  it("the seed adds new entries and leaves an entry a moderator changed alone", async () => {
    await database.db
      .update(source)
      .set({ title: "Ken je drager? (bijgewerkt)" })
      .where(eq(source.key, "kenjedrager"));
    const extra = registrySourceSchema.parse({
      key: "nieuw-in-seed",
      title: "Nieuw",
      where: "Bibliotheek",
      kind: "book",
      language: "nl",
    });
    const result = await seedSources(database.db, new Map([...registry, [extra.key, extra]]));
    expect(result).toEqual({ added: 1, kept: 3 });
    expect((await getSource(database.db, "kenjedrager"))?.title).toBe("Ken je drager? (bijgewerkt)");
    expect(await getSource(database.db, "nieuw-in-seed")).not.toBeNull();
  });

  it("moderators list, add and edit sources; only http(s) URLs; without URL it says where", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const member = await userWithSession(database.db, "member");
    const context = contextFor(database);
    const headers = { Cookie: moderator.cookie };

    const forbidden = await thrownResponse(() =>
      sourcesBeheerLoader({
        request: get("/beheer/bronnen", { Cookie: member.cookie }),
        params: {},
        context,
      }),
    );
    expect(forbidden.status).toBe(403);
    const listed = await sourcesBeheerLoader({
      request: get("/beheer/bronnen", headers),
      params: {},
      context,
    });
    expect(listed.sources.map((s) => s.key)).toEqual(["kenjedrager", "auteurswet", "iso-18923"]);

    const fields = { key: "psap", title: "PSAP", kind: "website", language: "en" };
    const bad = (await addSourceAction({
      request: post("/beheer/bronnen", { ...fields, url: "javascript:alert(1)" }, headers),
      params: {},
      context,
    })) as unknown as {
      data: { errors: Record<string, string>; fields: Record<string, string> };
      init: { status: number };
    };
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.url).toMatch(/http/);
    // What was typed comes back.
    expect(bad.data.fields.title).toBe("PSAP");
    const ftp = (await addSourceAction({
      request: post("/beheer/bronnen", { ...fields, url: "ftp://example.org/x" }, headers),
      params: {},
      context,
    })) as unknown as { data: { errors: Record<string, string> } };
    expect(ftp.data.errors.url).toBeDefined();
    const nowhere = (await addSourceAction({
      request: post("/beheer/bronnen", fields, headers),
      params: {},
      context,
    })) as unknown as { data: { errors: Record<string, string> } };
    expect(nowhere.data.errors.where).toMatch(/waar/);
    const duplicate = (await addSourceAction({
      request: post("/beheer/bronnen", { ...fields, key: "kenjedrager", where: "x" }, headers),
      params: {},
      context,
    })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(duplicate.init.status).toBe(409);

    const created = (await addSourceAction({
      request: post("/beheer/bronnen", { ...fields, where: "Ergens", sector: "ja" }, headers),
      params: {},
      context,
    })) as Response;
    expect(created.status).toBe(302);
    expect(await getSource(database.db, "psap")).toMatchObject({ sector: true, where: "Ergens", url: null });

    const memberEdit = await thrownResponse(() =>
      editSourceAction({
        request: post("/beheer/bronnen/psap", { ...fields, where: "x" }, { Cookie: member.cookie }),
        params: { key: "psap" },
        context,
      }),
    );
    expect(memberEdit.status).toBe(403);
    const edited = (await editSourceAction({
      request: post(
        "/beheer/bronnen/psap",
        { ...fields, key: "anders", url: "https://psap.library.illinois.edu/" },
        headers,
      ),
      params: { key: "psap" },
      context,
    })) as Response;
    expect(edited.status).toBe(302);
    // The key stays what it was (articles cite it).
    expect(await getSource(database.db, "anders")).toBeNull();
    expect((await getSource(database.db, "psap"))?.url).toBe("https://psap.library.illinois.edu/");
  });

  it("the bulk import resolves keys against the database registry and refuses an unknown one by name", async () => {
    const lookup = await sourceLookup(database.db);
    const file = serializeArticleFile(article());
    const unknown = file.replace("[@kenjedrager]", "[@onbekende-bron, p. 3]");
    const read = readImportFiles([{ name: "fout.md", bytes: new TextEncoder().encode(unknown) }], lookup);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(errorText("nl", read.problems[0]!.message)).toBe(
        "sources: bron 'onbekende-bron' staat niet in de bronnenlijst.",
      );
      expect(errorText("en", read.problems[0]!.message)).toBe(
        "sources: source 'onbekende-bron' is not in the source list.",
      );
    }
  });

  it("an export and import round trip keeps the citations, the keys and carrier.cite", async () => {
    const carrierFile = [
      "---",
      "slug: proef-drager",
      "locale: nl",
      "kind: drager",
      "title: Proefdrager",
      "summary: Een drager.",
      "topics: [carriers]",
      "lastReviewed: 2026-11-26",
      "sources: [kenjedrager, iso-18923]",
      "carrier:",
      "  names: { nl: [Proef], en: [Test] }",
      "  aliases: []",
      "  medium: video",
      "  form: cassette",
      "  size: 19 mm",
      "  sizeKey: 19mm",
      "  markings: []",
      "  lookalikes: []",
      "  yearsFrom: 1971",
      "  yearsTo: 1995",
      "  recognition: Een grote cassette.",
      "  risks: [sticky_shed]",
      "  degradationScore: 4",
      "  playback: Een speler.",
      "  obsolescenceScore: 5",
      "  handling: []",
      "  preservationFormat: FFV1",
      "  accessFormat: H.264",
      "  riskLevel: hoog",
      "  riskReason: Oud.",
      "  minutesPerItem: 20",
      "  cite:",
      '    yearsFrom: ["@kenjedrager"]',
      '    risks: ["@iso-18923, §4"]',
      '    minutesPerItem: ["?"]',
      "---",
      "",
      "## Herkennen",
      "",
      "Een grote cassette [@kenjedrager, U-matic]. Het jaartal [@?, nagaan].",
      "",
    ].join("\n");
    const read = readImportFiles(
      [{ name: "proef-drager.md", bytes: new TextEncoder().encode(carrierFile) }],
      await sourceLookup(database.db),
    );
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    // The file's lastReviewed is not kept: only a moderator's review gives a date.
    expect(read.contents[0]).not.toHaveProperty("lastReviewed");
    await applyImport(database.db, system, read.contents);
    const { unzipSync, strFromU8 } = await import("fflate");
    const files = unzipSync(await exportZip(database.db));
    const exported = strFromU8(files["drager/proef-drager.md"]!);
    expect(exported).toContain("[@kenjedrager, U-matic]");
    expect(exported).toContain("[@?, nagaan]");
    expect(exported).toMatch(/sources:\n {2}- kenjedrager\n {2}- iso-18923/);
    expect(exported).toContain('"@iso-18923, §4"');
    const again = parseArticleFile(exported, "drager/proef-drager.md", await sourceLookup(database.db));
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.content).toEqual(read.contents[0]);
    // And the import wrote no review.
    const [{ n } = { n: -1 }] = await database.db.select({ n: count() }).from(articleReview);
    expect(n).toBe(0);
  });
});

describe("the edit form", () => {
  it("resolves a source by its key and refuses a citation of an unknown key", async () => {
    const { fieldsFromRevision, parseEditFields } = await import(
      "#app/modules/kennisbank/edit-form.server.ts"
    );
    const lookup = await sourceLookup(database.db);
    const { slug: _s, locale: _l, kind: _k, title, summary, body: text, ...data } = article();
    const fields = fieldsFromRevision({ title, summary, body: text, data }, "nl", 1);
    expect(fields.sources).toBe("iso-18923");
    const ok = parseEditFields({ ...fields, sources: "iso-18923\nkenjedrager" }, "praktijk", lookup);
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(ok.value.data.sources).toEqual([
      { key: "iso-18923", title: testSources[1]!.title },
      { key: "kenjedrager", title: "Ken je drager?", url: "https://www.kenjedrager.be/" },
    ]);
    const bad = parseEditFields(
      { ...fields, body: `${text} Nog iets [@verzonnen, p. 1].` },
      "praktijk",
      lookup,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.body).toContain("[@verzonnen]");
  });
});

describe("citations on the article page", () => {
  it("numbers the notes, marks what is to be checked and counts both", async () => {
    await upsertPublishedContent(database.db, system, article());
    const context = contextFor(database);
    const page = await articleLoader({
      request: get("/kennisbank/proef-bronnen"),
      params: { slug: "proef-bronnen" },
      context,
    });
    // Two distinct (source, locator) pairs in the body: notes 1 and 2; the repeat reuses 1.
    expect(page.notes.map((n) => [n.n, n.key, n.locator])).toEqual([
      [1, "iso-18923", "§5.2"],
      [2, "kenjedrager", ""],
    ]);
    expect(page.notes[0]!.source).toMatchObject({ url: null, where: expect.stringContaining("18923") });
    expect(page.notes[1]!.source?.url).toBe("https://www.kenjedrager.be/");
    expect(page.article.html).toContain('<a href="#noot-1" id="noot-1-ref" aria-label="Bron 1">1</a>');
    expect(page.article.html).toContain('id="noot-1-ref-2"');
    expect(page.article.html).toContain(
      '<mark class="te-controleren">te controleren: termijn nagaan in art. 19-21</mark>',
    );
    expect(page.article.html).not.toContain("[@");
    // Two sourced claims (the pair of markers is one claim), two to check.
    expect(page.claims).toEqual({ sourced: 2, toCheck: 2 });
    expect(page.review).toBeNull();

    const en = renderMarkdown("Claim [@?, year].", { locale: "en" });
    expect(en.html).toContain("to be checked: year");
  });

  it("a locator cannot smuggle in markup", () => {
    const { html } = renderMarkdown(
      'Tekst [@?, <img src=x onerror=alert(1)>"] en [@kenjedrager, <script>x</script>].',
    );
    expectSafeHtml(html);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
  });

  it("the fact box cites per field and the search index holds no markers", async () => {
    const c = countClaims("Tekst.", {
      cite: { yearsFrom: ["@kenjedrager"], risks: ["@iso-18923, §4", "?"], minutesPerItem: ["?"] },
    });
    expect(c).toEqual({ sourced: 1, toCheck: 2 });
    const doc = toSearchDocument({ ...article(), locale: "nl", data: article() as never });
    expect(doc.body).not.toMatch(/\[@|iso-18923|§5\.2/);
    expect(doc.body).toContain("Bewaar polyesterband niet kouder dan 8 °C.");
  });
});

describe("reviews that mean something", () => {
  it("the seed and an import give no review date; a moderator's review does, with the sources", async () => {
    await upsertPublishedContent(database.db, system, article());
    const found = await getPublishedArticle(database.db, "proef-bronnen", "nl");
    expect(await lastReview(database.db, found!.id)).toBeNull();
    expect((await reviewDue(database.db)).map((d) => [d.slug, d.lastReviewedAt])).toEqual([
      ["proef-bronnen", null],
    ]);

    const moderator = await userWithSession(database.db, "moderator", "Mona Moderator");
    const member = await userWithSession(database.db, "member");
    const context = contextFor(database);
    const denied = await thrownResponse(() =>
      historyAction({
        request: post(
          "/beheer/kennisbank/proef-bronnen",
          { intent: "controle", sources: "iso-18923" },
          { Cookie: member.cookie },
        ),
        params: { slug: "proef-bronnen" },
        context,
      }),
    );
    expect(denied.status).toBe(403);
    const none = (await historyAction({
      request: post("/beheer/kennisbank/proef-bronnen", { intent: "controle" }, { Cookie: moderator.cookie }),
      params: { slug: "proef-bronnen" },
      context,
    })) as unknown as { data: { error: string } };
    expect(none.data.error).toMatch(/bronnen/);
    const request = new Request("http://localhost:3000/beheer/kennisbank/proef-bronnen", {
      method: "POST",
      body: new URLSearchParams([
        ["intent", "controle"],
        ["sources", "iso-18923"],
        ["sources", "kenjedrager"],
        ["note", "Temperatuur nagelezen."],
      ]),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://localhost:3000",
        Cookie: moderator.cookie,
      },
    });
    const done = await historyAction({ request, params: { slug: "proef-bronnen" }, context });
    expect(done).toMatchObject({ error: null });
    const review = await lastReview(database.db, found!.id);
    expect(review).toMatchObject({
      reviewerName: "Mona Moderator",
      sourceKeys: ["iso-18923", "kenjedrager"],
    });
    const page = await articleLoader({
      request: get("/kennisbank/proef-bronnen"),
      params: { slug: "proef-bronnen" },
      context,
    });
    expect(page.review).toMatchObject({ reviewerName: "Mona Moderator", sources: 2 });
    expect(await reviewDue(database.db)).toEqual([]);
  });

  it("each kind has its interval: law after 12 months, carriers and practice after 24", async () => {
    const moderator = await userWithSession(database.db, "moderator", "Mona");
    const actor = { id: moderator.id, role: "moderator" as const, name: "Mona" };
    await upsertPublishedContent(database.db, system, article({ slug: "wet", kind: "juridisch" }));
    await upsertPublishedContent(database.db, system, article({ slug: "praktijk" }));
    const reviewed = new Date("2025-06-01T10:00:00Z");
    await completeReview(database.db, actor, "wet", { sourceKeys: ["auteurswet"] }, reviewed);
    await completeReview(database.db, actor, "praktijk", { sourceKeys: ["iso-18923"] }, reviewed);
    expect(await reviewDue(database.db, new Date("2026-05-01T00:00:00Z"))).toEqual([]);
    const after13 = await reviewDue(database.db, new Date("2026-07-01T00:00:00Z"));
    expect(after13.map((d) => d.slug)).toEqual(["wet"]);
    expect(after13[0]!.dueAt?.toISOString()).toBe("2026-06-01T10:00:00.000Z");
    const after25 = await reviewDue(database.db, new Date("2027-07-01T00:00:00Z"));
    expect(after25.map((d) => d.slug).sort()).toEqual(["praktijk", "wet"]);
    await expect(
      completeReview(database.db, actor, "wet", { sourceKeys: ["niet-geregistreerd"] }),
    ).rejects.toThrow(/niet-geregistreerd/);
  });
});

describe("the claim queue", () => {
  it("lists every open claim; citing a source publishes a new revision and the count changes", async () => {
    await upsertPublishedContent(database.db, system, article());
    const moderator = await userWithSession(database.db, "moderator");
    const member = await userWithSession(database.db, "member");
    const context = contextFor(database);
    const headers = { Cookie: moderator.cookie };
    const queue = await claimLoader({
      request: get("/beheer/kennisbank/te-controleren", headers),
      params: {},
      context,
    });
    expect(queue.claims.map((c) => [c.ref, c.text, c.note])).toEqual([
      ["body:0", "Portretrecht na overlijden.", "termijn nagaan in art. 19-21"],
      ["body:1", "Het jaartal van de eerste uitgave.", ""],
    ]);
    const first = queue.claims[0]!;
    const target = {
      slug: first.slug,
      locale: first.locale,
      revisionId: String(first.revisionId),
      ref: first.ref,
    };

    const denied = await thrownResponse(() =>
      claimAction({
        request: post(
          "/beheer/kennisbank/te-controleren",
          { intent: "citeren", ...target, key: "auteurswet" },
          { Cookie: member.cookie },
        ),
        params: {},
        context,
      }),
    );
    expect(denied.status).toBe(403);
    const noSource = (await claimAction({
      request: post("/beheer/kennisbank/te-controleren", { intent: "citeren", ...target, key: "" }, headers),
      params: {},
      context,
    })) as unknown as { data: { error: string; field: string } };
    expect(noSource.data).toMatchObject({ field: "key", error: expect.stringMatching(/Kies een bron/) });

    const cited = (await claimAction({
      request: post(
        "/beheer/kennisbank/te-controleren",
        { intent: "citeren", ...target, key: "auteurswet", locator: "art. 21" },
        headers,
      ),
      params: {},
      context,
    })) as Response;
    expect(cited.status).toBe(302);
    const now = await getPublishedArticle(database.db, "proef-bronnen", "nl");
    expect(now!.revisionId).not.toBe(first.revisionId);
    expect(now!.body).toContain("Portretrecht na overlijden [@auteurswet, art. 21].");
    expect(now!.data.sources.map((s) => s.key)).toEqual(["iso-18923", "auteurswet"]);
    expect(countClaims(now!.body, now!.data.carrier)).toEqual({ sourced: 3, toCheck: 1 });
    const after = await claimLoader({
      request: get(`/beheer/kennisbank/te-controleren?geciteerd=proef-bronnen&taal=nl`, headers),
      params: {},
      context,
    });
    expect(after.cited?.counts).toEqual({ sourced: 3, toCheck: 1 });
    expect(after.claims.map((c) => c.text)).toEqual(["Het jaartal van de eerste uitgave."]);

    // The same form again (the page was open before the publish): refused, nothing changes.
    const stale = (await claimAction({
      request: post(
        "/beheer/kennisbank/te-controleren",
        { intent: "citeren", ...target, key: "auteurswet" },
        headers,
      ),
      params: {},
      context,
    })) as unknown as { data: { error: string }; init: { status: number } };
    expect(stale.init.status).toBe(409);
    expect(stale.data.error).toMatch(/intussen/);
  });

  it("shows the queue a page at a time, the latest published article first, and by article", async () => {
    const many = Array.from({ length: 12 }, (_, i) => `Bewering ${i + 1} [@?].`).join("\n\n");
    await upsertPublishedContent(
      database.db,
      system,
      article({ slug: "veel-open", title: "Veel open", body: many }),
    );
    await upsertPublishedContent(database.db, system, article());
    const moderator = await userWithSession(database.db, "moderator");
    const context = contextFor(database);
    const open = (query: string) =>
      claimLoader({
        request: get(`/beheer/kennisbank/te-controleren${query}`, { Cookie: moderator.cookie }),
        params: {},
        context,
      });
    const first = await open("");
    expect(first.total).toBe(14);
    expect(first.pages).toBe(2);
    expect(first.claims).toHaveLength(10);
    // The article published last comes first.
    expect(first.claims[0]!.slug).toBe("proef-bronnen");
    expect(first.articles.map((a) => [a.slug, a.count])).toEqual([
      ["proef-bronnen", 2],
      ["veel-open", 12],
    ]);
    const second = await open("?pagina=2");
    // Two of proef-bronnen and eight of veel-open on the first page; the other four here.
    expect(second.claims.map((c) => c.text)).toEqual([
      "Bewering 9.",
      "Bewering 10.",
      "Bewering 11.",
      "Bewering 12.",
    ]);
    // One article: its claims only; a page past the end shows the last one.
    const filtered = await open("?artikel=veel-open&pagina=9");
    expect(filtered.shown).toBe(12);
    expect(filtered.page).toBe(2);
    expect(filtered.claims.every((c) => c.slug === "veel-open")).toBe(true);
    // An unknown article or a page that is no number: the whole queue, page 1.
    const odd = await open("?artikel=bestaat-niet&pagina=abc");
    expect([odd.filter, odd.page, odd.claims.length]).toEqual(["", 1, 10]);
  });

  it("keeps a claim flagged with a note, which the queue shows", async () => {
    await upsertPublishedContent(database.db, system, article());
    const moderator = await userWithSession(database.db, "moderator");
    const actor = { id: moderator.id, role: "moderator" as const };
    const [claim] = await claimQueue(database.db);
    await expect(keepClaimFlagged(database.db, actor, { ...claim!, note: "  " })).rejects.toThrow(
      /Schrijf op/,
    );
    await keepClaimFlagged(database.db, actor, { ...claim!, note: "Bibliotheek gevraagd om de tekst" });
    const queue = await claimQueue(database.db);
    expect(queue[0]!.kept?.note).toBe("Bibliotheek gevraagd om de tekst");
    expect(queue[1]!.kept).toBeNull();
    // Still open: the count is unchanged.
    const found = await getPublishedArticle(database.db, "proef-bronnen", "nl");
    expect(countClaims(found!.body, found!.data.carrier).toCheck).toBe(2);
  });

  it("resolves a fact-box field by citing a source", async () => {
    const { resolveClaim } = await import("#app/modules/kennisbank/claims.ts");
    const carrier = { cite: { minutesPerItem: ["?"], yearsFrom: ["@kenjedrager"] } } as never;
    expect(openClaims("", carrier).map((c) => c.ref)).toEqual(["cite:minutesPerItem"]);
    const resolved = resolveClaim("", carrier, "cite:minutesPerItem", "iso-18923", "p. 4");
    expect(resolved?.carrier?.cite).toEqual({
      minutesPerItem: ["@iso-18923, p. 4"],
      yearsFrom: ["@kenjedrager"],
    });
    expect(resolveClaim("", carrier, "cite:yearsFrom", "iso-18923", "")).toBeNull();
  });
});

describe("/bronnen and sources in search", () => {
  it("lists every source, the sector's first, with how many guides cite it, filtered by kind", async () => {
    await upsertPublishedContent(database.db, system, article());
    const context = contextFor(database);
    const all = await sourcesLoader({ request: get("/bronnen"), params: {}, context });
    expect(all.sources[0]!.key).toBe("kenjedrager");
    expect(all.sources.map((s) => s.key).sort()).toEqual(["auteurswet", "iso-18923", "kenjedrager"]);
    expect(all.sources.find((s) => s.key === "iso-18923")!.cited).toBe(1);
    expect(all.sources.find((s) => s.key === "auteurswet")!.cited).toBe(0);
    const laws = await sourcesLoader({ request: get("/bronnen?soort=law"), params: {}, context });
    expect(laws.sources.map((s) => s.key)).toEqual(["auteurswet"]);
    // The whole of a source, with the guides that cite it, is on its own page.
    const iso = await sourceLoader({
      request: get("/bronnen/iso-18923"),
      params: { key: "iso-18923" },
      context,
    });
    expect(iso.citedBy.map((a) => a.slug)).toEqual(["proef-bronnen"]);
    expect(iso.source.where).toContain("18923");
    const law = await sourceLoader({
      request: get("/bronnen/auteurswet"),
      params: { key: "auteurswet" },
      context,
    });
    expect(law.citedBy).toEqual([]);
    const missing = await thrownResponse(() =>
      sourceLoader({ request: get("/bronnen/onbekend"), params: { key: "onbekend" }, context }),
    );
    expect(missing.status).toBe(404);
  });

  it("/api/search?kind=bron&q=kenjedrager finds the kenjedrager source, with a facet for bron", async () => {
    await upsertPublishedContent(database.db, system, article());
    const context = contextFor(database);
    const response = await apiSearch({
      request: get("/api/search?kind=bron&q=kenjedrager"),
      params: {},
      context,
    });
    const result = (await response.json()) as { hits: { slug: string; kind: string; title: string }[] };
    expect(result.hits[0]).toMatchObject({ slug: "bron:kenjedrager", kind: "bron", title: "Ken je drager?" });
    const mixed = await apiSearch({ request: get("/api/search?q=meemoo"), params: {}, context });
    const facets = ((await mixed.json()) as { facets: { kind: Record<string, number> } }).facets;
    expect(facets.kind).toMatchObject({ bron: 1, praktijk: 1 });
  });
});
