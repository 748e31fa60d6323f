import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsv } from "#app/lib/csv.ts";
import {
  type AggregateInput,
  aggregateAll,
  aggregateWave,
  breakdownByType,
  breakdownTable,
  type Cell,
  MIN_GROUP_SIZE,
  percentHalfUp,
  type QuestionAggregate,
  questionTable,
  respondentsByType,
  respondentsTable,
  SECONDARY_HIDDEN_LABEL,
  SMALL_GROUP_LABEL,
  suppress,
} from "#app/modules/survey/aggregate.ts";
import { parseCsv } from "#app/modules/survey/csv.ts";
import type { SurveyRow } from "#app/modules/survey/parse.ts";
import {
  type ChoiceColumn,
  choiceColumns,
  dashboardColumns,
  labelsOf,
} from "#app/modules/survey/questionnaire.ts";
import { type InstitutionType, institutionTypes } from "#app/modules/taxonomy.ts";
import { blankAnswers, fixtureSurveyFile, syntheticRows } from "#tests/support/survey.ts";

type Expected = Record<
  string,
  {
    wave: number;
    n: number;
    institution_type: Record<string, number>;
    questions: Record<string, QuestionAggregate>;
  }
>;

describe("aggregateAll: the synthetic export reproduces the expected figures", () => {
  const expected = JSON.parse(fixtureSurveyFile("trendmonitor-synthetisch.expected.json")) as Expected;
  const actual = aggregateAll(syntheticRows());

  it("has the same waves", () => {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [wave, want] of Object.entries(expected)) {
    describe(`wave ${wave}`, () => {
      const got = actual[Number(wave)];
      it("respondents and respondents per institution type", () => {
        expect(got?.wave).toBe(want.wave);
        expect(got?.n).toBe(want.n);
        expect(got?.institution_type).toEqual(want.institution_type);
      });
      it("the same questions", () => {
        expect(Object.keys(got?.questions ?? {}).sort()).toEqual(Object.keys(want.questions).sort());
      });
      for (const [column, question] of Object.entries(want.questions)) {
        it(column, () => {
          expect(got?.questions[column as keyof typeof got.questions]).toEqual(question);
        });
      }
    });
  }

  it("deep-equals the whole file", () => {
    expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
  });

  it("matches the figures the report prints (README)", () => {
    const w2024 = actual[2024];
    expect(w2024?.questions.ooc_known.percent.Ja).toBe(64);
    expect(w2024?.questions.chance_gov_subsidy.n).toBe(80);
    expect(w2024?.questions.ai_metadata_use.counts.Ja).toBe(8);
    expect(w2024?.questions.ai_metadata_use.n).toBe(92);
    expect(w2024?.questions.born_digital_policy.percent["Geen beleid"]).toBe(25);
    expect(actual[2019]?.questions.born_digital_policy.percent["Geen beleid"]).toBe(31);
  });
});

describe("percentHalfUp", () => {
  it("rounds halves up, exactly", () => {
    expect(percentHalfUp(1, 8)).toBe(13); // 12.5
    expect(percentHalfUp(3, 8)).toBe(38); // 37.5
    expect(percentHalfUp(5, 8)).toBe(63); // 62.5
    expect(percentHalfUp(1, 40)).toBe(3); // 2.5
    expect(percentHalfUp(1, 200)).toBe(1); // 0.5
    expect(percentHalfUp(1, 400)).toBe(0); // 0.25
    expect(percentHalfUp(29, 200)).toBe(15); // 14.5; in floating point 29 / 200 * 100 = 14.499999999999998
    expect(Math.round((29 / 200) * 100)).toBe(14);
    expect(percentHalfUp(18, 80)).toBe(23); // 22.5, report Table 2
    expect(percentHalfUp(1, 3)).toBe(33);
    expect(percentHalfUp(2, 3)).toBe(67);
    expect(percentHalfUp(7, 7)).toBe(100);
    expect(percentHalfUp(0, 7)).toBe(0);
    expect(percentHalfUp(0, 0)).toBe(0);
  });

  it("is applied in the aggregates", () => {
    const rows: AggregateInput[] = Array.from({ length: 8 }, (_, i) => ({
      wave: 2030,
      institutionType: "Archief",
      answers: { ...blankAnswers(), ooc_known: i < 3 ? "Ja" : "Nee", ai_metadata_use: i < 1 ? "Ja" : "Nee" },
    }));
    const { questions } = aggregateWave(rows, 2030);
    expect(questions.ooc_known.percent).toEqual({ Ja: 38, Nee: 63 });
    expect(questions.ai_metadata_use.percent).toEqual({ Ja: 13, Nee: 88 });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the aggregates equal a plain recount

const rowArb: fc.Arbitrary<AggregateInput> = fc
  .record({
    wave: fc.constantFrom(2019, 2022, 2024),
    institutionType: fc.constantFrom(...institutionTypes),
    answers: fc.tuple(
      ...choiceColumns.map((column) =>
        fc.option(fc.constantFrom(...labelsOf(column)), { nil: null, freq: 3 }),
      ),
    ),
  })
  .map(({ wave, institutionType, answers }) => ({
    wave,
    institutionType,
    answers: Object.fromEntries(
      choiceColumns.map((column, i) => [column, answers[i] ?? null]),
    ) as SurveyRow["answers"],
  }));

/** Whole percent, half up, by exact integer remainder: written apart from percentHalfUp. */
function referencePercent(count: number, n: number): number {
  const whole = Math.trunc((100 * count) / n);
  const remainder = 100 * count - whole * n;
  return 2 * remainder >= n ? whole + 1 : whole;
}

function recount(rows: readonly AggregateInput[], wave: number, column: ChoiceColumn): QuestionAggregate {
  let n = 0;
  const counts: Record<string, number> = {};
  for (const row of rows) {
    if (row.wave !== wave) continue;
    const answer = row.answers[column];
    if (answer === null) continue;
    n++;
    counts[answer] = (counts[answer] ?? 0) + 1;
  }
  const percent: Record<string, number> = {};
  for (const label of Object.keys(counts)) percent[label] = referencePercent(counts[label] ?? 0, n);
  return { n, counts, percent };
}

describe("aggregateWave: property", () => {
  it("equals a straightforward recount for every wave and question", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
        const all = aggregateAll(rows, { columns: choiceColumns });
        for (const wave of [2019, 2022, 2024]) {
          const inWave = rows.filter((row) => row.wave === wave);
          const got = all[wave];
          if (inWave.length === 0) {
            expect(got).toBeUndefined();
            continue;
          }
          expect(got?.n).toBe(inWave.length);
          for (const type of institutionTypes) {
            expect(got?.institution_type[type]).toBe(
              inWave.filter((row) => row.institutionType === type).length,
            );
          }
          for (const column of choiceColumns)
            expect(got?.questions[column]).toEqual(recount(rows, wave, column));
        }
        // Default: exactly the dashboard's questions.
        for (const wave of Object.keys(all)) {
          expect(Object.keys(aggregateWave(rows, Number(wave)).questions).sort()).toEqual(
            [...dashboardColumns].sort(),
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("counts a wave with nobody answering as n 0 with empty counts", () => {
    const rows = syntheticRows();
    expect(aggregateWave(rows, 2019).questions.ooc_av_convenant).toEqual({ n: 0, counts: {}, percent: {} });
    expect(aggregateWave(rows, 1999)).toMatchObject({ n: 0, institution_type: { Archief: 0, Onbekend: 0 } });
  });
});

// ---------------------------------------------------------------------------------------------
// Privacy

function rowsWithGroups(sizes: Partial<Record<InstitutionType, number>>, answered = true): AggregateInput[] {
  const rows: AggregateInput[] = [];
  for (const type of institutionTypes) {
    for (let i = 0; i < (sizes[type] ?? 0); i++) {
      rows.push({
        wave: 2024,
        institutionType: type,
        answers: { ...blankAnswers(), ooc_known: answered ? (i % 2 === 0 ? "Ja" : "Nee") : null },
      });
    }
  }
  return rows;
}

function hiddenTypes(groups: Record<InstitutionType, Cell<object>>): string[] {
  return institutionTypes.filter((type) => groups[type].hidden);
}

describe("breakdownByType: privacy", () => {
  it("hides a group under 5 and, beside a shown total, the smallest other group too", () => {
    const b = breakdownByType(
      rowsWithGroups({ Archief: 10, Omroep: 3, Museum: 7, Overig: 6 }),
      2024,
      "ooc_known",
    );
    expect(b.groups.Omroep).toEqual({ hidden: true, reason: "small" });
    expect(b.groups.Overig).toEqual({ hidden: true, reason: "secondary" });
    expect(b.groups.Archief).toMatchObject({
      hidden: false,
      n: 10,
      counts: { Ja: 5, Nee: 5 },
      percent: { Ja: 50 },
    });
    expect(b.groups.Museum).toMatchObject({ hidden: false, n: 7 });
    expect(b.groups.Onbekend).toEqual({ hidden: false, n: 0, counts: {}, percent: {} });
    expect(b.total).toMatchObject({ hidden: false, n: 26 });
    // A hidden cell carries no figures at all.
    expect(Object.keys(b.groups.Omroep)).toEqual(["hidden", "reason"]);
  });

  it("needs no second group when two are already hidden, or none is", () => {
    const two = breakdownByType(
      rowsWithGroups({ Archief: 10, Omroep: 3, Museum: 1, Overig: 6 }),
      2024,
      "ooc_known",
    );
    expect(hiddenTypes(two.groups)).toEqual(["Omroep", "Museum"]);
    const none = breakdownByType(rowsWithGroups({ Archief: 10, Omroep: 5, Museum: 7 }), 2024, "ooc_known");
    expect(hiddenTypes(none.groups)).toEqual([]);
  });

  it("breaks ties for the second group in taxonomy order", () => {
    const b = breakdownByType(
      rowsWithGroups({ Archief: 6, Omroep: 6, Museum: 2, Overig: 9 }),
      2024,
      "ooc_known",
    );
    expect(hiddenTypes(b.groups)).toEqual(["Archief", "Museum"]);
    expect(b.groups.Archief).toEqual({ hidden: true, reason: "secondary" });
  });

  it("sizes a group by those who answered the question", () => {
    const rows = [
      ...rowsWithGroups({ Archief: 10, Museum: 8 }),
      ...rowsWithGroups({ Omroep: 8 }, false),
      ...rowsWithGroups({ Omroep: 3 }),
    ];
    const b = breakdownByType(rows, 2024, "ooc_known");
    expect(b.groups.Omroep).toEqual({ hidden: true, reason: "small" });
    expect(b.groups.Museum).toEqual({ hidden: true, reason: "secondary" });
  });

  it("hides a total under 5, and every group with it", () => {
    const b = breakdownByType(rowsWithGroups({ Archief: 3, Museum: 1 }), 2024, "ooc_known");
    expect(b.total).toEqual({ hidden: true, reason: "small" });
    expect(hiddenTypes(b.groups)).toEqual(["Archief", "Museum"]);
  });

  it("never leaves exactly one hidden group beside a shown total (property)", () => {
    const sizes = fc.record(
      Object.fromEntries(institutionTypes.map((type) => [type, fc.nat({ max: 12 })])) as Record<
        InstitutionType,
        fc.Arbitrary<number>
      >,
    );
    fc.assert(
      fc.property(sizes, (groupSizes) => {
        const total = institutionTypes.reduce((sum, type) => sum + groupSizes[type], 0);
        const hide = suppress(groupSizes, total);
        const hidden = institutionTypes.filter((type) => hide.groups[type] !== null);
        for (const type of institutionTypes) {
          const size = groupSizes[type];
          if (size > 0 && size < MIN_GROUP_SIZE) expect(hide.groups[type]).toBe("small");
          if (size === 0) expect(hide.groups[type]).toBeNull();
          if (hide.groups[type] === null) expect(size === 0 || size >= MIN_GROUP_SIZE).toBe(true);
        }
        expect(hide.total === null).toBe(total === 0 || total >= MIN_GROUP_SIZE);
        if (hide.total === null) {
          // Whenever a hidden group exists, another non-empty group is hidden with it.
          const hiddenNonEmpty = hidden.filter((type) => groupSizes[type] > 0);
          expect(hiddenNonEmpty.length === 0 || hiddenNonEmpty.length >= 2).toBe(true);
        }
        const secondary = institutionTypes.filter((type) => hide.groups[type] === "secondary");
        expect(secondary.length).toBeLessThanOrEqual(1);
        for (const type of secondary) {
          const shownSizes = institutionTypes
            .filter((other) => hide.groups[other] === null && groupSizes[other] > 0)
            .map((other) => groupSizes[other]);
          for (const other of shownSizes) expect(groupSizes[type]).toBeLessThanOrEqual(other);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("applies the same rule to respondents per type (Table 1)", () => {
    const counts = respondentsByType(rowsWithGroups({ Archief: 20, Omroep: 4, Museum: 9, Overig: 11 }), 2024);
    expect(counts.groups.Omroep).toEqual({ hidden: true, reason: "small" });
    expect(counts.groups.Museum).toEqual({ hidden: true, reason: "secondary" });
    expect(counts.groups.Archief).toEqual({ hidden: false, n: 20, percent: 45 });
    expect(respondentsTable(counts).rows).toEqual([
      ["Archief", 20, 45],
      ["Omroep", SMALL_GROUP_LABEL, null],
      ["Museum", SECONDARY_HIDDEN_LABEL, null],
      ["Overig", 11, 25],
      ["Onbekend", 0, 0],
      ["Totaal", 44, 100],
    ]);
    // The synthetic 2024 wave: every group shown.
    const synthetic = respondentsByType(syntheticRows(), 2024);
    expect(hiddenTypes(synthetic.groups)).toEqual([]);
  });

  it("shows no name, e-mail or free text anywhere", () => {
    const rows = syntheticRows();
    const output: unknown[] = [aggregateAll(rows), aggregateAll(rows, { columns: choiceColumns })];
    for (const wave of [2019, 2022, 2024]) {
      output.push(respondentsTable(respondentsByType(rows, wave)));
      for (const column of choiceColumns) {
        const breakdown = breakdownByType(rows, wave, column);
        output.push(breakdown, toCsv(breakdownTable(breakdown)));
      }
    }
    const json = JSON.stringify(output);
    expect(json).not.toContain("@");
    expect(json).not.toContain("Instelling ");
    expect(json).not.toContain("synthetisch");
    expect(json).not.toContain("R2019-");
    for (const row of rows.slice(0, 20)) {
      if (row.institutionName) expect(json).not.toContain(row.institutionName);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Tables and CSV downloads

describe("tables and toCsv", () => {
  it("writes a question's data table as CSV with every label", () => {
    const aggregate = aggregateWave(syntheticRows(), 2024).questions.ooc_av_convenant;
    const csv = toCsv(questionTable(aggregate, "ooc_av_convenant"));
    expect(csv).toBe(
      [
        "Antwoord,Aantal,Percentage",
        "Ondertekend,20,21",
        "Van plan te ondertekenen,28,29",
        "Bewust niet,14,15",
        "Niet bekend,34,35",
        "Beantwoord (N),96,",
        "",
      ].join("\r\n"),
    );
  });

  it("quotes fields that need it and disarms spreadsheet formulas", () => {
    const csv = toCsv({
      columns: ["Antwoord", "Aantal"],
      rows: [
        ["Ja, kosteloos", 3],
        ['Zeg "ja"', 1],
        ["twee\nregels", null],
        ["=SUM(A1:A9)", 0],
        ["-1", -1],
      ],
    });
    const records = parseCsv(csv, ",").map((record) => record.fields);
    expect(records).toEqual([
      ["Antwoord", "Aantal"],
      ["Ja, kosteloos", "3"],
      ['Zeg "ja"', "1"],
      ["twee\nregels", ""],
      ["'=SUM(A1:A9)", "0"],
      ["'-1", "-1"],
    ]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("marks hidden groups in a breakdown table", () => {
    const b = breakdownByType(
      rowsWithGroups({ Archief: 10, Omroep: 3, Museum: 7, Overig: 6 }),
      2024,
      "ooc_known",
    );
    expect(breakdownTable(b)).toEqual({
      columns: ["Type instelling", "N", "Ja (%)", "Nee (%)"],
      rows: [
        ["Archief", 10, 50, 50],
        ["Omroep", SMALL_GROUP_LABEL, null, null],
        ["Museum", 7, 57, 43],
        ["Overig", SECONDARY_HIDDEN_LABEL, null, null],
        ["Onbekend", 0, 0, 0],
        ["Totaal", 26, 54, 46],
      ],
    });
  });
});
