import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { figureCharts } from "#app/components/report-chart.tsx";
import { localeFromRequest } from "#app/i18n/index.ts";
import { loadFigures } from "#app/modules/survey/figures.server.ts";

function notFound(message: string): Response {
  return new Response(`${message}\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * GET /trends.svg?figuur=figuur-13[&deel=0]: one chart of /trends as a standalone SVG file
 * (the same drawing as on the page; `deel` picks the chart of a figure that has several).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { figures } = await loadFigures(context.db);
  const figure = figures.find((f) => f.id === params.get("figuur"));
  if (!figure) return notFound("Onbekende figuur. Kies een grafiek via de downloadlinks op /trends.");
  const part = Number(params.get("deel") ?? "0");
  const chart = figureCharts(figure, localeFromRequest(request))[Number.isInteger(part) ? part : -1];
  if (!chart) return notFound("Deze grafiek bestaat niet (nog) voor deze figuur.");
  // Black text on white when opened on its own (on the page the text takes the page's colour).
  const markup = renderToStaticMarkup(chart.element)
    .replaceAll('fill="currentColor"', 'fill="#000000"')
    .replaceAll('stroke="currentColor"', 'stroke="#000000"');
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n`, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="trendmonitor-${figure.id}${part ? `-${part}` : ""}.svg"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
