// Carrier drawings to scale: a table of real outer dimensions in millimetres per carrier slug,
// and a renderer per form that turns those numbers into plain shapes (1 unit = 1 mm).
// Pure: no data access and no React, so that the unit tests can check the geometry.
// The React component that draws these shapes is app/components/carrier-drawing.tsx.

/**
 * Where a dimension comes from, named in Dutch and in English (the caption follows the page's
 * language). Without a source the caption says "afmetingen bij benadering".
 */
export type DimensionSource = { label: { nl: string; en: string }; url?: string };

export type CarrierShape =
  /** A cassette seen from the front: outline, window, hubs. `hubs`: two side by side, one, or two stacked (coaxial). */
  | {
      form: "cassette";
      width: number;
      height: number;
      depth: number;
      tape: number;
      hubs: "two" | "one" | "coaxial";
    }
  /** An open reel: flange diameter, hub diameter, tape width (drawn as an edge view beside it). */
  | { form: "reel"; diameter: number; hub: number; tape: number }
  /** A disc with a centre hole; optionally in a caddy (MiniDisc). */
  | { form: "disc"; diameter: number; hole: number; caddy?: { width: number; height: number; depth: number } }
  /** A film reel with the film gauge drawn as an edge view beside it. */
  | { form: "film"; diameter: number; gauge: number }
  /** A small wire spool, seen from the side. */
  | { form: "wire"; diameter: number; width: number }
  /** A cylinder seen from the side: length x diameter. */
  | { form: "cylinder"; diameter: number; length: number }
  /** A card (memory card, bank card). */
  | { form: "card"; width: number; height: number; depth: number }
  /** A hard disk drive. */
  | { form: "drive"; width: number; height: number; depth: number };

export type CarrierDimensions = {
  shape: CarrierShape;
  /** Sources for the dimensions; empty when they are general knowledge to be checked. */
  sources: DimensionSource[];
  /** True when at least one drawn dimension has no source. */
  approximate: boolean;
  /** Which variant is drawn when the guide covers several sizes (Dutch and English). */
  variant?: { nl: string; en: string };
};

const INCH = 25.4;
const RECORD_HOLE = 7.24; // centre hole of gramophone records, about 0.285 inch
const ITWISSEN: DimensionSource = {
  label: {
    nl: "ITWissen, 'video cassette' (VHS 187 x 103 mm, Video-8 95 x 62,5 x 15 mm)",
    en: "ITWissen, 'video cassette' (VHS 187 x 103 mm, Video-8 95 x 62.5 x 15 mm)",
  },
  url: "https://www.itwissen.info/en/video-cassette.html",
};
const ID1: DimensionSource = {
  label: {
    nl: "ISO/IEC 7810, formaat ID-1 (85,60 x 53,98 x 0,76 mm)",
    en: "ISO/IEC 7810, format ID-1 (85.60 x 53.98 x 0.76 mm)",
  },
};

const betacamS = (): CarrierShape => ({
  form: "cassette",
  width: 156,
  height: 96,
  depth: 25,
  tape: 12.7,
  hubs: "two",
});
const cd = (): CarrierShape => ({ form: "disc", diameter: 120, hole: 15 });
const approx = (shape: CarrierShape, variant?: { nl: string; en: string }): CarrierDimensions => ({
  shape,
  sources: [],
  approximate: true,
  ...(variant ? { variant } : {}),
});

/**
 * Real outer dimensions per carrier slug (the guides in db/seed/content/drager), plus a few
 * reference objects and variants that the comparison view offers (bank card, U-matic S, Betacam L).
 */
