// Content text in its own language (WCAG 3.1.2, issue #17): a title carries the `lang` of the
// version it comes from, and a Dutch name inside text of another language is marked Dutch.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ContentText } from "#app/components/content-text.tsx";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { nameParts } from "#app/modules/names.ts";

describe("nameParts", () => {
  it("finds the Dutch names, the longest first, only as whole words", () => {
    expect(nameParts("Signpost: having 16mm film digitised through Beeld & Geluid")).toEqual([
      { text: "Signpost: having 16mm film digitised through ", name: false },
      { text: "Beeld & Geluid", name: true },
    ]);
    expect(nameParts("A report for the Nederlands Instituut voor Beeld & Geluid, 2024")).toEqual([
      { text: "A report for the ", name: false },
      { text: "Nederlands Instituut voor Beeld & Geluid", name: true },
      { text: ", 2024", name: false },
    ]);
    expect(nameParts("Nationaal Archief and Beeld en Geluid")).toEqual([
      { text: "Nationaal Archief", name: true },
      { text: " and ", name: false },
      { text: "Beeld en Geluid", name: true },
    ]);
    // Part of a longer word is not the name.
    expect(nameParts("Beeld & Geluidsarchief")).toEqual([{ text: "Beeld & Geluidsarchief", name: false }]);
    expect(nameParts("")).toEqual([]);
  });
});

describe("ContentText", () => {
  it("gives the text its language and marks Dutch names in text of another language", () => {
    expect(renderToStaticMarkup(<ContentText text="Signpost: Beeld & Geluid for archives" lang="en" />)).toBe(
      '<span lang="en">Signpost: <span lang="nl">Beeld &amp; Geluid</span> for archives</span>',
    );
    // In Dutch text a Dutch name is nothing special.
    expect(renderToStaticMarkup(<ContentText text="Wegwijzer: Beeld & Geluid" lang="nl" />)).toBe(
      '<span lang="nl">Wegwijzer: Beeld &amp; Geluid</span>',
    );
    // Text of unknown language gets none.
    expect(renderToStaticMarkup(<ContentText text="Wikipedia: Video 2000" lang={undefined} />)).toBe(
      "<span>Wikipedia: Video 2000</span>",
    );
  });
});

describe("contentLang", () => {
  it("is the source's language; a source in several languages is registered in Dutch", () => {
    expect(["nl", "en", "fr", "de", "multi"].map(contentLang)).toEqual(["nl", "en", "fr", "de", "nl"]);
    expect(contentLang(null)).toBeUndefined();
    expect(contentLang("")).toBeUndefined();
  });
});
