// Every page in English (issue #17, decision 020): each route answers at /en/… with
// `lang="en"`, an English <title>, `hreflang` links to both languages, and no Dutch interface
// words, through the real Express + Remix pipeline on a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL), with the seed content and the synthetic survey, as a visitor, a member and
// an administrator would see them.
//
// "Dutch interface words" are computed, not listed: every word of the Dutch dictionary
// (app/i18n/nl.ts) that no English message uses. Content that is Dutch by nature (an article
// without an English version, a Dutch source title, a survey item quoted as asked) must be marked
// `lang="nl"`, as WCAG 3.1.2 asks; this test skips such parts and reads everything else, including
// the labels a screen reader reads (aria-label, alt, title, placeholder). Authored text in the
// page's own language (an English article's body, a search snippet of it, marked `prose-article`
// or `data-content`) may name Dutch institutions and is not read.

import { readdirSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import { nl } from "#app/i18n/nl.ts";
import { planSession } from "#app/modules/intervisie/sessions/planning.server.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { createRound } from "#app/modules/survey/pulse.server.ts";
import type { Database } from "#db/client.server.ts";
import { seed } from "#db/seed/index.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, joinGroup, memberOfNew, person } from "#tests/support/factories.ts";
import { serveBuild, setupServerBuild } from "#tests/support/server-build.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

const serverBuild = setupServerBuild();

// ---------------------------------------------------------------------------------------------
// The Dutch words to look for

type Message = string | Readonly<Record<string, string>>;
const texts = (dictionary: Readonly<Record<string, Message>>) =>
  Object.values(dictionary).flatMap((m) => (typeof m === "string" ? [m] : Object.values(m)));
const wordsOf = (text: string) =>
  (
    text
      .replace(/\{\w+\}/g, " ")
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*[\p{L}\p{N}]/gu) ?? []
  ).map((w) => w.replace(/’/g, "'"));
const englishWords = new Set(texts(en).flatMap(wordsOf));
/**
 * Dutch words that are also English words an English page may use in its own right (in English
 * content, names or place names); these say nothing about a leaked Dutch text.
 */
const alsoEnglish = new Set([
  "over",
  "door",
  "want",
  "hand",
  "band",
  "banden",
  "film",
  "test",
  "data",
  "open",
]);
const dutchWords = new Set(
  texts(nl)
    .flatMap(wordsOf)
    // A word has letters; digits belong to it ("16mm-film", a key such as "boek9-aw-20").
    .filter((w) => w.length >= 4 && /\p{L}/u.test(w) && !englishWords.has(w) && !alsoEnglish.has(w)),
);

// ---------------------------------------------------------------------------------------------
// What a reader sees on a page

const voidTags = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const readAttributes = ["aria-label", "alt", "title", "placeholder"];

/**
 * The page's readable text outside `lang="nl"` parts, scripts and rendered article bodies (an
 * English article may name Dutch institutions; its words are the author's, not the interface's),
 * and its <title> without the words of parts marked as another language (a Dutch source's title).
 */
function readable(html: string): { text: string; title: string } {
  const stack: { name: string; skip: boolean }[] = [];
  let text = "";
  let title = "";
  const foreign: string[] = [];
  const skipping = () => stack.some((s) => s.skip);
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const lang = attribs.lang;
        const other = lang !== undefined && !lang.startsWith("en");
        if (other) foreign.push("");
        const skip =
          other ||
          name === "script" ||
          name === "style" ||
          name === "template" ||
          /\bprose-article\b/.test(attribs.class ?? "") ||
          attribs["data-content"] !== undefined;
        if (!voidTags.has(name)) stack.push({ name, skip });
        if (!(skip || skipping())) {
          for (const attribute of readAttributes) if (attribs[attribute]) text += ` ${attribs[attribute]} `;
          if (name === "input" && (attribs.type === "submit" || attribs.type === "button") && attribs.value)
            text += ` ${attribs.value} `;
        }
      },
      ontext(data) {
        if (stack.some((s) => s.skip) && foreign.length) foreign[foreign.length - 1] += data;
        if (skipping()) return;
        // The <title> is read on its own (below, without the words of parts marked as another
        // language), not a second time as text, where a Dutch report's name in it would count.
        if (stack.at(-1)?.name === "title") {
          title += data;
          return;
        }
        text += data;
      },
      onclosetag(name) {
        if (voidTags.has(name)) return;
        const at = stack.map((s) => s.name).lastIndexOf(name);
        if (at >= 0) stack.splice(at);
        text += " ";
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  for (const part of foreign.map((f) => f.trim()).filter(Boolean)) title = title.replace(part, "");
  // Addresses are not words of the interface.
  text = text.replace(/\S+@\S+|https?:\/\/\S+/g, " ");
  return { text, title };
}

