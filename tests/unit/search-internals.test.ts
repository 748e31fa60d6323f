import { describe, expect, it } from "vitest";
import { byScore, type DocRow, DocTable } from "#search/doc-table.ts";
import { anyAndAll, dedupeOr, loosen, suggestion } from "#search/postgres.ts";
import { ResultCache } from "#search/result-cache.ts";
import { fold, lexemesOf, snippetWindow } from "#search/snippet-window.ts";
import { HEADLINE_MARKERS, markdownToText, sentences, withEllipses } from "#search/text.ts";

const row = (n: number, slug: string, extra: Partial<DocRow> = {}): DocRow => ({
  n,
  slug,
  locale: "nl",
  kind: "drager",
  topics: ["carriers"],
  medium: "video",
  title: slug,
  ...extra,
});

describe("DocTable: grouping, filters, facets and the first cut", () => {
  const table = new DocTable();
  table.add([
    row(10, "u-matic", { title: "U-matic" }),
    row(11, "u-matic", { locale: "en", title: "U-matic (en)" }),
    row(12, "vhs", { title: "VHS", topics: ["carriers", "digitisation"] }),
    row(13, "avg-gids", { kind: "juridisch", topics: ["avg"], medium: null, title: "AVG-gids" }),
    row(14, "nitraat", { medium: "film", title: "Nitraatfilm" }),
  ]);

  it("knows which numbers it has not seen", () => {
    expect(table.missing([10, 12, 99, 99, 3])).toEqual([99, 3]);
  });

  it("keeps one version per article: the best score, on a tie the searcher's language", () => {
    const nl = table.aggregate(
      { headNs: [], headScores: [], bodyNs: [11, 10, 12], allBodyNs: null, scored: true },
      { locale: "nl" },
      10,
    );
    expect(nl.total).toBe(2);
    expect(nl.candidates.find((c) => c.slug === "u-matic")?.n).toBe(10);
    const en = table.aggregate(
      { headNs: [], headScores: [], bodyNs: [10, 11, 12], allBodyNs: null, scored: true },
      { locale: "en" },
      10,
    );
    expect(en.candidates.find((c) => c.slug === "u-matic")?.n).toBe(11);
    // A better head score wins over the language.
    const head = table.aggregate(
      { headNs: [11], headScores: [2], bodyNs: [10, 11], allBodyNs: null, scored: true },
      { locale: "nl" },
      10,
    );
    expect(head.candidates[0]).toMatchObject({ slug: "u-matic", n: 11, cheap: 3.5 });
  });

  it("counts each facet with the other filters applied, and the total with all", () => {
    const all = { headNs: [], headScores: [], bodyNs: [10, 12, 13, 14], allBodyNs: null, scored: true };
    const video = table.aggregate(all, { locale: "nl", medium: "video" }, 10);
    expect(video.total).toBe(2);
    expect(video.facets.medium).toEqual({ video: 2, film: 1 });
    expect(video.facets.kind).toEqual({ drager: 2 });
    expect(video.facets.topic).toEqual({ carriers: 2, digitisation: 1 });
    const unknown = table.aggregate(all, { locale: "nl", kind: "roman" }, 10);
    expect(unknown.total).toBe(0);
    expect(unknown.facets.kind).toEqual({ drager: 3, juridisch: 1 });
  });

  it("cuts the best k by cheap score, then by title, and ranks by score, then title", () => {
    const matched = {
      headNs: [14],
      headScores: [2],
      bodyNs: [10, 12, 13, 14],
      allBodyNs: [12, 14],
      scored: true,
    };
    const { candidates } = table.aggregate(matched, { locale: "nl" }, 3);
    // nitraat: 1.5 (all words) + 2 (head); vhs: 1.5; then the rest by title: AVG-gids before U-matic.
    expect(candidates.map((c) => c.slug)).toEqual(["nitraat", "vhs", "avg-gids"]);
    const ranked = candidates.map((c, i) => ({ ...c, score: i === 2 ? 10 : c.cheap }));
    expect(ranked.sort(byScore).map((c) => c.slug)).toEqual(["avg-gids", "nitraat", "vhs"]);
  });

  it("browsing scores everything 0 and orders by title", () => {
    const { candidates, total } = table.aggregate(
      { headNs: [], headScores: [], bodyNs: [14, 13, 12, 11, 10], allBodyNs: null, scored: false },
      { locale: "nl" },
      10,
    );
    expect(total).toBe(4);
    expect(candidates.map((c) => c.slug)).toEqual(["avg-gids", "nitraat", "u-matic", "vhs"]);
  });

  it("forgets old versions once it holds more than its limit", () => {
    const small = new DocTable(3);
    small.add([row(1, "a"), row(2, "b"), row(3, "c")]);
    small.makeRoom(1);
    expect(small.size).toBe(0);
    expect(small.missing([1])).toEqual([1]);
  });
});

