import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InstitutionProfileView } from "#app/components/institution-profile.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, useT } from "#app/i18n/index.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { getInstitutionProfile, startingArticles } from "#app/modules/survey/profile.server.ts";

export const meta: MetaFunction = () => [{ title: "Mijn instelling · AV-Kennisnet" }];

/** The profile of the member's own institution. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const saved = new URL(request.url).searchParams.has("opgeslagen");
  const profile = user.institutionId ? await getInstitutionProfile(context.db, user.institutionId) : null;
  if (!profile) return { profile: null, articles: {}, saved };
  const articles = await startingArticles(context.db, localeFromRequest(request), profile.needs);
  return { profile, articles, saved };
}

export default function OwnInstitution() {
  const { profile, articles, saved } = useLoaderData<typeof loader>();
  const t = useT();
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
    <InstitutionProfileView
      profile={profile}
      articles={articles}
      canAssess
      notice={saved ? t("profiel.saved") : null}
    />
  );
}
