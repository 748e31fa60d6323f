// Property-based tests of the survey importer (app/modules/survey/import.server.ts) against a
// real database: random and garbled files never make it throw (it answers with a Dutch problem
// report), a refused file stores nothing, and what it does store is text that pages show
// escaped, never markup. Runs are kept modest (fast-check, fixed seeds) so the suite stays fast.

import { sql } from "drizzle-orm";
import fc from "fast-check";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteField } from "#app/lib/csv.ts";
import {
  formatSurveyError,
  type ImportResult,
  importSurveyFile,
  previewUpload,
} from "#app/modules/survey/import.server.ts";
import SurveyImport, { loader as importLoader } from "#app/routes/beheer.enquete._index.tsx";
import LinkRespondents, { loader as linkLoader } from "#app/routes/beheer.enquete.koppelen.tsx";
import { type Database, rowsOf } from "#db/client.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { elementsOf } from "#tests/support/html.ts";
import { contextFor, get } from "#tests/support/remix.ts";
import { fixtureSurveyFile, SYNTHETIC, surveyCsv } from "#tests/support/survey.ts";

const synthetic = fixtureSurveyFile(SYNTHETIC);
const syntheticLines = synthetic.replace(/\r?\n$/, "").split(/\r?\n/);
const header = syntheticLines[0] as string;
const body = syntheticLines.slice(1);

let database: Database;
let moderator: Awaited<ReturnType<typeof userWithSession>>;

beforeAll(async () => {
  database = await createTestDatabase();
  moderator = await userWithSession(database.db, "moderator");
  // A database that already holds the synthetic export: a refused file must leave it as it is.
  const first = await importSurveyFile(database.db, {
    fileName: SYNTHETIC,
    content: synthetic,
    actorId: null,
    via: "cli",
  });
  expect(first.ok).toBe(true);
});
afterAll(async () => {
  await database?.close();
});

/** Row counts of everything an import or an upload writes. */
type Counts = Record<"responses" | "imports" | "uploads" | "links" | "institutions" | "audit", number>;

async function counts(): Promise<Counts> {
  const [row] = rowsOf<Counts>(
    await database.db.execute(sql`select
      (select count(*)::int from survey_response) as responses,
      (select count(*)::int from survey_import) as imports,
      (select count(*)::int from survey_upload) as uploads,
      (select count(*)::int from survey_institution_link) as links,
      (select count(*)::int from institution) as institutions,
      (select count(*)::int from audit_log) as audit`),
  );
  return row as Counts;
}

/** Errors are a non-empty list of complete Dutch sentences, not a stack trace or "undefined". */
function expectDutchReport(result: Extract<ImportResult, { ok: false }>) {
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    const text = formatSurveyError("nl", error);
    expect(typeof text).toBe("string");
    expect(text.length).toBeGreaterThan(5);
    expect(text).not.toMatch(/undefined|\[object |NaN|TypeError|Error:|at .*\.ts:\d+/);
  }
  expect(result.errors.map((e) => formatSurveyError("nl", e)).join(" ")).toMatch(
    /\b(regel|bestand|kolom|de|het|een|geen|is|niet|ontbreekt|onbekend)\b/i,
  );
}

/**
 * Imports `content`; whatever happens it must not throw. A refused file changes no row count;
 * an accepted one adds exactly its new rows.
 */
