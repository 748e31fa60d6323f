import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FieldError, FormMessage, fieldIds, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  localeFromRequest,
  pageTitle,
  translator,
  useLocale,
  useLocalizedPath,
  useT,
} from "#app/i18n/index.ts";
import { formIntent } from "#app/lib/forms.ts";
import { getUser, requireUser } from "#app/modules/auth/auth.server.ts";
import {
  deletePlan,
  listAssumptions,
  listCarrierGuides,
  savePlan,
} from "#app/modules/dragers/dragers.server.ts";
import { AssumptionTable, PlanTable } from "#app/modules/dragers/plan-view.tsx";
import { loadPlanner } from "#app/modules/dragers/planner.server.ts";
import {
  conditionFactor,
  conditionLabels,
  conditions,
  type InventoryDraft,
  MAX_LINES,
  readInventory,
} from "#app/modules/dragers/planner.ts";
import { localRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "dragers.planner.title", "dragers.title") },
];

/**
 * GET /dragers/planner?drager=u-matic&aantal=40&duur=&staat=slecht&...: the plan for the
 * inventory in the query (works for anyone, without JavaScript). Members with an institution
 * see their saved inventory when the query has none, and can save (POST).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const url = new URL(request.url);
  const planner = await loadPlanner(
    context.db,
    localeFromRequest(request),
    url.searchParams,
    user?.institutionId ?? null,
  );
  const extra = Math.min(Math.max(Number(url.searchParams.get("extra")) || 0, 0), MAX_LINES);
  return {
    ...planner,
    blankRows: Math.min(3 + extra, MAX_LINES - planner.drafts.length),
    member: user
      ? { hasInstitution: Boolean(user.institutionId), waiting: Boolean(user.requestedInstitutionId) }
      : null,
    saved: url.searchParams.has("opgeslagen"),
    deleted: url.searchParams.has("verwijderd"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const t = translator(localeFromRequest(request));
  if (!user.institutionId)
    return data({ errors: { form: t("error.planner.noInstitution") } }, { status: 400 });
  const form = await request.formData();
  if (formIntent(form) === "verwijderen") {
    await deletePlan(context.db, { id: user.id }, user.institutionId);
    return localRedirect(request, "/dragers/planner?verwijderd=1");
  }
  const [guides, assumptions] = await Promise.all([
    listCarrierGuides(context.db, localeFromRequest(request)),
    listAssumptions(context.db),
  ]);
  const known = new Set(guides.filter((g) => assumptions.has(g.slug)).map((g) => g.slug));
  const read = readInventory(form, known, localeFromRequest(request));
  if (!read.ok) return data({ errors: read.errors, drafts: read.drafts }, { status: 400 });
  if (!read.lines.length) {
    return data({ errors: { form: t("error.planner.noLines") }, drafts: read.drafts }, { status: 400 });
  }
  await savePlan(context.db, { id: user.id }, user.institutionId, read.lines);
  return localRedirect(request, "/dragers/planner?opgeslagen=1");
}

export default function Planner() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const localized = useLocalizedPath();
  const locale = useLocale();
  const errors: Record<string, string> = { ...loaded.errors, ...(result?.errors ?? {}) };
  const drafts: InventoryDraft[] = (result && "drafts" in result ? result.drafts : null) ?? loaded.drafts;
  const rows: InventoryDraft[] = [
    ...drafts,
    ...Array.from({ length: Math.max(loaded.blankRows, 0) }, () => ({
      carrier: "",
      count: "",
      minutes: "",
      condition: "goed",
    })),
  ];
  const titles = new Map(loaded.carriers.map((c) => [c.slug, c.title]));
  const used = loaded.plan
    ? loaded.assumptions.filter((a) => loaded.plan!.rows.some((r) => r.carrier === a.carrier))
    : [];
  const rowErrors = Object.keys(errors).filter((k) => k !== "form").length;
  return (
    <div className="space-y-8">
      <PageHeader title={t("dragers.planner.title")} intro={t("dragers.planner.intro")}>
        <p>
          <Link to="/dragers">{t("dragers.tools.back")}</Link>
        </p>
      </PageHeader>
      {loaded.saved ? <FormMessage tone="ok">{t("dragers.planner.saved")}</FormMessage> : null}
      {loaded.deleted ? <FormMessage tone="ok">{t("dragers.planner.deleted")}</FormMessage> : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      {rowErrors ? <FormMessage>{t("dragers.planner.errors", { count: rowErrors })}</FormMessage> : null}
      {loaded.from === "saved" && loaded.savedAt ? (
        <p className="text-muted">
          {t("dragers.planner.fromSaved", { date: new Date(loaded.savedAt).toLocaleDateString(locale) })}
        </p>
      ) : null}

      <Form method="get" className="space-y-4" noValidate>
        <fieldset className="space-y-3 rounded border border-line p-4">
          <legend className="px-1 text-lg font-semibold">{t("dragers.planner.inventory")}</legend>
          <p className="text-sm text-muted">{t("dragers.planner.inventoryHint")}</p>
          {rows.map((row, i) => (
            <InventoryRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the form
              key={i}
              index={i}
              row={row}
              carriers={loaded.carriers}
              errors={errors}
            />
          ))}
        </fieldset>
        <div className="flex flex-wrap gap-3">
          <SubmitButton>{t("dragers.planner.calculate")}</SubmitButton>
          <button
            type="submit"
            name="extra"
            value={String(Math.max(loaded.blankRows - 3, 0) + 3)}
            className="rounded border border-brand px-4 py-2 font-medium text-brand"
          >
            {t("dragers.planner.moreRows")}
          </button>
          {loaded.member?.hasInstitution ? (
            <button
              type="submit"
              formMethod="post"
              name="intent"
              value="bewaren"
              className="rounded border border-brand px-4 py-2 font-medium text-brand"
            >
              {t("dragers.planner.save")}
            </button>
          ) : null}
        </div>
        {!loaded.member ? (
          <p className="text-sm text-muted">
            <Link to="/inloggen?redirectTo=/dragers/planner">{t("dragers.planner.loginToSave")}</Link>
          </p>
        ) : !loaded.member.hasInstitution ? (
          <p className="text-sm text-muted">
            {t(loaded.member.waiting ? "membership.waiting" : "dragers.planner.noInstitution")}
          </p>
        ) : null}
      </Form>

      {loaded.plan ? (
        <section aria-labelledby="plan" className="space-y-4">
          <h2 id="plan">{t("dragers.planner.plan")}</h2>
          <p className="max-w-3xl">{t("dragers.planner.how")}</p>
          {loaded.plan.missing.length ? (
            <FormMessage>
              {t("dragers.planner.missing", { list: loaded.plan.missing.join(", ") })}
            </FormMessage>
          ) : null}
          <PlanTable plan={loaded.plan} />
          <p className="flex flex-wrap gap-4">
            <a href={localized(`/dragers/planner.csv?${loaded.query}`)} download>
              {t("dragers.planner.csv")}
            </a>
            <Link to={`/dragers/planner/afdrukken?${loaded.query}`}>{t("dragers.planner.print")}</Link>
          </p>
          {loaded.member?.hasInstitution && loaded.from === "saved" ? (
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="verwijderen"
                className="rounded border border-accent px-4 py-2 font-medium text-accent"
              >
                {t("dragers.planner.delete")}
              </button>
            </Form>
          ) : null}
          <h3>{t("dragers.planner.usedAssumptions")}</h3>
          <AssumptionTable assumptions={used} titles={titles} />
        </section>
      ) : null}

      <section aria-labelledby="aannames" className="space-y-3">
        <h2 id="aannames">{t("dragers.assumptions.title")}</h2>
        <p className="max-w-3xl">
          {t("dragers.assumptions.intro", {
            goed: conditionFactor.goed,
            twijfel: String(conditionFactor.twijfelachtig).replace(".", locale === "nl" ? "," : "."),
            slecht: conditionFactor.slecht,
          })}
        </p>
        <details>
          <summary className="cursor-pointer font-medium">{t("dragers.assumptions.all")}</summary>
          <AssumptionTable assumptions={loaded.assumptions} titles={titles} />
        </details>
      </section>
    </div>
  );
}

function InventoryRow({
  index,
  row,
  carriers,
  errors,
}: {
  index: number;
  row: InventoryDraft;
  carriers: { slug: string; title: string }[];
  errors: Record<string, string>;
}) {
  const t = useT();
  const locale = useLocale();
  const field = (name: string) => {
    const id = `${name}-${index}`;
    const error = errors[id];
    return {
      id: `veld-${id}`,
      error,
      aria: fieldIds(`veld-${id}`, undefined, error),
    };
  };
  const carrier = field("drager");
  const count = field("aantal");
  const minutes = field("duur");
  const state = field("staat");
  const control = "block w-full rounded border border-muted px-2 py-1 aria-[invalid=true]:border-accent";
  return (
    <fieldset className="grid gap-2 border-t border-line pt-3 sm:grid-cols-[2fr_1fr_1fr_2fr]">
      <legend className="sr-only">{t("dragers.planner.row", { n: index + 1 })}</legend>
      <div>
        <label htmlFor={carrier.id} className="block text-sm font-medium">
          {t("dragers.planner.carrier")}
        </label>
        <select
          id={carrier.id}
          name="drager"
          defaultValue={row.carrier}
          className={`${control} bg-paper`}
          {...carrier.aria}
        >
          <option value="">{t("dragers.planner.chooseCarrier")}</option>
          {carriers.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </select>
        <FieldError id={carrier.id} error={carrier.error} />
      </div>
      <div>
        <label htmlFor={count.id} className="block text-sm font-medium">
          {t("dragers.planner.count")}
        </label>
        <input
          id={count.id}
          name="aantal"
          inputMode="numeric"
          defaultValue={row.count}
          className={control}
          {...count.aria}
        />
        <FieldError id={count.id} error={count.error} />
      </div>
      <div>
        <label htmlFor={minutes.id} className="block text-sm font-medium">
          {t("dragers.planner.minutes")}
        </label>
        <input
          id={minutes.id}
          name="duur"
          inputMode="decimal"
          defaultValue={row.minutes}
          placeholder={t("dragers.planner.minutesPlaceholder")}
          className={control}
          {...minutes.aria}
        />
        <FieldError id={minutes.id} error={minutes.error} />
      </div>
      <div>
        <label htmlFor={state.id} className="block text-sm font-medium">
          {t("dragers.planner.condition")}
        </label>
        <select
          id={state.id}
          name="staat"
          defaultValue={row.condition}
          className={`${control} bg-paper`}
          {...state.aria}
        >
          {conditions.map((c) => (
            <option key={c} value={c}>
              {conditionLabels[c][locale]}
            </option>
          ))}
        </select>
        <FieldError id={state.id} error={state.error} />
      </div>
    </fieldset>
  );
}
