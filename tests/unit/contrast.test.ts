// WCAG 2.2 AA contrast of the Tailwind theme: the colours come from the @theme block in
// app/tailwind.css (and Tailwind's own palette for the few palette colours the app uses), the
// pairs are the text/background and component/background combinations the app renders.
// 1.4.3: normal text >= 4.5:1 (large text >= 3:1). 1.4.11: UI components and focus indicators
// >= 3:1 against what is next to them.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { okabeIto } from "#app/components/bar-chart.tsx";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** `--color-name: value;` declarations of a CSS file (inside @theme or :root). */
function colourVariables(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of css.matchAll(/--color-([a-z0-9-]+)\s*:\s*([^;]+);/g)) {
    found.set(match[1] as string, (match[2] as string).trim());
  }
  return found;
}

const themeCss = readFileSync(path.join(root, "app/tailwind.css"), "utf8");
const themeBlock = /@theme\s*\{([^}]*)\}/.exec(themeCss)?.[1] ?? "";
const theme = colourVariables(themeBlock);
const palette = colourVariables(
  readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8"),
);

type Rgb = [number, number, number];

/** Linear-light sRGB channels (0..1) of a #rrggbb or oklch() colour, clipped to the sRGB gamut. */
function linearRgb(value: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const n = Number.parseInt(hex[1] as string, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
  }
  const oklch = /^oklch\(\s*([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+)\s*\)$/i.exec(value);
  if (oklch) {
    const l = Number(oklch[1]) / (oklch[2] ? 100 : 1);
    const c = Number(oklch[3]);
    const h = (Number(oklch[4]) * Math.PI) / 180;
    const a = c * Math.cos(h);
    const b = c * Math.sin(h);
    // OKLab -> linear sRGB (Björn Ottosson's matrices).
    const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
    const rgb: Rgb = [
      4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
      -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
      -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
    ];
    return rgb.map((x) => Math.min(1, Math.max(0, x))) as Rgb;
  }
  throw new Error(`Kleur niet te lezen: ${value}`);
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(value: string): number {
  const [r, g, b] = linearRgb(value);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour by its Tailwind name: the theme first, then Tailwind's palette. */
function colour(name: string): string {
  const value = theme.get(name) ?? palette.get(name);
  if (!value) throw new Error(`Onbekende kleur: ${name}`);
  return value;
}

interface Pair {
  fg: string;
  bg: string;
  min: number;
  where: string;
}

const TEXT = 4.5;
const UI = 3;

/** Text on background: every combination the pages render (layout, forms, diff, fact box...). */
const textPairs: Pair[] = [
  { fg: "ink", bg: "paper", min: TEXT, where: "body text" },
  { fg: "ink", bg: "wash", min: TEXT, where: "header, fact box, info boxes" },
  { fg: "muted", bg: "paper", min: TEXT, where: "captions, secondary text" },
  { fg: "muted", bg: "wash", min: TEXT, where: "footer" },
  { fg: "brand", bg: "paper", min: TEXT, where: "links, outline buttons" },
  { fg: "brand", bg: "wash", min: TEXT, where: "links in header, footer and boxes" },
  { fg: "brand-dark", bg: "paper", min: TEXT, where: "link hover" },
  { fg: "brand-dark", bg: "wash", min: TEXT, where: "link hover in header and footer" },
  { fg: "accent", bg: "paper", min: TEXT, where: "error messages, danger button" },
  { fg: "accent", bg: "wash", min: TEXT, where: "needs-review note in boxes" },
  { fg: "paper", bg: "brand", min: TEXT, where: "primary buttons, active suggestion" },
  { fg: "paper", bg: "brand-dark", min: TEXT, where: "primary button hover" },
  { fg: "paper", bg: "accent", min: TEXT, where: "danger button hover" },
  { fg: "green-900", bg: "green-100", min: TEXT, where: "diff: added text" },
  { fg: "red-900", bg: "red-100", min: TEXT, where: "diff: removed text" },
  { fg: "ink", bg: "amber-100", min: TEXT, where: "search hit highlight" },
  { fg: "green-900", bg: "wash", min: TEXT, where: "fact box: risk low" },
  { fg: "amber-900", bg: "wash", min: TEXT, where: "fact box: risk medium" },
  { fg: "orange-900", bg: "wash", min: TEXT, where: "fact box: risk high" },
  { fg: "red-900", bg: "wash", min: TEXT, where: "fact box: risk very high" },
];

/** Component boundaries and focus indicators against their neighbours (WCAG 1.4.11). */
const componentPairs: Pair[] = [
  { fg: "muted", bg: "paper", min: UI, where: "input and select borders" },
  { fg: "brand", bg: "wash", min: UI, where: "language button border in the header" },
  { fg: "brand", bg: "paper", min: UI, where: "primary button against the page" },
  { fg: "accent", bg: "paper", min: UI, where: "invalid input border, danger button border" },
  { fg: "focus", bg: "paper", min: UI, where: "focus ring on the page" },
  { fg: "focus", bg: "wash", min: UI, where: "focus ring in header, footer and boxes" },
];

const fgNames = new Set([...textPairs, ...componentPairs].map((p) => p.fg));
const bgNames = new Set([...textPairs, ...componentPairs].map((p) => p.bg));

/** Colour utility classes in the app's source (text-*, bg-*), mapped to colour names. */
function usedColours(prefix: "text" | "bg"): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(tsx|ts|css)$/.test(entry.name)) {
        const source = readFileSync(file, "utf8");
        for (const match of source.matchAll(
          new RegExp(`(?<![\\w-])${prefix}-([a-z]+(?:-[a-z]+)?(?:-\\d{2,3})?)\\b`, "g"),
        )) {
          const name = match[1] as string;
          if (theme.has(name) || palette.has(name)) names.add(name);
        }
      }
    }
  };
  walk(path.join(root, "app"));
  return names;
}

describe("WCAG 2.2 AA contrast of the theme", () => {
  it("reads the theme colours from app/tailwind.css", () => {
    for (const name of ["ink", "muted", "paper", "wash", "line", "brand", "brand-dark", "accent", "focus"]) {
      expect(theme.get(name), name).toMatch(/^#[0-9a-f]{6}$/i);
    }
    // Sanity of the formula: black on white is 21:1, Tailwind's white in oklch is white.
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("oklch(100% 0 0)", "#ffffff")).toBeCloseTo(1, 3);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it.each(textPairs)("text $fg on $bg ($where) is at least 4.5:1", ({ fg, bg, min }) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(min);
  });

  it.each(componentPairs)("component $fg on $bg ($where) is at least 3:1", ({ fg, bg, min }) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(min);
  });

  it("the pairs cover every text and background colour the app uses", () => {
    for (const name of usedColours("text"))
      expect(fgNames.has(name), `text-${name} zonder getoetst paar`).toBe(true);
    for (const name of usedColours("bg"))
      expect(bgNames.has(name), `bg-${name} zonder getoetst paar`).toBe(true);
  });

  it("chart bars of up to three series (the survey waves) stand out 3:1 from the page", () => {
    // More series than waves never occur; the value is printed next to every bar as well.
    for (const value of okabeIto.slice(0, 3)) {
      expect(contrast(value, colour("paper")), value).toBeGreaterThanOrEqual(UI);
    }
  });
});
