import { beforeAll, describe, expect, it } from "vitest";
import { type Decompounder, dutchDecompounder } from "#search/decompound.ts";
import { meiliQueryText } from "#search/meilisearch.ts";

let dutch: Decompounder;
beforeAll(async () => {
  dutch = await dutchDecompounder();
});

describe("Dutch compound splitting", () => {
  it("splits the compounds archivists type into their smallest parts", () => {
    const leaves = (word: string) => dutch.split(word)?.leaves;
    expect(leaves("geluidsbanden")).toEqual(["geluid", "banden"]);
    expect(leaves("filmrestauratie")).toEqual(["film", "restauratie"]);
    expect(leaves("videobandrecorder")).toEqual(["video", "band", "recorder"]);
    expect(leaves("magneetbandschimmel")).toEqual(["magneet", "band", "schimmel"]);
    expect(leaves("nitraatfilmopslag")).toEqual(["nitraat", "film", "opslag"]);
    expect(leaves("bandrecorderonderhoud")).toEqual(["band", "recorder", "onderhoud"]);
  });

  it("reads the linking -s-, -e- and -en-, and does not invent one", () => {
    expect(dutch.split("archiefstuk")?.leaves).toEqual(["archief", "stuk"]);
    expect(dutch.split("geluidsband")?.leaves).toEqual(["geluid", "band"]);
    expect(dutch.split("bandenopslag")?.leaves).toEqual(["banden", "opslag"]);
    // film + ensemble, not film + en + "semble".
    expect(dutch.split("filmensemble")?.leaves).toEqual(["film", "ensemble"]);
  });

  it("keeps every level of parts for the index", () => {
    expect(dutch.split("videobandrecorder")?.parts.sort()).toEqual(
      expect.arrayContaining(["band", "recorder", "video"]),
    );
    expect(dutch.split("magneetbandschimmel")?.parts).toEqual(
      expect.arrayContaining(["magneetband", "schimmel", "magneet", "band"]),
    );
  });

  it("leaves alone words that are not compounds, short words and words led by a preposition", () => {
    for (const word of [
      "schimmel",
      "restauratie",
      "standaard",
      "voorbeeld",
      "onderzoek",
      "band",
      "u-matic",
    ]) {
      expect(dutch.split(word), word).toBeNull();
    }
  });

  it("lists the parts of every compound in a text, accents and capitals folded", () => {
    const parts = dutch
      .partsOfText("Geluidsbanden en één Magneetband-opslag; gewone woorden blijven weg.")
      .split(" ");
    expect(parts).toEqual(expect.arrayContaining(["geluid", "banden", "magneet", "band", "opslag"]));
    expect(parts).not.toContain("gewone");
  });
});

describe("Meilisearch query text", () => {
  it("puts a Dutch compound's parts before it, and leaves English, quotes and exclusions alone", () => {
    expect(meiliQueryText("geluidsbanden bakken", "nl", dutch)).toBe("geluid banden geluidsbanden bakken");
    expect(meiliQueryText("geluidsbanden", "en", dutch)).toBe("geluidsbanden");
    expect(meiliQueryText('"geluidsbanden"', "nl", dutch)).toBe('"geluidsbanden"');
    expect(meiliQueryText("band -geluidsbanden", "nl", dutch)).toBe("band -geluidsbanden");
  });
});
