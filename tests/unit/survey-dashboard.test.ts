import { describe, expect, it } from "vitest";
import { toCsv } from "#app/lib/csv.ts";
import { SMALL_GROUP_LABEL } from "#app/modules/survey/aggregate.ts";
import { buildDashboard, dashboardTable, publicWave } from "#app/modules/survey/dashboard.ts";
import { choiceColumns } from "#app/modules/survey/questionnaire.ts";
import { readSelfAssessment } from "#app/modules/survey/self-assessment.ts";
import { fixtureSurveyFile, SYNTHETIC_EXPECTED, surveyRow, syntheticRows } from "#tests/support/survey.ts";

describe("publicWave (the /trends.json answer)", () => {
  it("is the expected aggregate of every wave of the synthetic export", () => {
    const rows = syntheticRows();
    const expected = JSON.parse(fixtureSurveyFile(SYNTHETIC_EXPECTED)) as Record<string, unknown>;
    for (const wave of [2019, 2022, 2024]) expect(publicWave(rows, wave)).toEqual(expected[wave]);
  });

  it("hides groups and questions with 1 to 4 respondents as null", () => {
    const rows = [
      ...Array.from({ length: 3 }, () => surveyRow(2030, "Omroep", { ooc_known: "Ja" })),
      ...Array.from({ length: 9 }, () => surveyRow(2030, "Archief")),
      ...Array.from({ length: 6 }, () => surveyRow(2030, "Museum")),
    ];
    const wave = publicWave(rows, 2030);
    expect(wave.n).toBe(18);
    expect(wave.institution_type).toEqual({ Archief: 9, Omroep: null, Museum: null, Overig: 0, Onbekend: 0 });
    expect(wave.questions.ooc_known).toEqual({ n: null, counts: {}, percent: {} });
    expect(wave.questions.ai_metadata_use).toEqual({ n: 0, counts: {}, percent: {} });
  });

  it("hides a whole wave of fewer than 5", () => {
    const wave = publicWave([surveyRow(2030, "Archief"), surveyRow(2030, "Museum")], 2030);
    expect(wave.n).toBeNull();
    expect(Object.values(wave.institution_type).filter((n) => n !== 0 && n !== null)).toEqual([]);
  });
});

describe("buildDashboard and its CSV tables", () => {
  it("compares a question with the earlier waves in which it was asked", () => {
    const rows = syntheticRows();
    const dashboard = buildDashboard(rows, [2019, 2022, 2024], 2024);
    const ooc = dashboard.questions.find((q) => q.column === "ooc_known")!;
    // First asked in 2022 (the regulation dates from 2021).
    expect(ooc.comparison?.waves).toEqual([2022, 2024]);
    const ambition = dashboard.questions.find((q) => q.column === "digitisation_ambition")!;
    expect(ambition.comparison?.waves).toEqual([2019, 2022, 2024]);
    const convenant = dashboard.questions.find((q) => q.column === "ooc_av_convenant")!;
    expect(convenant.comparison).toBeNull();
    expect(convenant.n).toBe(96);
    // Table 1 figures as in the report.
    expect(dashboard.respondents.find((r) => r.type === "Archief")).toMatchObject({ n: 47, hidden: null });
  });

  it("a hidden group's row in the breakdown CSV has no figures", () => {
    const rows = [
      ...Array.from({ length: 2 }, () => surveyRow(2030, "Omroep", { ooc_known: "Nee" })),
      ...Array.from({ length: 7 }, () => surveyRow(2030, "Archief", { ooc_known: "Ja" })),
      ...Array.from({ length: 8 }, () => surveyRow(2030, "Museum", { ooc_known: "Ja" })),
    ];
    const csv = toCsv(dashboardTable(rows, [2030], 2030, "ooc_known", "type")!);
    expect(csv).toContain(`Omroep,${SMALL_GROUP_LABEL},,\r\n`);
    expect(csv).toContain("Archief,x,,\r\n");
    expect(csv).toContain("Museum,8,100,0\r\n");
  });
});

describe("readSelfAssessment", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return data;
  };

  it("reads the questionnaire's labels into the import's shape", () => {
    const result = readSelfAssessment(
      form([
        ["institution_type", "Omroep"],
        ["province", ""],
        ["need_ai", "Slecht"],
        ["ai_uses", "ondertitelen"],
        ["ai_uses", "speech-to-text"],
        ["ai_uses", "ondertitelen"],
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.institutionType).toBe("Omroep");
    expect(result.value.province).toBeNull();
    expect(result.value.answers.need_ai).toBe("Slecht");
    expect(result.value.answers.need_metadata).toBeNull();
    expect(Object.keys(result.value.answers)).toHaveLength(choiceColumns.length);
    expect(result.value.aiUses).toEqual(["speech-to-text", "ondertitelen"]);
  });

  it("refuses unknown answers, a missing type and an empty form, in Dutch", () => {
    const bad = readSelfAssessment(
      form([
        ["institution_type", "Bibliotheek"],
        ["need_ai", "slecht"],
        ["province", "Vlaanderen"],
        ["ai_uses", "tovenarij"],
      ]),
    );
    expect(bad).toEqual({
      ok: false,
      errors: {
        institution_type: "Kies het type van je instelling.",
        need_ai: "Kies een van de antwoorden.",
        province: "Kies een provincie uit de lijst.",
        ai_uses: "Kies uit de genoemde toepassingen.",
      },
    });
    const empty = readSelfAssessment(form([["institution_type", "Archief"]]));
    expect(empty).toEqual({ ok: false, errors: { form: "Beantwoord ten minste één vraag." } });
  });
});