describe("word lists", () => {
  it("gives the numbers in any list with how many lists have them, and those in all", () => {
    const { any, counts, all } = anyAndAll([[3, 1, 7], Int32Array.from([7, 2, 3]), [3, 9]]);
    expect(any).toEqual([3, 1, 7, 2, 9]);
    expect(counts).toEqual([3, 1, 2, 1, 1]);
    expect(all).toEqual([3]);
    expect(anyAndAll([]).any).toEqual([]);
  });
});

describe("query texts", () => {
  it("an OR keeps each item once, and no item that one of its single words already covers", () => {
    expect(dedupeOr("'a' | 'b' | 'a'")).toBe("'a' | 'b'");
    expect(
      dedupeOr(
        "'u-matic' & 'matic' | 'matic' | 'u' <-> 'matic' | 'sticky' <-> 'shed' | 'sticky' | 'baking':*",
      ),
    ).toBe("'matic' | 'sticky' | 'baking':*");
    // A prefix is not the word itself, a negation is kept, and without single words nothing goes.
    expect(dedupeOr("'bak':* | 'bak' & 'x'")).toBe("'bak':* | 'bak' & 'x'");
    expect(dedupeOr("'a' & 'b' | 'c' <-> 'd'")).toBe("'a' & 'b' | 'c' <-> 'd'");
    expect(dedupeOr("('a' | 'b') & 'c'")).toBe("('a' | 'b') & 'c'");
  });
});

describe("snippet window", () => {
  it("reads the lexemes of a tsquery", () => {
    expect(lexemesOf("'band' & 'open' <-> 'reel' | 'umat':* | 'o''neill'")).toEqual([
      "band",
      "open",
      "reel",
      "umat",
      "o'neill",
    ]);
  });

  it("folds case and accents without moving offsets", () => {
    const text = "Één Café, ÀÉÎ and İstanbul 😀 ok";
    expect(fold(text)).toHaveLength(text.length);
    expect(fold("Één Café")).toBe("een cafe");
  });

  it("finds the part of a long text where the words are, even at the very end", () => {
    const filler = "Dit is een lange tekst zonder de gezochte woorden. ".repeat(200);
    const text = `${filler}Hier staat het zeldzame flamboyantje naast een bandrecorder.`;
    const window = snippetWindow(text, ["flamboyantj", "bandrecorder"]);
    expect(window).toContain("flamboyantje naast een bandrecorder");
    expect(window!.length).toBeLessThanOrEqual(700);
    // A stem that is not the start of the word (English "happy" is "happi"): one letter shorter
    // is tried too.
    expect(snippetWindow(`${filler} happy`, ["happi"])).toContain("happy");
    expect(snippetWindow(`${filler} niets`, ["zzz"])).toBeNull();
    expect(snippetWindow("kort", ["zzz"])).toBe("kort");
  });

  it("prefers the place with the most different words", () => {
    const filler = "woord ".repeat(300);
    const text = `band ${filler} band en recorder samen ${filler}`;
    expect(snippetWindow(text, ["band", "recorder"])).toContain("band en recorder samen");
  });
});

describe("result cache", () => {
  const result = (total: number) => ({
    hits: [],
    facets: { kind: {}, topic: {}, medium: {} },
    total,
    engine: "postgres" as const,
    tookMs: 1,
  });

  it("keys on the index version and every parameter, and evicts the least recently used", () => {
    const cache = new ResultCache(2);
    const state = { version: 1, epoch: "a" };
    const k1 = cache.key({ q: "band", locale: "nl" }, state);
    expect(cache.key({ q: "band", locale: "nl" }, { version: 2, epoch: "a" })).not.toBe(k1);
    expect(cache.key({ q: "band", locale: "nl" }, { version: 1, epoch: "b" })).not.toBe(k1);
    expect(cache.key({ q: "band ", locale: "nl" }, state)).not.toBe(k1);
    expect(cache.key({ q: "band", locale: "nl", kind: "drager" }, state)).not.toBe(k1);
    expect(cache.key({ q: "band", locale: "nl", limit: 20 }, state)).toBe(k1);
    const k2 = cache.key({ q: "vhs", locale: "nl" }, state);
    const k3 = cache.key({ q: "avg", locale: "nl" }, state);
    cache.set(k1, result(1));
    cache.set(k2, result(2));
    expect(cache.get(k1)?.total).toBe(1);
    cache.set(k3, result(3));
    expect(cache.get(k2)).toBeUndefined();
    expect(cache.get(k1)?.total).toBe(1);
    expect(new ResultCache(0).size).toBe(0);
  });
});

