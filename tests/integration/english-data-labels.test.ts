// Issue #17: data that is Dutch by origin, on English pages, through the real Express + Remix
// pipeline on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
// - /trends: institution types in English; a survey answer as asked in Dutch, marked lang="nl",
//   with its English gloss beside it in a table, and as the gloss alone where no markup is
//   possible (a chart's title and description, the SVG download, the CSV). The Dutch page is as
//   it was.
// - the planner's formats and the comparison's dimension sources in English; a moderator's own
//   wording stays as written, marked Dutch.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAssumptionBySlug } from "#app/modules/dragers/assumptions.ts";
import { saveAssumption } from "#app/modules/dragers/dragers.server.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import type { Database } from "#db/client.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { person } from "#tests/support/factories.ts";
import { serveBuild, setupServerBuild } from "#tests/support/server-build.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

const serverBuild = setupServerBuild();

let database: Database;
let base: string;
let close: (() => Promise<void>) | undefined;
let admin = "";

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  admin = (await person(database.db, "admin", "Alex Admin")).cookie;
  ({ base, close } = await serveBuild(serverBuild(), database));
}, 180_000);
afterAll(async () => {
  await close?.();
  await database?.close();
});

async function text(path: string, cookie?: string): Promise<string> {
  const response = await fetch(base + path, { headers: cookie ? { cookie } : {} });
  expect(response.status, path).toBe(200);
  // Without the comments React puts between adjacent texts.
  return (await response.text()).replace(/^\uFEFF/, "").replaceAll("<!-- -->", "");
}

const decode = (s: string) =>
  s.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&amp;", "&");

/** A chart's description (what a screen reader reads after its title). */
function description(html: string, chart: string): string {
  const match = new RegExp(`<desc id="${chart}-beschrijving">([^<]*)</desc>`).exec(html);
  expect(match, chart).not.toBeNull();
  return decode(match![1]!);
}

/** The labels drawn in a chart (its <text> elements), in order. */
function drawnLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!));
}

describe("/trends in English", () => {
  it("a fresh install: the report's publisher quoted in Dutch, the fieldwork in English, findings as translations", async () => {
    const html = await text("/en/trends");
    expect(html).toContain(
      '<span lang="nl">Panteia in opdracht van het Nederlands Instituut voor Beeld &amp; Geluid, in samenwerking met AVA_Net</span>',
    );
    expect(html).toContain("fieldwork December 2024 – April 2025");
    expect(html).toContain("The report&#x27;s findings, translated from the Dutch");
    expect(html).toContain("Figure 22: Policy on text and data mining by large language models (2024)");
    // The published Table 1 names the institution types in English.
    expect(description(html, "grafiek-tabel-1-0")).toContain("2024 (N = 96): Archive: 49%; Broadcaster: 8%");

    const dutch = await text("/trends");
    expect(dutch.replace(/<[^>]+>/g, "")).toContain(
      "(Panteia in opdracht van het Nederlands Instituut voor Beeld &amp; Geluid, in samenwerking met AVA_Net; veldwerk december 2024 – april 2025;",
    );
    expect(description(dutch, "grafiek-tabel-1-0")).toContain("2024 (N = 96): Archief: 49%; Omroep: 8%");
  });

  it("with respondent data: charts, SVG and CSV in English, tables with the Dutch answer and its gloss", async () => {
    const imported = await importSurveyFile(database.db, {
      fileName: SYNTHETIC,
      content: fixtureSurveyFile(SYNTHETIC),
      actorId: null,
      via: "cli",
    });
    expect(imported.ok).toBe(true);

    const html = await text("/en/trends");
    // Figure 1: stacked bars per institution type, answers "Minder dan 5%" … "Weet ik niet".
    const figure1 = description(html, "grafiek-figuur-1");
    expect(figure1).toContain("Archives: 2024 (N = 47): Less than 5%: 36%");
    expect(figure1).toContain("More than 75%: 6%; Don't know: 4%");
    expect(figure1).not.toMatch(/Minder|Meer dan|Weet ik/);
    // Table 1 computed: the types in English in the chart and in the table's header.
    const table1 = description(html, "grafiek-tabel-1-0");
    expect(table1).toContain("Archive: 43%; Broadcaster: 12%; Museum: 13%; Other: 11%; Unknown: 21%");
    expect(html).toMatch(
      /<th scope="col" class="[^"]*">Archive<\/th><th scope="col" class="[^"]*">Broadcaster<\/th>/,
    );
    // The figure's table: the answer as asked, marked Dutch, with the English gloss beside it.
    expect(html).toMatch(
      /<th scope="col" class="[^"]*"><span lang="nl">Minder dan 5%<\/span><span class="[^"]*"> \(Less than 5%\)<\/span><\/th>/,
    );
    expect(html).toMatch(
      /<span lang="nl">Weet ik niet<\/span><span class="[^"]*"> \(Don&#x27;t know\)<\/span>/,
    );
    // A number written the Dutch way is simply written the English way.
    expect(html).toMatch(/<th scope="col" class="[^"]*">101-1,000<\/th>/);
    // The per-wave detail: the chart in English, the table with the Dutch answer and its gloss.
    expect(description(html, "grafiek-ooc_known")).toMatch(/^N = \d+\. Yes: \d+%; No: \d+%\.$/);
    expect(html).toMatch(
      /<th scope="row" class="[^"]*"><span lang="nl">Ja<\/span><span class="[^"]*"> \(Yes\)<\/span><\/th>/,
    );

    // The Dutch page is unchanged: Dutch labels, no glosses, nothing marked.
    const dutch = await text("/trends");
    expect(description(dutch, "grafiek-figuur-1")).toContain("Archieven: 2024 (N = 47): Minder dan 5%: 36%");
    expect(description(dutch, "grafiek-tabel-1-0")).toContain("Archief: 43%; Omroep: 12%");
    expect(dutch).toMatch(/<th scope="col" class="[^"]*">Minder dan 5%<\/th>/);
    expect(dutch).not.toContain("Less than 5%");
    expect(dutch).not.toContain('<span lang="nl">Minder dan 5%');

    // The SVG download draws what the page draws, in the page's language.
    const svg = await text("/en/trends.svg?figuur=figuur-1");
    expect(drawnLabels(svg)).toEqual(expect.arrayContaining(["Less than 5%", "More than 75%", "Don't know"]));
    expect(svg).not.toMatch(/Minder dan|Weet ik niet/);
    const svgTable1 = await text("/en/trends.svg?figuur=tabel-1");
    expect(drawnLabels(svgTable1)).toEqual(
      expect.arrayContaining(["Archive", "Broadcaster", "Other", "Unknown"]),
    );
    expect(drawnLabels(await text("/trends.svg?figuur=figuur-1"))).toEqual(
      expect.arrayContaining(["Minder dan 5%", "Weet ik niet"]),
    );

    // The figure's CSV: English headers and labels at /en, Dutch ones otherwise.
    const csv = (await text("/en/trends.csv?figuur=tabel-1")).split("\r\n");
    expect(csv[0]).toBe(
      "Item,Wave,N,Archive (%),Broadcaster (%),Museum (%),Other (%),Unknown (%),Archive (count),Broadcaster (count),Museum (count),Other (count),Unknown (count)",
    );
    expect((await text("/trends.csv?figuur=tabel-1")).split("\r\n")[0]).toBe(
      "Onderdeel,Golf,N,Archief (%),Omroep (%),Museum (%),Overig (%),Onbekend (%),Archief (aantal),Omroep (aantal),Museum (aantal),Overig (aantal),Onbekend (aantal)",
    );
    const csv1 = (await text("/en/trends.csv?figuur=figuur-1")).split("\r\n")[0]!;
    expect(csv1).toContain("Less than 5% (%)");
    expect(csv1).toContain("Don't know (count)");
  });
});

