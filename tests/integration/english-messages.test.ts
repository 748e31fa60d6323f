// Messages made outside the form schemas follow the page's language too (issue #17): the
// planner's row errors and its CSV answer, the source form, the problems of a knowledge-base
// import, revision statuses on the staff pages. Each is asked for on the Dutch and the English
// address; the Dutch text stays what it was.
import type { AppLoadContext } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorText } from "#app/lib/errors.ts";
import { upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { emptyCarrierFields } from "#app/modules/kennisbank/carrier-form.ts";
import {
  type EditFields,
  parseEditFields,
  resolveClaimInFields,
} from "#app/modules/kennisbank/edit-form.server.ts";
import { action as sourcesAction } from "#app/routes/beheer.bronnen._index.tsx";
import { action as surveyAction } from "#app/routes/beheer.enquete._index.tsx";
import { loader as revisionsLoader } from "#app/routes/beheer.kennisbank.$slug.tsx";
import { action as importAction } from "#app/routes/beheer.kennisbank.import.tsx";
import { loader as plannerLoader } from "#app/routes/dragers.planner.tsx";
import { loader as plannerCsv } from "#app/routes/dragers.planner[.]csv.ts";
import { loader as trendsCsv } from "#app/routes/trends[.]csv.ts";
import { loader as trendsJson } from "#app/routes/trends[.]json.ts";
import type { Database } from "#db/client.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { articleContent, system } from "#tests/support/factories.ts";
import { body, contextFor, get, ORIGIN, post, status } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
beforeEach(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
});
afterEach(async () => {
  await database?.close();
});

type Language = "nl" | "en";
const at = (language: Language, path: string) => (language === "en" ? `/en${path}` : path);

