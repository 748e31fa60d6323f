// The chart(s) of one TrendMonitor figure (app/modules/survey/figures.ts): bars with the waves
// side by side, a diverging chart for Likert items (Table 2, figure 13), stacked bars per
// institution type. Used by /trends and by the SVG download (/trends.svg), so both draw the same.
// A chart is an image: its labels, title and description are plain text in the page's language,
// so in English an answer of the survey is drawn as its English gloss (the data table under the
// chart shows the Dutch wording beside it).

import type { ReactElement } from "react";
import { BarChart } from "#app/components/bar-chart.tsx";
import { StackedChart, type StackedRow } from "#app/components/stacked-chart.tsx";
import type { Locale } from "#app/i18n/index.ts";
import { SECONDARY_HIDDEN_LABEL, SMALL_GROUP_LABEL } from "#app/modules/survey/aggregate.ts";
import { type FigureView, figureLabel, type SeriesView } from "#app/modules/survey/figures.ts";

const notPrinted = { nl: "niet afgedrukt", en: "not printed" };

export function emptyText(series: SeriesView, figure: FigureView, locale: Locale): string {
  if (series.hidden === "small") return SMALL_GROUP_LABEL;
  if (series.hidden === "secondary") return SECONDARY_HIDDEN_LABEL;
  return figure.source === "published" ? notPrinted[locale] : "";
}

function describe(figure: FigureView, locale: Locale, labels: readonly string[], series: SeriesView): string {
  const parts = labels.flatMap((label) => {
    const i = figure.labels.indexOf(label);
    const value = series.percent[i];
    return value === null || value === undefined ? [] : [`${figureLabel(figure, label, locale)}: ${value}%`];
  });
  const n = series.hidden ? emptyText(series, figure, locale) : (series.n ?? "?");
  return `${series.wave} (N = ${n}): ${parts.join("; ") || emptyText(series, figure, locale)}`;
}

export interface ChartPart {
  key: string;
  title: string;
  element: ReactElement;
}

/** One chart per item for bar figures (figure 2 has two), one chart for the others. */
export function figureCharts(figure: FigureView, locale: Locale): ChartPart[] {
  const heading = `${figure.number[locale]}. ${figure.title[locale]}`;
  const text = (label: string) => figureLabel(figure, label, locale);
  if (figure.kind === "bars") {
    return figure.items
      .filter((item) => item.series.length)
      .map((item, index) => {
        // Published: only the answers the report prints a number for.
        const labels = figure.labels.filter((_label, i) =>
          figure.source === "published"
            ? item.series.some((s) => s.percent[i] !== null || s.count[i] !== null)
            : true,
        );
        const title = figure.items.length > 1 ? `${heading}: ${item.label[locale]}` : heading;
        const id = `grafiek-${figure.id}-${index}`;
        const values = (s: SeriesView) =>
          labels.map((label) => {
            const i = figure.labels.indexOf(label);
            const p = s.percent[i];
            if (p !== null && p !== undefined) return p;
            // A printed count without a percentage (figure 23, 24): its share of the printed N.
            const c = s.count[i];
            return c !== null && c !== undefined && s.n ? Math.round((1000 * c) / s.n) / 10 : null;
          });
        return {
          key: `${figure.id}-${index}`,
          title,
          element: (
            <BarChart
              id={id}
              title={title}
              description={`${item.series.map((s) => describe(figure, locale, labels, s)).join(". ")}.`}
              categories={labels.map(text)}
              series={item.series.map((s) => ({ name: String(s.wave), values: values(s) }))}
              hiddenText={
                item.series[0]?.hidden
                  ? emptyText(item.series[0], figure, locale)
                  : figure.source === "published"
                    ? notPrinted[locale]
                    : SMALL_GROUP_LABEL
              }
            />
          ),
        };
      });
  }
  const rows: StackedRow[] = figure.items.flatMap((item) =>
    item.series.map((s) => ({
      group: item.label[locale],
      label: figure.kind === "byType" ? "" : String(s.wave),
      values: s.percent,
      emptyText: emptyText(s, figure, locale),
    })),
  );
  if (!rows.length) return [];
  const scale = figure.likert ?? {
    negative: [],
    neutral: null,
    positive: figure.labels.filter((label) => label !== "Weet ik niet"),
    other: figure.labels.filter((label) => label === "Weet ik niet"),
  };
  const description = figure.items
    .map(
      (item) =>
        `${item.label[locale]}: ${item.series.map((s) => describe(figure, locale, figure.labels, s)).join(", ")}`,
    )
    .join(". ");
  return [
    {
      key: figure.id,
      title: heading,
      element: (
        <StackedChart
          id={`grafiek-${figure.id}`}
          title={heading}
          description={`${description}.`}
          answers={figure.labels.map(text)}
          scale={{
            negative: scale.negative.map(text),
            neutral: scale.neutral === null ? null : text(scale.neutral),
            positive: scale.positive.map(text),
            other: scale.other.map(text),
          }}
          rows={rows}
        />
      ),
    },
  ];
}
