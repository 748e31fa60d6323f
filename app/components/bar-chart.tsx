// A horizontal bar chart drawn on the server as SVG: role="img" with a title and a description
// (the figures in words) for screen readers, the Okabe-Ito palette (readable with every common
// form of colour blindness), and only presentation attributes: the CSP allows no inline styles.
// The data table under each chart carries the same figures.

import type { ReactNode } from "react";

/** Okabe & Ito (2008), the colours darkest first so that a single series has the most contrast. */
export const okabeIto = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#000000",
  "#E69F00",
  "#56B4E9",
] as const;

export interface ChartSeries {
  name: string;
  /** One value per category, 0 to 100 (percent); null = hidden or not asked. */
  values: (number | null)[];
}

const WIDTH = 640;
const LABEL_HEIGHT = 22;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const BLOCK_GAP = 14;
const VALUE_ROOM = 72;
const LEGEND_HEIGHT = 32;

export function BarChart({
  id,
  title,
  description,
  categories,
  series,
  hiddenText,
}: {
  id: string;
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** Shown instead of a bar for a hidden value, e.g. "< 5". */
  hiddenText: string;
}) {
  const legend = series.length > 1;
  const top = legend ? LEGEND_HEIGHT : 0;
  const blockHeight = LABEL_HEIGHT + series.length * (BAR_HEIGHT + BAR_GAP) + BLOCK_GAP;
  const height = top + categories.length * blockHeight;
  const scale = (WIDTH - VALUE_ROOM) / 100;
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      width={WIDTH}
      height={height}
      className="h-auto max-w-2xl text-ink"
      fontSize={16}
    >
      {legend ? (
        <g>
          {series.map((s, i) => (
            <g key={s.name} transform={`translate(${i * 120}, 4)`}>
              <rect width="16" height="16" fill={okabeIto[i % okabeIto.length]} />
              <text x="22" y="14" fill="currentColor">
                {s.name}
              </text>
            </g>
          ))}
        </g>
      ) : null}
      {categories.map((category, c) => {
        const y = top + c * blockHeight;
        return (
          <g key={category} transform={`translate(0, ${y})`}>
            <text x="0" y="16" fill="currentColor" fontWeight="600">
              {category}
            </text>
            {series.map((s, i) => {
              const value = s.values[c] ?? null;
              const barY = LABEL_HEIGHT + i * (BAR_HEIGHT + BAR_GAP);
              const width = value === null ? 0 : Math.max(value * scale, value > 0 ? 1 : 0);
              return (
                <g key={s.name}>
                  {width > 0 ? (
                    <rect
                      x="0"
                      y={barY}
                      width={width}
                      height={BAR_HEIGHT}
                      fill={okabeIto[i % okabeIto.length]}
                    />
                  ) : null}
                  <text x={width + 6} y={barY + 14} fill="currentColor">
                    {value === null ? hiddenText : `${value}%`}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartFrame>
  );
}

/**
 * The root of every chart: role="img", named by its title and described by the figures in words,
 * scaled to the width of the page.
 */
export function ChartFrame({
  id,
  title,
  description,
  width,
  height,
  className,
  fontSize,
  children,
}: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  className: string;
  fontSize: number;
  children: ReactNode;
}) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby={`${id}-titel ${id}-beschrijving`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      className={className}
      fontSize={String(fontSize)}
      fontFamily="system-ui, sans-serif"
    >
      <title id={`${id}-titel`}>{title}</title>
      <desc id={`${id}-beschrijving`}>{description}</desc>
      {children}
    </svg>
  );
}