export const carrierDimensions: Record<string, CarrierDimensions> = {
  "1-inch-type-c": approx(
    { form: "reel", diameter: 11.75 * INCH, hub: 114, tape: 25.4 },
    {
      nl: "spoel van 11¾ inch",
      en: "11¾ inch reel",
    },
  ),
  "16mm-film": approx(
    { form: "film", diameter: 7 * INCH, gauge: 16 },
    { nl: "spoel van 120 m (400 ft)", en: "400 ft reel" },
  ),
  "2-inch-quadruplex": approx(
    { form: "reel", diameter: 14 * INCH, hub: 127, tape: 50.8 },
    {
      nl: "spoel van 14 inch",
      en: "14 inch reel",
    },
  ),
  "35mm-film": approx(
    { form: "film", diameter: 15 * INCH, gauge: 35 },
    { nl: "spoel van 600 m (2000 ft)", en: "2000 ft reel" },
  ),
  "8mm-super8": approx(
    { form: "film", diameter: 3 * INCH, gauge: 8 },
    { nl: "spoeltje van 15 m (50 ft)", en: "50 ft reel" },
  ),
  "9-5mm-film": approx({ form: "film", diameter: 4 * INCH, gauge: 9.5 }),
  "audio-cassette": approx({
    form: "cassette",
    width: 100.4,
    height: 63.8,
    depth: 12,
    tape: 3.81,
    hubs: "two",
  }),
  "betacam-sp": approx(betacamS(), { nl: "kleine cassette (S)", en: "small cassette (S)" }),
  "betacam-sx-imx": approx(betacamS(), { nl: "kleine cassette (S)", en: "small cassette (S)" }),
  betamax: approx(betacamS()),
  "cd-geperst": approx(cd()),
  "cd-r": approx(cd()),
  "d-formaten": approx(
    { form: "cassette", width: 172, height: 109, depth: 33, tape: 19, hubs: "two" },
    {
      nl: "kleine D1-cassette (S)",
      en: "small D1 cassette (S)",
    },
  ),
  dat: approx({ form: "cassette", width: 73, height: 54, depth: 10.5, tape: 3.81, hubs: "two" }),
  datatape: approx(
    { form: "cassette", width: 102, height: 105.4, depth: 21.5, tape: 12.7, hubs: "one" },
    {
      nl: "LTO-cartridge",
      en: "LTO cartridge",
    },
  ),
  dcc: approx({ form: "cassette", width: 100.4, height: 63.8, depth: 9.6, tape: 3.81, hubs: "two" }),
  "digital-betacam": approx(betacamS(), { nl: "kleine cassette (S)", en: "small cassette (S)" }),
  draadopname: approx({ form: "wire", diameter: 70, width: 22 }),
  dvcpro: approx(
    { form: "cassette", width: 97.5, height: 64.5, depth: 14.6, tape: 6.35, hubs: "two" },
    {
      nl: "middelgrote cassette (M)",
      en: "medium cassette (M)",
    },
  ),
  "dvd-r": approx(cd()),
  "film-17-5-28mm": approx(
    { form: "film", diameter: 6 * INCH, gauge: 17.5 },
    { nl: "film van 17,5 mm", en: "17.5 mm film" },
  ),
  fonograafcilinder: approx(
    { form: "cylinder", diameter: 55, length: 105 },
    {
      nl: "standaardcilinder",
      en: "standard cylinder",
    },
  ),
  "harde-schijven-geheugenkaarten": approx(
    { form: "drive", width: 101.6, height: 147, depth: 26.1 },
    {
      nl: "harde schijf van 3,5 inch",
      en: "3.5 inch hard disk",
    },
  ),
  hdcam: approx(betacamS(), { nl: "kleine cassette (S)", en: "small cassette (S)" }),
  lakplaat: approx(
    { form: "disc", diameter: 12 * INCH, hole: RECORD_HOLE },
    { nl: "plaat van 12 inch", en: "12 inch disc" },
  ),
  laserdisc: approx({ form: "disc", diameter: 300, hole: 35 }, { nl: "plaat van 30 cm", en: "30 cm disc" }),
  "microcassette-dicteermedia": approx(
    { form: "cassette", width: 50, height: 33, depth: 7, tape: 3.81, hubs: "two" },
    {
      nl: "microcassette",
      en: "microcassette",
    },
  ),
  minidisc: approx({ form: "disc", diameter: 64, hole: 11, caddy: { width: 72, height: 68, depth: 5 } }),
  "minidv-dvcam": approx(
    { form: "cassette", width: 66, height: 48, depth: 12.2, tape: 6.35, hubs: "two" },
    {
      nl: "MiniDV-cassette",
      en: "MiniDV cassette",
    },
  ),
  "multitrack-studioband": approx(
    { form: "reel", diameter: 10.5 * INCH, hub: 76, tape: 50.8 },
    {
      nl: "2 inch band op een spoel van 10½ inch",
      en: "2 inch tape on a 10½ inch reel",
    },
  ),
  nitraatfilm: approx(
    { form: "film", diameter: 15 * INCH, gauge: 35 },
    { nl: "spoel van 600 m (2000 ft)", en: "2000 ft reel" },
  ),
  "open-reel-audio": approx(
    { form: "reel", diameter: 7 * INCH, hub: 57, tape: 6.35 },
    { nl: "spoel van 7 inch", en: "7 inch reel" },
  ),
  "open-reel-video-halve-inch": approx(
    { form: "reel", diameter: 7 * INCH, hub: 57, tape: 12.7 },
    {
      nl: "spoel van 7 inch",
      en: "7 inch reel",
    },
  ),
  "optische-dataschijven": approx(cd()),
  perfoband: approx(
    { form: "film", diameter: 7 * INCH, gauge: 16 },
    { nl: "16 mm perfoband", en: "16 mm magnetic film" },
  ),
  "philips-vcr": approx({
    form: "cassette",
    width: 145,
    height: 127,
    depth: 41,
    tape: 12.7,
    hubs: "coaxial",
  }),
  "schellak-78-toeren": approx(
    { form: "disc", diameter: 10 * INCH, hole: RECORD_HOLE },
    {
      nl: "plaat van 10 inch",
      en: "10 inch disc",
    },
  ),
  "stereo-8": approx({ form: "cassette", width: 100, height: 133, depth: 22, tape: 6.35, hubs: "one" }),
  "u-matic": approx(
    { form: "cassette", width: 221, height: 140, depth: 32, tape: 19, hubs: "two" },
    {
      nl: "grote cassette",
      en: "large cassette",
    },
  ),
  "video-2000": approx({ form: "cassette", width: 183, height: 110, depth: 26, tape: 12.7, hubs: "two" }),
  "video-cd-dvd-bluray": approx(cd()),
  "video8-hi8": {
    shape: { form: "cassette", width: 95, height: 62.5, depth: 15, tape: 8, hubs: "two" },
    sources: [ITWISSEN],
    approximate: false,
  },
  vhs: {
    shape: { form: "cassette", width: 187, height: 103, depth: 25, tape: 12.7, hubs: "two" },
    sources: [ITWISSEN],
    approximate: true, // the depth: ITWissen gives 20 mm, other descriptions 25 mm
  },
  vinyl: approx(
    { form: "disc", diameter: 12 * INCH, hole: RECORD_HOLE },
    { nl: "lp van 30 cm", en: "30 cm LP" },
  ),
  "xdcam-p2-sxs": approx(
    { form: "card", width: 34, height: 75, depth: 5 },
    {
      nl: "SxS-kaart (ExpressCard/34)",
      en: "SxS card (ExpressCard/34)",
    },
  ),
  // Variants and the reference object for the comparison view (not guides of their own).
  "u-matic-s": approx(
    { form: "cassette", width: 184, height: 120, depth: 32, tape: 19, hubs: "two" },
    {
      nl: "U-matic S (kleine cassette)",
      en: "U-matic S (small cassette)",
    },
  ),
  "betacam-l": approx(
    { form: "cassette", width: 253, height: 144, depth: 25, tape: 12.7, hubs: "two" },
    {
      nl: "Betacam L (grote cassette)",
      en: "Betacam L (large cassette)",
    },
  ),
  bankpas: {
    shape: { form: "card", width: 85.6, height: 53.98, depth: 0.76 },
    sources: [ID1],
    approximate: false,
  },
};

