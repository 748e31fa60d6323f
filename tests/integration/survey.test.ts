import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { asc, count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorText } from "#app/lib/errors.ts";
import { parseCsv } from "#app/modules/survey/csv.ts";
import { importSurveyFile, listImports } from "#app/modules/survey/import.server.ts";
import {
  linkName,
  linkNameToNewInstitution,
  listLinkedNames,
  listUnlinkedNames,
  unlinkName,
} from "#app/modules/survey/links.server.ts";
import { parseSurvey } from "#app/modules/survey/parse.ts";
import { choiceColumns } from "#app/modules/survey/questionnaire.ts";
import { topics } from "#app/modules/taxonomy.ts";
import { action as importAction, loader as importLoader } from "#app/routes/beheer.enquete._index.tsx";
import { action as linkAction } from "#app/routes/beheer.enquete.koppelen.tsx";
import { loader as ownProfileLoader } from "#app/routes/instelling._index.tsx";
import { action as selfAction, loader as selfLoader } from "#app/routes/instelling.zelfevaluatie.tsx";
import { loader as profileLoader } from "#app/routes/instellingen.$id.tsx";
import { loader as trendsLoader } from "#app/routes/trends._index.tsx";
import { loader as csvLoader } from "#app/routes/trends[.]csv.ts";
import { loader as jsonLoader } from "#app/routes/trends[.]json.ts";
import { loader as svgLoader } from "#app/routes/trends[.]svg.tsx";
import { type Database, openPglite } from "#db/client.server.ts";
import { institution } from "#db/schema/auth.ts";
import { surveyImport, surveyResponse } from "#db/schema/survey.ts";
import { seedArticles } from "#db/seed/content.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { runScript, type ScriptResult } from "#tests/support/cli.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createInstitution, memberOf } from "#tests/support/factories.ts";
import { body, contextFor, get, ORIGIN, post, status, thrownResponse } from "#tests/support/remix.ts";
import {
  fixtureSurveyFile,
  fixtureSurveyPath,
  SYNTHETIC,
  SYNTHETIC_EXPECTED,
  surveyCsv,
} from "#tests/support/survey.ts";

type WaveJson = {
  wave: number;
  n: number | null;
  institution_type: Record<string, number | null>;
  questions: Record<
    string,
    { n: number | null; counts: Record<string, number>; percent: Record<string, number> }
  >;
};

const synthetic = fixtureSurveyFile(SYNTHETIC);
/** The export's own header: a TrendMonitor export has no column for the platform's own questions. */
const syntheticColumns = parseCsv(synthetic, ",")[0]!.fields;
const expected = JSON.parse(fixtureSurveyFile(SYNTHETIC_EXPECTED)) as Record<string, WaveJson>;
const expectedWaves = Object.keys(expected).map(Number);

let database: Database;
let context: AppLoadContext;

beforeEach(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
});
afterEach(async () => {
  await database?.close();
});

async function importSynthetic(content: string | Uint8Array = synthetic, fileName = SYNTHETIC) {
  const result = await importSurveyFile(database.db, { fileName, content, actorId: null, via: "cli" });
  if (!result.ok) throw new Error(result.errors.map((e) => errorText("nl", e.message)).join("\n"));
  return result.summary;
}

async function responseCount(db = database.db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(surveyResponse);
  return row?.n ?? 0;
}
async function importCount(): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(surveyImport);
  return row?.n ?? 0;
}

async function trendsJson(query = ""): Promise<{ status: number; json: WaveJson & { error?: string } }> {
  const response = (await jsonLoader({
    request: get(`/trends.json${query}`),
    params: {},
    context,
  })) as Response;
  return { status: response.status, json: (await response.json()) as WaveJson & { error?: string } };
}

async function expectTrendsMatchExpected() {
  for (const wave of expectedWaves) {
    const { status: code, json } = await trendsJson(`?wave=${wave}`);
    expect(code).toBe(200);
    expect(json, `golf ${wave}`).toEqual({ source: "respondents", ...expected[wave] });
  }
}

/** The synthetic file's lines (header first), for making bad or corrected copies. */
const syntheticLines = synthetic.replace(/\r?\n$/, "").split(/\r?\n/);

function withLine(lineNumber: number, edit: (line: string) => string): string {
  return syntheticLines.map((line, i) => (i + 1 === lineNumber ? edit(line) : line)).join("\n");
}

