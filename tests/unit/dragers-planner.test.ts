import { describe, expect, it } from "vitest";
import { parseForm } from "#app/lib/forms.ts";
import {
  assumptionFormSchema,
  defaultAssumptionBySlug,
  defaultAssumptions,
} from "#app/modules/dragers/assumptions.ts";
import {
  buildPlan,
  explainRank,
  inventoryQuery,
  planCsv,
  readInventory,
} from "#app/modules/dragers/planner.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { readSourceRegistry } from "#db/seed/sources.server.ts";

const registry = readSourceRegistry();

const titles = new Map([
  ["u-matic", "U-matic"],
  ["audio-cassette", "Audiocassette"],
  ["16mm-film", "16 mm-film"],
  ["vhs", "VHS"],
  ["cd-r", "CD-R"],
]);

describe("default assumptions", () => {
  it("cover every carrier guide, with the guide's own scores and minutes, and name their sources", () => {
    const guides = readSeedContent().filter((c) => c.locale === "nl" && c.kind === "drager");
    expect(defaultAssumptions.map((a) => a.carrier).sort()).toEqual(guides.map((g) => g.slug).sort());
    for (const g of guides) {
      const a = defaultAssumptionBySlug.get(g.slug)!;
      expect(a.degradationScore, g.slug).toBe(g.carrier!.degradationScore);
      expect(a.obsolescenceScore, g.slug).toBe(g.carrier!.obsolescenceScore);
      expect(a.minutesPerItem, g.slug).toBe(g.carrier!.minutesPerItem);
      // Sources from the registry a reader can open on /bronnen, not a file outside the repo.
      expect(a.sources).not.toContain("carriers.md");
      const cited = [...a.sources.matchAll(/\[@([a-z0-9-]+)\]/g)].map((m) => m[1]!);
      expect(cited.length, g.slug).toBeGreaterThan(0);
      for (const key of cited) expect(registry.has(key), `${g.slug}: ${key}`).toBe(true);
      // The transfer multiplier has no source: it must say so.
      expect(a.certainty.transferFactor).toBe("?");
    }
  });

  it("use the fact sheet's data rates (Part 5)", () => {
    expect(defaultAssumptionBySlug.get("open-reel-audio")!.masterGbPerHour).toBe(2.07); // 96/24 stereo
    expect(defaultAssumptionBySlug.get("minidv-dvcam")!.masterGbPerHour).toBe(13); // DV25
    expect(defaultAssumptionBySlug.get("16mm-film")!.masterGbPerHour).toBe(1100); // 2K DPX 24 fps
    expect(defaultAssumptionBySlug.get("35mm-film")!.masterGbPerHour).toBe(6600); // 4K 16-bit DPX
    expect(defaultAssumptionBySlug.get("u-matic")!.accessGbPerHour).toBe(1.7); // H.264 3.5 Mbit/s
    expect(defaultAssumptionBySlug.get("u-matic")!.certainty.masterGbPerHour).toBe("?"); // FFV1 40-60
  });
});

