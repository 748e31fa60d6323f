// /dragers/samenwerken: the route reads and dispatches; each section of the page is a component
// next to this file, and each intent of the action a handler in actions.server.ts.

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "#app/components/forms.tsx";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translate, useT } from "#app/i18n/index.ts";
import { formIntent } from "#app/lib/forms.ts";
import { getUser, requireUser } from "#app/modules/auth/auth.server.ts";
import { can } from "#app/modules/auth/permissions.ts";
import {
  demandOf,
  listCarrierGuides,
  listDemand,
  listOffers,
  surveyLineAnswers,
} from "#app/modules/dragers/dragers.server.ts";
import { MIN_GROUP_SIZE, type PoolView, poolDemand, visibleTo } from "#app/modules/dragers/pooling.ts";
import { handleIntent } from "./actions.server.ts";
import { DemandSection } from "./demand-section.tsx";
import { LinesSection } from "./lines-section.tsx";
import { OwnDemandSection } from "./own-demand-section.tsx";
import { OwnLineSection } from "./own-line-section.tsx";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "dragers.pool.title", "dragers.title") },
];

/**
 * GET /dragers/samenwerken: demand per carrier added up across institutions, and the lines that
 * can take it. The public sees totals of groups of at least MIN_GROUP_SIZE institutions and no
 * names; members also see the lines' names and terms and their own posts; moderators see all.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const view: PoolView = user && can(user.role, "view:beheer") ? "moderator" : user ? "member" : "public";
  const [guides, allDemand, allOffers] = await Promise.all([
    listCarrierGuides(context.db, localeFromRequest(request)),
    listDemand(context.db),
    listOffers(context.db),
  ]);
  const demand = visibleTo(view, allDemand);
  const offers = visibleTo(view, allOffers, (o) => o.source === "member");
  const titles = new Map(guides.map((g) => [g.slug, g.title]));
  const pool = poolDemand(demand, offers, titles, view);
  const institutionId = user?.institutionId ?? null;
  const own = institutionId
    ? {
        demand: await demandOf(context.db, institutionId),
        // Already read with every line above: the institution's own, whatever the view.
        offer: allOffers.find((o) => o.institutionId === institutionId) ?? null,
        survey: await surveyLineAnswers(context.db, institutionId),
      }
    : null;
  const url = new URL(request.url);
  return {
    view,
    pool,
    carriers: guides.map((g) => ({ slug: g.slug, title: g.title })),
    lines:
      view === "public"
        ? { count: offers.length, list: null }
        : {
            count: offers.length,
            list: offers
              .map((o) => ({ ...o, carriers: o.carriers.map((c) => titles.get(c) ?? c) }))
              .sort((a, b) => a.institutionName.localeCompare(b.institutionName, "nl")),
          },
    member: user
      ? { hasInstitution: Boolean(institutionId), waiting: Boolean(user.requestedInstitutionId) }
      : null,
    own,
    notice: url.searchParams.get("opgeslagen"),
    minGroupSize: MIN_GROUP_SIZE,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = localeFromRequest(request);
  if (!user.institutionId) {
    return data(
      { intent: "", errors: { form: translate(locale, "error.pooling.noInstitution") } },
      { status: 400 },
    );
  }
  const form = await request.formData();
  const intent = formIntent(form);
  const known = new Set((await listCarrierGuides(context.db, "nl")).map((g) => g.slug));
  return handleIntent({
    request,
    db: context.db,
    actor: { id: user.id },
    institutionId: user.institutionId,
    form,
    intent,
    known,
    locale,
  });
}

export default function Pooling() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="space-y-10">
      <PageHeader title={t("dragers.pool.title")} intro={t("dragers.pool.intro")}>
        <p>
          <Link to="/dragers">{t("dragers.tools.back")}</Link>
        </p>
      </PageHeader>
      {loaded.notice ? <FormMessage tone="ok">{t("dragers.pool.saved")}</FormMessage> : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}

      <DemandSection view={loaded.view} pool={loaded.pool} minGroupSize={loaded.minGroupSize} />

      <LinesSection lines={loaded.lines} />

      {loaded.member && !loaded.member.hasInstitution ? (
        <p className="text-muted">
          {t(loaded.member.waiting ? "membership.waiting" : "dragers.planner.noInstitution")}
        </p>
      ) : null}

      {loaded.own ? (
        <>
          <OwnDemandSection
            demand={loaded.own.demand}
            carriers={loaded.carriers}
            result={result}
            errors={errors}
          />

          <OwnLineSection
            offer={loaded.own.offer}
            survey={loaded.own.survey}
            carriers={loaded.carriers}
            result={result}
            errors={errors}
          />
        </>
      ) : !loaded.member ? (
        <p>
          <Link to="/inloggen?redirectTo=/dragers/samenwerken">{t("dragers.pool.loginToPost")}</Link>
        </p>
      ) : null}
    </div>
  );
}
