import { createServer } from "node:net";
import type { AppLoadContext } from "@remix-run/node";
import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setArchived, upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { reindexAll, toSearchDocument } from "#app/modules/kennisbank/search-documents.server.ts";
import { loader as apiSearch } from "#app/routes/api.search.ts";
import {
  action as kennisbankBeheer,
  loader as kennisbankBeheerPage,
} from "#app/routes/beheer.kennisbank._index.tsx";
import { loader as healthz } from "#app/routes/healthz.ts";
import { type Database, rowsOf } from "#db/client.server.ts";
import { searchMiss, searchOutbox } from "#db/schema/search.ts";
import { seedArticles } from "#db/seed/content.server.ts";
import { meiliFilter, meiliSettings, meiliSnippet, toMeiliDocument } from "#search/meilisearch.ts";
import { backoffMs, drainOutbox, outboxStatus } from "#search/outbox.ts";
import { literal } from "#search/postgres.ts";
import { parseQuery } from "#search/query-parser.ts";
import { createSearchService } from "#search/service.ts";
import { markedSnippet } from "#search/text.ts";
import type { SearchDocument, SearchResult } from "#search/types.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { contextFor, get, post } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
beforeAll(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
  await seedArticles(database.db);
});
afterAll(async () => {
  await database?.close();
});

/** A Dutch test document for the index (a guide unless `kind` says otherwise). */
function proefDocument(slug: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: `${slug}:nl`,
    slug,
    locale: "nl",
    kind: "wegwijzer",
    title: "Proef",
    aliases: [],
    summary: "Proef.",
    body: "",
    topics: ["carriers"],
    medium: "video",
    institutionTypes: [],
    ...fields,
  };
}

async function api(query: string): Promise<SearchResult> {
  const response = await apiSearch({ request: get(`/api/search?${query}`), params: {}, context });
  return response.json();
}

/** A local port with nothing listening: Meilisearch "down". */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