describe("planner: ranking and estimates, checked by hand", () => {
  // Inputs (default assumptions):
  //   A. 40 U-matic, average duration left empty (default 60 min), condition slecht
  //      D 4, O 5, transfer factor 2, master FFV1 50 GB/h, access 1.7 GB/h
  //   B. 100 audio cassettes, 45 min, condition goed
  //      D 3, O 2, factor 2, master WAV 96/24 stereo 2.07 GB/h, access 0.144 GB/h
  //   C. 10 16 mm films, default 11 min, condition twijfelachtig
  //      D 3, O 3, factor 3, master 2K DPX 24 fps 1100 GB/h, access 3.7 GB/h
  //
  // Risk score = D × O × condition factor (goed 1, twijfelachtig 1.5, slecht 2):
  //   A: 4 × 5 = 20, × 2   = 40
  //   B: 3 × 2 = 6,  × 1   = 6
  //   C: 3 × 3 = 9,  × 1.5 = 13.5
  //   ranks: A 1, C 2, B 3
  //
  // Content hours = items × minutes / 60; digitisation hours = content hours × factor;
  // TB = content hours × GB per hour / 1000:
  //   A: 40 × 60 / 60 = 40 h;      × 2 = 80 h;    master 40 × 50 = 2000 GB = 2 TB;       access 40 × 1.7 = 68 GB = 0.068 TB
  //   B: 100 × 45 / 60 = 75 h;     × 2 = 150 h;   master 75 × 2.07 = 155.25 GB = 0.15525 TB; access 75 × 0.144 = 10.8 GB = 0.0108 TB
  //   C: 10 × 11 / 60 = 1.8333 h;  × 3 = 5.5 h;   master 1.8333 × 1100 = 2016.67 GB = 2.01667 TB; access 1.8333 × 3.7 = 6.7833 GB
  //   totals: 150 items; 116.8333 h content; 235.5 h digitisation; master 4.17192 TB; access 0.085583 TB
  const plan = buildPlan(
    [
      { carrier: "audio-cassette", count: 100, minutes: 45, condition: "goed" },
      { carrier: "u-matic", count: 40, minutes: null, condition: "slecht" },
      { carrier: "16mm-film", count: 10, minutes: null, condition: "twijfelachtig" },
    ],
    defaultAssumptionBySlug,
    titles,
  );

  it("ranks by D × O × condition and explains each rank", () => {
    expect(plan.rows.map((r) => [r.rank, r.carrier, r.score])).toEqual([
      [1, "u-matic", 40],
      [2, "16mm-film", 13.5],
      [3, "audio-cassette", 6],
    ]);
    expect(explainRank(plan.rows[0]!, "nl")).toBe(
      "Degradatie 4 × veroudering afspeelapparatuur 5 = 20; staat slecht: × 2 = 40.",
    );
    expect(explainRank(plan.rows[1]!, "nl")).toBe(
      "Degradatie 3 × veroudering afspeelapparatuur 3 = 9; staat twijfelachtig: × 1,5 = 13,5.",
    );
    expect(explainRank(plan.rows[2]!, "en")).toBe(
      "Degradation 3 × playback obsolescence 2 = 6; condition good: × 1 = 6.",
    );
  });

  it("estimates hours and storage per line", () => {
    const [a, c, b] = plan.rows;
    expect(a!.minutes).toBe(60);
    expect(a!.defaultMinutes).toBe(true);
    expect(a!.contentHours).toBe(40);
    expect(a!.digitisationHours).toBe(80);
    expect(a!.masterTb).toBeCloseTo(2, 10);
    expect(a!.accessTb).toBeCloseTo(0.068, 10);

    expect(b!.contentHours).toBe(75);
    expect(b!.digitisationHours).toBe(150);
    expect(b!.masterTb).toBeCloseTo(0.15525, 10);
    expect(b!.accessTb).toBeCloseTo(0.0108, 10);

    expect(c!.contentHours).toBeCloseTo(1.833333, 5);
    expect(c!.digitisationHours).toBeCloseTo(5.5, 10);
    expect(c!.masterTb).toBeCloseTo(2.016667, 5);
    expect(c!.accessTb).toBeCloseTo(0.0067833, 6);
  });

  it("adds up the totals", () => {
    expect(plan.totals.items).toBe(150);
    expect(plan.totals.contentHours).toBeCloseTo(116.833333, 5);
    expect(plan.totals.digitisationHours).toBeCloseTo(235.5, 10);
    expect(plan.totals.masterTb).toBeCloseTo(4.171917, 5);
    expect(plan.totals.accessTb).toBeCloseTo(0.0855833, 6);
  });

  it("breaks ties by degradation, then hours of content", () => {
    // VHS: D 3 × O 3 = 9, slecht × 2 = 18. U-matic: 4 × 5 = 20, goed × 1 = 20 (first).
    // CD-R: D 3 × O 2 = 6, slecht × 2 = 12; cassette 3 × 2 = 6 × 2 = 12: same score and D; the
    // cassettes hold 10 × 60 / 60 = 10 h, the CD-Rs 5 × 80 / 60 = 6.67 h, so cassettes first.
    const tie = buildPlan(
      [
        { carrier: "cd-r", count: 5, minutes: null, condition: "slecht" },
        { carrier: "vhs", count: 1, minutes: null, condition: "slecht" },
        { carrier: "audio-cassette", count: 10, minutes: null, condition: "slecht" },
        { carrier: "u-matic", count: 1, minutes: null, condition: "goed" },
      ],
      defaultAssumptionBySlug,
      titles,
    );
    expect(tie.rows.map((r) => [r.carrier, r.score])).toEqual([
      ["u-matic", 20],
      ["vhs", 18],
      ["audio-cassette", 12],
      ["cd-r", 12],
    ]);
  });

  it("uses an edited assumption (a moderator's change) instead of the default", () => {
    // U-matic with factor 3 and 60 GB/h: 40 h content → 120 h, 2.4 TB.
    const edited = new Map(defaultAssumptionBySlug);
    edited.set("u-matic", {
      ...defaultAssumptionBySlug.get("u-matic")!,
      transferFactor: 3,
      masterGbPerHour: 60,
    });
    const p = buildPlan([{ carrier: "u-matic", count: 40, minutes: null, condition: "goed" }], edited);
    expect(p.rows[0]!.digitisationHours).toBe(120);
    expect(p.rows[0]!.masterTb).toBeCloseTo(2.4, 10);
  });

  it("leaves out carriers without an assumption, and says which", () => {
    const p = buildPlan(
      [{ carrier: "onbekend", count: 1, minutes: null, condition: "goed" }],
      defaultAssumptionBySlug,
    );
    expect(p.rows).toEqual([]);
    expect(p.missing).toEqual(["onbekend"]);
  });

  it("exports CSV with the rank, the explanation and the rounded figures", () => {
    const csv = planCsv(plan);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "rang,drager,aantal,minuten_per_item,staat,degradatie,veroudering,staatfactor,risicoscore,uitleg,uren_inhoud,digitaliseringsfactor,digitaliseringsuren,bewaarmaster_tb,toegangskopie_tb",
    );
    expect(lines[1]).toBe(
      "1,U-matic,40,60,slecht,4,5,2,40,Degradatie 4 × veroudering afspeelapparatuur 5 = 20; staat slecht: × 2 = 40.,40,2,80,2,0.068",
    );
    expect(lines[2]).toContain("2,16 mm-film,10,11,twijfelachtig,3,3,1.5,13.5,");
    expect(lines[2]).toMatch(/,1\.83,3,5\.5,2\.017,0\.007$/);
    expect(lines[4]).toBe("totaal,,150,,,,,,,,116.83,,235.5,4.172,0.086");
  });
});

