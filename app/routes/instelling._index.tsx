import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InstitutionProfileView } from "#app/components/institution-profile.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, useLocale, useT } from "#app/i18n/index.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { savedPlanSummary } from "#app/modules/dragers/planner.server.ts";
import { formatNumber } from "#app/modules/dragers/planner.ts";
import { getInstitutionProfile, startingArticles } from "#app/modules/survey/profile.server.ts";

export const meta: MetaFunction = () => [{ title: "Mijn instelling · AV-Kennisnet" }];

/** The profile of the member's own institution. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const saved = new URL(request.url).searchParams.has("opgeslagen");
  const profile = user.institutionId ? await getInstitutionProfile(context.db, user.institutionId) : null;
  if (!profile) return { profile: null, articles: {}, saved, plan: null };
  const articles = await startingArticles(context.db, localeFromRequest(request), profile.needs);
  const plan = await savedPlanSummary(context.db, localeFromRequest(request), profile.institution.id);
  return { profile, articles, saved, plan };
}

export default function OwnInstitution() {
  const { profile, articles, saved, plan } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  if (!profile) {
    return (
      <PageHeader title={t("profiel.title")} intro={t("profiel.noInstitution")}>
        <p>
          <Link to="/account">{t("profiel.chooseInstitution")}</Link>
        </p>
      </PageHeader>
    );
  }
  return (
    <>
      <InstitutionProfileView
        profile={profile}
        articles={articles}
        canAssess
        notice={saved ? t("profiel.saved") : null}
      />
      <section aria-labelledby="digitaliseringsplan" className="mt-10 max-w-3xl space-y-2">
        <h2 id="digitaliseringsplan">{t("dragers.profile.title")}</h2>
        <p>
          {plan
            ? t("dragers.profile.summary")
                .replace("{items}", formatNumber(plan.items, locale, 0))
                .replace("{hours}", formatNumber(plan.digitisationHours, locale, 0))
                .replace("{tb}", formatNumber(plan.masterTb, locale, 2))
                .replace("{first}", plan.first ?? "–")
            : t("dragers.profile.none")}
        </p>
        <p>
          <Link to="/dragers/planner">{t("dragers.profile.link")}</Link>
        </p>
      </section>
    </>
  );
}