/** Replaces one cell (by column name) in one physical line of the synthetic file. */
function withCell(lineNumber: number, column: string, value: string): string {
  const index = syntheticColumns.indexOf(column);
  const records = parseCsv(synthetic, ",");
  const record = records.find((r) => r.line === lineNumber)!;
  const fields = [...record.fields];
  fields[index] = value;
  return withLine(lineNumber, () =>
    fields.map((f) => (/[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(","),
  );
}

describe("importing the synthetic export", () => {
  it("through the module: /trends.json reproduces the expected aggregates for every wave", async () => {
    const summary = await importSynthetic(new TextEncoder().encode(synthetic));
    expect(summary).toMatchObject({ total: 264, new: 264, changed: 0, unchanged: 0 });
    expect(summary.perWave).toEqual({
      2019: { new: 75, changed: 0, unchanged: 0 },
      2022: { new: 93, changed: 0, unchanged: 0 },
      2024: { new: 96, changed: 0, unchanged: 0 },
    });
    expect(await responseCount()).toBe(264);
    await expectTrendsMatchExpected();
    // Without ?wave: the latest wave.
    expect((await trendsJson()).json).toEqual({ source: "respondents", ...expected[2024] });
    // An unknown wave: 404 with a Dutch message.
    for (const query of ["?wave=2018", "?wave=abc"]) {
      const unknown = await trendsJson(query);
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toMatch(/geen cijfers voor golf/);
    }
  });

  it("through the moderator page: upload, preview per wave, confirm; history records it", async () => {
    const moderator = await userWithSession(database.db, "moderator", "Mira Moderator");
    const form = new FormData();
    form.set("intent", "controleren");
    form.set("bestand", new File([synthetic], "trendmonitor-2024.csv", { type: "text/csv" }));
    const upload = new Request(`${ORIGIN}/beheer/enquete`, {
      method: "POST",
      body: form,
      headers: { Origin: ORIGIN, Cookie: moderator.cookie },
    });
    const preview = body<{ step: string; uploadId: string; plan: { new: number; perWave: object } }>(
      await importAction({ request: upload, params: {}, context }),
    );
    expect(preview.step).toBe("preview");
    expect(preview.plan.new).toBe(264);
    expect(preview.plan.perWave).toEqual({
      2019: { new: 75, changed: 0, unchanged: 0 },
      2022: { new: 93, changed: 0, unchanged: 0 },
      2024: { new: 96, changed: 0, unchanged: 0 },
    });
    // The preview stores nothing.
    expect(await responseCount()).toBe(0);
    expect(await importCount()).toBe(0);

    const confirm = post(
      "/beheer/enquete",
      { intent: "importeren", uploadId: preview.uploadId },
      { Cookie: moderator.cookie },
    );
    const done = body<{ step: string; plan: { new: number } }>(
      await importAction({ request: confirm, params: {}, context }),
    );
    expect(done.step).toBe("done");
    expect(done.plan.new).toBe(264);
    await expectTrendsMatchExpected();

    // The same upload cannot be confirmed twice.
    const again = await importAction({
      request: post(
        "/beheer/enquete",
        { intent: "importeren", uploadId: preview.uploadId },
        { Cookie: moderator.cookie },
      ),
      params: {},
      context,
    });
    expect(status(again)).toBe(409);

    const page = body<{ imports: { fileName: string; importedBy: string; new: number; via: string }[] }>(
      await importLoader({
        request: get("/beheer/enquete", { Cookie: moderator.cookie }),
        params: {},
        context,
      }),
    );
    expect(page.imports).toHaveLength(1);
    expect(page.imports[0]).toMatchObject({
      fileName: "trendmonitor-2024.csv",
      importedBy: "Mira Moderator",
      new: 264,
      via: "web",
    });
  });

  it("the moderator page shows every problem of a bad file and stores nothing", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const bad = withCell(5, "chance_own_budget", "Superkansrijk");
    const form = new FormData();
    form.set("intent", "controleren");
    form.set("bestand", new File([bad], "fout.csv", { type: "text/csv" }));
    const result = await importAction({
      request: new Request(`${ORIGIN}/beheer/enquete`, {
        method: "POST",
        body: form,
        headers: { Origin: ORIGIN, Cookie: moderator.cookie },
      }),
      params: {},
      context,
    });
    expect(status(result)).toBe(400);
    const problems = body<{ problems: string[] }>(result).problems;
    expect(problems.join("\n")).toMatch(
      /Regel 5, kolom "chance_own_budget": onbekend antwoord "Superkansrijk"/,
    );
    expect(await responseCount()).toBe(0);
  });

  it("a Dutch spreadsheet export (semicolons, BOM, CRLF, odd case and spaces) is the same data", async () => {
    await importSynthetic();
    const records = parseCsv(synthetic, ",");
    const dutch = records
      .map((record, i) =>
        record.fields
          .map((field, f) => {
            const value =
              i > 0 && f > 5 && field !== "" && !field.includes("|") ? `  ${field.toUpperCase()} ` : field;
            return /[;"]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
          })
          .join(";"),
      )
      .join("\r\n");
    const summary = await importSynthetic(`\uFEFF${dutch}\r\n`, "export-excel.csv");
    expect(summary).toMatchObject({ new: 0, changed: 0, unchanged: 264 });
    await expectTrendsMatchExpected();
  });
});

describe("bad files store nothing", () => {
  const cases: {
    name: string;
    content: () => string | Uint8Array;
    message: RegExp;
    line?: number;
    column?: string;
  }[] = [
    {
      name: "wrong delimiter (tabs)",
      content: () => syntheticLines.map((line) => parseCsv(line, ",")[0]!.fields.join("\t")).join("\n"),
      message: /tabs als scheidingsteken/,
      line: 1,
    },
    {
      name: "unknown label",
      content: () => withCell(17, "ooc_known", "Misschien"),
      message: /^Regel 17, kolom "ooc_known": onbekend antwoord "Misschien"\. Toegestaan: Ja, Nee\./,
      line: 17,
      column: "ooc_known",
    },
    {
      name: "missing column",
      content: () => {
        const index = syntheticColumns.indexOf("ooc_known");
        return parseCsv(synthetic, ",")
          .map((record) =>
            record.fields
              .filter((_, f) => f !== index)
              .map((f) => (/[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f))
              .join(","),
          )
          .join("\n");
      },
      message: /Kolom "ooc_known" ontbreekt/,
      line: 1,
      column: "ooc_known",
    },
    {
      name: "duplicate respondent id within a wave",
      content: () => `${synthetic}${syntheticLines[3]}\n`,
      message: /respondent_id "R2019-\d+" komt in golf 2019 al voor op regel 4/,
      line: 266,
      column: "respondent_id",
    },
    {
      name: "truncated file",
      content: () => synthetic.slice(0, synthetic.length - 120),
      message: /afgebroken/,
      line: 265,
    },
    {
      name: "50 MB of junk",
      content: () => randomBytes(50 * 1024 * 1024),
      message: /te groot \(50 MB\)/,
      line: 0,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: a clear error with line and column, and nothing stored`, async () => {
      await importSynthetic();
      const before = { responses: await responseCount(), imports: await importCount() };
      const snapshot = await database.db.select().from(surveyResponse).orderBy(asc(surveyResponse.id));
      const result = await importSurveyFile(database.db, {
        fileName: "fout.csv",
        content: testCase.content(),
        actorId: null,
        via: "cli",
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const match = result.errors.find((e) => testCase.message.test(errorText("nl", e.message)));
      expect(match, result.errors.map((e) => errorText("nl", e.message)).join("\n")).toBeDefined();
      if (testCase.line !== undefined) expect(match!.line).toBe(testCase.line);
      if (testCase.column !== undefined) expect(match!.column).toBe(testCase.column);
      expect({ responses: await responseCount(), imports: await importCount() }).toEqual(before);
      expect(await database.db.select().from(surveyResponse).orderBy(asc(surveyResponse.id))).toEqual(
        snapshot,
      );
    });
  }

  it("a byte-order mark before a valid file is fine", async () => {
    const summary = await importSynthetic(`\uFEFF${synthetic}`);
    expect(summary.new).toBe(264);
  });

  it("a file with an error in its last row stores none of the good rows before it", async () => {
    const result = await importSurveyFile(database.db, {
      fileName: "fout.csv",
      content: withCell(265, "wave", "twintig"),
      actorId: null,
      via: "cli",
    });
    expect(result.ok).toBe(false);
    expect(await responseCount()).toBe(0);
    expect(await importCount()).toBe(0);
  });
});

describe("importing again", () => {
  const snapshot = () =>
    database.db
      .select({
        id: surveyResponse.id,
        respondentId: surveyResponse.respondentId,
        wave: surveyResponse.wave,
        updatedAt: surveyResponse.updatedAt,
        importId: surveyResponse.importId,
        answers: surveyResponse.answers,
      })
      .from(surveyResponse)
      .orderBy(asc(surveyResponse.id));

  it("the same file changes nothing; a corrected file updates exactly the rows it changes", async () => {
    const first = await importSynthetic();
    const before = await snapshot();

    const same = await importSynthetic();
    expect(same).toMatchObject({ new: 0, changed: 0, unchanged: 264 });
    expect(await snapshot()).toEqual(before);

    // Three corrected answers (two rows in 2024, one in 2019) and one new respondent.
    const rows = parseSurvey(synthetic);
    if (!rows.ok) throw new Error("ongeldig");
    const line2024 = rows.rows.filter((r) => r.wave === 2024).slice(0, 2);
    const line2019 = rows.rows.find((r) => r.wave === 2019)!;
    let corrected = synthetic;
    const edits: [number, string, string][] = [
      [line2024[0]!.line, "ooc_known", line2024[0]!.answers.ooc_known === "Ja" ? "Nee" : "Ja"],
      [line2024[1]!.line, "need_storage", line2024[1]!.answers.need_storage === "Slecht" ? "Goed" : "Slecht"],
      [
        line2019.line,
        "born_digital_policy",
        line2019.answers.born_digital_policy === "Geen beleid" ? "Initiatieven ontplooid" : "Geen beleid",
      ],
    ];
    for (const [line, column, value] of edits) {
      const index = syntheticColumns.indexOf(column);
      const records = parseCsv(corrected, ",");
      const fields = [...records.find((r) => r.line === line)!.fields];
      fields[index] = value;
      const lines = corrected.replace(/\r?\n$/, "").split(/\r?\n/);
      lines[line - 1] = fields.map((f) => (/[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",");
      corrected = `${lines.join("\n")}\n`;
    }
    const newRow = parseCsv(syntheticLines[2]!, ",")[0]!.fields;
    newRow[0] = "R2024-NIEUW";
    newRow[1] = "2024";
    corrected += `${newRow.map((f) => (/[",]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",")}\n`;

    const update = await importSynthetic(corrected, "trendmonitor-gecorrigeerd.csv");
    expect(update).toMatchObject({ total: 265, new: 1, changed: 3, unchanged: 261 });
    expect(update.perWave).toEqual({
      2019: { new: 0, changed: 1, unchanged: 74 },
      2022: { new: 0, changed: 0, unchanged: 93 },
      2024: { new: 1, changed: 2, unchanged: 94 },
    });
    const after = await snapshot();
    const changedIds = after
      .filter((row) => {
        const old = before.find((b) => b.id === row.id);
        return !old || old.importId !== row.importId || old.updatedAt.getTime() !== row.updatedAt.getTime();
      })
      .map((row) => `${row.wave}/${row.respondentId}`)
      .sort();
    expect(changedIds).toEqual(
      [
        `2024/${line2024[0]!.respondentId}`,
        `2024/${line2024[1]!.respondentId}`,
        `2019/${line2019.respondentId}`,
        "2024/R2024-NIEUW",
      ].sort(),
    );
    const changedRow = after.find((r) => r.respondentId === line2024[1]!.respondentId && r.wave === 2024)!;
    expect(changedRow.answers.need_storage).toBe(edits[1]![2]);
    expect(changedRow.importId).toBe(update.importId);

    const history = await listImports(database.db);
    expect(history.map((h) => [h.fileName, h.new, h.changed, h.unchanged, h.via])).toEqual([
      ["trendmonitor-gecorrigeerd.csv", 1, 3, 261, "cli"],
      [SYNTHETIC, 0, 0, 264, "cli"],
      [SYNTHETIC, 264, 0, 0, "cli"],
    ]);
    expect(history[2]!.id).toBe(first.importId);
    expect(history[0]!.perWave).toEqual(update.perWave);
  });
});

describe("the command line", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "avk-survey-cli-"));
    dirs.push(dir);
    return dir;
  }

  function run(args: string[], dataDir: string): Promise<ScriptResult> {
    return runScript("db/cli/survey-import.ts", args, { DATA_DIR: dataDir });
  }

  async function storedRows(dataDir: string): Promise<number> {
    const embedded = await openPglite(dataDir);
    try {
      await embedded.migrate();
      return await responseCount(embedded.db);
    } finally {
      await embedded.close();
    }
  }

  it("imports a file into the embedded database, prints a summary and exits 0", async () => {
    const dataDir = path.join(tempDir(), "pglite");
    const result = await run([fixtureSurveyPath(SYNTHETIC)], dataDir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Import van trendmonitor-synthetisch.csv klaar op pglite");
    expect(result.stdout).toContain("264 rijen: 264 nieuw, 0 gewijzigd, 0 ongewijzigd.");
    expect(result.stdout).toContain("golf 2024: 96 nieuw, 0 gewijzigd, 0 ongewijzigd");
    expect(await storedRows(dataDir)).toBe(264);
  }, 60_000);

  it("a bad file: exit 1, the problems in Dutch with line and column, nothing stored", async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, "pglite");
    const file = path.join(dir, "fout.csv");
    writeFileSync(file, withCell(9, "fte_av", "veel"));
    const result = await run([file], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Er is niets geïmporteerd: fout.csv bevat fouten.");
    expect(result.stderr).toMatch(/Regel 9, kolom "fte_av": onbekend antwoord "veel"/);
    expect(result.stdout).toBe("");
    expect(await storedRows(dataDir)).toBe(0);
  }, 60_000);

  it("says so plainly when the app holds the embedded database", async () => {
    const dir = tempDir();
    // This test process is alive and is not the child: it stands for a running app.
    writeFileSync(path.join(dir, "pglite.lock"), String(process.pid));
    const result = await run([fixtureSurveyPath(SYNTHETIC)], path.join(dir, "pglite"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in gebruik door proces \d+ \(draait de app nog\?\)/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);

  it("a missing file or argument: exit 1 with a plain message", async () => {
    const dataDir = path.join(tempDir(), "pglite");
    const missing = await run(["bestaat-niet.csv"], dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("bestaat niet of kan niet worden gelezen");
    const none = await run([], dataDir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("Gebruik: npm run survey:import -- <bestand.csv>");
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Institutions, profiles and self-assessment

/** Needs and offers by docs/domain.md §4, worked out here from the raw answers. */
function domainNeedsAndOffers(answers: Record<string, string | null>) {
  return {
    needs: topics
      .filter((t) => ["Onvoldoende", "Slecht"].includes(answers[t.surveyColumn] ?? ""))
      .map((t) => t.key),
    offers: topics.filter((t) => answers[t.surveyColumn] === "Goed").map((t) => t.key),
  };
}

describe("linking respondents to institutions", () => {
  it("suggests a confirmed institution by name (case and spaces ignored); the moderator confirms, picks or creates", async () => {
    await importSynthetic();
    const moderator = await userWithSession(database.db, "moderator");
    const archief = await createInstitution(database.db, "archief   021 (SYNTHETISCH)");
    await createInstitution(database.db, "Overig 065 (synthetisch)", "Overig", false); // only proposed: no suggestion
    const { names } = await listUnlinkedNames(database.db);
    const entry = names.find((n) => n.nameKey === "archief 021 (synthetisch)")!;
    expect(entry.suggestion).toMatchObject({ id: archief });
    expect(entry.waves.length).toBeGreaterThan(1);
    expect(names.find((n) => n.nameKey === "overig 065 (synthetisch)")!.suggestion).toBeNull();

    // Confirm through the page.
    const linked = await linkAction({
      request: post(
        "/beheer/enquete/koppelen",
        { intent: "koppelen", nameKey: entry.nameKey, institutionId: String(archief) },
        { Cookie: moderator.cookie },
      ),
      params: {},
      context,
    });
    expect(body<{ ok: string }>(linked).ok).toMatch(/Gekoppeld: \d+ antwoorden/);
    const responses = await database.db
      .select({ id: surveyResponse.id })
      .from(surveyResponse)
      .where(eq(surveyResponse.institutionId, archief));
    expect(responses.length).toBe(entry.responses);

    // Create an institution for another name.
    const other = names.find((n) => n.suggestion === null && n.nameKey.startsWith("museum"))!;
    const created = await linkNameToNewInstitution(database.db, moderator.id, other.nameKey, {
      name: other.name,
      type: "Museum",
    });
    expect(created.responses).toBe(other.responses);
    const [row] = await database.db
      .select()
      .from(institution)
      .where(eq(institution.id, created.institutionId));
    expect(row).toMatchObject({ name: other.name, confirmed: true, type: "Museum" });

    // The list of links counts each name's own imported answers (two names, two counts).
    const links = await listLinkedNames(database.db);
    expect(links.map((l) => [l.nameKey, l.institutionId, l.responses]).sort()).toEqual(
      [
        [entry.nameKey, archief, entry.responses],
        [other.nameKey, created.institutionId, other.responses],
      ].sort(),
    );

    // Linked names leave the list; a re-import keeps the links.
    const after = await listUnlinkedNames(database.db);
    expect(after.names.map((n) => n.nameKey)).not.toContain(entry.nameKey);
    await importSynthetic();
    const [{ n }] = (await database.db
      .select({ n: count() })
      .from(surveyResponse)
      .where(eq(surveyResponse.institutionId, archief))) as [{ n: number }];
    expect(n).toBe(entry.responses);

    // A link to a proposed institution is refused; unlinking puts the name back.
    const proposed = await createInstitution(database.db, "Nog niet bevestigd", "Museum", false);
    await expect(linkName(database.db, moderator.id, entry.nameKey, proposed)).rejects.toThrow(
      /niet bevestigd/,
    );
    expect(await unlinkName(database.db, moderator.id, entry.nameKey)).toBe(true);
    expect((await listUnlinkedNames(database.db)).names.map((x) => x.nameKey)).toContain(entry.nameKey);
  });
});

describe("institution profiles", () => {
  async function setUpLinked() {
    await seedArticles(database.db);
    await importSynthetic();
    const moderator = await userWithSession(database.db, "moderator");
    // An institution whose newest imported answers have at least one need with articles.
    const parsed = parseSurvey(synthetic);
    if (!parsed.ok) throw new Error("ongeldig");
    const newestByName = new Map<string, (typeof parsed.rows)[number]>();
    for (const row of parsed.rows) {
      if (!row.institutionName) continue;
      const old = newestByName.get(row.institutionName);
      if (!old || old.wave < row.wave) newestByName.set(row.institutionName, row);
    }
    const [name, newest] = [...newestByName.entries()].find(([, row]) => {
      const { needs, offers } = domainNeedsAndOffers(row.answers);
      return needs.includes("storage") && offers.length > 0;
    })!;
    const id = await createInstitution(database.db, name, newest.institutionType);
    const { names } = await listUnlinkedNames(database.db);
    const entry = names.find((n) => n.suggestion?.id === id)!;
    await linkName(database.db, moderator.id, entry.nameKey, id);
    return { id, name, newest, moderator };
  }

  it("its members and moderators see it; a member of another institution gets 403", async () => {
    const { id, name, newest, moderator } = await setUpLinked();
    const member = await memberOf(database.db, id);
    const stranger = await memberOf(database.db, await createInstitution(database.db, "Een ander archief"));

    const asMember = body<{
      profile: {
        institution: { name: string };
        needs: string[];
        offers: string[];
        latest: { wave: number; source: string };
      };
      articles: Record<string, { slug: string; kind: string; topics: string[] }[]>;
    }>(
      await profileLoader({
        request: get(`/instellingen/${id}`, { Cookie: member.cookie }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(asMember.profile.institution.name).toBe(name);
    expect(asMember.profile.latest).toMatchObject({ wave: newest.wave, source: "import" });
    const domain = domainNeedsAndOffers(newest.answers);
    expect(asMember.profile.needs).toEqual(domain.needs);
    expect(asMember.profile.offers).toEqual(domain.offers);
    // Articles to start with: per need at most three, with that topic, practice guides first.
    expect(asMember.articles.storage!.length).toBeGreaterThan(0);
    for (const need of domain.needs) {
      const list = asMember.articles[need] ?? [];
      expect(list.length).toBeLessThanOrEqual(3);
      for (const article of list) expect(article.topics).toContain(need);
      const kinds = list.map((a) => a.kind === "praktijk");
      expect(kinds).toEqual([...kinds].sort((a, b) => Number(b) - Number(a)));
    }
    expect(asMember.articles.storage![0]!.kind).toBe("praktijk");

    const own = body<{ profile: { institution: { id: number } } }>(
      await ownProfileLoader({ request: get("/instelling", { Cookie: member.cookie }), params: {}, context }),
    );
    expect(own.profile.institution.id).toBe(id);

    const forbidden = await thrownResponse(() =>
      profileLoader({
        request: get(`/instellingen/${id}`, { Cookie: stranger.cookie }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(forbidden.status).toBe(403);

    const asModerator = body<{ profile: { institution: { id: number } } }>(
      await profileLoader({
        request: get(`/instellingen/${id}`, { Cookie: moderator.cookie }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(asModerator.profile.institution.id).toBe(id);

    const anonymous = await thrownResponse(() =>
      profileLoader({ request: get(`/instellingen/${id}`), params: { id: String(id) }, context }),
    );
    expect(anonymous.headers.get("Location")).toMatch(/^\/inloggen/);
    const missing = await thrownResponse(() =>
      profileLoader({
        request: get("/instellingen/99999", { Cookie: moderator.cookie }),
        params: { id: "99999" },
        context,
      }),
    );
    expect(missing.status).toBe(404);
    // The contact e-mail never reaches the page.
    expect(JSON.stringify(asMember)).not.toContain("@");
  });

  it("a self-assessment is a dated response that becomes the profile and does not change /trends.json", async () => {
    const { id } = await setUpLinked();
    const member = await memberOf(database.db, id);
    const before = await Promise.all(expectedWaves.map((w) => trendsJson(`?wave=${w}`)));

    const form = await selfLoader({
      request: get("/instelling/zelfevaluatie", { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect(body<{ institution: { id: number } }>(form).institution.id).toBe(id);

    const answers: Record<string, string> = {
      institution_type: "Museum",
      province: "Utrecht",
      fte_av: "1-5 fte",
      need_metadata: "Slecht",
      need_ai: "Onvoldoende",
      need_storage: "Goed",
      need_copyright: "Voldoende",
      // The platform's own questions (docs/domain.md §3) count like the TrendMonitor's.
      need_funding: "Slecht",
      need_knowledge_retention: "Goed",
      ooc_known: "Ja",
    };
    const fields = new URLSearchParams(answers);
    fields.append("ai_uses", "ondertitelen");
    fields.append("ai_uses", "speech-to-text");
    const request = post("/instelling/zelfevaluatie", fields, { Cookie: member.cookie });
    const saved = (await selfAction({ request, params: {}, context })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/instelling?opgeslagen=1");

    const [stored] = await database.db.select().from(surveyResponse).where(eq(surveyResponse.source, "self"));
    expect(stored).toMatchObject({
      institutionId: id,
      institutionType: "Museum",
      province: "Utrecht",
      createdBy: member.id,
    });
    expect(stored!.aiUses).toEqual(["speech-to-text", "ondertitelen"]);
    expect(Date.now() - stored!.answeredAt.getTime()).toBeLessThan(60_000);
    expect(Object.keys(stored!.answers).sort()).toEqual([...choiceColumns].sort());

    const profile = body<{ profile: { latest: { source: string }; needs: string[]; offers: string[] } }>(
      await profileLoader({
        request: get(`/instellingen/${id}`, { Cookie: member.cookie }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(profile.profile.latest.source).toBe("self");
    expect(profile.profile.needs).toEqual(["metadata", "ai", "funding"]);
    expect(profile.profile.offers).toEqual(["storage", "knowledge_retention"]);

    const after = await Promise.all(expectedWaves.map((w) => trendsJson(`?wave=${w}`)));
    expect(after).toEqual(before);
    await expectTrendsMatchExpected();
    expect((await trendsJson(`?wave=${new Date().getUTCFullYear()}`)).status).toBe(404);
  });

  it("the self-assessment refuses answers that are not in the questionnaire", async () => {
    const id = await createInstitution(database.db, "Proefarchief");
    const member = await memberOf(database.db, id);
    const result = await selfAction({
      request: post(
        "/instelling/zelfevaluatie",
        { institution_type: "Archief", need_ai: "Prima", fte_av: "" },
        { Cookie: member.cookie },
      ),
      params: {},
      context,
    });
    expect(status(result)).toBe(400);
    expect(body<{ errors: Record<string, string> }>(result).errors.need_ai).toBe(
      "Kies een van de antwoorden.",
    );
    expect(await responseCount()).toBe(0);
    // Without an institution there is nothing to assess.
    const loner = await memberOf(database.db, null);
    const none = await selfAction({
      request: post(
        "/instelling/zelfevaluatie",
        { institution_type: "Archief", need_ai: "Goed" },
        { Cookie: loner.cookie },
      ),
      params: {},
      context,
    });
    expect(status(none)).toBe(400);
  });
});

// ---------------------------------------------------------------------------------------------
// Privacy of the public trends

describe("privacy of /trends, /trends.json and /trends.csv", () => {
  it("no names, e-mail or free text in the page data or the JSON", async () => {
    await importSynthetic();
    for (const wave of expectedWaves) {
      const page = body(await trendsLoader({ request: get(`/trends?wave=${wave}`), params: {}, context }));
      const text = JSON.stringify(page);
      expect(text).not.toContain("@");
      expect(text).not.toContain("(synthetisch)");
      expect(text).not.toMatch(/Instelling \d+/);
      const json = JSON.stringify((await trendsJson(`?wave=${wave}`)).json);
      expect(json).not.toContain("@");
      expect(json).not.toContain("(synthetisch)");
    }
  });

  it("groups under 5 show no counts, with a second group hidden beside a single small one", async () => {
    // Wave 2030: 6 archives, 3 broadcasters, 8 museums, all answering ooc_known.
    const rows: Record<string, string>[] = [];
    const add = (type: string, n: number, answer: string) => {
      for (let i = 0; i < n; i++) {
        rows.push({
          respondent_id: `P-${type}-${i}`,
          wave: "2030",
          institution_name: `${type} ${i} (synthetisch)`,
          contact_email: `p${rows.length}@example.org`,
          institution_type: type,
          ooc_known: answer,
        });
      }
    };
    add("Archief", 6, "Ja");
    add("Omroep", 3, "Nee");
    add("Museum", 8, "Ja");
    await importSynthetic(surveyCsv(rows), "klein.csv");

    const json = (await trendsJson("?wave=2030")).json;
    expect(json.n).toBe(17);
    expect(json.institution_type).toEqual({ Archief: null, Omroep: null, Museum: 8, Overig: 0, Onbekend: 0 });

    const page = body<{
      dashboard: {
        respondents: { type: string; n: number | null; percent: number | null; hidden: string | null }[];
        questions: {
          column: string;
          n: number | null;
          answers: unknown[];
          byType: { type: string; n: number | null; hidden: string | null; percent: (number | null)[] }[];
        }[];
      };
    }>(await trendsLoader({ request: get("/trends?wave=2030"), params: {}, context }));
    const respondents = Object.fromEntries(page.dashboard.respondents.map((r) => [r.type, r]));
    expect(respondents.Omroep).toEqual({ type: "Omroep", n: null, percent: null, hidden: "small" });
    expect(respondents.Archief).toEqual({ type: "Archief", n: null, percent: null, hidden: "secondary" });
    expect(respondents.Museum).toMatchObject({ n: 8, hidden: null });

    const ooc = page.dashboard.questions.find((q) => q.column === "ooc_known")!;
    expect(ooc.n).toBe(17);
    for (const row of ooc.byType.filter((r) => r.hidden)) {
      expect(row.n).toBeNull();
      expect(row.percent.every((p) => p === null)).toBe(true);
    }
    expect(
      ooc.byType
        .filter((r) => r.hidden)
        .map((r) => r.type)
        .sort(),
    ).toEqual(["Archief", "Omroep"]);

    // A question nobody answered in this wave: N = 0, "not asked".
    expect(page.dashboard.questions.find((q) => q.column === "ai_metadata_use")!.n).toBe(0);

    // The CSV of the breakdown: "< 5" and "x", no figures for hidden groups.
    const csv = (await csvLoader({
      request: get("/trends.csv?wave=2030&vraag=ooc_known&tabel=type"),
      params: {},
      context,
    })) as Response;
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toContain("Omroep,< 5,,");
    expect(lines).toContain("Archief,x,,");
    expect(lines).toContain("Museum,8,100,0");
    const respondentsCsv = await (
      (await csvLoader({
        request: get("/trends.csv?wave=2030&vraag=respondenten"),
        params: {},
        context,
      })) as Response
    ).text();
    expect(respondentsCsv).toContain("Omroep,< 5,");
    expect(respondentsCsv).not.toContain("Omroep,3");
  });

  it("a question that 1 to 4 answered shows no counts in the JSON, the page or the CSV", async () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({
      respondent_id: `Q${i}`,
      wave: "2031",
      institution_type: "Archief",
      ooc_known: i < 3 ? "Ja" : "",
    }));
    await importSynthetic(surveyCsv(rows), "weinig.csv");
    const json = (await trendsJson("?wave=2031")).json;
    expect(json.questions.ooc_known).toEqual({ n: null, counts: {}, percent: {} });
    const page = body<{
      dashboard: { questions: { column: string; n: number | null; answers: unknown[]; byType: unknown[] }[] };
    }>(await trendsLoader({ request: get("/trends?wave=2031"), params: {}, context }));
    const ooc = page.dashboard.questions.find((q) => q.column === "ooc_known")!;
    expect(ooc).toMatchObject({ n: null, answers: [], byType: [] });
    const csv = await (
      (await csvLoader({
        request: get("/trends.csv?wave=2031&vraag=ooc_known"),
        params: {},
        context,
      })) as Response
    ).text();
    expect(csv.replace(/^\uFEFF/, "")).toBe("Antwoord,Aantal,Percentage\r\nBeantwoord (N),< 5,\r\n");
  });

  it("the CSV download of a chart's table answers text/csv; unknown tables and waves 404", async () => {
    await importSynthetic();
    const response = (await csvLoader({
      request: get("/trends.csv?wave=2024&vraag=ooc_known"),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("trends-2024-ooc_known.csv");
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const q = expected[2024]!.questions.ooc_known!;
    expect(text).toBe(
      `Antwoord,Aantal,Percentage\r\nJa,${q.counts.Ja},${q.percent.Ja}\r\nNee,${q.counts.Nee},${q.percent.Nee}\r\nBeantwoord (N),${q.n},\r\n`,
    );
    const compare = await (
      (await csvLoader({
        request: get("/trends.csv?wave=2024&vraag=ooc_known&tabel=golven"),
        params: {},
        context,
      })) as Response
    ).text();
    // Only the waves that asked it: the OOC regulation dates from 2021.
    expect(compare).toContain("Antwoord,2022 (%),2024 (%)\r\n");
    expect(compare).toContain(`Beantwoord (N),${expected[2022]!.questions.ooc_known!.n},${q.n}`);
    for (const query of [
      "?wave=2024&vraag=institution_name",
      "?wave=2024&vraag=ooc_known&tabel=alles",
      "?wave=1999&vraag=ooc_known",
      "?wave=2019&vraag=ooc_av_convenant&tabel=golven",
    ]) {
      const missing = (await csvLoader({
        request: get(`/trends.csv${query}`),
        params: {},
        context,
      })) as Response;
      expect(missing.status, query).toBe(404);
    }
  });

  it("the page: the latest wave by default, the selected one on request, 404 for an unknown one", async () => {
    // A fresh install shows the report's published figures (no per-wave detail).
    const fresh = body<{ state: string; source: string; dashboard: unknown }>(
      await trendsLoader({ request: get("/trends"), params: {}, context }),
    );
    expect(fresh).toMatchObject({ state: "published", source: "published", dashboard: null });
    await importSynthetic();
    const latest = body<{ dashboard: { wave: number; waves: number[]; n: number } }>(
      await trendsLoader({ request: get("/trends"), params: {}, context }),
    );
    expect(latest.dashboard).toMatchObject({ wave: 2024, waves: [2019, 2022, 2024], n: 96 });
    const older = body<{ dashboard: { wave: number; questions: { column: string; comparison: unknown }[] } }>(
      await trendsLoader({ request: get("/trends?wave=2022"), params: {}, context }),
    );
    expect(older.dashboard.wave).toBe(2022);
    // ooc_known was first asked in 2022: nothing earlier to compare with.
    expect(older.dashboard.questions.find((q) => q.column === "ooc_known")!.comparison).toBeNull();
    expect(
      older.dashboard.questions.find((q) => q.column === "digitisation_ambition")!.comparison,
    ).toMatchObject({ waves: [2019, 2022] });
    expect(older.dashboard.questions.find((q) => q.column === "ooc_av_convenant")!.comparison).toBeNull();
    const unknown = await trendsLoader({ request: get("/trends?wave=1990"), params: {}, context });
    expect(status(unknown)).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// The report's figures: published on a fresh install, computed after an import

type FigureJson = {
  id: string;
  source: string;
  hasNumbers: boolean;
  waves: number[];
  items: { key: string; series: { wave: number; n: number | null; percent: (number | null)[] }[] }[];
  labels: string[];
  checks: { column: string; wave: number; match: boolean; points: number | null }[] | null;
};

async function trendsPage(headers: Record<string, string> = {}) {
  return body<{ state: string; source: string; figures: FigureJson[] }>(
    await trendsLoader({ request: get("/trends", headers), params: {}, context }),
  );
}

describe("the TrendMonitor figures on /trends", () => {
  it("a fresh install serves the report's published figures: Table 1 and Table 2 as printed", async () => {
    const json2024 = (await trendsJson("?wave=2024")).json as WaveJson & { source: string };
    expect(json2024.source).toBe("published");
    expect(json2024.n).toBe(96);
    expect(json2024.institution_type).toEqual({
      Archief: 47,
      Omroep: 8,
      Museum: 18,
      Overig: 23,
      Onbekend: 0,
    });
    // Without ?wave: the report's latest wave.
    expect((await trendsJson()).json).toEqual(json2024);
    const json2022 = (await trendsJson("?wave=2022")).json;
    expect(json2022.questions.chance_gov_subsidy!.percent).toEqual({
      "Niet kansrijk": 21,
      "Onvoldoende kansrijk": 8,
      "Matig kansrijk": 28,
      "Voldoende kansrijk": 19,
      "Zeer kansrijk": 3,
      "Weet ik niet": 21,
    });
    // Counts the report does not print are null.
    expect(Object.values(json2022.questions.chance_gov_subsidy!.counts).every((c) => c === null)).toBe(true);
    expect(json2022.questions.chance_gov_subsidy!.n).toBeNull();
    expect((await trendsJson("?wave=2023")).status).toBe(404);

    const page = await trendsPage();
    expect(page).toMatchObject({ state: "published", source: "published" });
    const table1 = page.figures.find((f) => f.id === "tabel-1")!;
    const series2024 = table1.items[0]!.series.find((s) => s.wave === 2024)!;
    expect(series2024.n).toBe(96);
    expect(series2024.percent.slice(0, 4)).toEqual([49, 8, 19, 24]);
    expect(page.figures.every((f) => f.source === "published" && f.checks === null)).toBe(true);

    // Its CSV and SVG.
    const csv = (await csvLoader({
      request: get("/trends.csv?figuur=tabel-2"),
      params: {},
      context,
    })) as Response;
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toContain("trendmonitor-tabel-2-gepubliceerd.csv");
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    expect(text).toContain("Projectsubsidies overheid,2022,,21,8,28,19,3,21");
    expect(text).toContain("Projectsubsidies overheid,2024,96,24,9,29,15,1,23");
    const svg = (await svgLoader({
      request: get("/trends.svg?figuur=tabel-2"),
      params: {},
      context,
    })) as Response;
    expect(svg.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    const drawing = await svg.text();
    expect(drawing).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(drawing).toContain("Projectsubsidies overheid");
    // Figure 13 prints no numbers: no chart to download, a clear 404.
    const none = (await svgLoader({
      request: get("/trends.svg?figuur=figuur-13"),
      params: {},
      context,
    })) as Response;
    expect(none.status).toBe(404);
    const unknown = (await csvLoader({
      request: get("/trends.csv?figuur=figuur-99"),
      params: {},
      context,
    })) as Response;
    expect(unknown.status).toBe(404);
  });

  it("after an import: the figures computed from the data, checked against the report for moderators only", async () => {
    await importSynthetic();
    const anonymous = await trendsPage();
    expect(anonymous.source).toBe("respondents");
    expect(anonymous.figures.filter((f) => f.hasNumbers).length).toBeGreaterThanOrEqual(20);
    expect(anonymous.figures.every((f) => f.checks === null)).toBe(true);
    expect(JSON.stringify(anonymous)).not.toContain("(synthetisch)");

    const member = await userWithSession(database.db, "member");
    expect((await trendsPage({ Cookie: member.cookie })).figures.every((f) => f.checks === null)).toBe(true);

    const moderator = await userWithSession(database.db, "moderator");
    const checked = await trendsPage({ Cookie: moderator.cookie });
    const table1 = checked.figures.find((f) => f.id === "tabel-1")!;
    expect(table1.checks!.map((c) => [c.wave, c.match])).toEqual([
      [2019, true],
      [2022, true],
      [2024, true],
    ]);
    const needs = checked.figures.find((f) => f.id === "figuur-13")!;
    expect(needs.items).toHaveLength(9);
    expect(needs.waves).toEqual([2024]);
    const degree = checked.figures.find((f) => f.id === "figuur-14")!;
    expect(degree.waves).toEqual([2019, 2022, 2024]);
    expect(degree.items[0]!.series.map((s) => s.n)).toEqual([75, 93, 96]);

    // /trends.json now says where its figures come from.
    expect((await trendsJson("?wave=2024")).json).toMatchObject({ source: "respondents", n: 96 });
    const csv = (await csvLoader({
      request: get("/trends.csv?figuur=figuur-15"),
      params: {},
      context,
    })) as Response;
    expect(csv.headers.get("Content-Disposition")).toContain("trendmonitor-figuur-15-berekend.csv");
  });
});
