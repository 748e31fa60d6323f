import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { figureCharts } from "#app/components/report-chart.tsx";
import { toCsv } from "#app/lib/csv.ts";
import {
  badlyMet,
  computedFigures,
  figureTable,
  publishedFigures,
  publishedWave,
} from "#app/modules/survey/figures.ts";
import { dashboardColumns } from "#app/modules/survey/questionnaire.ts";
import { reportFigures } from "#app/modules/survey/trendmonitor-2024.ts";
import { surveyRow, syntheticRows } from "#tests/support/survey.ts";

const syntheticWaves = [2019, 2022, 2024];

describe("the report's published figures", () => {
  it("serve Table 1 and Table 2 as printed, under the import's keys", () => {
    const wave2024 = publishedWave(2024, dashboardColumns);
    expect(wave2024.n).toBe(96);
    expect(wave2024.institution_type).toEqual({
      Archief: 47,
      Omroep: 8,
      Museum: 18,
      Overig: 23,
      Onbekend: 0,
    });
    const wave2022 = publishedWave(2022, dashboardColumns);
    expect(wave2022.institution_type).toEqual({
      Archief: 36,
      Omroep: 14,
      Museum: 13,
      Overig: 16,
      Onbekend: 14,
    });
    // Table 2, row "Projectsubsidies overheid", 2022: 21% 8% 28% 19% 3% 21%.
    expect(wave2022.questions.chance_gov_subsidy).toEqual({
      n: null,
      counts: {
        "Niet kansrijk": null,
        "Onvoldoende kansrijk": null,
        "Matig kansrijk": null,
        "Voldoende kansrijk": null,
        "Zeer kansrijk": null,
        "Weet ik niet": null,
      },
      percent: {
        "Niet kansrijk": 21,
        "Onvoldoende kansrijk": 8,
        "Matig kansrijk": 28,
        "Voldoende kansrijk": 19,
        "Zeer kansrijk": 3,
        "Weet ik niet": 21,
      },
    });
    // In-text figures: 19.8% want everything digitised; 8 of 92 use AI.
    expect(wave2024.questions.digitisation_ambition!.percent).toEqual({ Alles: 19.8 });
    expect(wave2024.questions.ai_metadata_use).toEqual({ n: 92, counts: { Ja: 8 }, percent: {} });
    // Every dashboard column is there, empty where the report prints nothing.
    expect(Object.keys(wave2024.questions)).toEqual(expect.arrayContaining([...dashboardColumns]));
    expect(publishedWave(2019, dashboardColumns).questions.ooc_known).toEqual({
      n: null,
      counts: {},
      percent: {},
    });
  });

  it("every figure has its report number, source line and wording; charts only where numbers are printed", () => {
    const figures = publishedFigures();
    expect(figures.length).toBe(reportFigures.length);
    for (const figure of figures) {
      expect(figure.sourceLine).toMatch(/^(Tabel|Figuur) \d+\. Bron: /);
      expect(figure.sourceLine.startsWith(figure.number.nl)).toBe(true);
      expect(figure.wording.length).toBeGreaterThan(0);
      expect(figureCharts(figure, "nl").length > 0).toBe(figure.hasNumbers);
    }
    const table2 = figures.find((f) => f.id === "tabel-2")!;
    expect(table2.items.map((i) => i.series.map((s) => s.wave))).toEqual(Array(6).fill([2022, 2024]));
    expect(figures.find((f) => f.id === "figuur-13")!.hasNumbers).toBe(false);
  });
});

