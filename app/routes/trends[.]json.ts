import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicWave } from "#app/modules/survey/dashboard.ts";
import { loadTrendData, pickWave } from "#app/modules/survey/trends.server.ts";

/**
 * GET /trends.json?wave=2024: one wave of the public trends, computed from the imported survey
 * waves (self-assessments never count): { wave, n, institution_type, questions: { <column>: { n,
 * counts, percent } } }. Without ?wave the latest wave; an unknown wave answers 404 with a
 * Dutch message. Groups of 1 to 4 respondents are null (see app/modules/survey/dashboard.ts).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rows, waves } = await loadTrendData(context.db);
  const param = new URL(request.url).searchParams.get("wave");
  const wave = pickWave(waves, param);
  const headers = { "Cache-Control": "public, max-age=300" };
  if (wave === null) {
    const message = waves.length
      ? `Er zijn geen cijfers voor golf ${JSON.stringify(param?.slice(0, 20) ?? "")}. Beschikbare golven: ${waves.join(", ")}.`
      : "Er zijn nog geen enquêteresultaten geïmporteerd.";
    return Response.json({ error: message, waves }, { status: 404 });
  }
  return Response.json(publicWave(rows, wave), { headers });
}
