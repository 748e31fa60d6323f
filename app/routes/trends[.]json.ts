import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest, translate } from "#app/i18n/index.ts";
import { publicWave } from "#app/modules/survey/dashboard.ts";
import { publishedWave, publishedWaves } from "#app/modules/survey/figures.ts";
import { dashboardColumns } from "#app/modules/survey/questionnaire.ts";
import { loadTrendData, pickWave } from "#app/modules/survey/trends.server.ts";

/**
 * GET /trends.json?wave=2024: one wave of the public trends, { source, wave, n,
 * institution_type, questions: { <column>: { n, counts, percent } } }.
 * - source "respondents": computed from the imported survey waves (self-assessments never
 *   count); groups of 1 to 4 respondents are null (see app/modules/survey/dashboard.ts).
 * - source "published": no respondent data imported yet; the numbers the TrendMonitor 2024
 *   report prints (app/modules/survey/trendmonitor-2024.ts), under the same column keys and
 *   answer labels; a count or N the report does not print is null.
 * Without ?wave the latest wave; an unknown wave answers 404 with a message in the language of the URL.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rows, waves } = await loadTrendData(context.db);
  const published = waves.length === 0;
  const available = published ? publishedWaves : waves;
  const param = new URL(request.url).searchParams.get("wave");
  const wave = pickWave(available, param);
  const headers = { "Cache-Control": "public, max-age=300" };
  if (wave === null) {
    const message = translate(localeFromRequest(request), "error.trendsJson.wave", {
      wave: JSON.stringify(param?.slice(0, 20) ?? ""),
      waves: available.join(", "),
    });
    return Response.json({ error: message, waves: available }, { status: 404 });
  }
  if (published) {
    return Response.json({ source: "published", ...publishedWave(wave, dashboardColumns) }, { headers });
  }
  return Response.json({ source: "respondents", ...publicWave(rows, wave) }, { headers });
}