/** The Dutch interface words in a text, each with a little context to find it by. */
function dutchIn(text: string): string[] {
  const found: string[] = [];
  const normal = text.replace(/\s+/g, " ");
  for (const match of normal.matchAll(/[\p{L}\p{N}][\p{L}\p{N}’'-]*[\p{L}\p{N}]/gu)) {
    const word = match[0].toLowerCase().replace(/’/g, "'");
    if (dutchWords.has(word)) {
      const at = match.index ?? 0;
      found.push(`${match[0]} («${normal.slice(Math.max(0, at - 30), at + match[0].length + 30).trim()}»)`);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The site, with content, a survey, an institution, a group with a session and a pulse round

let database: Database;
let base: string;
let close: (() => Promise<void>) | undefined;
const cookies: Record<"member" | "admin", string> = { member: "", admin: "" };
const ids = { group: 0, session: 0, institution: 0, round: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  const imported = await importSurveyFile(database.db, {
    fileName: SYNTHETIC,
    content: fixtureSurveyFile(SYNTHETIC),
    actorId: null,
    via: "cli",
  });
  expect(imported.ok).toBe(true);
  // Names a reader could find in English too (names are not translated).
  const member = { ...(await memberOfNew(database.db, "Harbour Film Archive")), role: "member" as const };
  cookies.member = member.cookie;
  ids.institution = member.institutionId;
  const admin = await person(database.db, "admin", "Alex Admin");
  cookies.admin = admin.cookie;
  ids.group = await createGroup(database.db, { name: "Small Archives North", institutionType: "archief" });
  await joinGroup(database.db, ids.group, member, "facilitator");
  ids.session = await planSession(database.db, member, ids.group, {
    title: "Reel-to-reel tapes",
    startsAt: new Date(Date.now() + 7 * 24 * 3_600_000),
    durationMinutes: 90,
    onlineUrl: "https://meet.example.org/north",
    address: null,
    method: "vijfstappen",
    capacity: 6,
  });
  ids.round = await createRound(database.db, admin.id, { title: "Spring pulse", columns: ["ooc_known"] });

  ({ base, close } = await serveBuild(serverBuild(), database));
}, 180_000);
afterAll(async () => {
  await close?.();
  await database?.close();
});

// ---------------------------------------------------------------------------------------------
// Every route: the page to read, and who reads it

type Who = "anonymous" | "member" | "admin";
type Page = { path: () => string; who: Who; status?: number };
const page = (path: string | (() => string), who: Who = "anonymous", status = 200): Page => ({
  path: typeof path === "string" ? () => path : path,
  who,
  status,
});

/** Each route file's page(s), or why it has no page to read. */
const routes: Record<string, Page[] | { notAPage: string }> = {
  _index: [page("/")],
  $: [page("/bestaat-niet", "anonymous", 404)],
  inloggen: [page("/inloggen")],
  registreren: [page("/registreren")],
  "wachtwoord-vergeten": [page("/wachtwoord-vergeten")],
  "wachtwoord-herstellen": [page("/wachtwoord-herstellen?token=onbekend")],
  "kennisbank._index": [page("/kennisbank"), page("/kennisbank?q=umatic"), page("/kennisbank?q=zzzqqq")],
  "kennisbank.$slug": [
    page("/kennisbank/u-matic"),
    page("/kennisbank/u-matic", "member"),
    // Without an English version: the Dutch article in the English page.
    page("/kennisbank/praktijk-uitbesteden"),
  ],
  "kennisbank.$slug_.bewerken": [page("/kennisbank/u-matic/bewerken", "member")],
  "dragers._index": [page("/dragers")],
  "dragers.herkennen": [page("/dragers/herkennen")],
  "dragers.planner": [page("/dragers/planner"), page("/dragers/planner", "member")],
  "dragers.planner_.afdrukken": [page("/dragers/planner/afdrukken")],
  "dragers.samenwerken": [page("/dragers/samenwerken"), page("/dragers/samenwerken", "member")],
  "dragers.vergelijk": [page("/dragers/vergelijk?d=vhs&d=u-matic")],
  "intervisie._index": [page("/intervisie"), page("/intervisie", "member")],
  "trends._index": [page("/trends")],
  bronnen: [page("/bronnen")],
  "bronnen_.$key": [page("/bronnen/trendmonitor-2024")],
  "account._index": [page("/account", "member")],
  "account.tweede-factor": [page("/account/tweede-factor", "member")],
  meldingen: [page("/meldingen", "member")],
  "instelling._index": [page("/instelling", "member")],
  "instelling.zelfevaluatie": [page("/instelling/zelfevaluatie", "member")],
  "instelling.peiling.$id": [page(() => `/instelling/peiling/${ids.round}`, "member")],
  "instellingen.$id": [page(() => `/instellingen/${ids.institution}`, "member")],
  "intervisie.deelnemen": [page("/intervisie/deelnemen", "member")],
  "intervisie.agenda": [page("/intervisie/agenda", "member")],
  "intervisie.groepen._index": [page("/intervisie/groepen", "member")],
  "intervisie.groepen.$id": [page(() => `/intervisie/groepen/${ids.group}`, "member")],
  "intervisie.groepen.$id_.sessies.nieuw": [
    page(() => `/intervisie/groepen/${ids.group}/sessies/nieuw`, "member"),
  ],
  "intervisie.sessies.$id": [page(() => `/intervisie/sessies/${ids.session}`, "member")],
  "beheer._index": [page("/beheer", "admin")],
  "beheer.instellingen": [page("/beheer/instellingen", "admin")],
  "beheer.gebruikers": [page("/beheer/gebruikers", "admin")],
  "beheer.kennisbank._index": [page("/beheer/kennisbank", "admin")],
  "beheer.kennisbank.$slug": [page("/beheer/kennisbank/u-matic", "admin")],
  "beheer.kennisbank.import": [page("/beheer/kennisbank/import", "admin")],
  "beheer.kennisbank.controles": [page("/beheer/kennisbank/controles", "admin")],
  "beheer.kennisbank.te-controleren": [page("/beheer/kennisbank/te-controleren", "admin")],
  "beheer.bronnen._index": [page("/beheer/bronnen", "admin")],
  "beheer.bronnen.$key": [page("/beheer/bronnen/trendmonitor-2024", "admin")],
  "beheer.enquete._index": [page("/beheer/enquete", "admin")],
  "beheer.enquete.koppelen": [page("/beheer/enquete/koppelen", "admin")],
  "beheer.peilingen": [page("/beheer/peilingen", "admin")],
  "beheer.dragers": [page("/beheer/dragers", "admin")],
  "beheer.intervisie._index": [page("/beheer/intervisie", "admin")],
  "beheer.intervisie_.beoordelingen": [page("/beheer/intervisie/beoordelingen", "admin")],
  "beheer.intervisie.voorstel.$id": {
    notAPage:
      "needs a matching run of real participants; its texts are the matcher's (tests/integration/intervisie.test.ts)",
  },
  "inloggen_.code": { notAPage: "only between password and code; tests/e2e/second-factor.test.ts reads it" },
  healthz: { notAPage: "plain text for monitoring" },
  taal: { notAPage: "a redirect (tests/integration/shell.test.ts)" },
  uitloggen: { notAPage: "a redirect" },
  "api.search": { notAPage: "JSON" },
  "account.gegevens": { notAPage: "a JSON download" },
  "trends[.]json": { notAPage: "JSON" },
  "trends[.]csv": { notAPage: "CSV; its English headers: tests/integration/account-language.test.ts" },
  "trends[.]svg": { notAPage: "an image; its labels follow the figure's language" },
  "dragers.planner[.]csv": { notAPage: "CSV; its English headers: tests/unit/language-exports.test.ts" },
  "agenda.$token[.]ics": { notAPage: "a calendar in its owner's language (account-language.test.ts)" },
  "intervisie.sessies.$id[.]ics": { notAPage: "a calendar (account-language.test.ts)" },
  "kennisbank.$slug_.sjabloon.$nr": { notAPage: "a Markdown template download (templates.test.ts)" },
  "beheer.kennisbank.export": { notAPage: "a zip download" },
};

const routesDir = path.resolve("app/routes");
const routeIds = readdirSync(routesDir, { withFileTypes: true }).flatMap((entry) => {
  if (entry.isDirectory()) {
    return readdirSync(path.join(routesDir, entry.name)).some((f) => /^route\.tsx?$/.test(f))
      ? [entry.name]
      : [];
  }
  return /\.tsx?$/.test(entry.name) && !/\.test\./.test(entry.name)
    ? [entry.name.replace(/\.tsx?$/, "")]
    : [];
});

async function fetchPage(url: string, who: Who) {
  const cookie = who === "anonymous" ? undefined : cookies[who];
  const response = await fetch(base + url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { response, html: await response.text() };
}

describe("every page in English", () => {
  it("has a page (or a reason) for every route file", () => {
    expect(
      routeIds.filter((id) => !(id in routes)),
      "routes without an entry",
    ).toEqual([]);
    expect(
      Object.keys(routes).filter((id) => !routeIds.includes(id)),
      "entries for routes that are gone",
    ).toEqual([]);
    // The computed word list is long enough to mean something, and has the obvious ones.
    expect(dutchWords.size).toBeGreaterThan(500);
    for (const word of ["inloggen", "opslaan", "bijeenkomst", "zoeken"])
      expect(dutchWords.has(word), word).toBe(true);
  });

  it("an English guide names a related guide in the language the reader will get it in", async () => {
    const { html } = await fetchPage("/en/kennisbank/u-matic", "anonymous");
    // The link in the list of related guides (the body may link to it too, in its own words).
    const related = (slug: string) =>
      html
        .slice(html.indexOf('id="gerelateerd"'))
        .match(new RegExp(`<a[^>]*href="/en/kennisbank/${slug}"[^>]*>(.*?)</a>`))?.[0] ?? "";
    // No English version: the Dutch title, marked Dutch for a screen reader.
    expect(related("praktijk-uitbesteden")).toContain('lang="nl"');
    expect(related("praktijk-uitbesteden")).toContain(
      ">Digitalisering uitbesteden: van inventaris tot oplevering<",
    );
    // An English version: its English title.
    expect(related("vhs")).toContain('lang="en"');
    expect(related("vhs")).toContain(">VHS (including S-VHS and VHS-C)<");
  });

  const pages = Object.entries(routes).flatMap(([id, entry]) =>
    Array.isArray(entry) ? entry.map((p) => ({ id, ...p })) : [],
  );
  for (const { id, path: pathOf, who, status } of pages) {
    it(`${id} ${pathOf()} (${who}): English at /en, Dutch at /, hreflang both ways`, async () => {
      const dutchPath = pathOf();
      const englishPath = `/en${dutchPath === "/" ? "" : dutchPath}`;
      const english = await fetchPage(englishPath, who);
      expect(english.response.status, englishPath).toBe(status);
      expect(english.html).toContain('<html lang="en"');
      const { text, title } = readable(english.html);
      expect(title.trim(), `${englishPath}: <title>`).not.toBe("");
      expect(dutchIn(title), `${englishPath}: Dutch in <title> "${title}"`).toEqual([]);
      const found = dutchIn(text);
      if (process.env.SHOW_DUTCH) console.log(englishPath, found.length, found.slice(0, 6));
      expect(found, `${englishPath}: Dutch interface words`).toEqual([]);
      const [pathname, query] = dutchPath.split("?");
      const search = query ? `?${query}` : "";
      const english$ = `/en${pathname === "/" ? "" : pathname}${search}`;
      expect(english.html).toContain(`hrefLang="nl" href="${base}${dutchPath}"`.replaceAll("&", "&amp;"));
      expect(english.html).toContain(`hrefLang="en" href="${base}${english$}"`.replaceAll("&", "&amp;"));

      const dutch = await fetchPage(dutchPath, who);
      expect(dutch.response.status, dutchPath).toBe(status);
      expect(dutch.html).toContain('<html lang="nl"');
      expect(dutch.html).toContain(`hrefLang="en" href="${base}${english$}"`.replaceAll("&", "&amp;"));
    });
  }
});

describe("content in its own language on English staff pages", () => {
  /** The opening tag of the form control with this id. */
  const control = (html: string, id: string) =>
    html.match(new RegExp(`<(?:input|textarea)\\b[^>]*\\bid="${id}"[^>]*>`))?.[0] ?? "";

  it("the editor's fields carry the language of the version edited; its labels stay English", async () => {
    // A member edits the Dutch version (the default) on the English page.
    const dutch = await fetchPage("/en/kennisbank/u-matic/bewerken", "member");
    expect(dutch.response.status).toBe(200);
    for (const id of ["veld-title", "veld-summary", "veld-body", "veld-carrier-recognition"])
      expect(control(dutch.html, id), id).toContain('lang="nl"');
    expect(dutch.html).toMatch(/<label for="veld-body"[^>]*>Text \(Markdown\)<\/label>/);
    // The carrier's names in English are English, whichever version is edited.
    expect(control(dutch.html, "veld-carrier-names-en")).toContain('lang="en"');
    // The English version: the same fields, in English.
    const english = await fetchPage("/en/kennisbank/u-matic/bewerken?taal=en", "member");
    expect(english.response.status).toBe(200);
    expect(control(english.html, "veld-body")).toContain('lang="en"');
  });

  it("the revisions page names statuses in English and marks a Dutch source's title", async () => {
    const { response, html } = await fetchPage("/en/beheer/kennisbank/u-matic", "admin");
    expect(response.status).toBe(200);
    expect(html).toMatch(/<td[^>]*>published<\/td>/);
    expect(html).not.toContain("gepubliceerd");
    expect(html).toContain('<span lang="nl">Nationaal Archief: Magnetische dragers</span>');
  });

  it("the survey's respondents are Dutch data, their type in English", async () => {
    const { response, html } = await fetchPage("/en/beheer/enquete/koppelen", "admin");
    expect(response.status).toBe(200);
    // The name as the survey has it, then its type.
    const entry = html.match(/<h3[^>]*>Archief 001 \(synthetisch\)<\/h3><p[^>]*>[^<]*/)?.[0] ?? "";
    expect(entry).toContain('lang="nl"');
    expect(entry).toMatch(/>Archive$/);
  });
});
