import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, useLocale, useT } from "#app/i18n/index.ts";
import { getUser, requireUser } from "#app/modules/auth/auth.server.ts";
import { can } from "#app/modules/auth/permissions.ts";
import {
  deleteOffer,
  demandOf,
  listCarrierGuides,
  listDemand,
  listOffers,
  saveDemand,
  saveOffer,
  surveyLineAnswers,
} from "#app/modules/dragers/dragers.server.ts";
import { formatNumber } from "#app/modules/dragers/planner.ts";
import { MIN_GROUP_SIZE, type PoolView, poolDemand, visibleTo } from "#app/modules/dragers/pooling.ts";
import {
  demandSchema,
  readOffer,
  sharedLabels,
  suitabilityLabels,
} from "#app/modules/dragers/pooling-form.ts";
import { parseForm } from "#app/modules/forms.server.ts";

export const meta: MetaFunction = () => [{ title: "Samen digitaliseren · Dragers · AV-Kennisnet" }];

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
  if (!user.institutionId) {
    return data(
      {
        intent: "",
        errors: {
          form: "Koppel eerst je account aan een instelling (Mijn account); dan kun je hier iets plaatsen.",
        },
      },
      { status: 400 },
    );
  }
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const known = new Set((await listCarrierGuides(context.db, "nl")).map((g) => g.slug));
  const actor = { id: user.id };
  if (intent === "vraag") {
    const parsed = parseForm(demandSchema(known), form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors }, { status: 400 });
    await saveDemand(context.db, actor, user.institutionId, parsed.value);
    return redirect("/dragers/samenwerken?opgeslagen=vraag");
  }
  if (intent === "aanbod") {
    const read = readOffer(form, known);
    if (!read.ok) return data({ intent, errors: read.errors }, { status: 400 });
    await saveOffer(context.db, actor, user.institutionId, read.value);
    return redirect("/dragers/samenwerken?opgeslagen=aanbod");
  }
  if (intent === "aanbod-verwijderen") {
    await deleteOffer(context.db, actor, user.institutionId);
    return redirect("/dragers/samenwerken?opgeslagen=verwijderd");
  }
  return data(
    { intent, errors: { form: "Onbekende actie: kies een van de knoppen op de pagina." } },
    { status: 400 },
  );
}

