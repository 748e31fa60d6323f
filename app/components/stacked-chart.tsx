// Stacked horizontal bars drawn on the server as SVG, for several items in one chart:
// - diverging (Likert): negative answers left of a centre line, positive to the right, the
//   neutral answer split across it, "don't know" apart on the right;
// - plain 100% stacks (no negative answers): e.g. one bar per institution type.
// role="img" with a title and a description (the figures in words); colours from the Okabe-Ito
// palette, with the percentage written in every segment wide enough to hold it, so colour is
// never the only cue; presentation attributes only (the CSP allows no inline styles).

import { ChartFrame } from "./bar-chart.tsx";

export interface StackedRow {
  /** Heading line above the row's bars (item), shown once per group. */
  group: string;
  /** Label at the left of the bar, e.g. the wave; "" for none. */
  label: string;
  /** Percent per answer (same order as `answers`); null everywhere = hidden. */
  values: (number | null)[];
  /** Shown instead of the bar when every value is null ("< 5", "niet afgedrukt"). */
  emptyText?: string;
}

export interface StackedScale {
  negative: readonly string[];
  neutral: string | null;
  positive: readonly string[];
  other: readonly string[];
}

// Okabe & Ito (2008). Diverging: vermillion/orange for bad, sky blue/blue for good, grey neutral.
const NEG = ["#D55E00", "#E69F00"];
const POS = ["#56B4E9", "#0072B2"];
const NEUTRAL = "#BBBBBB";
const OTHER = "#E5E5E5";
const SEQUENCE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"];
const DARK = new Set(["#0072B2", "#D55E00", "#000000", "#009E73", "#CC79A7"]);

const WIDTH = 720;
const ROW_LABEL_WIDTH = 56;
const GROUP_HEIGHT = 22;
const BAR_HEIGHT = 20;
const BAR_GAP = 4;
const BLOCK_GAP = 10;
const OTHER_GAP = 16;

export function answerColours(answers: readonly string[], scale: StackedScale): Record<string, string> {
  const colours: Record<string, string> = {};
  if (scale.negative.length || scale.neutral) {
    scale.negative.forEach((a, i) => {
      colours[a] = NEG[Math.min(i, NEG.length - 1)]!;
    });
    scale.positive.forEach((a, i) => {
      colours[a] = POS[scale.positive.length === 1 ? 1 : Math.min(i, POS.length - 1)]!;
    });
    if (scale.neutral) colours[scale.neutral] = NEUTRAL;
  } else {
    answers
      .filter((a) => !scale.other.includes(a))
      .forEach((a, i) => {
        colours[a] = SEQUENCE[i % SEQUENCE.length]!;
      });
  }
  for (const a of scale.other) colours[a] = OTHER;
  return colours;
}

function legendLayout(answers: readonly string[]) {
  let x = 0;
  let y = 0;
  const items = answers.map((answer) => {
    const width = 26 + answer.length * 7.5 + 16;
    if (x + width > WIDTH && x > 0) {
      x = 0;
      y += 22;
    }
    const item = { answer, x, y };
    x += width;
    return item;
  });
  return { items, height: y + 30 };
}