/** The reference object in every comparison: a bank card, ISO/IEC 7810 ID-1. */
export const BANK_CARD = "bankpas";

/** Keys that are no guide of their own, with their names (the comparison view lists them too). */
export const extraNames: Record<string, { nl: string; en: string }> = {
  "u-matic-s": { nl: "U-matic S", en: "U-matic S" },
  "betacam-l": { nl: "Betacam L", en: "Betacam L" },
  bankpas: { nl: "Bankpas (referentie)", en: "Bank card (reference)" },
};

/** The lookalike groups the guides name, compared on the comparison page. */
export const comparisonGroups: string[][] = [
  ["betamax", "betacam-sp"],
  ["u-matic", "u-matic-s"],
  ["vhs", "video-2000", "philips-vcr"],
  ["dat", "minidv-dvcam", "video8-hi8"],
];

/**
 * What a guide links to in the comparison view: itself, the lookalikes it names that have a
 * drawing, and the members of its lookalike group (U-matic also gets U-matic S). At most six.
 */
export function compareKeysFor(slug: string, lookalikes: string[]): string[] {
  const group = comparisonGroups.find((g) => g.includes(slug)) ?? [];
  return [...new Set([slug, ...lookalikes, ...group])]
    .filter((k) => carrierDimensions[k] && k !== BANK_CARD)
    .slice(0, 6);
}

