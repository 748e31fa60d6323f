import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest, translator } from "#app/i18n/index.ts";
import { csvResponse } from "#app/lib/csv.ts";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { loadPlanner } from "#app/modules/dragers/planner.server.ts";
import { planCsv } from "#app/modules/dragers/planner.ts";

/**
 * GET /dragers/planner.csv?drager=...&aantal=...&duur=...&staat=...: the plan as CSV (comma,
 * CRLF, UTF-8 with a byte-order mark so that Excel reads the accents). Without an inventory in
 * the query, a member's saved inventory.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const locale = localeFromRequest(request);
  const planner = await loadPlanner(
    context.db,
    locale,
    new URL(request.url).searchParams,
    user?.institutionId ?? null,
  );
  if (!planner.plan) {
    const t = translator(locale);
    const message = Object.keys(planner.errors).length
      ? t("error.planner.csvErrors", { errors: Object.values(planner.errors).join(" ") })
      : t("error.planner.csvEmpty");
    return new Response(`${message}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return csvResponse(
    planCsv(planner.plan, locale),
    locale === "nl" ? "digitaliseringsplan.csv" : "digitisation-plan.csv",
    "private, no-store",
  );
}