export function StackedChart({
  id,
  title,
  description,
  answers,
  scale,
  rows,
}: {
  id: string;
  title: string;
  description: string;
  answers: readonly string[];
  scale: StackedScale;
  rows: readonly StackedRow[];
}) {
  const colours = answerColours(answers, scale);
  const LABEL_WIDTH = rows.some((row) => row.label) ? ROW_LABEL_WIDTH : 0;
  // The legend in drawing order: bad to good, then the answers drawn apart.
  const ordered = [
    ...scale.negative,
    ...(scale.neutral ? [scale.neutral] : []),
    ...scale.positive,
    ...answers.filter(
      (a) =>
        !scale.negative.includes(a) &&
        !scale.positive.includes(a) &&
        a !== scale.neutral &&
        !scale.other.includes(a),
    ),
    ...scale.other,
  ].filter((a) => answers.includes(a));
  const at = (row: StackedRow, answer: string) => row.values[answers.indexOf(answer)] ?? 0;
  const half = (row: StackedRow) => (scale.neutral ? at(row, scale.neutral) / 2 : 0);
  const left = (row: StackedRow) => scale.negative.reduce((s, a) => s + at(row, a), 0) + half(row);
  const right = (row: StackedRow) => scale.positive.reduce((s, a) => s + at(row, a), 0) + half(row);
  const other = (row: StackedRow) => scale.other.reduce((s, a) => s + at(row, a), 0);
  const maxLeft = Math.max(0, ...rows.map(left));
  const maxRight = Math.max(1, ...rows.map(right));
  const maxOther = Math.max(0, ...rows.map(other));
  const plot = WIDTH - LABEL_WIDTH - (maxOther > 0 ? OTHER_GAP : 0);
  const unit = plot / (maxLeft + maxRight + maxOther);
  const centre = LABEL_WIDTH + maxLeft * unit;
  const otherStart = LABEL_WIDTH + (maxLeft + maxRight) * unit + OTHER_GAP;
  const legend = legendLayout(ordered);

  let y = legend.height;
  const blocks: { row: StackedRow; y: number; heading: boolean }[] = [];
  rows.forEach((row, i) => {
    const heading = i === 0 || rows[i - 1]!.group !== row.group;
    if (heading) {
      if (i > 0) y += BLOCK_GAP;
      y += GROUP_HEIGHT;
    }
    blocks.push({ row, y, heading });
    y += BAR_HEIGHT + BAR_GAP;
  });
  const height = y + 4;

  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      width={WIDTH}
      height={height}
      className="h-auto max-w-3xl text-ink"
      fontSize={14}
    >
      <g>
        {legend.items.map((item) => (
          <g key={item.answer} transform={`translate(${item.x}, ${item.y + 4})`}>
            <rect width="16" height="16" fill={colours[item.answer]} stroke="#555555" strokeWidth="0.5" />
            <text x="22" y="13" fill="currentColor">
              {item.answer}
            </text>
          </g>
        ))}
      </g>
      {scale.negative.length || scale.neutral ? (
        <line x1={centre} x2={centre} y1={legend.height} y2={height} stroke="currentColor" strokeWidth="1" />
      ) : null}
      {blocks.map(({ row, y: top, heading }) => {
        const empty = row.values.every((v) => v === null);
        const segments: { answer: string; x: number; width: number; value: number }[] = [];
        if (!empty) {
          let x = centre - left(row) * unit;
          for (const answer of [
            ...scale.negative,
            ...(scale.neutral ? [scale.neutral] : []),
            ...scale.positive,
            ...answers.filter(
              (a) =>
                !scale.negative.includes(a) &&
                !scale.positive.includes(a) &&
                a !== scale.neutral &&
                !scale.other.includes(a),
            ),
          ]) {
            const value = at(row, answer);
            segments.push({ answer, x, width: value * unit, value });
            x += value * unit;
          }
          let ox = otherStart;
          for (const answer of scale.other) {
            const value = at(row, answer);
            segments.push({ answer, x: ox, width: value * unit, value });
            ox += value * unit;
          }
        }
        return (
          <g key={`${row.group}-${row.label}`}>
            {heading ? (
              <text x="0" y={top - 6} fill="currentColor" fontWeight="600">
                {row.group}
              </text>
            ) : null}
            <text x="0" y={top + 15} fill="currentColor">
              {row.label}
            </text>
            {empty ? (
              <text x={LABEL_WIDTH} y={top + 15} fill="currentColor">
                {row.emptyText ?? ""}
              </text>
            ) : (
              segments.map((s) =>
                s.width > 0 ? (
                  <g key={s.answer}>
                    <rect x={s.x} y={top} width={s.width} height={BAR_HEIGHT} fill={colours[s.answer]} />
                    {s.width >= 26 ? (
                      <text
                        x={s.x + s.width / 2}
                        y={top + 15}
                        textAnchor="middle"
                        fontSize="12"
                        fill={DARK.has(colours[s.answer] ?? "") ? "#FFFFFF" : "#000000"}
                      >
                        {`${Math.round(s.value)}%`}
                      </text>
                    ) : null}
                  </g>
                ) : null,
              )
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