// ---------------------------------------------------------------- shapes

export type Shape =
  | {
      kind: "rect";
      x: number;
      y: number;
      w: number;
      h: number;
      r?: number;
      fill?: "none" | "tape" | "solid";
      thin?: boolean;
    }
  | { kind: "circle"; cx: number; cy: number; r: number; fill?: "none" | "tape" | "solid"; thin?: boolean }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; thin?: boolean; dashed?: boolean };

export type Drawing = {
  key: string;
  width: number;
  height: number;
  shapes: Shape[];
  dims: CarrierDimensions;
};

const round = (n: number) => Math.round(n * 100) / 100;

function cassette(s: Extract<CarrierShape, { form: "cassette" }>): Shape[] {
  const { width: w, height: h } = s;
  const r = Math.min(w, h) * 0.04;
  const shapes: Shape[] = [{ kind: "rect", x: 0, y: 0, w, h, r }];
  if (s.hubs === "coaxial") {
    // Philips VCR: two reels stacked on one axis; a square window over them.
    const c = Math.min(w, h) * 0.32;
    shapes.push({ kind: "circle", cx: w / 2, cy: h * 0.45, r: c, fill: "tape" });
    shapes.push({ kind: "circle", cx: w / 2, cy: h * 0.45, r: c * 0.35 });
    shapes.push({
      kind: "rect",
      x: w / 2 - c * 1.1,
      y: h * 0.45 - c * 1.1,
      w: c * 2.2,
      h: c * 2.2,
      thin: true,
    });
  } else if (s.hubs === "one") {
    const c = Math.min(w, h) * 0.3;
    shapes.push({ kind: "circle", cx: w / 2, cy: h * 0.45, r: c, fill: "tape" });
    shapes.push({ kind: "circle", cx: w / 2, cy: h * 0.45, r: c * 0.35 });
  } else {
    const hub = Math.min(h * 0.12, w * 0.08);
    const pack = Math.min(h * 0.28, w * 0.2);
    for (const cx of [w * 0.28, w * 0.72]) {
      shapes.push({ kind: "circle", cx, cy: h * 0.45, r: pack, fill: "tape" });
      shapes.push({ kind: "circle", cx, cy: h * 0.45, r: hub });
    }
    // The window between the hubs.
    shapes.push({ kind: "rect", x: w * 0.22, y: h * 0.3, w: w * 0.56, h: h * 0.3, r: 1, thin: true });
  }
  // The tape along the front edge, drawn at its real width (the tape width is a real dimension).
  shapes.push({
    kind: "rect",
    x: w * 0.12,
    y: h - s.tape - Math.max(1, h * 0.03),
    w: w * 0.76,
    h: s.tape,
    fill: "tape",
  });
  return shapes;
}