async function importChecked(content: string | Uint8Array, fileName = "fuzz.csv"): Promise<ImportResult> {
  const before = await counts();
  let result: ImportResult;
  try {
    result = await importSurveyFile(database.db, {
      fileName,
      content,
      actorId: null,
      via: "cli",
    });
  } catch (error) {
    throw new Error(
      `De import gooide een fout in plaats van een melding: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const after = await counts();
  if (result.ok) {
    expect(after.responses).toBe(before.responses + result.summary.new);
    expect(after.imports).toBe(before.imports + 1);
  } else {
    expectDutchReport(result);
    expect(after).toEqual(before);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Generators

const nasty = fc.constantFrom(
  '"',
  '""',
  '"a""b"',
  ",",
  ";",
  "\t",
  "|",
  "\r",
  "\n",
  "\r\n",
  "\uFEFF",
  "\u0000",
  "\u0007",
  "\uFFFD",
  "\u202E",
  "\uD83D\uDCFC",
  "<script>alert(1)</script>",
  '=HYPERLINK("http://x")',
  "2024",
  "R2024-0001",
  "Ja",
  "Weet ik niet",
  " ",
  "é",
  "'; drop table survey_response; --",
);
const junk = fc.array(fc.oneof(nasty, fc.string({ maxLength: 8 })), { maxLength: 12 }).map((p) => p.join(""));

type Mutation = (lines: string[], at: number, text: string) => void;

/** Ways to break one row (or the header) of a valid file. */
const mutations: Record<string, Mutation> = {
  replaceLine: (lines, at, text) => {
    lines[at] = text;
  },
  insertIntoLine: (lines, at, text) => {
    const line = lines[at] ?? "";
    const cut = text.length % (line.length + 1);
    lines[at] = line.slice(0, cut) + text + line.slice(cut);
  },
  truncateLine: (lines, at, text) => {
    const line = lines[at] ?? "";
    lines[at] = line.slice(0, text.length % (line.length + 1));
  },
  extraField: (lines, at, text) => {
    lines[at] = `${lines[at]},${text}`;
  },
  replaceCell: (lines, at, text) => {
    const cells = (lines[at] ?? "").split(",");
    cells[text.length % cells.length] = text;
    lines[at] = cells.join(",");
  },
  swapDelimiter: (lines, at) => {
    lines[at] = (lines[at] ?? "").replaceAll(",", ";");
  },
  openQuote: (lines, at) => {
    lines[at] = `"${lines[at]}`;
  },
  duplicateLine: (lines, at) => {
    lines.splice(at, 0, lines[at] ?? "");
  },
  insertLine: (lines, at, text) => {
    lines.splice(at, 0, text);
  },
};

const garbledFile = fc
  .record({
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom(...Object.keys(mutations)),
        // Mostly data rows, sometimes the header (0).
        at: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.nat(body.length) }),
        text: junk,
      }),
      { minLength: 1, maxLength: 4 },
    ),
    rows: fc.integer({ min: 1, max: body.length }),
    bom: fc.boolean(),
    newline: fc.constantFrom("\n", "\r\n", "\r"),
  })
  .map(({ edits, rows, bom, newline }) => {
    const lines = [header, ...body.slice(0, rows)];
    for (const edit of edits) {
      const mutate = mutations[edit.kind] as Mutation;
      mutate(lines, Math.min(edit.at, lines.length - 1), edit.text);
    }
    return `${bom ? "\uFEFF" : ""}${lines.join(newline)}${newline}`;
  });

/**
 * One cell of a valid export replaced by random text, correctly quoted: the file stays readable
 * CSV, so the value reaches the checks per column (and, if accepted, the database). The
 * free-text columns (respondent, name, e-mail) are picked most often.
 */
const columnCount = header.split(",").length;
const oneBadCell = fc
  .record({
    row: fc.nat(body.length - 1),
    column: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0, 2, 5) },
      { weight: 1, arbitrary: fc.nat(columnCount - 1) },
    ),
    value: junk,
  })
  .map(({ row, column, value }) => {
    const lines = [header, ...body];
    const fields = (lines[row + 1] as string).match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
    const cells = fields.map((f) => f.replace(/,$/, "")).slice(0, columnCount);
    cells[column] = quoteField(value, ",");
    lines[row + 1] = cells.join(",");
    return `${lines.join("\r\n")}\r\n`;
  });

const scriptPayloads = fc.constantFrom(
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg/onload=alert(1)>',
  "</h3><script>alert(document.cookie)</script>",
  "javascript:alert(1)",
  '<a href="javascript:alert(1)">klik</a>',
  "<iframe srcdoc='<script>x</script>'>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "{{constructor.constructor('alert(1)')()}}",
);
/** An institution name with markup somewhere in it, as a spreadsheet could hold it. */
const hostileName = fc
  .tuple(fc.string({ maxLength: 20 }), scriptPayloads, fc.string({ maxLength: 20 }))
  .map(([a, payload, b]) => `${a}${payload}${b}`.replace(/[\u0000-\u001f\u007f-\u009f\uFFFD]/g, "").trim())
  .filter((name) => name.length > 0 && name.length <= 300);

// ---------------------------------------------------------------------------------------------