describe("text for the index and for snippets", () => {
  it("drops emphasis marks without leaving a space, and table rules altogether", () => {
    expect(markdownToText("verwerk je **persoonsgegevens**. En _dit_ ook, maar bestand_01 blijft.")).toBe(
      "verwerk je persoonsgegevens. En dit ook, maar bestand_01 blijft.",
    );
    // A lone asterisk is not emphasis: it does not glue numbers together.
    expect(markdownToText("5*3 en **vet**")).toBe("5 3 en vet");
    expect(markdownToText("| Valt eronder | Valt er niet onder |\n| --- | --- |\n| lp | radio |")).toBe(
      "Valt eronder Valt er niet onder lp radio",
    );
  });

  it("makes sentences of loose facts", () => {
    expect(sentences(["Herken aan de rand", "Koel bewaren.", "", null, "Wat nu?"])).toBe(
      "Herken aan de rand. Koel bewaren. Wat nu?",
    );
  });

  it("marks a snippet that starts or ends inside a sentence with an ellipsis", () => {
    const { start, stop } = HEADLINE_MARKERS;
    const text = "Eerste zin over film. Bewaar de band koel en droog in een doos. Laatste zin.";
    // Starts at a sentence and ends with one: as it is.
    expect(withEllipses(`Bewaar de ${start}band${stop} koel en droog in een doos.`, text)).toBe(
      `Bewaar de ${start}band${stop} koel en droog in een doos.`,
    );
    // Starts and ends inside the sentence.
    expect(withEllipses(`de ${start}band${stop} koel en droog`, text)).toBe(
      `… de ${start}band${stop} koel en droog …`,
    );
    // Two fragments: only the outer ends count; the end of the text needs no ellipsis.
    expect(withEllipses(`over ${start}film${stop}. … Laatste zin.`, text)).toBe(
      `… over ${start}film${stop}. … Laatste zin.`,
    );
    // Not found in the text (changed since): unchanged.
    expect(withEllipses("iets anders", text)).toBe("iets anders");
  });
});

describe("loosened queries for the body index", () => {
  it("makes phrases into AND and leaves stop words out of them", () => {
    expect(loosen("'open' <-> 'reel' | 'spoelband'")).toBe("'open' & 'reel' | 'spoelband'");
    expect(
      loosen(
        "'niet' <-> 'in' <-> 'de' <-> 'handel' <-> 'verkrijgbaar' | 'niet' <2> 'de' <-> 'handel' <-> 'verkrijgbaar'",
      ),
    ).toBe("'niet' & 'handel' & 'verkrijgbaar'");
    // A word on its own stays, even a stop word; so does an AND of stop words only.
    expect(loosen("'de' | 'of' <-> 'the'")).toBe("'de' | 'of' & 'the'");
    // Prefixes are not stop words; nested queries are only loosened.
    expect(loosen("'in':* & 'band'")).toBe("'in':* & 'band'");
    expect(loosen("('out' <-> 'of' <-> 'commerce') & 'band'")).toBe("('out' & 'of' & 'commerce') & 'band'");
  });
});

describe("suggestion", () => {
  it("replaces each corrected word by its best correction and keeps the rest as typed", () => {
    const fixes = new Map([
      ["plakerige", ["plakkerige", "plakker"]],
      ["umatik", ["umatic"]],
    ]);
    expect(suggestion("Plakerige  band", fixes)).toBe("plakkerige  band");
    expect(suggestion("umatik bakken ", fixes)).toBe("umatic bakken");
    expect(suggestion("gewone woorden", fixes)).toBeNull();
    // Punctuation around a word stays around its correction.
    expect(suggestion("plakerige, band", fixes)).toBe("plakkerige, band");
    expect(suggestion("umatik", new Map())).toBeNull();
  });
});