/** A reel or film reel seen from the front, with an edge view at the right showing the tape width. */
function reel(
  diameter: number,
  hub: number,
  tape: number,
  film: boolean,
): { shapes: Shape[]; width: number } {
  const R = diameter / 2;
  const shapes: Shape[] = [
    { kind: "circle", cx: R, cy: R, r: R },
    { kind: "circle", cx: R, cy: R, r: R * 0.85, fill: "tape" },
    { kind: "circle", cx: R, cy: R, r: hub / 2 },
    { kind: "circle", cx: R, cy: R, r: Math.max(2, diameter * 0.02), fill: "solid" },
  ];
  // Windows in the flange.
  for (const deg of [30, 150, 270]) {
    const a = (deg * Math.PI) / 180;
    const d = (hub / 2 + R * 0.85) / 2;
    shapes.push({
      kind: "circle",
      cx: R + Math.cos(a) * d,
      cy: R + Math.sin(a) * d,
      r: (R * 0.85 - hub / 2) * 0.3,
      thin: true,
    });
  }
  // Edge view: two flanges with the tape or film between them, at the real width.
  const gap = Math.max(6, diameter * 0.06);
  const flange = Math.max(1, diameter * 0.006);
  const x0 = diameter + gap;
  shapes.push({ kind: "rect", x: x0, y: 0, w: flange, h: diameter, fill: "solid" });
  shapes.push({ kind: "rect", x: x0 + flange, y: R - R * 0.85, w: tape, h: R * 1.7, fill: "tape" });
  shapes.push({ kind: "rect", x: x0 + flange + tape, y: 0, w: flange, h: diameter, fill: "solid" });
  if (film) {
    // Perforations along the film edge in the edge view are too small to see; mark the film with a dashed axis.
    shapes.push({
      kind: "line",
      x1: x0 + flange + tape / 2,
      y1: R - R * 0.85,
      x2: x0 + flange + tape / 2,
      y2: R + R * 0.85,
      dashed: true,
      thin: true,
    });
  }
  return { shapes, width: x0 + 2 * flange + tape };
}

/** The geometry of one carrier, in millimetres, origin at the top left. */
export function drawCarrier(key: string): Drawing | undefined {
  const dims = carrierDimensions[key];
  if (!dims) return undefined;
  const s = dims.shape;
  let width: number;
  let height: number;
  let shapes: Shape[];
  switch (s.form) {
    case "cassette":
      [width, height, shapes] = [s.width, s.height, cassette(s)];
      break;
    case "reel": {
      const r = reel(s.diameter, s.hub, s.tape, false);
      [width, height, shapes] = [r.width, s.diameter, r.shapes];
      break;
    }
    case "film": {
      const r = reel(s.diameter, Math.max(s.diameter * 0.25, 20), s.gauge, true);
      [width, height, shapes] = [r.width, s.diameter, r.shapes];
      break;
    }
    case "disc": {
      const R = s.diameter / 2;
      const [w, h] = s.caddy ? [s.caddy.width, s.caddy.height] : [s.diameter, s.diameter];
      const cx = w / 2;
      const cy = h / 2;
      shapes = [];
      if (s.caddy) shapes.push({ kind: "rect", x: 0, y: 0, w, h, r: 3 });
      shapes.push(
        { kind: "circle", cx, cy, r: R, thin: !!s.caddy },
        { kind: "circle", cx, cy, r: R * 0.33, thin: true },
        { kind: "circle", cx, cy, r: s.hole / 2, fill: "solid" },
      );
      [width, height] = [w, h];
      break;
    }
    case "wire": {
      // Side view of a spool: two flanges and the wound wire between them.
      const f = s.diameter * 0.05;
      shapes = [
        { kind: "rect", x: 0, y: 0, w: f, h: s.diameter, fill: "solid" },
        { kind: "rect", x: f, y: s.diameter * 0.2, w: s.width - 2 * f, h: s.diameter * 0.6, fill: "tape" },
        { kind: "rect", x: s.width - f, y: 0, w: f, h: s.diameter, fill: "solid" },
      ];
      [width, height] = [s.width, s.diameter];
      break;
    }
    case "cylinder": {
      shapes = [{ kind: "rect", x: 0, y: 0, w: s.length, h: s.diameter, r: 2 }];
      for (let x = s.length * 0.1; x < s.length * 0.9; x += s.length * 0.04) {
        shapes.push({ kind: "line", x1: x, y1: 2, x2: x + 2, y2: s.diameter - 2, thin: true });
      }
      [width, height] = [s.length, s.diameter];
      break;
    }
    case "card": {
      const r = Math.min(s.width, s.height) * 0.06;
      shapes = [{ kind: "rect", x: 0, y: 0, w: s.width, h: s.height, r }];
      if (key === BANK_CARD) {
        // The chip contact area of a bank card (ISO/IEC 7816-2 places it at the left).
        shapes.push({ kind: "rect", x: 10, y: 19, w: 11, h: 9, r: 1, thin: true });
      } else {
        // Contacts at the short edge of a memory card.
        for (let x = s.width * 0.15; x < s.width * 0.85; x += s.width * 0.14) {
          shapes.push({ kind: "rect", x, y: s.height - 8, w: s.width * 0.08, h: 5, thin: true });
        }
      }
      [width, height] = [s.width, s.height];
      break;
    }
    case "drive": {
      shapes = [
        { kind: "rect", x: 0, y: 0, w: s.width, h: s.height, r: 2 },
        { kind: "circle", cx: s.width / 2, cy: s.height * 0.42, r: s.width * 0.4, thin: true },
        { kind: "circle", cx: s.width / 2, cy: s.height * 0.42, r: s.width * 0.06, fill: "solid" },
        { kind: "rect", x: s.width * 0.15, y: s.height - 8, w: s.width * 0.7, h: 5, thin: true },
      ];
      [width, height] = [s.width, s.height];
      break;
    }
  }
  return { key, width: round(width), height: round(height), shapes, dims };
}

