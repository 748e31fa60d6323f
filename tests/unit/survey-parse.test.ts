import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteField } from "#app/lib/csv.ts";
import { errorText } from "#app/lib/errors.ts";
import { parseCsv, stripBom } from "#app/modules/survey/csv.ts";
import { formatSurveyError } from "#app/modules/survey/import.server.ts";
import { needsAndOffers, parseSurvey, type SurveyRow } from "#app/modules/survey/parse.ts";
import { aiUseLabels, provinces, questionnaire } from "#app/modules/survey/questionnaire.ts";
import { institutionTypes } from "#app/modules/taxonomy.ts";
import { fixtureSurveyFile } from "#tests/support/survey.ts";

const original = fixtureSurveyFile("trendmonitor-synthetisch.csv");
const originalLines = original.split(/\r\n|\n|\r/);

function rowsOf(text: string | Uint8Array, options?: Parameters<typeof parseSurvey>[1]): SurveyRow[] {
  const result = parseSurvey(text, options);
  if (!result.ok)
    throw new Error(
      `Onverwachte fouten:\n${result.errors.map((e) => errorText("nl", e.message)).join("\n")}`,
    );
  return result.rows;
}

function errorsOf(text: string | Uint8Array, options?: Parameters<typeof parseSurvey>[1]) {
  const result = parseSurvey(text, options);
  if (result.ok) throw new Error("Verwacht fouten, maar het bestand werd geaccepteerd");
  expect(result).not.toHaveProperty("rows");
  // Each problem is a message key with its values; the assertions read its Dutch text.
  return result.errors.map((e) => ({ line: e.line, column: e.column, message: errorText("nl", e.message) }));
}

/** The original with one physical line replaced (1-based; every record is one line there). */
function withLine(lineNumber: number, edit: (line: string) => string): string {
  const lines = [...originalLines];
  lines[lineNumber - 1] = edit(lines[lineNumber - 1] as string);
  return lines.join("\r\n");
}

/** The original with one field of one line replaced. */
function withField(lineNumber: number, column: string, value: string): string {
  return withLine(lineNumber, (line) => {
    const fields = parseCsv(line, ",")[0]?.fields ?? [];
    fields[columnIndex(column)] = value;
    return fields.map((field) => quoteField(field)).join(",");
  });
}

const header = (originalLines[0] as string).split(",");
function columnIndex(name: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`kolom ${name} niet in de kopregel`);
  return index;
}

