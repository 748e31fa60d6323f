import { describe, expect, it } from "vitest";
import {
  type DemandPost,
  type LineOffer,
  offerFromSurvey,
  poolDemand,
} from "#app/modules/dragers/pooling.ts";

const titles = new Map([
  ["u-matic", "U-matic"],
  ["vhs", "VHS"],
  ["dat", "DAT"],
]);

// Demand posts: U-matic from 5 institutions (12 + 30 + 8 + 50 + 20 = 120), VHS from 2 (200 + 100
// = 300), DAT from 1 (15). With the minimum group of 5, only U-matic is shown publicly.
const demand: DemandPost[] = [
  { institutionId: 1, institutionName: "Archief Eén", carrier: "u-matic", count: 12 },
  { institutionId: 2, institutionName: "Archief Twee", carrier: "u-matic", count: 30 },
  { institutionId: 3, institutionName: "Museum Drie", carrier: "u-matic", count: 8 },
  { institutionId: 4, institutionName: "Omroep Vier", carrier: "u-matic", count: 50 },
  { institutionId: 5, institutionName: "Archief Vijf", carrier: "u-matic", count: 20 },
  { institutionId: 1, institutionName: "Archief Eén", carrier: "vhs", count: 200 },
  { institutionId: 2, institutionName: "Archief Twee", carrier: "vhs", count: 100 },
  { institutionId: 3, institutionName: "Museum Drie", carrier: "dat", count: 15 },
];
const offers: LineOffer[] = [
  {
    institutionId: 9,
    institutionName: "Lijn Negen",
    carriers: ["u-matic", "vhs"],
    shared: "Ja, tegen betaling",
    suitability: null,
    terms: "€ 25 per band",
    source: "member",
  },
  {
    institutionId: 8,
    institutionName: "Lijn Acht",
    carriers: ["vhs"],
    shared: "Ja, kosteloos",
    suitability: "Geheel geschikt",
    terms: "",
    source: "survey",
  },
];

describe("pooling demand", () => {
  it("moderators see every total and every institution's demand", () => {
    const pool = poolDemand(demand, offers, titles, "moderator");
    expect(pool.rows.map((r) => [r.carrier, r.total, r.institutions, r.lines])).toEqual([
      ["vhs", 300, 2, 2],
      ["u-matic", 120, 5, 1],
      ["dat", 15, 1, 0],
    ]);
    expect(pool.rows[1]!.demand).toEqual([
      { institutionName: "Omroep Vier", count: 50, note: "" },
      { institutionName: "Archief Twee", count: 30, note: "" },
      { institutionName: "Archief Vijf", count: 20, note: "" },
      { institutionName: "Archief Eén", count: 12, note: "" },
      { institutionName: "Museum Drie", count: 8, note: "" },
    ]);
    // 300 + 120 + 15 = 435, from 5 institutions.
    expect(pool.shownTotal).toBe(435);
    expect(pool.shownInstitutions).toBe(5);
  });

  it("the public sees totals of groups of at least 5 institutions only, and no names", () => {
    const pool = poolDemand(demand, offers, titles, "public");
    expect(pool.rows.map((r) => [r.carrier, r.total, r.institutions, r.hidden, r.lines])).toEqual([
      ["u-matic", 120, 5, false, 1],
      ["dat", null, null, true, 0],
      ["vhs", null, null, true, 2],
    ]);
    for (const row of pool.rows) {
      expect(row.demand).toBeNull();
      expect(row.lineNames).toBeNull();
    }
    // Only the shown carrier counts in the total: 120, nothing to subtract from.
    expect(pool.shownTotal).toBe(120);
    expect(pool.shownInstitutions).toBe(5);
    expect(pool.hiddenCarriers).toBe(2);
    expect(JSON.stringify(pool)).not.toMatch(/Archief|Museum|Omroep|Lijn/);
  });

  it("members see the lines' names (they offered themselves) but nobody's demand", () => {
    const pool = poolDemand(demand, offers, titles, "member");
    const vhs = pool.rows.find((r) => r.carrier === "vhs")!;
    expect(vhs.total).toBeNull();
    expect(vhs.lineNames).toEqual(["Lijn Acht", "Lijn Negen"]);
    expect(vhs.demand).toBeNull();
  });

  it("adds up several posts and ignores zero counts", () => {
    const pool = poolDemand(
      [
        { institutionId: 1, institutionName: "A", carrier: "dat", count: 3 },
        { institutionId: 2, institutionName: "B", carrier: "dat", count: 0 },
      ],
      [],
      titles,
      "moderator",
    );
    expect(pool.rows).toEqual([expect.objectContaining({ carrier: "dat", total: 3, institutions: 1 })]);
  });

  it("pre-fills a line offer only from an institution that has a line and shares it", () => {
    expect(
      offerFromSurvey({
        has_digitisation_street: "Ja",
        street_shared: "Ja, tegen betaling",
        street_suitability: "Deels geschikt",
      }),
    ).toEqual({ shared: "Ja, tegen betaling", suitability: "Deels geschikt" });
    expect(offerFromSurvey({ has_digitisation_street: "Ja", street_shared: "Nee" })).toBeNull();
    expect(offerFromSurvey({ has_digitisation_street: "Nee", street_shared: "Ja, kosteloos" })).toBeNull();
  });
});
