import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { seedSources } from "#app/modules/kennisbank/sources.server.ts";
import {
  type RegistrySource,
  registrySourceSchema,
  SOURCES_PER_PAGE,
} from "#app/modules/kennisbank/sources.ts";
import type { Database } from "#db/client.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { articleContent, system } from "#tests/support/factories.ts";
import { serveBuild, setupServerBuild } from "#tests/support/server-build.ts";

const serverBuild = setupServerBuild();

// More than two pages of sources; the cited one sorts last by title, so it is not on page 1.
const filler: RegistrySource[] = Array.from({ length: 2 * SOURCES_PER_PAGE + 5 }, (_, i) =>
  registrySourceSchema.parse({
    key: `vulbron-${i}`,
    title: `Handleiding nummer ${String(i).padStart(3, "0")}`,
    where: "Bibliotheek",
    kind: "manual",
    language: "nl",
  }),
);
const cited = registrySourceSchema.parse({
  key: "iso-18923",
  title: "Zuurgraad van polyesterband, opslagpraktijk",
  publisher: "ISO",
  year: "2000",
  where: "ISO-norm 18923:2000, in te zien in een universiteitsbibliotheek",
  kind: "standard",
  language: "en",
});
const sector = registrySourceSchema.parse({
  key: "kenjedrager",
  title: "Ken je drager?",
  url: "https://www.kenjedrager.be/",
  kind: "website",
  language: "nl",
  sector: true,
  description: "Herkenningsgids voor audiovisuele dragers.",
});

let database: Database;
let base: string;
let close: (() => Promise<void>) | undefined;
// The tests only read: one database and one server for all of them.
beforeAll(async () => {
  database = await createTestDatabase();
  await seedSources(database.db, new Map([...filler, cited, sector].map((s) => [s.key, s])));
  await upsertPublishedContent(
    database.db,
    system,
    articleContent({
      body: "## Opslag\n\nBewaar polyesterband niet kouder dan 8 °C [@iso-18923, §5.2]. Herkennen: [@kenjedrager].",
      sources: [{ key: "iso-18923", title: cited.title }],
    }),
  );
  // A guide in both languages that cites the same source; its English title names a Dutch
  // institution.
  for (const [locale, title] of [
    ["nl", "Wegwijzer: Beeld & Geluid voor kleinere collecties"],
    ["en", "Signpost: Beeld & Geluid for smaller collections"],
  ] as const) {
    await upsertPublishedContent(
      database.db,
      system,
      articleContent({
        slug: "wegwijzer-proef",
        kind: "wegwijzer",
        locale,
        title,
        body: "## Opslag\n\nZie de norm [@iso-18923].",
        sources: [{ key: "iso-18923", title: cited.title }],
      }),
    );
  }
  ({ base, close } = await serveBuild(serverBuild(), database));
});
afterAll(async () => {
  await close?.();
  await database?.close();
});

async function page(path: string) {
  const response = await fetch(base + path, { headers: { "Accept-Language": "nl" } });
  return { status: response.status, text: await response.text() };
}

/** The entries of a list page: the ids of its list items. */
const entriesOf = (html: string) => [...html.matchAll(/<li id="bron-([^"]+)"/g)].map((m) => m[1]);

