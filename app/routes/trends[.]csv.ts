import type { LoaderFunctionArgs } from "@remix-run/node";
import { type Locale, localeFromRequest, translate } from "#app/i18n/index.ts";
import { csvResponse, toCsv } from "#app/lib/csv.ts";
import { type CsvTable, csvTables, dashboardTable, RESPONDENTS } from "#app/modules/survey/dashboard.ts";
import { loadFigures } from "#app/modules/survey/figures.server.ts";
import { figureTable } from "#app/modules/survey/figures.ts";
import { type DashboardColumn, dashboardColumns } from "#app/modules/survey/questionnaire.ts";
import { loadTrendData, pickWave } from "#app/modules/survey/trends.server.ts";

function notFound(message: string): Response {
  return new Response(`${message}\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * GET /trends.csv?wave=2024&vraag=ooc_known[&tabel=antwoorden|type|golven]: the data table
 * under one chart of /trends as CSV (comma, CRLF, UTF-8 with a byte-order mark so that Excel
 * reads the accents). vraag=respondenten gives the respondents per institution type.
 * GET /trends.csv?figuur=tabel-2: the data table of one of the report's figures, as /trends
 * shows it (published or computed, privacy rule applied).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const locale = localeFromRequest(request);
  const figureId = params.get("figuur");
  if (figureId !== null) return figureCsv(context.db, figureId, locale);
  const question = params.get("vraag") ?? "";
  const tableParam = params.get("tabel") ?? "antwoorden";
  if (question !== RESPONDENTS && !(dashboardColumns as readonly string[]).includes(question)) {
    return notFound(translate(locale, "error.trendsCsv.question"));
  }
  if (!(csvTables as readonly string[]).includes(tableParam)) {
    return notFound(translate(locale, "error.trendsCsv.table"));
  }
  const { rows, waves } = await loadTrendData(context.db);
  const wave = pickWave(waves, params.get("wave"));
  if (wave === null) return notFound(translate(locale, "error.trendsCsv.wave"));
  const table = dashboardTable(
    rows,
    waves,
    wave,
    question as DashboardColumn | typeof RESPONDENTS,
    tableParam as CsvTable,
    locale,
  );
  if (!table) return notFound(translate(locale, "error.trendsCsv.noTable"));
  const suffix = tableParam === "antwoorden" ? "" : `-${tableParam}`;
  // The headers follow the language, which is in the URL (`/en/trends.csv`): no Vary needed.
  return csvResponse(toCsv(table), `trends-${wave}-${question}${suffix}.csv`, "public, max-age=300");
}

async function figureCsv(
  db: Parameters<typeof loadFigures>[0],
  id: string,
  locale: Locale,
): Promise<Response> {
  const { source, figures } = await loadFigures(db);
  const figure = figures.find((f) => f.id === id);
  if (!figure) return notFound(translate(locale, "error.trendsCsv.figure"));
  const filename = `trendmonitor-${figure.id}-${source === "published" ? "gepubliceerd" : "berekend"}.csv`;
  return csvResponse(toCsv(figureTable(figure, locale)), filename, "public, max-age=300");
}
