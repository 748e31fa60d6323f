import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { pageTitle, useT } from "#app/i18n/index.ts";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { listMyGroups } from "#app/modules/intervisie/groups.server.ts";
import { getParticipation } from "#app/modules/intervisie/participation.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "intervisie.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (!user) return { signedIn: false as const };
  const [participation, groups] = await Promise.all([
    getParticipation(context.db, user),
    listMyGroups(context.db, user.id),
  ]);
  return { signedIn: true as const, optedIn: participation.optedIn, groups };
}

export default function IntervisionHome() {
  const state = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-8">
      <PageHeader title={t("intervisie.title")} intro={t("intervisie.intro")}>
        <p>{t("intervisie.what")}</p>
        <ol className="list-decimal space-y-1 pl-6">
          <li>{t("intervisie.how.1")}</li>
          <li>{t("intervisie.how.2")}</li>
          <li>{t("intervisie.how.3")}</li>
        </ol>
      </PageHeader>
      {!state.signedIn ? (
        <p>
          <Link to="/inloggen?redirectTo=/intervisie" className="font-medium">
            {t("intervisie.loginToJoin")}
          </Link>
        </p>
      ) : (
        <>
          <section aria-labelledby="deelname" className="space-y-3">
            <h2 id="deelname">{state.optedIn ? t("intervisie.status.in") : t("intervisie.status.out")}</h2>
            <ul className="flex flex-wrap gap-4">
              <li>
                <Link to="/intervisie/deelnemen" className="font-medium">
                  {state.optedIn ? t("intervisie.change") : t("intervisie.join")}
                </Link>
              </li>
              <li>
                <Link to="/intervisie/groepen">{t("intervisie.browse")}</Link>
              </li>
              <li>
                <Link to="/intervisie/agenda">{t("intervisie.agenda")}</Link>
              </li>
              <li>
                <Link to="/meldingen">{t("intervisie.notifications")}</Link>
              </li>
            </ul>
          </section>
          <section aria-labelledby="mijn-groepen" className="space-y-3">
            <h2 id="mijn-groepen">{t("intervisie.myGroups")}</h2>
            {state.groups.length === 0 ? <p>{t("intervisie.noGroups")}</p> : null}
            <ul className="space-y-2">
              {state.groups.map((g) => (
                <li key={g.id}>
                  <Link to={`/intervisie/groepen/${g.id}`} className="font-medium">
                    {g.name}
                  </Link>{" "}
                  <span className="text-muted">
                    (
                    {g.role === "facilitator"
                      ? t("intervisie.role.facilitator")
                      : t("intervisie.role.member")}
                    )
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