describe("survey import under random input", () => {
  it("random bytes: never throws, answers in Dutch and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          // Random bytes after a valid header: the parser gets past the first line.
          fc
            .uint8Array({ maxLength: 3000 })
            .map((b) => new Uint8Array([...new TextEncoder().encode(`\uFEFF${header}\r\n`), ...b])),
        ),
        async (bytes) => {
          await importChecked(bytes);
        },
      ),
      { numRuns: 50, seed: 20261126 },
    );
  }, 120_000);

  it("a valid export with broken rows mixed in: a report with line numbers, or a consistent import", async () => {
    await fc.assert(
      fc.asyncProperty(garbledFile, async (file) => {
        const result = await importChecked(file);
        if (!result.ok) {
          for (const error of result.errors) expect(error.line).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 50, seed: 9 },
    );
  }, 180_000);

  it("one random cell anywhere in a valid export: accepted and stored, or a report, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(oneBadCell, async (file) => {
        await importChecked(file);
      }),
      { numRuns: 50, seed: 2024 },
    );
  }, 180_000);

  it("a NUL character far into the file (found by the property above) is refused with its line", async () => {
    const lines = [header, ...body];
    lines[200] = (lines[200] as string).replace("(synthetisch)", "(synth\u0000etisch)");
    const result = await importChecked(`${lines.join("\n")}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatSurveyError("nl", result.errors[0]!)).toMatch(/^Regel 201 bevat een nul-teken \(NUL\)\./);
  });

  it("the moderator's upload refuses the same files without keeping them", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          garbledFile.map((f) => new TextEncoder().encode(f)),
          fc.uint8Array(),
        ),
        async (bytes) => {
          const before = await counts();
          const result = await previewUpload(database.db, {
            fileName: "fuzz.csv",
            content: bytes,
            actorId: moderator.id,
          });
          const after = await counts();
          if (result.ok) expect(after.uploads).toBe(before.uploads + 1);
          else {
            expectDutchReport(result);
            expect(after).toEqual(before);
          }
        },
      ),
      { numRuns: 30, seed: 42 },
    );
  }, 120_000);

  it("institution and file names with markup are stored as text and rendered escaped", async () => {
    const context = contextFor(database);
    // The moderator pages that list the names and the import history, rendered as the server
    // would.
    const handler = createStaticHandler([
      {
        id: "root",
        path: "/",
        loader: () => ({ locale: "nl" }),
        children: [
          {
            id: "koppelen",
            path: "beheer/enquete/koppelen",
            loader: ({ request }) => linkLoader({ request, params: {}, context }),
            Component: LinkRespondents,
          },
          {
            id: "enquete",
            path: "beheer/enquete",
            loader: ({ request }) => importLoader({ request, params: {}, context }),
            Component: SurveyImport,
          },
        ],
      },
    ]);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(hostileName, {
          minLength: 1,
          maxLength: 3,
          selector: (s) => s.toLowerCase().replace(/\s+/g, " "),
        }),
        async (names) => {
          n++;
          const rows = names.map((name, i) => ({
            respondent_id: `XSS-${n}-${i}`,
            wave: "2024",
            institution_name: `Instelling ${n}-${i} ${name}`,
            institution_type: "Archief",
          }));
          const fileName = `${names[0]}.csv`;
          const result = await importChecked(surveyCsv(rows), fileName);
          expect(result.ok).toBe(true);
          // Stored exactly as text (white space runs become one space, as for every name).
          const stored = rowsOf<{ name: string }>(
            await database.db.execute(
              sql`select institution_name as name from survey_response
                where respondent_id like ${`XSS-${n}-%`} order by respondent_id`,
            ),
          ).map((r) => r.name);
          expect(stored).toEqual(names.map((name, i) => `Instelling ${n}-${i} ${name}`.replace(/\s+/g, " ")));

          const render = async (path: string) => {
            const routed = await handler.query(get(path, { Cookie: moderator.cookie }));
            if (routed instanceof Response) throw new Error(`onverwacht antwoord ${routed.status}`);
            return renderToString(
              createElement(StaticRouterProvider, {
                router: createStaticRouter(handler.dataRoutes, routed),
                context: routed,
                hydrate: false,
              }),
            );
          };
          const escaped = (text: string) =>
            text
              .replaceAll("&", "&amp;")
              .replaceAll("<", "&lt;")
              .replaceAll(">", "&gt;")
              .replaceAll('"', "&quot;")
              .replaceAll("'", "&#x27;");
          for (const [path, shown] of [
            ["/beheer/enquete/koppelen", stored],
            ["/beheer/enquete", [fileName]],
          ] as const) {
            const html = await render(path);
            // No element or attribute came from a name: only the page's own markup.
            for (const element of elementsOf(html)) {
              expect(["script", "img", "svg", "iframe", "object", "embed"], path).not.toContain(element.name);
              for (const [attr, value] of Object.entries(element.attribs)) {
                expect(attr, path).not.toMatch(/^on/i);
                if (attr === "href") expect(value, path).not.toMatch(/^\s*javascript:/i);
              }
            }
            // The names are on the page, as text.
            for (const name of shown) expect(html, path).toContain(escaped(name));
          }
        },
      ),
      { numRuns: 30, seed: 7 },
    );
  }, 180_000);
});