describe("parseSurvey: the synthetic export", () => {
  it("parses without errors, with the number of respondents per wave counted independently", () => {
    const result = parseSurvey(original);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const perWave = (wave: number) => originalLines.filter((line) => line.startsWith(`R${wave}-`)).length;
    expect(perWave(2019)).toBe(75);
    expect(result.waves).toEqual([2019, 2022, 2024]);
    for (const wave of result.waves) {
      expect(result.rows.filter((row) => row.wave === wave)).toHaveLength(perWave(wave));
    }
    expect(result.rows).toHaveLength(originalLines.filter((line) => /^R\d{4}-/.test(line)).length);
    expect(result.delimiter).toBe(",");
  });

  it("reads the first record into typed, normalised fields", () => {
    const [first] = rowsOf(original);
    expect(first).toMatchObject({
      line: 2,
      respondentId: "R2019-0063",
      wave: 2019,
      institutionName: "Instelling 001 (synthetisch)",
      institutionType: "Onbekend",
      province: "Flevoland",
      contactEmail: "contact75-1@example.org",
      aiUses: [],
    });
    // A 2019 row: the OOC regulation (2021) was first asked about in 2022.
    expect(first?.answers.ooc_known).toBeNull();
    expect(first?.answers.ooc_av_convenant).toBeNull();
    expect(first?.answers.street_shared).toBe("Ja, tegen betaling");
    expect(first?.answers.born_digital_intake).toBe("Ja, al ons born digital materiaal");
    expect(Object.keys(first?.answers ?? {})).toHaveLength(
      questionnaire.filter((def) => def.kind === "choice").length,
    );
  });

  it("splits ai_uses on | into the allowed values", () => {
    const rows = rowsOf(original);
    const uses = rows.filter((row) => row.aiUses.length > 0);
    expect(uses.length).toBe(
      originalLines.filter((line) => /,(speech-to-text|objectherkenning|metadateren)/.test(line)).length,
    );
    expect(uses.some((row) => row.aiUses.join("|") === "metadateren|ondertitelen")).toBe(true);
    for (const row of uses) expect(row.answers.ai_metadata_use).toBe("Ja");
  });

  it("accepts ; as delimiter, a BOM, CRLF and labels in another case or with spaces around them", () => {
    const expected = rowsOf(original);
    const records = parseCsv(stripBom(original), ",");
    const labelled = new Set(
      questionnaire.flatMap((def) => ("labels" in def ? [header.indexOf(def.column)] : [])),
    );
    let variant = 0;
    const noisy = (value: string, index: number) => {
      if (!labelled.has(index) || value === "") return value;
      variant++;
      switch (variant % 4) {
        case 0:
          return value.toUpperCase();
        case 1:
          return `  ${value.toLowerCase()}`;
        case 2:
          return `${value} \t`;
        default:
          return ` ${value} `;
      }
    };
    for (const lineEnd of ["\r\n", "\n", "\r"]) {
      const text = `\uFEFF${records
        .map((record, r) => record.fields.map((v, i) => quoteField(r === 0 ? v : noisy(v, i), ";")).join(";"))
        .join(lineEnd)}${lineEnd}`;
      expect(text).toContain("JA, TEGEN BETALING");
      const result = parseSurvey(text);
      expect(result.ok && result.delimiter).toBe(";");
      expect(rowsOf(text)).toEqual(expected);
    }
  });

  it("accepts upper-case and quoted column names, columns in another order and a trailing delimiter", () => {
    const expected = rowsOf(original);
    const records = parseCsv(original, ",");
    const order = header.map((_, i) => i).reverse();
    const text = records
      .map((record, r) =>
        [
          ...order.map((i) =>
            r === 0 ? `"${header[i]?.toUpperCase()}"` : quoteField(record.fields[i] ?? ""),
          ),
          "",
        ].join(","),
      )
      .join("\n");
    expect(rowsOf(text)).toEqual(expected);
  });

  it("skips blank lines, also above the header, and counts them in line numbers", () => {
    const text = `\r\n\r\n${originalLines.slice(0, 5).join("\r\n")}\r\n\r\n${originalLines[5]}`;
    expect(rowsOf(text).map((row) => row.line)).toEqual([4, 5, 6, 7, 9]);
  });

  it("keeps line numbers right when a quoted field spans lines", () => {
    const text = withLine(3, (line) =>
      line.replace("Instelling 002 (synthetisch)", '"Instelling\n002,\r\n""x"""'),
    );
    const rows = rowsOf(text);
    expect(rows[1]?.institutionName).toBe('Instelling 002, "x"');
    expect(rows[2]?.line).toBe(6);
    const broken = withField(10, "ooc_known", "Jaa");
    const shifted = broken.replace("Instelling 002 (synthetisch)", '"Instelling\n002"');
    expect(errorsOf(shifted)[0]?.line).toBe(11);
  });

  it("reads 10,000 rows, each with its own id", () => {
    // How fast is measured by tests/bench/survey-parse.bench.ts, not here (docs/benchmarks.md).
    const body = originalLines.slice(1).filter((line) => line !== "");
    const lines = [originalLines[0]];
    for (let i = 0; i < 10_000; i++) {
      const line = body[i % body.length] as string;
      lines.push(line.replace(/^R(\d{4})-\d{4}/, `R$1-${String(i).padStart(5, "0")}`));
    }
    const rows = rowsOf(lines.join("\r\n"));
    expect(rows).toHaveLength(10_000);
    expect(new Set(rows.map((r) => r.respondentId)).size).toBe(10_000);
  });
});