/** The main dimensions in words, e.g. "187 × 103 × 25 mm, band 12,7 mm". */
export function dimensionText(dims: CarrierDimensions, locale: "nl" | "en"): string {
  const n = (v: number) => {
    const s = String(round(v));
    return locale === "nl" ? s.replace(".", ",") : s;
  };
  const L =
    locale === "nl"
      ? {
          tape: "band",
          film: "film",
          diameter: "Ø",
          length: "lang",
          disc: "schijf",
          caddy: "hoesje",
          wire: "breed",
        }
      : {
          tape: "tape",
          film: "film",
          diameter: "Ø",
          length: "long",
          disc: "disc",
          caddy: "caddy",
          wire: "wide",
        };
  const s = dims.shape;
  switch (s.form) {
    case "cassette":
      return `${n(s.width)} × ${n(s.height)} × ${n(s.depth)} mm, ${L.tape} ${n(s.tape)} mm`;
    case "reel":
      return `${L.diameter} ${n(s.diameter)} mm, ${L.tape} ${n(s.tape)} mm`;
    case "film":
      return `${L.diameter} ${n(s.diameter)} mm, ${L.film} ${n(s.gauge)} mm`;
    case "disc":
      return s.caddy
        ? `${L.disc} ${L.diameter} ${n(s.diameter)} mm, ${L.caddy} ${n(s.caddy.width)} × ${n(s.caddy.height)} × ${n(s.caddy.depth)} mm`
        : `${L.diameter} ${n(s.diameter)} mm`;
    case "wire":
      return `${L.diameter} ${n(s.diameter)} mm, ${n(s.width)} mm ${L.wire}`;
    case "cylinder":
      return `${L.diameter} ${n(s.diameter)} mm, ${n(s.length)} mm ${L.length}`;
    case "card":
    case "drive":
      return `${n(s.width)} × ${n(s.height)} × ${n(s.depth)} mm`;
  }
}

export type Scene = {
  width: number;
  height: number;
  items: { drawing: Drawing; x: number; y: number }[];
  gap: number;
};

/**
 * Several drawings side by side at the same scale, aligned at the bottom, with the bank card last
 * as the reference. Unknown keys are dropped; duplicates are kept once.
 */
export function layoutComparison(keys: string[], withCard = true): Scene {
  const unique = [...new Set(keys)].filter((k) => k !== BANK_CARD && carrierDimensions[k]);
  if (withCard) unique.push(BANK_CARD);
  const drawings = unique.map((k) => drawCarrier(k)).filter((d): d is Drawing => !!d);
  const height = Math.max(0, ...drawings.map((d) => d.height));
  const gap = Math.max(10, height * 0.08);
  let x = 0;
  const items = drawings.map((drawing) => {
    const item = { drawing, x: round(x), y: round(height - drawing.height) };
    x += drawing.width + gap;
    return item;
  });
  return { width: round(Math.max(0, x - gap)), height, items, gap };
}