describe("GET /api/search", () => {
  it("answers hits, facets, total, engine and time in the documented shape", async () => {
    const result = await api("q=umatic");
    expect(Object.keys(result).sort()).toEqual(["engine", "facets", "hits", "tookMs", "total"]);
    expect(result.engine).toBe("postgres");
    expect(result.hits[0]).toMatchObject({ slug: "u-matic", kind: "drager" });
    expect(Object.keys(result.hits[0]!).sort()).toEqual([
      "kind",
      "locale",
      "score",
      "slug",
      "snippet",
      "summary",
      "title",
    ]);
    expect(result.hits[0]!.snippet).toContain("<mark>");
    // The language of the hit's text: this query is answered in Dutch.
    expect(result.hits[0]!.locale).toBe("nl");
    expect(Object.keys(result.facets).sort()).toEqual(["kind", "medium", "topic"]);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  });

  it("with an empty q and a filter lists everything that matches it", async () => {
    const result = await api("q=&kind=drager&limit=100");
    expect(result.total).toBeGreaterThanOrEqual(25);
    expect(result.hits.length).toBe(result.total);
    expect(result.hits.every((h) => h.kind === "drager")).toBe(true);
    expect(result.facets.medium).toMatchObject({
      video: expect.any(Number),
      audio: expect.any(Number),
      film: expect.any(Number),
    });
  });

  it("filters by topic and medium, and counts facets for the other filters", async () => {
    const video = await api("q=band&medium=video&limit=50");
    expect(video.hits.length).toBeGreaterThan(0);
    const byKind = await api("q=&kind=drager&medium=film&limit=100");
    expect(byKind.hits.every((h) => h.kind === "drager")).toBe(true);
    expect(byKind.total).toBe(byKind.facets.medium.film);
    const avg = await api("q=&topic=avg&limit=100");
    expect(avg.total).toBeGreaterThan(3);
  });

  it("supports quotes, exclusion, prefixes while typing and paging", async () => {
    const excluded = await api(`q=${encodeURIComponent("videoband -vhs")}&limit=100`);
    expect(excluded.hits.map((h) => h.slug)).not.toContain("vhs");
    const typing = await api("q=nitraa");
    expect(typing.hits[0]?.slug).toBe("nitraatfilm");
    const phrase = await api(`q=${encodeURIComponent('"sticky shed"')}`);
    expect(phrase.total).toBeGreaterThan(0);
    const page1 = await api("q=&kind=drager&limit=5");
    const page2 = await api("q=&kind=drager&limit=5&offset=5");
    expect(page2.hits.map((h) => h.slug)).not.toContain(page1.hits[0]!.slug);
    expect(page2.total).toBe(page1.total);
  });

  it("survives hostile input and returns escaped snippets", async () => {
    for (const q of [
      "'; drop table article; --",
      "\\",
      "(((",
      "a & b | !c",
      "<script>alert(1)</script>",
      "é".repeat(500),
    ]) {
      const result = await api(`q=${encodeURIComponent(q)}`);
      expect(Array.isArray(result.hits)).toBe(true);
      for (const hit of result.hits) expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/);
    }
    expect(markedSnippet("a <b> \u0002c\u0003")).toBe("a &lt;b&gt; <mark>c</mark>");
    // Bad parameters fall back to defaults instead of failing.
    const odd = await api("q=umatic&limit=abc&offset=-4&kind=roman");
    expect(odd.hits[0]?.slug).toBe("u-matic");
  });

  it("sends texts as literals that read back as exactly themselves", async () => {
    const texts = [
      "o'neill",
      "a\\'; drop table x; --",
      "\\\\'",
      "$$ $q$ E'x'",
      "regel\neen\ttab",
      "Één 😀",
      "nul\0hier",
    ];
    for (const conforming of ["on", "off"]) {
      await database.db.execute(sql.raw(`set standard_conforming_strings = ${conforming}`));
      for (const text of texts) {
        const [row] = rowsOf<{ v: string }>(await database.db.execute(sql`select ${literal(text)} as v`));
        expect(row?.v).toBe(text.replace("\0", ""));
      }
    }
    await database.db.execute(sql.raw("set standard_conforming_strings = on"));
  });

  it("counts searches that find nothing, without anything about who searched", async () => {
    await api("q=zzzqqq%20xqxqxq");
    await api("q=ZZZQQQ%20XQXQXQ");
    const misses = await database.db.select().from(searchMiss);
    const miss = misses.find((m) => m.query === "zzzqqq xqxqxq");
    expect(miss?.count).toBe(2);
    expect(Object.keys(miss!).sort()).toEqual(["count", "lastAt", "query"]);
    // Punctuation without a word is not a content gap.
    expect(misses.map((m) => m.query)).not.toContain("(((");
  });
});

/** A published article for the kennisbank, as a moderator would save it. */
function article(slug: string, title: string, body: string, topic: string) {
  return {
    slug,
    locale: "nl" as const,
    kind: "praktijk" as const,
    title,
    summary: "Een artikel om te zoeken.",
    body,
    topics: [topic],
    institutionTypes: [],
    needsReview: false,
    uncertain: [],
    sources: [{ title: "Test" }],
    related: [],
  };
}

describe("index follows the kennisbank", () => {
  it("a published change is findable at once and an archived article is gone", async () => {
    const admin = await userWithSession(database.db, "admin");
    await upsertPublishedContent(
      database.db,
      { id: admin.id, role: "admin" },
      article(
        "proef-zoekbaar",
        "Proef met kwarktaartbanden",
        "## Inhoud\n\nHet woord flamboyantje staat alleen hier.",
        "storage",
      ),
    );
    expect((await api("q=flamboyantje")).hits.map((h) => h.slug)).toEqual(["proef-zoekbaar"]);
    await setArchived(database.db, { id: admin.id, role: "admin" }, "proef-zoekbaar", true);
    expect((await api("q=flamboyantje")).total).toBe(0);
    // Each change also went to the outbox for Meilisearch, in the same transaction.
    const ops = await database.db.select().from(searchOutbox);
    expect(ops.filter((o) => o.docId === "proef-zoekbaar:nl").map((o) => o.op)).toEqual(["upsert", "delete"]);
  });
});