describe("parseSurvey: files that do not fit", () => {
  it("refuses a tab-separated file with one message naming the accepted delimiters", () => {
    const records = parseCsv(original, ",");
    const text = records.map((record) => record.fields.join("\t")).join("\r\n");
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, column: null });
    expect(errors[0]?.message).toMatch(/tabs als scheidingsteken/);
    expect(errors[0]?.message).toContain("komma (,)");
    expect(errors[0]?.message).toContain("puntkomma (;)");
  });

  it("refuses an empty file, a BOM-only file and a header without data", () => {
    for (const text of ["", "\uFEFF", "\uFEFF\r\n", "  \n\n"]) {
      const errors = errorsOf(text);
      expect(errors).toEqual([{ line: 1, column: null, message: "Het bestand is leeg." }]);
    }
    expect(errorsOf(`${originalLines[0]}\r\n`)[0]?.message).toContain("alleen een kopregel");
  });

  it("reports an unknown label with line, column and the allowed labels", () => {
    const errors = errorsOf(withField(14, "ooc_known", "Jaa"));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(14);
    expect(errors[0]?.column).toBe("ooc_known");
    expect(errors[0]?.message).toContain(
      'Regel 14, kolom "ooc_known": onbekend antwoord "Jaa". Toegestaan: Ja, Nee.',
    );
    expect(errors[0]?.message).toContain('Bedoelt u "Ja"?');
  });

  it("lists labels with a comma in quotes", () => {
    const text = withField(2, "street_shared", "Misschien");
    const [error] = errorsOf(text);
    expect(error?.column).toBe("street_shared");
    expect(error?.message).toContain('Toegestaan: "Ja, kosteloos", "Ja, tegen betaling", "Nee".');
  });

  it("reports unknown ai_uses values, provinces and institution types", () => {
    const ai = errorsOf(withField(2, "ai_uses", "speech-to-text|chatbot"));
    expect(ai[0]).toMatchObject({ line: 2, column: "ai_uses" });
    expect(ai[0]?.message).toContain('"chatbot"');
    const province = errorsOf(withField(2, "province", "Vlaanderen"));
    expect(province[0]).toMatchObject({ line: 2, column: "province" });
    const type = errorsOf(withField(5, "institution_type", "Bibliotheek"));
    expect(type[0]).toMatchObject({ line: 5, column: "institution_type" });
    expect(type[0]?.message).toContain("Archief, Omroep, Museum, Overig, Onbekend");
  });

  it("reports a missing required column, once, by name", () => {
    const index = columnIndex("wave");
    const text = parseCsv(original, ",")
      .map((record) =>
        record.fields
          .filter((_, i) => i !== index)
          .map((v) => quoteField(v))
          .join(","),
      )
      .join("\r\n");
    const errors = errorsOf(text);
    expect(errors).toEqual([{ line: 1, column: "wave", message: 'Kolom "wave" ontbreekt.' }]);
  });

  it("reports an unknown column with a suggestion", () => {
    const text = original.replace("ooc_known,", "ooc_knwon,");
    const errors = errorsOf(text);
    expect(errors.map((e) => e.column)).toEqual(["ooc_knwon", "ooc_known"]);
    expect(errors[0]?.message).toContain('Bedoelt u "ooc_known"?');
    expect(errors[1]?.message).toBe(
      'Kolom "ooc_known" ontbreekt. Voeg de kolom toe (leeg als deze vraag niet gesteld is).',
    );
  });

  it("reports a duplicate respondent_id within a wave with both lines, but allows it across waves", () => {
    const id12 = (originalLines[11] as string).split(",")[0] as string;
    expect(id12.startsWith("R2019-")).toBe(true);
    const text = withLine(30, (line) => line.replace(/^[^,]+/, id12));
    const errors = errorsOf(text);
    expect(errors).toEqual([
      {
        line: 30,
        column: "respondent_id",
        message: `Regel 30: respondent_id "${id12}" komt in golf 2019 al voor op regel 12.`,
      },
    ]);
    // Same id in another wave: fine.
    const otherWave = withLine(100, (line) => line.replace(/^[^,]+/, id12));
    expect((otherWave.split("\r\n")[99] as string).split(",")[1]).not.toBe("2019");
    expect(parseSurvey(otherWave).ok).toBe(true);
  });

  it("reports invalid and missing waves", () => {
    for (const [value, text] of [
      ["20244", "geen geldig jaar"],
      ["1999", "geen geldig jaar"],
      ["2024.0", "geen geldig jaar"],
      ["", "ontbreekt"],
    ] as const) {
      const errors = errorsOf(withField(7, "wave", value));
      expect(errors[0]).toMatchObject({ line: 7, column: "wave" });
      expect(errors[0]?.message).toContain(text);
    }
    expect(parseSurvey(withField(7, "wave", " 2031 ")).ok).toBe(true);
  });

  it("reports a file cut off in the middle of a quoted field", () => {
    const at = original.indexOf('"Wil afspraken maken', original.length / 2);
    const line = original.slice(0, at).split("\r\n").length;
    const errors = errorsOf(original.slice(0, at + 10));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line, column: "born_digital_policy" });
    expect(errors[0]?.message).toContain("wordt niet afgesloten");
    expect(errors[0]?.message).toContain("afgebroken");
  });

  it("reports a file cut off in the middle of a row", () => {
    const start = originalLines.slice(0, 99).join("\r\n").length + 2;
    const cut = original.slice(0, start + (originalLines[99] as string).indexOf(",Ja,") + 2);
    const errors = errorsOf(cut);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(100);
    expect(errors[0]?.column).not.toBeNull();
    expect(errors[0]?.message).toMatch(/^Regel 100: de regel houdt op na \d+ van de 40 kolommen/);
    expect(errors[0]?.message).toContain("afgebroken");
  });

  it("reports a row with too many fields, naming the delimiter", () => {
    const errors = errorsOf(withLine(8, (line) => `${line},Geen beleid`));
    expect(errors[0]?.line).toBe(8);
    expect(errors[0]?.message).toContain("komma in een antwoord zonder aanhalingstekens");
  });

  it("reports text after a closing quote", () => {
    const errors = errorsOf(
      withLine(2, (line) => line.replace('"Ja, tegen betaling"', '"Ja, tegen" betaling')),
    );
    expect(errors[0]).toMatchObject({ line: 2, column: "street_shared" });
  });

  // How fast each refusal is: tests/bench/survey-parse.bench.ts (no clocks in unit tests).
  it("refuses 50 MB of random bytes with one error", () => {
    const junk = new Uint8Array(randomBytes(50 * 1024 * 1024));
    const tooBig = errorsOf(junk);
    expect(tooBig).toHaveLength(1);
    expect(tooBig[0]?.message).toMatch(/te groot \(50 MB\); de grens is 20 MB/);

    // Even when the size limit allows it.
    const binary = errorsOf(junk, { maxBytes: 64 * 1024 * 1024 });
    expect(binary).toHaveLength(1);
    expect(binary[0]?.message).toContain("geen CSV-bestand");

    const text = new TextDecoder().decode(junk);
    const asText = errorsOf(text, { maxBytes: 256 * 1024 * 1024 });
    expect(asText).toHaveLength(1);
    expect(asText[0]).toMatchObject({ line: 1, column: null });
  });

  it("refuses printable junk without a header, and an Excel workbook", () => {
    const junk = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join(
      "",
    );
    const errors = errorsOf(junk);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain("geen herkenbare kopregel");
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(errorsOf(xlsx)[0]?.message).toContain("Excel-werkmap");
  });

  it("refuses files over the size limit", () => {
    const errors = errorsOf(original, { maxBytes: 50_000 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(0);
    expect(errors[0]?.message).toContain("te groot");
    // The limit counts UTF-8 bytes, not characters.
    expect(parseSurvey(original, { maxBytes: Buffer.byteLength(original) }).ok).toBe(true);
    expect(parseSurvey(original, { maxBytes: Buffer.byteLength(original) - 1 }).ok).toBe(false);
  });

  it("says each problem in English too, with the place in front and English number notation", () => {
    const say = (text: string | Uint8Array, options?: Parameters<typeof parseSurvey>[1]) => {
      const result = parseSurvey(text, options);
      if (result.ok) throw new Error("Verwacht fouten, maar het bestand werd geaccepteerd");
      return {
        nl: result.errors.map((e) => formatSurveyError("nl", e)),
        en: result.errors.map((e) => formatSurveyError("en", e)),
      };
    };
    const big = say("x".repeat(1.5 * 1024 * 1024), { maxBytes: 1024 * 1024 });
    expect(big.nl).toEqual([
      "Het bestand is te groot (1,5 MB); de grens is 1 MB. Is dit het goede bestand? Splits het anders per golf.",
    ]);
    expect(big.en).toEqual([
      "The file is too large (1.5 MB); the limit is 1 MB. Is this the right file? Otherwise split it by wave.",
    ]);
    const missing = say(
      originalLines.map((line) => line.replace(/^respondent_id,wave,/, "respondent_id,")).join("\n"),
    );
    expect(missing.en[0]).toBe('Line 1 (header): Column "wave" is missing.');
    expect(missing.nl[0]).toBe('Regel 1 (kopregel): Kolom "wave" ontbreekt.');
    const typo = say(withField(14, "ooc_known", "Jaa"));
    expect(typo.en).toEqual([
      'Line 14, column "ooc_known": unknown answer "Jaa". Allowed: Ja, Nee. Did you mean "Ja"?',
    ]);
    const many = say([originalLines[0], ...Array.from({ length: 150 }, (_, i) => `x${i},y,z`)].join("\n"));
    expect(many.en.at(-1)).toBe("And 50 more errors.");
    expect(
      say([originalLines[0], ...Array.from({ length: 101 }, (_, i) => `x${i},y,z`)].join("\n")).en.at(-1),
    ).toBe("And 1 more error.");
  });

  it("caps the list at 100 errors and says how many more there are", () => {
    const garbage = Array.from({ length: 5000 }, (_, i) => `x${i},y,z`);
    const errors = errorsOf([originalLines[0], ...garbage].join("\n"));
    expect(errors).toHaveLength(101);
    expect(errors[100]).toEqual({ line: 0, column: null, message: "En 4900 andere fouten." });
    expect(errors[0]?.line).toBe(2);
  });

  it("flags text that was not saved as UTF-8", () => {
    const latin1 = Buffer.from(
      withLine(2, (line) => line.replace("Instelling 001", "Instelling Fryslân")),
      "latin1",
    );
    const errors = errorsOf(new Uint8Array(latin1));
    expect(errors[0]).toMatchObject({ line: 2, column: "institution_name" });
    expect(errors[0]?.message).toContain("CSV UTF-8");
  });

  it("stores nothing when a single row is wrong", () => {
    const result = parseSurvey(withField(265, "ooc_known", "Jawel"));
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty("rows");
  });
});