describe("reading the inventory form", () => {
  const known = new Set(["u-matic", "vhs"]);

  it("reads repeated fields, skips empty rows and accepts a decimal comma", () => {
    const params = new URLSearchParams(
      "drager=u-matic&aantal=40&duur=&staat=slecht&drager=&aantal=&duur=&staat=goed&drager=vhs&aantal=1.200&duur=90,5&staat=goed",
    );
    const read = readInventory(params, known);
    expect(read).toMatchObject({
      ok: true,
      lines: [
        { carrier: "u-matic", count: 40, minutes: null, condition: "slecht" },
        { carrier: "vhs", count: 1200, minutes: 90.5, condition: "goed" },
      ],
    });
    expect(
      readInventory(new URLSearchParams(inventoryQuery(read.ok ? read.lines : [])), known),
    ).toMatchObject({
      ok: true,
      lines: read.ok ? read.lines : [],
    });
  });

  it("gives a Dutch message per field and row", () => {
    const params = new URLSearchParams(
      "drager=u-matic&aantal=0&duur=-5&staat=goed&drager=laserdisk&aantal=3&duur=&staat=kapot&drager=&aantal=2&duur=&staat=goed",
    );
    const read = readInventory(params, known);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual({
      "aantal-0": "Vul een heel getal van 1 of meer in, zoals 40.",
      "duur-0": "Vul de gemiddelde duur in minuten in (groter dan 0), of laat het leeg.",
      "drager-1": "Kies een drager uit de lijst.",
      "staat-1": "Kies goed, twijfelachtig of slecht.",
      "drager-2": "Kies een drager.",
    });
    expect(read.drafts).toHaveLength(3);
  });
});

describe("the moderator's assumption form", () => {
  const valid = {
    carrier: "u-matic",
    minutesPerItem: "45",
    transferFactor: "2,5",
    masterGbPerHour: "55",
    masterFormat: "FFV1",
    accessGbPerHour: "1,7",
    accessFormat: "H.264",
    degradationScore: "4",
    obsolescenceScore: "5",
    certaintyMinutes: "alg",
    certaintyFactor: "?",
    certaintyMaster: "?",
    certaintyAccess: "bron",
    certaintyScores: "?",
    sources: "Eigen meting B&G 2026",
    note: "",
  };

  it("accepts decimal commas", () => {
    const r = assumptionFormSchema.safeParse(valid);
    expect(r.success && r.data.transferFactor).toBe(2.5);
  });

  it("rejects a missing source, a score of 6 and a negative rate, with Dutch messages", () => {
    // The schema names message keys; parseForm says them in the page's language (Dutch here).
    const r = parseForm(assumptionFormSchema, {
      ...valid,
      sources: " ",
      degradationScore: "6",
      masterGbPerHour: "-1",
    });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.errors).toEqual({
      sources: "Noem minstens één bron (of schrijf waarom er geen is).",
      degradationScore: "Vul een score van 1 tot en met 5 in.",
      masterGbPerHour: "Vul een getal groter dan 0 in.",
    });
  });
});