describe("messages in the page's language", () => {
  it("the planner: an error per row, and the CSV's refusal", async () => {
    const query = "?drager=laserdisk&aantal=0&duur=-5&staat=goed&drager=&aantal=2&duur=&staat=kapot";
    const errors = async (language: Language) =>
      (
        await plannerLoader({
          request: get(at(language, `/dragers/planner${query}`)),
          params: {},
          context,
        })
      ).errors;
    expect(await errors("nl")).toEqual({
      "drager-0": "Kies een drager uit de lijst.",
      "aantal-0": "Vul een heel getal van 1 of meer in, zoals 40.",
      "duur-0": "Vul de gemiddelde duur in minuten in (groter dan 0), of laat het leeg.",
      "drager-1": "Kies een drager.",
      "staat-1": "Kies goed, twijfelachtig of slecht.",
    });
    expect(await errors("en")).toEqual({
      "drager-0": "Choose a carrier from the list.",
      "aantal-0": "Enter a whole number of 1 or more, such as 40.",
      "duur-0": "Enter the average duration in minutes (greater than 0), or leave it empty.",
      "drager-1": "Choose a carrier.",
      "staat-1": "Choose good, doubtful or bad.",
    });
    const tooMany = await plannerLoader({
      request: get("/en/dragers/planner?drager=vhs&aantal=20000000"),
      params: {},
      context,
    });
    expect(tooMany.errors["aantal-0"]).toBe("Enter at most 1,000,000.");

    const csv = async (language: Language, q: string) => {
      const response = (await plannerCsv({
        request: get(at(language, `/dragers/planner.csv${q}`)),
        params: {},
        context,
      })) as Response;
      return [response.status, await response.text()];
    };
    expect(await csv("en", "?drager=&aantal=2&duur=&staat=goed")).toEqual([
      400,
      "The inventory has errors: Choose a carrier.\n",
    ]);
    expect(await csv("nl", "?drager=&aantal=2&duur=&staat=goed")).toEqual([
      400,
      "De inventaris bevat fouten: Kies een drager.\n",
    ]);
    expect((await csv("en", ""))[1]).toBe(
      "No inventory: fill in the planner at /en/dragers/planner and choose 'Download as CSV'.\n",
    );
  });

  it("the source form on /beheer/bronnen", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const add = async (language: Language) =>
      body<{ errors: Record<string, string> }>(
        await sourcesAction({
          request: post(
            at(language, "/beheer/bronnen"),
            {
              key: "Niet Goed!",
              title: "",
              url: "",
              where: "",
              kind: "",
              language: "",
              accessed: "gisteren",
            },
            { Cookie: moderator.cookie },
          ),
          params: {},
          context,
        }),
      ).errors;
    const dutch = await add("nl");
    expect(dutch.key).toBe(
      "Een bronsleutel bestaat uit kleine letters, cijfers, '-' en '.' (bijvoorbeeld iasa-tc05).",
    );
    expect(dutch.title).toBe("Vul een titel in (hooguit 300 tekens).");
    const english = await add("en");
    expect(english).toMatchObject({
      key: "A source key consists of lower-case letters, digits, '-' and '.' (for example iasa-tc05).",
      title: "Enter a title (at most 300 characters).",
      kind: "Choose a kind of source.",
      language: "Choose a language.",
      accessed: "A date such as 2026-12-04.",
    });
  });

  it("the problems of a knowledge-base import on /en/beheer/kennisbank/import", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const upload = async (language: Language) => {
      const form = new FormData();
      const file = (name: string, text: string) => form.append("files", new File([text], name));
      file("zonder-kop.md", "Alleen tekst, geen front matter.");
      file("leeg.md", "---\n- een\n- lijst\n---\nTekst.");
      file("velden.md", "---\nslug: Geen Slug\n---\nTekst.");
      file("plaatje.png", "PNG");
      const answer = await importAction({
        request: new Request(new URL(at(language, "/beheer/kennisbank/import"), ORIGIN), {
          method: "POST",
          body: form,
          headers: { Origin: ORIGIN, Cookie: moderator.cookie },
        }),
        params: {},
        context,
      });
      expect(status(answer)).toBe(400);
      return body<{ problems: { file: string; message: string }[] }>(answer).problems;
    };
    const english = await upload("en");
    expect(english).toEqual(
      expect.arrayContaining([
        { file: "plaatje.png", message: "Only .md files, or a .zip of .md files." },
        {
          file: "zonder-kop.md",
          message: "The file does not start with front matter between two '---' lines.",
        },
        { file: "leeg.md", message: "The front matter must contain fields (slug, title, ...)." },
      ]),
    );
    // A field the schema refuses: its name, then the schema's message in English.
    const fields = english.filter((p) => p.file === "velden.md").map((p) => p.message);
    expect(fields.length).toBeGreaterThan(0);
    for (const message of fields) expect(message).toMatch(/^[\w.]+: /);
    expect(fields.join(" ")).not.toMatch(/\b(Vul|Kies|moet|waarde)\b/);
    const dutch = await upload("nl");
    expect(dutch).toEqual(
      expect.arrayContaining([
        { file: "plaatje.png", message: "Alleen .md-bestanden of een .zip met .md-bestanden." },
        {
          file: "zonder-kop.md",
          message: "Het bestand begint niet met front matter tussen twee regels '---'.",
        },
      ]),
    );
  });

  it("the trend downloads: an unknown question, table or wave", async () => {
    const csv = async (path: string) => {
      const response = await trendsCsv({ request: get(path), params: {}, context });
      return [response.status, await response.text()];
    };
    expect(await csv("/en/trends.csv?vraag=bestaat-niet")).toEqual([
      404,
      "Unknown question. Choose a table through the download links on /en/trends.\n",
    ]);
    expect(await csv("/trends.csv?vraag=bestaat-niet")).toEqual([
      404,
      "Onbekende vraag. Kies een tabel via de downloadlinks op /trends.\n",
    ]);
    expect(await csv("/en/trends.csv?figuur=bestaat-niet")).toEqual([
      404,
      "Unknown figure. Choose a table through the download links on /en/trends.\n",
    ]);
    const json = await trendsJson({ request: get("/en/trends.json?wave=1900"), params: {}, context });
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: string }).error).toMatch(
      /^There are no figures for wave "1900"\. Available waves: /,
    );
  });

  it("the survey import without a file", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const send = async (language: Language, intent: string) => {
      const form = new FormData();
      form.append("intent", intent);
      return body<{ problems: string[] }>(
        await surveyAction({
          request: new Request(new URL(at(language, "/beheer/enquete"), ORIGIN), {
            method: "POST",
            body: form,
            headers: { Origin: ORIGIN, Cookie: moderator.cookie },
          }),
          params: {},
          context,
        }),
      ).problems;
    };
    expect(await send("en", "controleren")).toEqual(["Choose a CSV file with the survey export."]);
    expect(await send("nl", "controleren")).toEqual(["Kies een CSV-bestand met de enquête-export."]);
    expect(await send("en", "dansen")).toEqual(["Unknown action. Upload the file again."]);
  });

  it("the editor: its own checks, the fact box and a claim that moved", () => {
    const fields: EditFields = {
      locale: "nl",
      baseRevisionId: "x",
      title: "",
      summary: "Kort.",
      body: "Tekst met [@bestaat-niet].",
      topics: [],
      institutionTypes: [],
      needsReview: false,
      uncertain: "",
      sources: "",
      related: "",
      carrier: emptyCarrierFields(),
      note: "",
    };
    const check = (locale: Language) => {
      const parsed = parseEditFields(fields, "drager", new Map(), locale);
      if (parsed.ok) throw new Error("verwachtte fouten");
      return parsed.errors;
    };
    expect(check("nl")).toMatchObject({
      title: "Vul een titel in.",
      body: "Onbekende bron in de tekst: [@bestaat-niet]. Voeg de bron eerst toe aan de bronnenlijst.",
      form: "Ongeldige versie.",
      "carrier.names.nl": "Noem minstens één Nederlandse naam.",
      "carrier.playback": "Noem de afspeelapparatuur.",
    });
    expect(check("en")).toMatchObject({
      title: "Enter a title.",
      body: "Unknown source in the text: [@bestaat-niet]. Add the source to the source list first.",
      form: "Invalid version.",
      "carrier.names.nl": "Give at least one Dutch name.",
      "carrier.playback": "Name the playback equipment.",
      "carrier.degradationScore": "Choose a score from 1 to 5.",
    });
    const moved = resolveClaimInFields(fields, "body:0", "?", { remove: true }, new Map());
    expect(moved.ok).toBe(false);
    if (moved.ok) return;
    expect(errorText("en", moved.error)).toBe(
      "This claim is no longer in the text as it was. Look at the updated list.",
    );
    expect(errorText("nl", moved.error)).toBe(
      "Deze bewering staat niet meer zo in de tekst. Bekijk de bijgewerkte lijst.",
    );
  });

  it("revision statuses on the staff pages", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    await upsertPublishedContent(database.db, system, articleContent({ slug: "u-matic" }));
    const revisions = async (language: Language) =>
      (
        await revisionsLoader({
          request: get(at(language, "/beheer/kennisbank/u-matic"), { Cookie: moderator.cookie }),
          params: { slug: "u-matic" },
          context,
        })
      ).revisions.map((r) => r.statusText);
    expect(await revisions("en")).toContain("published");
    expect(await revisions("nl")).toContain("gepubliceerd");
  });
});