describe("needsAndOffers", () => {
  it("needs a topic on Onvoldoende or Slecht, offers it on Goed, in taxonomy order", () => {
    const [first] = rowsOf(original);
    // need_metadata Goed, digitisation Onvoldoende, copyright Slecht, outsourcing/storage Voldoende,
    // born_digital Onvoldoende, avg Goed, ai Slecht, carriers Goed.
    expect(needsAndOffers(first as SurveyRow)).toEqual({
      needs: ["digitisation", "copyright", "born_digital", "ai"],
      offers: ["metadata", "avg", "carriers"],
    });
  });

  it("ignores Voldoende, Weet ik niet and blanks", () => {
    const [first] = rowsOf(original);
    const answers = { ...(first as SurveyRow).answers };
    answers.need_metadata = "Weet ik niet";
    answers.need_digitisation = null;
    answers.need_copyright = "Voldoende";
    const { needs, offers } = needsAndOffers({ answers });
    expect(needs).not.toContain("digitisation");
    expect(needs).not.toContain("copyright");
    expect(offers).not.toContain("metadata");
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random valid rows, written as CSV with random noise, read back to the same values.

type Def = (typeof questionnaire)[number];
const choiceDefs = questionnaire.filter(
  (def): def is Extract<Def, { kind: "choice" }> => def.kind === "choice",
);
const pads = ["", "", " ", "  ", "\t", "\u00A0"];

function noise(value: string, seed: number): string {
  const cased = seed % 3 === 0 ? value : seed % 3 === 1 ? value.toUpperCase() : value.toLowerCase();
  return `${pads[(seed >>> 2) % pads.length]}${cased}${pads[(seed >>> 5) % pads.length]}`;
}

const nameArb = fc.string({
  unit: fc.constantFrom("a", "b", "ë", " ", ",", ";", '"', "\n", "\r\n", "|", "'"),
  maxLength: 20,
});

const rowArb = fc.record({
  wave: fc.oneof(fc.constantFrom(2019, 2022, 2024), fc.integer({ min: 2000, max: 2100 })),
  type: fc.option(fc.constantFrom(...institutionTypes), { nil: null }),
  province: fc.option(fc.constantFrom(...provinces), { nil: null }),
  name: nameArb,
  email: fc.option(
    fc
      .tuple(fc.stringMatching(/^[a-z0-9._-]{1,10}$/), fc.stringMatching(/^[a-z]{1,8}$/))
      .map(([a, b]) => `${a}@${b}.nl`),
    { nil: null },
  ),
  answers: fc.tuple(...choiceDefs.map((def) => fc.option(fc.constantFrom(...def.labels), { nil: null }))),
  aiUses: fc.shuffledSubarray([...aiUseLabels]),
  seeds: fc.array(fc.nat(), { minLength: questionnaire.length, maxLength: questionnaire.length }),
});

const fileArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 25 }),
  delimiter: fc.constantFrom(",", ";") as fc.Arbitrary<"," | ";">,
  lineEnd: fc.constantFrom("\r\n", "\n", "\r"),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  trailingNewline: fc.boolean(),
  order: fc.shuffledSubarray(
    questionnaire.map((def) => def.column),
    { minLength: questionnaire.length },
  ),
});

