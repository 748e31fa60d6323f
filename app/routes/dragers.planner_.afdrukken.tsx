import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FormMessage } from "#app/components/forms.tsx";
import { Link } from "#app/components/link.tsx";
import { localeFromRequest, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { AssumptionTable, PlanTable } from "#app/modules/dragers/plan-view.tsx";
import { loadPlanner } from "#app/modules/dragers/planner.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "meta.printPlan") }];

/** GET /dragers/planner/afdrukken?drager=...: the plan on a page made for printing. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const url = new URL(request.url);
  const planner = await loadPlanner(
    context.db,
    localeFromRequest(request),
    url.searchParams,
    user?.institutionId ?? null,
  );
  return { ...planner, printedAt: new Date().toISOString() };
}

export default function PrintablePlan() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const titles = new Map(loaded.carriers.map((c) => [c.slug, c.title]));
  const used = loaded.plan
    ? loaded.assumptions.filter((a) => loaded.plan!.rows.some((r) => r.carrier === a.carrier))
    : [];
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1>{t("dragers.print.title")}</h1>
        <p className="text-muted">
          {t("dragers.print.made", { date: new Date(loaded.printedAt).toLocaleDateString(locale) })}
        </p>
        <p className="print:hidden">
          <Link to={`/dragers/planner${loaded.query ? `?${loaded.query}` : ""}`}>
            {t("dragers.print.back")}
          </Link>{" "}
          · {t("dragers.print.hint")}
        </p>
      </header>
      {loaded.plan ? (
        <>
          <p>{t("dragers.planner.how")}</p>
          <PlanTable plan={loaded.plan} />
          <h2>{t("dragers.planner.usedAssumptions")}</h2>
          <AssumptionTable assumptions={used} titles={titles} />
        </>
      ) : (
        <FormMessage>{t("dragers.print.empty")}</FormMessage>
      )}
    </article>
  );
}