export default function Pooling() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale, 0);
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const { pool } = loaded;
  const offer = loaded.own?.offer ?? null;
  const survey = loaded.own?.survey ?? null;
  return (
    <div className="space-y-10">
      <PageHeader title={t("dragers.pool.title")} intro={t("dragers.pool.intro")}>
        <p>
          <Link to="/dragers">{t("dragers.tools.back")}</Link>
        </p>
      </PageHeader>
      {loaded.notice ? <FormMessage tone="ok">{t("dragers.pool.saved")}</FormMessage> : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}

      <section aria-labelledby="vraag-totaal" className="space-y-3">
        <h2 id="vraag-totaal">{t("dragers.pool.demandTitle")}</h2>
        <p className="max-w-3xl text-muted">
          {loaded.view === "moderator"
            ? t("dragers.pool.moderatorNote")
            : t("dragers.pool.privacy").replace("{n}", String(loaded.minGroupSize))}
        </p>
        {pool.rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="mb-2 text-left text-muted">{t("dragers.pool.caption")}</caption>
              <thead>
                <tr className="border-b-2 border-line">
                  <th scope="col" className="py-2 pr-4">
                    {t("dragers.col.name")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t("dragers.pool.items")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t("dragers.pool.institutions")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("dragers.pool.lines")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {pool.rows.map((row) => (
                  <tr key={row.carrier} className="border-b border-line align-top">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {row.title}
                      {row.demand ? (
                        <ul className="mt-1 text-sm text-muted">
                          {row.demand.map((d) => (
                            <li key={d.institutionName}>
                              {d.institutionName}: {n(d.count)}
                              {d.note ? ` (${d.note})` : ""}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </th>
                    <td className="py-2 pr-4 text-right">{row.hidden ? "–" : n(row.total ?? 0)}</td>
                    <td className="py-2 pr-4 text-right">
                      {row.hidden ? `< ${loaded.minGroupSize}` : n(row.institutions ?? 0)}
                    </td>
                    <td className="py-2">
                      {row.lines === 0
                        ? t("dragers.pool.noLine")
                        : row.lineNames
                          ? row.lineNames.join(", ")
                          : t("dragers.pool.lineCount").replace("{n}", String(row.lines))}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-line font-semibold">
                  <th scope="row" className="py-2 pr-4">
                    {pool.hiddenCarriers ? t("dragers.pool.totalShown") : t("dragers.pool.total")}
                  </th>
                  <td className="py-2 pr-4 text-right">{n(pool.shownTotal)}</td>
                  <td className="py-2 pr-4 text-right">
                    {pool.shownInstitutions === null ? `< ${loaded.minGroupSize}` : n(pool.shownInstitutions)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p>{t("dragers.pool.noDemand")}</p>
        )}
      </section>

      <section aria-labelledby="lijnen" className="space-y-3">
        <h2 id="lijnen">{t("dragers.pool.linesTitle")}</h2>
        <p>{t("dragers.pool.linesCount").replace("{n}", String(loaded.lines.count))}</p>
        {loaded.lines.list ? (
          <ul className="space-y-3">
            {loaded.lines.list.map((line) => (
              <li key={line.institutionId} className="rounded border border-line p-3">
                <p className="font-semibold">{line.institutionName}</p>
                <p className="text-sm">
                  {line.shared ?? ""}
                  {line.suitability ? ` · ${line.suitability}` : ""}
                  {line.source === "survey" ? ` · ${t("dragers.pool.fromSurvey")}` : ""}
                </p>
                <p className="text-sm">
                  {line.carriers.length ? line.carriers.join(", ") : t("dragers.pool.carriersUnknown")}
                </p>
                {line.terms ? <p className="whitespace-pre-line text-sm text-muted">{line.terms}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">
            <Link to="/inloggen?redirectTo=/dragers/samenwerken">{t("dragers.pool.loginForLines")}</Link>
          </p>
        )}
      </section>

      {loaded.member && !loaded.member.hasInstitution ? (
        <p className="text-muted">
          {t(loaded.member.waiting ? "membership.waiting" : "dragers.planner.noInstitution")}
        </p>
      ) : null}

      {loaded.own ? (
        <>
          <section aria-labelledby="eigen-vraag" className="max-w-3xl space-y-4">
            <h2 id="eigen-vraag">{t("dragers.pool.ownDemand")}</h2>
            {loaded.own.demand.length ? (
              <ul className="list-disc pl-6">
                {loaded.own.demand.map((d) => (
                  <li key={d.carrier}>
                    {loaded.carriers.find((c) => c.slug === d.carrier)?.title ?? d.carrier}: {n(d.count)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-muted">{t("dragers.pool.ownDemandNone")}</p>
            )}
            <Form method="post" className="space-y-4 rounded border border-line p-4" noValidate>
              <input type="hidden" name="intent" value="vraag" />
              <SelectField
                label={t("dragers.planner.carrier")}
                name="carrier"
                id="vraag-drager"
                error={result?.intent === "vraag" ? errors.carrier : undefined}
              >
                <option value="">{t("dragers.planner.chooseCarrier")}</option>
                {loaded.carriers.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.title}
                  </option>
                ))}
              </SelectField>
              <Field
                label={t("dragers.pool.count")}
                hint={t("dragers.pool.countHint")}
                name="count"
                id="vraag-aantal"
                inputMode="numeric"
                error={result?.intent === "vraag" ? errors.count : undefined}
              />
              <Field
                label={t("dragers.pool.note")}
                name="note"
                id="vraag-toelichting"
                error={result?.intent === "vraag" ? errors.note : undefined}
              />
              <SubmitButton>{t("dragers.pool.postDemand")}</SubmitButton>
            </Form>
          </section>

          <section aria-labelledby="eigen-lijn" className="max-w-3xl space-y-4">
            <h2 id="eigen-lijn">{t("dragers.pool.ownLine")}</h2>
            {!offer && survey ? <p>{t("dragers.pool.surveyPrefill")}</p> : null}
            <Form method="post" className="space-y-4 rounded border border-line p-4" noValidate>
              <input type="hidden" name="intent" value="aanbod" />
              <fieldset
                className="space-y-1"
                aria-describedby={
                  result?.intent === "aanbod" && errors.dragers ? "aanbod-dragers-fout" : undefined
                }
              >
                <legend className="font-medium">{t("dragers.pool.lineCarriers")}</legend>
                <div className="grid gap-1 sm:grid-cols-2">
                  {loaded.carriers.map((c) => (
                    <div key={c.slug} className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        id={`aanbod-${c.slug}`}
                        name="dragers"
                        value={c.slug}
                        defaultChecked={offer?.carriers.includes(c.slug)}
                      />
                      <label htmlFor={`aanbod-${c.slug}`}>{c.title}</label>
                    </div>
                  ))}
                </div>
                {result?.intent === "aanbod" && errors.dragers ? (
                  <p id="aanbod-dragers-fout" className="text-sm font-medium text-accent">
                    {errors.dragers}
                  </p>
                ) : null}
              </fieldset>
              <SelectField
                label={t("dragers.pool.shared")}
                name="beschikbaar"
                id="aanbod-beschikbaar"
                defaultValue={offer?.shared ?? survey?.shared ?? ""}
                error={result?.intent === "aanbod" ? errors.beschikbaar : undefined}
              >
                <option value="">{t("dragers.pool.choose")}</option>
                {sharedLabels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("dragers.pool.suitability")}
                name="geschiktheid"
                id="aanbod-geschiktheid"
                defaultValue={offer?.suitability ?? survey?.suitability ?? ""}
                error={result?.intent === "aanbod" ? errors.geschiktheid : undefined}
              >
                <option value="">{t("dragers.pool.choose")}</option>
                {suitabilityLabels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <Field
                label={t("dragers.pool.terms")}
                hint={t("dragers.pool.termsHint")}
                name="voorwaarden"
                id="aanbod-voorwaarden"
                defaultValue={offer?.terms ?? ""}
                error={result?.intent === "aanbod" ? errors.voorwaarden : undefined}
              />
              <SubmitButton>{t("dragers.pool.saveLine")}</SubmitButton>
            </Form>
            {offer ? (
              <Form method="post">
                <button
                  type="submit"
                  name="intent"
                  value="aanbod-verwijderen"
                  className="rounded border border-accent px-4 py-2 font-medium text-accent"
                >
                  {t("dragers.pool.deleteLine")}
                </button>
              </Form>
            ) : null}
          </section>
        </>
      ) : !loaded.member ? (
        <p>
          <Link to="/inloggen?redirectTo=/dragers/samenwerken">{t("dragers.pool.loginToPost")}</Link>
        </p>
      ) : null}
    </div>
  );
}