describe("parseSurvey: property", () => {
  it("reads back random valid rows written with random delimiter, quoting, case and spaces", () => {
    fc.assert(
      fc.property(fileArb, (file) => {
        const cell = (value: string) =>
          file.quoteAll ? `"${value.replaceAll('"', '""')}"` : quoteField(value, file.delimiter);
        const lines = [file.order.map(cell).join(file.delimiter)];
        const expected: SurveyRow[] = [];
        let line = 2;
        file.rows.forEach((row, index) => {
          const seedOf = (column: string) =>
            row.seeds[questionnaire.findIndex((d) => d.column === column)] ?? 0;
          const values: Record<string, string> = {
            respondent_id: noise(
              `R${row.wave}-${index}`,
              seedOf("respondent_id") - (seedOf("respondent_id") % 3),
            ),
            wave: noise(String(row.wave), seedOf("wave")),
            institution_name: row.name,
            institution_type:
              row.type === null
                ? noise("", seedOf("institution_type"))
                : noise(row.type, seedOf("institution_type")),
            province: row.province === null ? "" : noise(row.province, seedOf("province")),
            contact_email: row.email === null ? " " : ` ${row.email}`,
            ai_uses: row.aiUses.map((use, i) => noise(use, seedOf("ai_uses") + i)).join("|"),
          };
          const answers: Record<string, string | null> = {};
          choiceDefs.forEach((def, i) => {
            const label = row.answers[i] ?? null;
            answers[def.column] = label;
            values[def.column] =
              label === null ? noise("", seedOf(def.column)) : noise(label, seedOf(def.column));
          });
          const record = file.order.map((column) => cell(values[column] ?? "")).join(file.delimiter);
          lines.push(record);
          const name = row.name.trim().replace(/\s+/g, " ");
          expected.push({
            line,
            respondentId: `R${row.wave}-${index}`,
            wave: row.wave,
            institutionName: name === "" ? null : name,
            institutionType: row.type ?? "Onbekend",
            province: row.province,
            contactEmail: row.email,
            answers: answers as SurveyRow["answers"],
            aiUses: aiUseLabels.filter((use) => row.aiUses.includes(use)),
          });
          line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
        });
        const text = `${file.bom ? "\uFEFF" : ""}${lines.join(file.lineEnd)}${file.trailingNewline ? file.lineEnd : ""}`;
        const result = parseSurvey(text);
        if (!result.ok) throw new Error(result.errors.map((e) => errorText("nl", e.message)).join("\n"));
        expect(result.rows).toEqual(expected);
        expect(result.waves).toEqual([...new Set(file.rows.map((r) => r.wave))].sort((a, b) => a - b));
        expect(result.delimiter).toBe(file.delimiter);
      }),
      { numRuns: 200 },
    );
  });
});