describe("carrier data in English", () => {
  it("names the planner's default formats in English, a moderator's own wording as written (Dutch)", async () => {
    const english = await text("/en/dragers/planner");
    expect(english).toContain("ISO image (4.7 GB per disc)");
    expect(english).toContain("MP3 or AAC, 320 kbit/s");
    expect(english).not.toContain(">ISO-image (4,7 GB per schijf)<");
    // The default notes and sources too, with their links to the sources.
    expect(english).toContain("An RF capture takes 50-150 GB per disc (tbc-tools).");
    expect(english).toMatch(
      /<span>Target format for video: IASA TC-06 \(2019\) <\/span><a href="\/en\/bronnen\/iasa-tc06">\[iasa-tc06\]<\/a>/,
    );
    const dutch = await text("/dragers/planner");
    expect(dutch).toContain("ISO-image (4,7 GB per schijf)");
    expect(dutch).toContain("MP3 of AAC, 320 kbit/s");

    const moderator = await person(database.db, "moderator", "Mo Derator");
    await saveAssumption(
      database.db,
      { id: moderator.id },
      {
        ...defaultAssumptionBySlug.get("dvd-r")!,
        masterFormat: "ISO-image plus losse hoofdstukken",
        note: "Eerst de staat van de schijf noteren.",
      },
    );
    const changed = await text("/en/dragers/planner");
    expect(changed).toMatch(/<div lang="nl" class="[^"]*">ISO-image plus losse hoofdstukken<\/div>/);
    expect(changed).toMatch(/<span lang="nl" class="[^"]*">Eerst de staat van de schijf noteren\./);
    // The other carriers keep the default, in English.
    expect(changed).toContain("ISO image (4.7 GB per disc)");

    // The edit form holds the stored Dutch wording, marked as such.
    const form = await text("/en/beheer/dragers?drager=dvd-r", admin);
    expect(form).toMatch(
      /<input[^>]*name="masterFormat"[^>]*lang="nl"[^>]*value="ISO-image plus losse hoofdstukken"/,
    );
  });

  it("gives the comparison's dimension sources in English", async () => {
    const english = await text("/en/dragers/vergelijk?d=vhs&d=u-matic");
    expect(english).toContain("ISO/IEC 7810, format ID-1 (85.60 x 53.98 x 0.76 mm)");
    expect(english).toContain("Video-8 95 x 62.5 x 15 mm");
    const dutch = await text("/dragers/vergelijk?d=vhs&d=u-matic");
    expect(dutch).toContain("ISO/IEC 7810, formaat ID-1 (85,60 x 53,98 x 0,76 mm)");
  });
});