describe("remembered results and document numbers", () => {
  it("a search answered before a change is answered anew after it, facets included", async () => {
    const admin = await userWithSession(database.db, "admin");
    const actor = { id: admin.id, role: "admin" as const };
    // Asked (and remembered) while nothing matches.
    expect((await api("q=pimpelmeesband")).total).toBe(0);
    expect((await api("q=pimpelmeesband")).total).toBe(0);
    await upsertPublishedContent(
      database.db,
      actor,
      article("proef-onthouden", "Proef met onthouden", "Over de pimpelmeesband.", "storage"),
    );
    const found = await api("q=pimpelmeesband");
    expect(found.hits.map((h) => h.slug)).toEqual(["proef-onthouden"]);
    expect(found.facets.topic).toEqual({ storage: 1 });
    // An edit that changes the topic and title: the document gets a new number, so nothing
    // remembered about the old version is used.
    await upsertPublishedContent(
      database.db,
      actor,
      article("proef-onthouden", "Proef met vergeten", "Over de pimpelmeesband.", "avg"),
    );
    const edited = await api("q=pimpelmeesband");
    expect(edited.hits.map((h) => [h.slug, h.title])).toEqual([["proef-onthouden", "Proef met vergeten"]]);
    expect(edited.facets.topic).toEqual({ avg: 1 });
    expect((await api("q=pimpelmeesband&topic=storage")).total).toBe(0);
    expect((await api("q=pimpelmeesband&topic=avg")).total).toBe(1);
    await setArchived(database.db, actor, "proef-onthouden", true);
    expect((await api("q=pimpelmeesband")).total).toBe(0);
  });

  it("without remembered results, a search repeated after a change sees the change", async () => {
    // The engine then goes on with the last version it read and checks it while ranking.
    const search = createSearchService(database.db, { cacheSize: 0 });
    const doc = (id: string, title: string, body = "Over de goudvinkspoel.") =>
      proefDocument(id, { title, body });
    await search.postgres.index([doc("proef-vink-een", "Proef een")]);
    for (let i = 0; i < 3; i++) {
      expect((await search.query({ q: "goudvinkspoel", locale: "nl" })).hits.map((h) => h.slug)).toEqual([
        "proef-vink-een",
      ]);
    }
    await search.postgres.index([doc("proef-vink-twee", "Proef twee")]);
    const after = await search.query({ q: "goudvinkspoel", locale: "nl" });
    expect(after.hits.map((h) => h.slug).sort()).toEqual(["proef-vink-een", "proef-vink-twee"]);
    // The engine keeps the bodies it showed, by document number; an edited text is shown anew.
    await search.postgres.index([
      doc("proef-vink-een", "Proef een", "Over de goudvinkspoel en de merelkast."),
    ]);
    const edited = await search.query({ q: "goudvinkspoel", locale: "nl" });
    expect(edited.hits.find((h) => h.slug === "proef-vink-een")?.snippet).toContain("merelkast");
    await search.postgres.remove(["proef-vink-een:nl", "proef-vink-twee:nl"]);
    expect((await search.query({ q: "goudvinkspoel", locale: "nl" })).total).toBe(0);
  });

  it("puts a source below a guide of equal score, and lists the guides first when nothing is searched", async () => {
    const search = createSearchService(database.db, { cacheSize: 0 });
    // The same text twice: the same score. By slug alone the source ("bron:…") would come first.
    const same = {
      title: "Proef over de roerdompband",
      body: "De roerdompband in een proef.",
      topics: [],
      medium: null,
    };
    await search.postgres.index([
      proefDocument("zz-proef-roerdomp", same),
      proefDocument("bron:proef-roerdomp", { ...same, kind: "bron" }),
    ]);
    const found = await search.query({ q: "roerdompband", locale: "nl" });
    expect(found.hits.map((h) => [h.kind, h.score])).toEqual([
      ["wegwijzer", found.hits[0]?.score],
      ["bron", found.hits[0]?.score],
    ]);
    expect(found.facets.kind).toEqual({ wegwijzer: 1, bron: 1 });
    // Browsing (every score 0): all guides, then the sources.
    const all = await search.query({ q: "", locale: "nl", limit: 100 });
    const kinds = all.hits.map((h) => h.kind);
    expect(kinds).toContain("bron");
    expect(kinds.indexOf("bron")).toBe(kinds.length - kinds.filter((k) => k === "bron").length);
    await search.postgres.remove(["zz-proef-roerdomp:nl", "bron:proef-roerdomp:nl"]);
  });

  it("after the index is emptied and rebuilt, reused document numbers are not mistaken for old ones", async () => {
    const search = createSearchService(database.db);
    const before = await search.query({ q: "umatic", locale: "nl" });
    expect(before.hits[0]?.slug).toBe("u-matic");
    // Browsing makes the engine learn every document's number.
    expect((await search.query({ q: "", locale: "nl", limit: 100 })).total).toBeGreaterThan(40);
    // Emptied with its numbering restarted (as a restore or a test reset does), then rebuilt
    // with other documents: numbers the engine has seen now stand for other articles.
    await database.db.execute(
      sql`truncate search_head, search_body, search_document, search_state restart identity cascade`,
    );
    await search.postgres.index([
      {
        id: "alleen-dit:nl",
        slug: "alleen-dit",
        locale: "nl",
        kind: "wegwijzer",
        title: "Alleen dit artikel over umatic",
        aliases: [],
        summary: "Het enige artikel.",
        body: "Umatic komt hier voor.",
        topics: ["carriers"],
        medium: "video",
        institutionTypes: [],
      },
    ]);
    const after = await search.query({ q: "umatic", locale: "nl" });
    expect(after.hits.map((h) => h.slug)).toEqual(["alleen-dit"]);
    expect(after.facets.kind).toEqual({ wegwijzer: 1 });
    await search.postgres.remove(["alleen-dit:nl"]);
    await reindexAll(database.db);
    expect((await search.query({ q: "umatic", locale: "nl" })).hits[0]?.slug).toBe("u-matic");
  });
});

