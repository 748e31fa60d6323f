import { describe, expect, it } from "vitest";
import {
  BANK_CARD,
  type CarrierShape,
  carrierDimensions,
  compareKeysFor,
  comparisonGroups,
  dimensionText,
  drawCarrier,
  layoutComparison,
} from "#app/modules/dragers/drawings.ts";
import { readSeedContent } from "#db/seed/content.server.ts";

const guides = readSeedContent().filter((c) => c.locale === "nl" && c.kind === "drager");

/** Every number in a shape description, nested ones included. */
const numbers = (shape: CarrierShape): number[] =>
  Object.values(shape).flatMap((v) =>
    typeof v === "number"
      ? [v]
      : v && typeof v === "object"
        ? Object.values(v).filter((n) => typeof n === "number")
        : [],
  );

/** The form of a guide's fact box, mapped to the drawing form that should draw it. */
const expectedForm: Record<string, CarrierShape["form"][]> = {
  cassette: ["cassette"],
  spoel: ["reel"],
  schijf: ["disc"],
  filmrol: ["film"],
  draadspoel: ["wire"],
  cilinder: ["cylinder"],
  kaart: ["card"],
  schijfeenheid: ["drive"],
};

describe("carrier drawings to scale", () => {
  it("has a drawing for every carrier guide in the seed, of the guide's form", () => {
    expect(guides.length).toBeGreaterThanOrEqual(45);
    for (const g of guides) {
      const drawing = drawCarrier(g.slug);
      expect(drawing, g.slug).toBeDefined();
      expect(expectedForm[g.carrier!.form], g.slug).toContain(drawing!.dims.shape.form);
    }
  });

  it("has only positive, finite dimensions and a source or the approximate flag", () => {
    for (const [key, dims] of Object.entries(carrierDimensions)) {
      for (const n of numbers(dims.shape)) {
        expect(Number.isFinite(n) && n > 0, `${key}: ${n}`).toBe(true);
      }
      if (!dims.approximate) expect(dims.sources.length, key).toBeGreaterThan(0);
      const d = drawCarrier(key)!;
      expect(d.width, key).toBeGreaterThan(0);
      expect(d.height, key).toBeGreaterThan(0);
    }
  });

  it("draws the outer size at 1 unit = 1 mm", () => {
    const vhs = drawCarrier("vhs")!;
    const card = drawCarrier(BANK_CARD)!;
    expect([vhs.width, vhs.height]).toEqual([187, 103]);
    expect([card.width, card.height]).toEqual([85.6, 53.98]);
    // A 12-inch LP is drawn 304.8 mm across.
    expect(drawCarrier("vinyl")!.width).toBeCloseTo(304.8, 1);
  });

  it("keeps the real ratio in a comparison: a VHS is wider than a MiniDV by the real factor", () => {
    const scene = layoutComparison(["vhs", "minidv-dvcam"]);
    const width = (key: string) => scene.items.find((i) => i.drawing.key === key)!.drawing.width;
    const vhs = carrierDimensions.vhs!.shape;
    const minidv = carrierDimensions["minidv-dvcam"]!.shape;
    if (vhs.form !== "cassette" || minidv.form !== "cassette") throw new Error("both are cassettes");
    expect(width("vhs") / width("minidv-dvcam")).toBeCloseTo(vhs.width / minidv.width, 5);
    // The bank card comes last as the reference; the items do not overlap and share one baseline.
    expect(scene.items.map((i) => i.drawing.key)).toEqual(["vhs", "minidv-dvcam", BANK_CARD]);
    for (let i = 1; i < scene.items.length; i++) {
      const prev = scene.items[i - 1]!;
      expect(scene.items[i]!.x).toBeGreaterThanOrEqual(prev.x + prev.drawing.width);
    }
    for (const item of scene.items) expect(item.y + item.drawing.height).toBeCloseTo(scene.height, 5);
  });

  it("drops unknown keys and duplicates from a comparison", () => {
    const scene = layoutComparison(["betamax", "nope", "betamax", BANK_CARD, "betacam-sp"]);
    expect(scene.items.map((i) => i.drawing.key)).toEqual(["betamax", "betacam-sp", BANK_CARD]);
  });

  it("links each named lookalike group, and U-matic to U-matic S", () => {
    for (const group of comparisonGroups)
      for (const k of group) expect(carrierDimensions[k], k).toBeDefined();
    expect(compareKeysFor("u-matic", ["betacam-sp"])).toEqual(["u-matic", "betacam-sp", "u-matic-s"]);
    expect(compareKeysFor("dat", ["video8-hi8", "minidv-dvcam", "audio-cassette"])).toEqual([
      "dat",
      "video8-hi8",
      "minidv-dvcam",
      "audio-cassette",
    ]);
  });

  it("describes the dimensions in words, with a decimal comma in Dutch", () => {
    expect(dimensionText(carrierDimensions.dat!, "nl")).toBe("73 × 54 × 10,5 mm, band 3,81 mm");
    expect(dimensionText(carrierDimensions.dat!, "en")).toBe("73 × 54 × 10.5 mm, tape 3.81 mm");
  });
});

describe("names under a comparison drawing", () => {
  it("wrap to a second line when wider than the drawing, and stay whole when they fit", async () => {
    const { labelLines } = await import("#app/components/carrier-drawing.tsx");
    // 10 units of font, 0.6 em a letter: 85.6 mm holds 14 letters.
    expect(labelLines("Betamax", 85.6, 10)).toEqual(["Betamax"]);
    expect(labelLines("Bankpas (referentie)", 85.6, 10)).toEqual(["Bankpas", "(referentie)"]);
    const lines = labelLines("VHS (ook S-VHS en VHS-C)", 100, 10);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(16);
  });
});
