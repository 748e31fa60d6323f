// Error pages and messages in the page's language (issue #17): the URL decides, also when the
// page could not be built because a loader failed. Through the real Express + Remix pipeline,
// on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { quoteField } from "#app/lib/csv.ts";
import { parseCsv } from "#app/modules/survey/csv.ts";
import type { Database } from "#db/client.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { person } from "#tests/support/factories.ts";
import { serveBuild, setupServerBuild } from "#tests/support/server-build.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

const serverBuild = setupServerBuild();

let database: Database;
let base: string;
let close: (() => Promise<void>) | undefined;
let member = "";
let admin = "";

beforeAll(async () => {
  database = await createTestDatabase();
  member = (await person(database.db, "member", "Mila Member")).cookie;
  admin = (await person(database.db, "admin", "Ada Admin")).cookie;
  ({ base, close } = await serveBuild(serverBuild(), database));
}, 180_000);
afterAll(async () => {
  await close?.();
  await database?.close();
});

async function page(url: string, cookie?: string) {
  const response = await fetch(base + url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: response.status, html: await response.text() };
}

/** The text between the first <h1> and </h1>. */
const heading = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];

describe("an error page in the page's language", () => {
  it("an address that does not exist: English at /en, Dutch at /", async () => {
    const english = await page("/en/bestaat-niet");
    expect(english.status).toBe(404);
    expect(english.html).toContain('<html lang="en"');
    expect(heading(english.html)).toBe("Page not found");
    expect(english.html).toContain("Go to the home page");
    // The thrown Response's text travels in the page's script data: English too.
    expect(english.html).toContain('\\"data\\",\\"Not found\\"');
    expect(english.html).not.toContain("Niet gevonden");
    const dutch = await page("/bestaat-niet");
    expect(dutch.status).toBe(404);
    expect(dutch.html).toContain('<html lang="nl"');
    expect(heading(dutch.html)).toBe("Pagina niet gevonden");
    expect(dutch.html).toContain('\\"data\\",\\"Niet gevonden\\"');
  });

  it("an article that does not exist (the route's loader refuses)", async () => {
    const english = await page("/en/kennisbank/bestaat-niet");
    expect(english.status).toBe(404);
    expect(english.html).toContain('<html lang="en"');
    expect(heading(english.html)).toBe("Page not found");
  });

  it("a staff page for a member: access denied, in English", async () => {
    const english = await page("/en/beheer", member);
    expect(english.status).toBe(403);
    expect(english.html).toContain('<html lang="en"');
    expect(heading(english.html)).toBe("Access denied");
    expect(english.html).not.toContain("Geen toegang");
  });

  it("the site's own loader fails (no database): the 500 page is still English at /en", async () => {
    const broken = await createTestDatabase({ separate: true });
    const cookie = (await person(broken.db, "member", "Bo Broken")).cookie;
    await broken.close();
    const server = await serveBuild(serverBuild(), broken);
    // The failure is logged on the server; that log is expected here.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await fetch(`${server.base}/en/kennisbank`, { headers: { cookie } });
      const html = await response.text();
      expect(response.status).toBe(500);
      expect(html).toContain('<html lang="en"');
      expect(heading(html)).toBe("Something went wrong");
      expect(html).toContain("<title>AV-Kennisnet</title>");
      expect(html).not.toContain("Er ging iets mis");
      const dutch = await fetch(`${server.base}/kennisbank`, { headers: { cookie } });
      const dutchHtml = await dutch.text();
      expect(dutchHtml).toContain('<html lang="nl"');
      expect(heading(dutchHtml)).toBe("Er ging iets mis");
      expect(logged).toHaveBeenCalled();
    } finally {
      await server.close();
    }
  });
});

/** The text of the page's list items, with React's escapes undone. */
const listItems = (html: string) =>
  [...html.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) =>
    (m[1] as string).replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&"),
  );

describe("the problems of a survey import in the page's language", () => {
  /**
   * The synthetic export, cut to two respondents, with an unknown column at the end, an
   * impossible year and a typo in an answer on the first.
   */
  function badSurvey(): string {
    const [header, first, second] = fixtureSurveyFile(SYNTHETIC)
      .split(/\r\n|\n|\r/)
      .map((line) => parseCsv(line, ",")[0]?.fields ?? []);
    const columns = header as string[];
    const row = [...(first as string[])];
    row[columns.indexOf("wave")] = "19";
    row[columns.indexOf("ooc_known")] = "Jaa";
    return [
      [...columns, "opmerking"],
      [...row, ""],
      [...(second as string[]), ""],
    ]
      .map((fields) => fields.map((field) => quoteField(field)).join(","))
      .join("\r\n");
  }

  async function check(prefix: "" | "/en") {
    const form = new FormData();
    form.append("intent", "controleren");
    form.append("bestand", new File([badSurvey()], "enquete.csv", { type: "text/csv" }));
    const response = await fetch(`${base}${prefix}/beheer/enquete?index`, {
      method: "POST",
      body: form,
      headers: { cookie: admin, origin: base },
      redirect: "manual",
    });
    return { status: response.status, html: await response.text() };
  }

  it("an admin imports a bad file on /en/beheer/enquete: the problems in English", async () => {
    const { status, html } = await check("/en");
    expect(status).toBe(400);
    expect(html).toContain('<html lang="en"');
    const items = listItems(html);
    expect(items).toContain('Line 1 (header): Column "opmerking" is unknown. Remove or rename this column.');
    expect(items).toContain(
      'Line 2, column "wave": "19" is not a valid year. Expected a year such as 2019, 2022 or 2024.',
    );
    expect(items).toContain(
      'Line 2, column "ooc_known": unknown answer "Jaa". Allowed: Ja, Nee. Did you mean "Ja"?',
    );
    expect(html).not.toMatch(/Regel \d|onbekend antwoord|Bedoelt u|geen geldig jaar/);
  });

  it("the same file on the Dutch page: the problems in Dutch, as before", async () => {
    const { status, html } = await check("");
    expect(status).toBe(400);
    expect(html).toContain('<html lang="nl"');
    const items = listItems(html);
    expect(items).toContain(
      'Regel 1 (kopregel): Kolom "opmerking" is onbekend. Verwijder of hernoem deze kolom.',
    );
    expect(items).toContain(
      'Regel 2, kolom "wave": "19" is geen geldig jaar. Verwacht een jaartal zoals 2019, 2022 of 2024.',
    );
    expect(items).toContain(
      'Regel 2, kolom "ooc_known": onbekend antwoord "Jaa". Toegestaan: Ja, Nee. Bedoelt u "Ja"?',
    );
  });
});