describe("/bronnen", () => {
  it("a citation link in an article lands on a page that shows that source and the guide citing it", async () => {
    const article = await page("/kennisbank/proefartikel");
    expect(article.status).toBe(200);
    // The notes' links to their sources (the menu's link to /bronnen aside).
    const links = [...new Set([...article.text.matchAll(/href="(\/bronnen\/[^"]*)"/g)].map((m) => m[1]!))];
    expect(links.sort()).toEqual(["/bronnen/iso-18923", "/bronnen/kenjedrager"]);
    for (const [link, source] of [
      ["/bronnen/iso-18923", cited],
      ["/bronnen/kenjedrager", sector],
    ] as const) {
      const landed = await page(link);
      expect(landed.status).toBe(200);
      expect(landed.text).toContain(`<h1`);
      expect(landed.text).toContain(source.title.replace("?", ""));
      expect(landed.text).toContain('href="/kennisbank/proefartikel"');
    }
    const iso = await page("/bronnen/iso-18923");
    expect(iso.text).toContain("ISO-norm 18923:2000");
    // From there back to the list, at the page that holds it.
    expect(iso.text).toContain('href="/bronnen?bron=iso-18923#bron-iso-18923"');
    const inList = await page("/bronnen?bron=iso-18923");
    expect(entriesOf(inList.text)).toContain("iso-18923");
    expect(inList.text).toContain('aria-current="page" aria-label="Pagina 3"');
  });

  it("lists a page at a time, the sector's first, with pages, kinds and a search that work without JavaScript", async () => {
    const first = await page("/bronnen");
    expect(first.status).toBe(200);
    const entries = entriesOf(first.text);
    expect(entries).toHaveLength(SOURCES_PER_PAGE);
    expect(entries[0]).toBe("kenjedrager");
    expect(entries).not.toContain("iso-18923");
    expect(first.text).toContain(`${2 * SOURCES_PER_PAGE + 7} bronnen`);
    expect(first.text).toContain('href="/bronnen?pagina=2"');
    expect(first.text).toMatch(/<form[^>]*method="get"[^>]*action="\/bronnen"/);
    expect(first.text).toMatch(/<label[^>]*for="bronnen-q"/);
    const last = await page("/bronnen?pagina=3");
    expect(entriesOf(last.text)).toEqual([
      ...filler.slice(2 * SOURCES_PER_PAGE - 1).map((s) => s.key),
      "iso-18923",
    ]);
    // Beyond the last page: the last page; nonsense: the first.
    expect(entriesOf((await page("/bronnen?pagina=99")).text)).toEqual(entriesOf(last.text));
    expect(entriesOf((await page("/bronnen?pagina=abc")).text)).toEqual(entries);
    // Searching ignores case and accents and needs every word.
    expect(entriesOf((await page("/bronnen?q=POLYËSTERBAND%20opslag")).text)).toEqual(["iso-18923"]);
    expect(entriesOf((await page("/bronnen?soort=standard")).text)).toEqual(["iso-18923"]);
    const none = await page("/bronnen?q=bestaatniet");
    expect(entriesOf(none.text)).toEqual([]);
    expect(none.text).toContain("Geen bronnen gevonden voor ‘bestaatniet’.");
  });

  it("on the English page, a citing guide's title is in its own language, with the Dutch marked", async () => {
    const english = await page("/en/bronnen/iso-18923");
    expect(english.status).toBe(200);
    const linkTo = (html: string, href: string) =>
      html.match(new RegExp(`<a[^>]*href="${href}"[^>]*>.*?</a>`))?.[0];
    // A guide without an English version: its Dutch title, marked Dutch for a screen reader.
    const dutchOnly = linkTo(english.text, "/en/kennisbank/proefartikel");
    expect(dutchOnly).toContain('lang="nl"');
    expect(dutchOnly).toContain("Proefartikel over opslag");
    // A guide with one: its English title, with the institution's Dutch name marked as such.
    const translated = linkTo(english.text, "/en/kennisbank/wegwijzer-proef");
    expect(translated).toContain('lang="en"');
    expect(translated).toContain(
      'Signpost: <span lang="nl">Beeld &amp; Geluid</span> for smaller collections',
    );
    expect(english.text).not.toContain("Wegwijzer: Beeld &amp; Geluid voor kleinere collecties");
    // Where to find it is the moderators' Dutch; the title and publisher are the source's English.
    expect(english.text).toContain('<dd lang="nl">ISO-norm 18923:2000');
    expect(english.text).toContain('<span lang="en">ISO</span>');
    // On the Dutch page, the Dutch title, and no name marked inside Dutch text.
    const dutch = await page("/bronnen/iso-18923");
    const dutchLink = linkTo(dutch.text, "/kennisbank/wegwijzer-proef");
    expect(dutchLink).toContain('lang="nl"');
    expect(dutchLink).toContain(">Wegwijzer: Beeld &amp; Geluid voor kleinere collecties</a>");
  });

  it("an unknown source is a 404", async () => {
    expect((await page("/bronnen/bestaat-niet")).status).toBe(404);
    expect((await page("/bronnen/%3Cscript%3E")).status).toBe(404);
  });
});
