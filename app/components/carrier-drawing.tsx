// Carrier drawings to scale (1 SVG unit = 1 mm). Black and white: outlines in the text colour,
// tape as a hatched area, so that nothing depends on colour and the drawing prints well.
import { useId } from "react";
import { useLocale, useT } from "#app/i18n/index.ts";
import {
  type Drawing,
  dimensionText,
  drawCarrier,
  layoutComparison,
  type Shape,
} from "#app/modules/dragers/drawings.ts";

function ShapeView({ shape, unit, hatch }: { shape: Shape; unit: number; hatch: string }) {
  const sw = (shape.kind !== "line" || !shape.dashed) && shape.thin ? unit * 0.5 : unit;
  const fill =
    shape.kind === "line"
      ? undefined
      : shape.fill === "tape"
        ? `url(#${hatch})`
        : shape.fill === "solid"
          ? "currentColor"
          : "none";
  switch (shape.kind) {
    case "rect":
      return (
        <rect
          x={shape.x}
          y={shape.y}
          width={shape.w}
          height={shape.h}
          rx={shape.r}
          fill={fill}
          stroke="currentColor"
          strokeWidth={sw}
        />
      );
    case "circle":
      return (
        <circle cx={shape.cx} cy={shape.cy} r={shape.r} fill={fill} stroke="currentColor" strokeWidth={sw} />
      );
    case "line":
      return (
        <line
          x1={shape.x1}
          y1={shape.y1}
          x2={shape.x2}
          y2={shape.y2}
          stroke="currentColor"
          strokeWidth={unit * 0.5}
          strokeDasharray={shape.dashed ? `${unit * 3} ${unit * 2}` : undefined}
        />
      );
  }
}

/** The shapes of one drawing plus its width and height dimension lines, at (x, y). */
function DrawingGroup({
  drawing,
  x,
  y,
  unit,
  hatch,
}: {
  drawing: Drawing;
  x: number;
  y: number;
  unit: number;
  hatch: string;
}) {
  const fs = unit * 4;
  const locale = useLocale();
  const n = (v: number) => (Math.round(v * 10) / 10).toLocaleString(locale === "en" ? "en-GB" : "nl-NL");
  const s = drawing.dims.shape;
  // Dimension line for the real outer width (the reel or disc diameter, not the edge view).
  const mainWidth =
    s.form === "reel" || s.form === "film"
      ? s.diameter
      : s.form === "disc"
        ? (s.caddy?.width ?? s.diameter)
        : s.form === "cylinder"
          ? s.length
          : s.width;
  return (
    <g transform={`translate(${x} ${y})`}>
      {drawing.shapes.map((shape, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: shapes are a fixed list per carrier
        <ShapeView key={i} shape={shape} unit={unit} hatch={hatch} />
      ))}
      <g fontSize={fs} fill="currentColor" textAnchor="middle">
        <line
          x1={0}
          y1={drawing.height + fs * 0.9}
          x2={mainWidth}
          y2={drawing.height + fs * 0.9}
          stroke="currentColor"
          strokeWidth={unit * 0.5}
        />
        <line
          x1={0}
          y1={drawing.height + fs * 0.4}
          x2={0}
          y2={drawing.height + fs * 1.4}
          stroke="currentColor"
          strokeWidth={unit * 0.5}
        />
        <line
          x1={mainWidth}
          y1={drawing.height + fs * 0.4}
          x2={mainWidth}
          y2={drawing.height + fs * 1.4}
          stroke="currentColor"
          strokeWidth={unit * 0.5}
        />
        <text x={mainWidth / 2} y={drawing.height + fs * 2.4}>
          {n(mainWidth)} mm
        </text>
      </g>
    </g>
  );
}

function Hatch({ id, unit }: { id: string; unit: number }) {
  const size = unit * 3;
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width={size} height={size} patternTransform="rotate(45)">
        <line x1={0} y1={0} x2={0} y2={size} stroke="currentColor" strokeWidth={unit * 0.6} />
      </pattern>
    </defs>
  );
}

/**
 * One carrier drawn to scale with its dimensions: a figure with an accessible SVG (role="img",
 * <title> and <desc>) and a caption in words. Renders nothing for an unknown slug.
 */
