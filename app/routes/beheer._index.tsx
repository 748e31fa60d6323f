import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { pageTitle, useT } from "#app/i18n/index.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { listProposedInstitutions } from "#app/modules/auth/institutions.server.ts";
import { can } from "#app/modules/auth/permissions.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "beheer.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "view:beheer");
  const proposals = await listProposedInstitutions(context.db);
  return {
    canManageUsers: can(user.role, "manage:users"),
    canImportSurvey: can(user.role, "import:survey"),
    proposals: proposals.length,
  };
}

export default function Beheer() {
  const { canManageUsers, canImportSurvey, proposals } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <PageHeader title={t("beheer.title")} intro={t("beheer.intro")} />
      <ul className="space-y-2">
        <li>
          <Link to="/beheer/instellingen">{t("beheer.institutions.title")}</Link>{" "}
          <span className="text-muted">({t("beheer.institutions.count", { count: proposals })})</span>
        </li>
        <li>
          <Link to="/beheer/kennisbank">{t("beheer.kennisbank")}</Link>
        </li>
        <li>
          <Link to="/beheer/dragers">{t("dragers.beheer.link")}</Link>
        </li>
        <li>
          <Link to="/beheer/intervisie">{t("intervisie.beheer.title")}</Link>
        </li>
        <li>
          <Link to="/beheer/intervisie/beoordelingen">{t("intervisie.beheer.ratings")}</Link>
        </li>
        {canImportSurvey ? (
          <li>
            <Link to="/beheer/enquete">{t("survey.beheer")}</Link>
          </li>
        ) : null}
        {canImportSurvey ? (
          <li>
            <Link to="/beheer/peilingen">{t("pulse.admin.title")}</Link>
          </li>
        ) : null}
        {canManageUsers ? (
          <li>
            <Link to="/beheer/gebruikers">{t("beheer.users.title")}</Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