describe("figures computed from respondents", () => {
  const figures = computedFigures(syntheticRows(), syntheticWaves, { checks: true });
  const byId = (id: string) => figures.find((f) => f.id === id)!;

  it("computes at least 20 of the report's figures and tables", () => {
    const computed = figures.filter((f) => f.hasNumbers);
    expect(computed.length).toBeGreaterThanOrEqual(20);
  });

  it("compares a question only across the waves that asked it", () => {
    expect(byId("figuur-6").waves).toEqual([2022, 2024]);
    expect(byId("figuur-7").waves).toEqual([2024]);
    expect(byId("figuur-14").waves).toEqual([2019, 2022, 2024]);
    expect(byId("tabel-2").waves).toEqual([2022, 2024]);
  });

  it("reproduces the printed Table 1 and Table 2, and says so per figure for moderators", () => {
    const table1 = byId("tabel-1");
    expect(table1.checks!.every((c) => c.match)).toBe(true);
    expect(table1.checks!.map((c) => c.wave).sort()).toEqual([2019, 2022, 2024]);
    const table2 = byId("tabel-2");
    expect(table2.checks).toHaveLength(12);
    // Table 2 prints N = 96 for 2024, but its percentages fit 80 answers: the check says so.
    for (const c of table2.checks!.filter((c) => c.wave === 2024)) {
      expect(c.points).toBe(0);
      expect(c.nDiffers).toEqual({ printed: 96, computed: 80 });
    }
    for (const c of table2.checks!.filter((c) => c.wave === 2022)) expect(c.match).toBe(true);
    // The in-text 19.8% and 64%.
    expect(byId("figuur-16").checks!.find((c) => c.wave === 2024)).toMatchObject({ points: 0 });
    expect(byId("figuur-6").checks!.every((c) => c.points === 0)).toBe(true);
  });

  it("a figure that differs from the report shows by how many points", () => {
    const rows = syntheticRows().map((r) =>
      r.wave === 2024 && r.answers.ooc_known === "Nee"
        ? { ...r, answers: { ...r.answers, ooc_known: "Ja" as const } }
        : r,
    );
    const figure = computedFigures(rows, syntheticWaves, { checks: true }).find((f) => f.id === "figuur-6")!;
    const check = figure.checks!.find((c) => c.wave === 2024)!;
    expect(check.match).toBe(false);
    expect(check.points).toBe(36);
  });

  it("figure 13: nine needs in one chart, worst met first", () => {
    const needs = byId("figuur-13");
    expect(needs.items).toHaveLength(9);
    const scores = needs.items.map((item) => badlyMet(item, needs.labels));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(needs.items.every((item) => item.topic)).toBe(true);
  });

  it("hides groups of fewer than 5 in the figures by type and in their CSV", () => {
    const rows = [
      ...Array.from({ length: 3 }, () => surveyRow(2024, "Omroep", { digitisation_degree: "75-100%" })),
      ...Array.from({ length: 9 }, () => surveyRow(2024, "Archief", { digitisation_degree: "0-10%" })),
      ...Array.from({ length: 6 }, () => surveyRow(2024, "Museum", { digitisation_degree: "10-25%" })),
    ];
    const figure = computedFigures(rows, [2024]).find((f) => f.id === "figuur-15")!;
    const omroep = figure.items.find((i) => i.key === "Omroep")!.series[0]!;
    expect(omroep).toMatchObject({ n: null, hidden: "small" });
    expect(omroep.percent.every((p) => p === null)).toBe(true);
    const csv = toCsv(figureTable(figure));
    expect(csv).toMatch(/\r\nOmroepen,2024,< 5,,/);
    expect(csv).not.toContain("Omroepen,2024,3");
    // A question that 1 to 4 answered shows no numbers at all.
    const few = computedFigures([...rows, surveyRow(2024, "Archief", { ooc_known: "Ja" })], [2024]);
    expect(few.find((f) => f.id === "figuur-6")!.items[0]!.series[0]).toMatchObject({
      n: null,
      hidden: "small",
    });
  });

  it("draws SVG charts without inline styles, with a title and a description", () => {
    for (const figure of figures.filter((f) => f.hasNumbers)) {
      for (const chart of figureCharts(figure, "nl")) {
        const svg = renderToStaticMarkup(chart.element);
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/);
        expect(svg).not.toContain("style=");
        expect(svg).toContain("<title");
        expect(svg).toContain("<desc");
      }
    }
  });
});
