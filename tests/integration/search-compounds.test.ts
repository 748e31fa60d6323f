// Dutch compounds in the postgres engine (docs/decisions/011-dutch-decompounding.md), on
// documents made for the purpose: the seed's guides are covered by search-relevance.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client.server.ts";
import { PostgresEngine } from "#search/postgres.ts";
import type { SearchDocument, SearchLocale } from "#search/types.ts";
import { createTestDatabase } from "#tests/support/db.ts";

const doc = (slug: string, locale: SearchLocale, title: string, body: string): SearchDocument => ({
  id: `${slug}:${locale}`,
  slug,
  locale,
  kind: "praktijk",
  title,
  aliases: [],
  summary: "Een gids voor de test.",
  body,
  topics: ["carriers"],
  medium: null,
  institutionTypes: [],
});

const docs = [
  doc(
    "bandschimmel-gids",
    "nl",
    "Wat te doen",
    "Bandschimmel herken je aan witte pluisjes op de rand van de spoel.",
  ),
  doc(
    "magneetband-gids",
    "nl",
    "Opslag van spoelen",
    "Magneetbandschimmel ontstaat bij hoge luchtvochtigheid in het depot.",
  ),
  doc(
    "los-gids",
    "nl",
    "Geluid bewaren",
    "Het geluid staat op een band; schimmel komt voor bij vocht. Een video op tape.",
  ),
  doc("tape-gids", "en", "Tape care", "A videotape with mould needs cleaning before playback."),
  doc(
    "koppen-gids",
    "nl",
    "Koppen reinigen",
    `De koppen van een recorder maak je schoon met alcohol. ${"Een recorder vraagt geregeld onderhoud door een technicus. ".repeat(20)}Let op kwispelkoppen: vuil dat alleen onder een loep zichtbaar is.`,
  ),
];

let database: Database;
let engine: PostgresEngine;
beforeAll(async () => {
  database = await createTestDatabase();
  engine = new PostgresEngine(database.db);
  await engine.index(docs);
});
afterAll(async () => {
  await database?.close();
});

const slugs = async (q: string, locale: SearchLocale = "nl") =>
  (await engine.query({ q: `${q} `, locale })).hits.map((h) => h.slug);

describe("Dutch compounds in the postgres engine", () => {
  it("finds a text that writes the parts as one word when they are typed apart", async () => {
    const found = await slugs("band schimmel");
    expect(found).toContain("bandschimmel-gids");
    expect(found).toContain("magneetband-gids");
  });

  it("finds a text that speaks of the parts when the compound is typed", async () => {
    expect(await slugs("geluidsbanden")).toEqual(["los-gids"]);
    expect(await slugs("magneetbandschimmel")).toContain("magneetband-gids");
  });

  it("ranks the word itself above texts that have only its parts", async () => {
    const found = await slugs("bandschimmel");
    expect(found[0]).toBe("bandschimmel-gids");
    expect(found).toEqual(expect.arrayContaining(["magneetband-gids", "los-gids"]));
  });

  it("splits neither English documents nor English searches", async () => {
    // The English guide's "videotape" is one word there: no "video" in it.
    expect(await slugs("video", "en")).not.toContain("tape-gids");
    // In a Dutch search "geluidsbanden" is geluid + banden; in an English one it is a word found
    // nowhere, searched for as the most similar known word instead, and said so.
    const dutch = await engine.query({ q: "geluidsbanden ", locale: "nl" });
    const english = await engine.query({ q: "geluidsbanden ", locale: "en" });
    expect(dutch.suggestion).toBeUndefined();
    expect(english.suggestion).toBeDefined();
    expect(english.suggestion).not.toBe("geluidsbanden");
  });

  it("marks the parts in the snippet of a text found through them", async () => {
    const result = await engine.query({ q: "geluidsbanden ", locale: "nl" });
    expect(result.hits[0]?.snippet).toContain("<mark>geluid</mark>");
    expect(result.hits[0]?.snippet).toContain("<mark>band</mark>");
  });

  it("takes the snippet of a long text from where the whole compound is, not from its first part", async () => {
    const result = await engine.query({ q: "kwispelkoppen ", locale: "nl" });
    expect(result.hits.map((h) => h.slug)).toEqual(["koppen-gids"]);
    expect(result.hits[0]?.snippet).toContain("<mark>kwispelkoppen</mark>");
  });
});