describe("rebuilding the index from the moderators' page", () => {
  it("reads every published article again, says how many, and finds them as before", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const before = await api("q=umatic&limit=3");
    // An index that has lost its rows (as after restoring only the articles from a backup).
    const ids = rowsOf<{ id: string }>(await database.db.execute(sql`select id from search_document`));
    await context.search.postgres.remove(ids.map((r) => r.id));
    expect((await api("q=umatic&limit=3")).total).toBe(0);
    const response = await kennisbankBeheer({
      request: post("/beheer/kennisbank", { intent: "herbouwen" }, { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location") ?? "", "http://x");
    const [{ articles } = { articles: 0 }] = rowsOf<{ articles: number }>(
      await database.db.execute(sql`select count(*)::int as articles from article`),
    );
    expect(location.searchParams.get("herbouwd")).toBe(String(articles));
    const after = await api("q=umatic&limit=3");
    expect(after.hits.map((h) => h.slug)).toEqual(before.hits.map((h) => h.slug));
    // The page says it was done.
    const page = await kennisbankBeheerPage({
      request: get(`/beheer/kennisbank${location.search}`, { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(page.reindexed).toBe(articles);
  });

  it("snippets read as text: no markdown marks, and an ellipsis where they start mid-sentence", async () => {
    const result = await api("q=persoonsgegevens&limit=10");
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(hit.snippet).not.toMatch(/\*\*|\s[.,]\s|---/);
      const plain = hit.snippet.replace(/<\/?mark>/g, "");
      // Starts with a capital (a sentence), a digit, or says it does not.
      expect(plain).toMatch(/^(… |[\p{Lu}\d'"(‘“])/u);
    }
  });
});

describe("Meilisearch", () => {
  it("has settings with ranked searchable attributes, filters, synonyms and typo tolerance", () => {
    const settings = meiliSettings();
    // The parts of Dutch compounds last: below the words themselves (decision 011).
    expect(settings.searchableAttributes).toEqual(["title", "aliases", "summary", "body", "parts"]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["kind", "topics", "medium"]));
    expect(settings.synonyms?.umatic).toContain("u-matic");
    expect(settings.synonyms?.azijnlucht).toContain("azijnsyndroom");
    expect(settings.stopWords).toContain("het");
    expect(settings.typoTolerance?.enabled).toBe(true);
    expect(settings.distinctAttribute).toBe("slug");
    // Last, so only between documents of equal relevance: sources below guides (#22).
    expect(settings.rankingRules?.at(-1)).toBe("tier:asc");
  });

  it("maps documents, filters and highlights", () => {
    const doc = toSearchDocument({
      slug: "u-matic",
      kind: "drager",
      locale: "nl",
      title: "U-matic",
      summary: "Samenvatting",
      body: "## Kop\n\nTekst met [link](/kennisbank/vhs).",
      data: {
        topics: ["carriers"],
        institutionTypes: [],
        needsReview: false,
        uncertain: [],
        sources: [{ title: "x" }],
        related: [],
      },
    });
    expect(doc.body).toBe("Kop Tekst met link.");
    expect(toMeiliDocument(doc)).toMatchObject({
      id: "u-matic_nl",
      slug: "u-matic",
      locale: "nl",
      topics: ["carriers"],
      tier: 0,
    });
    expect(toMeiliDocument({ ...doc, id: "bron:x:nl", slug: "bron:x", kind: "bron" }).tier).toBe(1);
    expect(meiliFilter({ kind: "drager", topic: "avg", medium: 'vi"deo' })).toEqual([
      'kind = "drager"',
      'topics = "avg"',
      'medium = "vi\\"deo"',
    ]);
    expect(meiliSnippet("a <b> \u0002c\u0003", "x")).toBe("a &lt;b&gt; <mark>c</mark>");
  });

  it("when unreachable, queries fall back to postgres and /healthz says so", async () => {
    const port = await closedPort();
    const search = createSearchService(database.db, { meiliUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 });
    const result = await search.query({ q: "umatic", locale: "nl" });
    expect(result.engine).toBe("postgres");
    expect(result.fallback).toBe(true);
    expect(result.hits[0]?.slug).toBe("u-matic");
    const health = await healthz({ request: get("/healthz"), params: {}, context: { ...context, search } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      search: { configured: "meilisearch", meilisearch: { ok: false }, serving: "postgres" },
    });
    const status = await search.status();
    expect(status.engines.find((e) => e.engine === "meilisearch")?.ok).toBe(false);
  });

  it("keeps outbox rows with a growing backoff while Meilisearch is down", async () => {
    const port = await closedPort();
    const search = createSearchService(database.db, { meiliUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 });
    const [{ n: before } = { n: 0 }] = await database.db.select({ n: count() }).from(searchOutbox);
    expect(before).toBeGreaterThan(0);
    const now = new Date();
    // One batch that holds the whole outbox (the seed's articles and sources).
    const first = await drainOutbox(database.db, search.meili!, { now, batch: before });
    expect(first.applied).toBe(0);
    expect(first.failed).toBeGreaterThan(0);
    const [{ n: after } = { n: 0 }] = await database.db.select({ n: count() }).from(searchOutbox);
    expect(after).toBe(before);
    const rows = await database.db.select().from(searchOutbox).limit(1);
    expect(rows[0]!.attempts).toBe(1);
    expect(rows[0]!.lastError).toBeTruthy();
    expect(rows[0]!.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));
    // Not retried before its time.
    const early = await drainOutbox(database.db, search.meili!, {
      now: new Date(now.getTime() + 500),
      batch: before,
    });
    expect(early).toEqual({ applied: 0, failed: 0 });
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(backoffMs(50)).toBe(10 * 60 * 1000);
    expect((await outboxStatus(database.db)).failing).toBeGreaterThan(0);
  });
});

describe("query parsing", () => {
  it("finds phrases, exclusions, multi-word synonyms and the word being typed", () => {
    const parsed = parseQuery('"sticky shed" open reel -vhs bakk');
    expect(parsed.phrases).toEqual(["sticky shed"]);
    expect(parsed.excluded).toEqual(["vhs"]);
    expect(parsed.terms.map((t) => t.text)).toEqual(["open reel", "bakk"]);
    expect(parsed.terms[0]!.alternatives).toContain("spoelband");
    expect(parsed.terms[1]!.prefix).toBe(true);
    expect(parseQuery("de band ").terms.map((t) => t.text)).toEqual(["band"]);
    expect(parseQuery("DAT tape ").terms.map((t) => t.text)).toEqual(["dat", "tape"]);
  });
});

describe("suggestions for words found nowhere", () => {
  it("offers the query with the most similar known word, and not for a word still being typed", async () => {
    const typo = await api("q=plakerige%20band&limit=3");
    expect(typo.suggestion).toBe("plakkerige band");
    expect(typo.hits.length).toBeGreaterThan(0);
    expect((await api("q=plakkerige%20band&limit=3")).suggestion).toBeUndefined();
    // "plakk" begins "plakkerige": the searcher is typing, not misspelling.
    expect((await api("q=plakk&limit=3")).suggestion).toBeUndefined();
  });

  it("the same typo gets the same answer again, and a new one once the index has a closer word", async () => {
    // Without remembered results: the engine itself remembers a typo's answer until the index changes.
    const search = createSearchService(database.db, { cacheSize: 0 });
    const doc = (id: string, word: string) =>
      proefDocument(id, { title: `Proef ${word}`, body: `Over de ${word}.` });
    await search.postgres.index([doc("proef-typo-een", "kwartelspoelen")]);
    const ask = () => search.query({ q: "kwartelspoeltjes", locale: "nl" });
    for (let i = 0; i < 3; i++) {
      const answer = await ask();
      expect(answer.suggestion).toBe("kwartelspoelen");
      expect(answer.hits.map((h) => h.slug)).toEqual(["proef-typo-een"]);
    }
    // "proef" is then known to be in the index: it is not looked up again.
    await search.query({ q: "proef", locale: "nl" });
    await search.postgres.index([doc("proef-typo-twee", "kwartelspoeltje")]);
    // A query with a new word reads the index's version before ranking; one asked before goes on
    // with the version it saw last and checks it while ranking. Both see the closer word.
    const longer = await search.query({ q: "kwartelspoeltjes proef", locale: "nl" });
    expect(longer.suggestion).toBe("kwartelspoeltje proef");
    const after = await ask();
    expect(after.suggestion).toBe("kwartelspoeltje");
    expect(after.hits.map((h) => h.slug)).toContain("proef-typo-twee");
    await search.postgres.remove(["proef-typo-een:nl", "proef-typo-twee:nl"]);
  });
});

describe("English guides", () => {
  it("are marked by English rules", async () => {
    const search = createSearchService(database.db);
    await search.postgres.index([
      {
        id: "zorblax-proef:en",
        slug: "zorblax-proef",
        locale: "en",
        kind: "praktijk",
        title: "Zorblax",
        aliases: [],
        summary: "A test guide.",
        body: "Zorblax tapes shed oxide, so the heads need cleaning after every reel.",
        topics: ["carriers"],
        medium: "video",
        institutionTypes: [],
      },
    ]);
    try {
      const result = await search.query({ q: "zorblax cleaned", locale: "en" });
      const hit = result.hits.find((h) => h.slug === "zorblax-proef");
      // "cleaning" has the English stem of "cleaned" (clean), but not the Dutch one: it is marked
      // because the text is read as English.
      expect(hit?.snippet).toContain("<mark>cleaning</mark>");
    } finally {
      await search.postgres.remove(["zorblax-proef:en"]);
    }
  });

  it("list a carrier's risks in English", async () => {
    const vinegar = await api("q=vinegar%20syndrome&locale=en&limit=10");
    const english = vinegar.hits.filter((h) => /[Vv]inegar/.test(h.snippet));
    expect(english.length).toBeGreaterThan(0);
    for (const hit of english) expect(hit.snippet).not.toContain("azijnsyndroom");
  });
});