export function CarrierDrawing({
  slug,
  name,
  size = "fit",
  label,
}: {
  slug: string;
  name: string;
  /** "fit": as wide as the column; "real": real size on screen (CSS mm); "icon": a 96 px icon without caption. */
  size?: "fit" | "real" | "icon";
  /** The accessible name, when it should differ from "Tekening op schaal van {name}". */
  label?: string;
}) {
  const id = useId();
  const t = useT();
  const locale = useLocale();
  const drawing = drawCarrier(slug);
  if (!drawing) return null;
  const dims = drawing.dims;
  const unit = Math.max(drawing.width, drawing.height) / 150;
  const pad = unit * 4;
  const fs = unit * 4;
  const vbW = drawing.width + 2 * pad;
  const vbH = drawing.height + 2 * pad + fs * 3;
  const text = dimensionText(dims, locale);
  const variant = dims.variant ? ` (${dims.variant[locale]})` : "";
  const title = label ?? t("drawing.title", { name });
  const desc = `${name}${variant}: ${text}. ${dims.approximate ? t("drawing.approximate") : t("drawing.sourced")}`;
  const svg = (
    <svg
      viewBox={`${-pad} ${-pad} ${vbW} ${vbH}`}
      role="img"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      // Sizes as attributes, not a style attribute: the CSP allows no inline styles.
      width={size === "real" ? `${vbW}mm` : size === "icon" ? 96 : "100%"}
      height={size === "icon" ? 96 : undefined}
      className={`h-auto max-w-full text-ink${size === "real" || size === "icon" ? "" : " max-h-64"}`}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <Hatch id={`${id}-h`} unit={unit} />
      <DrawingGroup drawing={drawing} x={0} y={0} unit={unit} hatch={`${id}-h`} />
    </svg>
  );
  if (size === "icon") return svg;
  return (
    <figure className="my-3">
      {svg}
      <figcaption className="mt-1 text-sm">
        {text}
        {variant}. {dims.approximate ? <em>{t("drawing.approximate")}</em> : t("drawing.sourced")}
        {dims.sources.length ? (
          <>
            {" "}
            {t("drawing.source")}:{" "}
            {dims.sources.map((s, i) => (
              <span key={s.label.nl}>
                {i ? "; " : ""}
                {s.url ? (
                  <a href={s.url} className="underline">
                    {s.label[locale]}
                  </a>
                ) : (
                  s.label[locale]
                )}
              </span>
            ))}
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}

/**
 * Several carriers side by side at the same scale, with a bank card as the reference.
 * `names` maps each key to its display name.
 */
export function ComparisonDrawing({ keys, names }: { keys: string[]; names: Record<string, string> }) {
  const id = useId();
  const t = useT();
  const locale = useLocale();
  const scene = layoutComparison(keys);
  const unit = Math.max(scene.width, scene.height) / 250;
  const pad = unit * 4;
  const fs = unit * 4;
  // Room for a name on two lines under the dimension line.
  const labelSpace = fs * 6.4;
  const vbW = scene.width + 2 * pad;
  const vbH = scene.height + 2 * pad + labelSpace;
  const desc = scene.items
    .map(({ drawing }) => `${names[drawing.key] ?? drawing.key}: ${dimensionText(drawing.dims, locale)}`)
    .join("; ");
  return (
    <svg
      viewBox={`${-pad} ${-pad} ${vbW} ${vbH}`}
      role="img"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      className="h-auto w-full text-ink"
    >
      <title id={`${id}-t`}>{t("drawing.compare.svgTitle")}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <Hatch id={`${id}-h`} unit={unit} />
      {scene.items.map(({ drawing, x, y }) => (
        <g key={drawing.key}>
          <DrawingGroup drawing={drawing} x={x} y={y} unit={unit} hatch={`${id}-h`} />
          <text
            x={x + drawing.width / 2}
            y={scene.height + fs * 4.2}
            fontSize={fs}
            fontWeight="bold"
            textAnchor="middle"
            fill="currentColor"
          >
            {labelLines(names[drawing.key] ?? drawing.key, drawing.width + pad, fs).map((line, i) => (
              <tspan key={line} x={x + drawing.width / 2} dy={i === 0 ? 0 : fs * 1.2}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * A carrier's name under its drawing, in at most two lines that fit its width (estimated from the
 * font size: a bold sans-serif letter is about 0.6 em wide), so no name runs into the next.
 */
export function labelLines(name: string, width: number, fontSize: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (fontSize * 0.6)));
  if (name.length <= perLine) return [name];
  const words = name.split(" ");
  let first = "";
  let i = 0;
  while (i < words.length && `${first} ${words[i]}`.trim().length <= perLine) {
    first = `${first} ${words[i]}`.trim();
    i++;
  }
  if (!first) return [name];
  const rest = words.slice(i).join(" ");
  return rest ? [first, rest.length > perLine ? `${rest.slice(0, perLine - 1)}…` : rest] : [first];
}
