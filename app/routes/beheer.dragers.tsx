import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  Field,
  FieldError,
  FormMessage,
  fieldIds,
  SelectField,
  SubmitButton,
} from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { formIntent, formValues, parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { assumptionFormSchema, assumptionFromForm } from "#app/modules/dragers/assumptions.ts";
import {
  assumptionHistory,
  listAssumptions,
  listCarrierGuides,
  prefillOffersFromSurvey,
  saveAssumption,
} from "#app/modules/dragers/dragers.server.ts";
import { AssumptionTable } from "#app/modules/dragers/plan-view.tsx";
import { certainties } from "#app/modules/dragers/types.ts";
import { localRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.plannerAssumptions", "beheer.title") },
];

/** GET /beheer/dragers[?drager=slug]: the planner's assumptions, one carrier's form at a time. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "view:beheer");
  const [guides, assumptions, history] = await Promise.all([
    listCarrierGuides(context.db, localeFromRequest(request)),
    listAssumptions(context.db),
    assumptionHistory(context.db),
  ]);
  const url = new URL(request.url);
  const slug = url.searchParams.get("drager");
  const carriers = guides
    .filter((g) => assumptions.has(g.slug))
    .map((g) => ({ slug: g.slug, title: g.title }));
  const selected = slug && assumptions.has(slug) ? assumptions.get(slug)! : null;
  return {
    carriers,
    assumptions: carriers.map((c) => assumptions.get(c.slug)!),
    selected,
    selectedMeta: selected ? (history.get(selected.carrier) ?? null) : null,
    notice: url.searchParams.get("klaar"),
    prefilled: url.searchParams.get("toegevoegd"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "view:beheer");
  const form = await request.formData();
  if (formIntent(form) === "vooraf-invullen") {
    const added = await prefillOffersFromSurvey(context.db, { id: user.id });
    return localRedirect(request, `/beheer/dragers?klaar=enquete&toegevoegd=${added}`);
  }
  const parsed = parseForm(assumptionFormSchema, form, { locale: localeFromRequest(request) });
  if (!parsed.ok) {
    // What was typed comes back, so the form shows it beside the messages.
    return data({ errors: parsed.errors, values: formValues(form) }, { status: 400 });
  }
  const known = await listAssumptions(context.db);
  if (!known.has(parsed.value.carrier)) {
    const t = translator(localeFromRequest(request));
    return data({ errors: { form: t("error.assumptions.unknownCarrier") } }, { status: 400 });
  }
  await saveAssumption(context.db, { id: user.id }, assumptionFromForm(parsed.value));
  return localRedirect(
    request,
    `/beheer/dragers?drager=${encodeURIComponent(parsed.value.carrier)}&klaar=opgeslagen`,
  );
}

export default function CarrierAssumptions() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const typed: Record<string, string> = result && "values" in result ? result.values : {};
  const value = (name: string, fallback: string | number) => typed[name] ?? String(fallback);
  const titles = new Map(loaded.carriers.map((c) => [c.slug, c.title]));
  const a = loaded.selected;
  const certaintyField = (name: string, label: string, value: string) => (
    <SelectField label={label} name={name} defaultValue={typed[name] ?? value} error={errors[name]}>
      {certainties.map((c) => (
        <option key={c} value={c}>
          {t(`dragers.certainty.${c === "?" ? "check" : c}`)}
        </option>
      ))}
    </SelectField>
  );
  return (
    <div className="space-y-8">
      <PageHeader title={t("dragers.beheer.title")} intro={t("dragers.beheer.intro")}>
        <p>
          <Link to="/beheer">{t("dragers.beheer.back")}</Link> ·{" "}
          <Link to="/dragers/samenwerken">{t("dragers.beheer.pool")}</Link>
        </p>
      </PageHeader>
      {loaded.notice === "opgeslagen" ? (
        <FormMessage tone="ok">{t("dragers.beheer.saved")}</FormMessage>
      ) : null}
      {loaded.notice === "enquete" ? (
        <FormMessage tone="ok">{t("dragers.beheer.prefilled", { n: loaded.prefilled ?? "0" })}</FormMessage>
      ) : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}

      <Form method="get" className="flex flex-wrap items-end gap-3">
        <SelectField label={t("dragers.beheer.choose")} name="drager" defaultValue={a?.carrier ?? ""}>
          <option value="">{t("dragers.planner.chooseCarrier")}</option>
          {loaded.carriers.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </SelectField>
        <SubmitButton>{t("dragers.beheer.edit")}</SubmitButton>
      </Form>

      {/* The formats, sources and note are stored as the moderators write them: in Dutch. */}
      {a ? (
        <Form method="post" className="max-w-3xl space-y-4 rounded border border-line p-4" noValidate>
          <h2>{titles.get(a.carrier) ?? a.carrier}</h2>
          {loaded.selectedMeta?.updatedBy ? (
            <p className="text-sm text-muted">
              {t("dragers.beheer.lastChange", {
                name: loaded.selectedMeta.updatedBy,
                date: new Date(loaded.selectedMeta.updatedAt ?? "").toLocaleDateString("nl-NL"),
              })}
            </p>
          ) : null}
          <input type="hidden" name="carrier" value={a.carrier} />
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="sr-only">{t("dragers.beheer.figures")}</legend>
            <Field
              label={t("dragers.assumptions.minutes")}
              name="minutesPerItem"
              inputMode="decimal"
              defaultValue={value("minutesPerItem", a.minutesPerItem)}
              error={errors.minutesPerItem}
            />
            {certaintyField("certaintyMinutes", t("dragers.beheer.certainty"), a.certainty.minutesPerItem)}
            <Field
              label={t("dragers.assumptions.factor")}
              name="transferFactor"
              inputMode="decimal"
              defaultValue={value("transferFactor", a.transferFactor)}
              error={errors.transferFactor}
            />
            {certaintyField("certaintyFactor", t("dragers.beheer.certainty"), a.certainty.transferFactor)}
            <Field
              label={t("dragers.beheer.masterRate")}
              name="masterGbPerHour"
              inputMode="decimal"
              defaultValue={value("masterGbPerHour", a.masterGbPerHour)}
              error={errors.masterGbPerHour}
            />
            {certaintyField("certaintyMaster", t("dragers.beheer.certainty"), a.certainty.masterGbPerHour)}
            <Field
              label={t("dragers.beheer.masterFormat")}
              name="masterFormat"
              lang="nl"
              defaultValue={value("masterFormat", a.masterFormat)}
              error={errors.masterFormat}
            />
            <div />
            <Field
              label={t("dragers.beheer.accessRate")}
              name="accessGbPerHour"
              inputMode="decimal"
              defaultValue={value("accessGbPerHour", a.accessGbPerHour)}
              error={errors.accessGbPerHour}
            />
            {certaintyField("certaintyAccess", t("dragers.beheer.certainty"), a.certainty.accessGbPerHour)}
            <Field
              label={t("dragers.beheer.accessFormat")}
              name="accessFormat"
              lang="nl"
              defaultValue={value("accessFormat", a.accessFormat)}
              error={errors.accessFormat}
            />
            <div />
            <Field
              label={t("dragers.beheer.degradation")}
              name="degradationScore"
              inputMode="numeric"
              defaultValue={value("degradationScore", a.degradationScore)}
              error={errors.degradationScore}
            />
            <Field
              label={t("dragers.beheer.obsolescence")}
              name="obsolescenceScore"
              inputMode="numeric"
              defaultValue={value("obsolescenceScore", a.obsolescenceScore)}
              error={errors.obsolescenceScore}
            />
            {certaintyField("certaintyScores", t("dragers.beheer.certaintyScores"), a.certainty.scores)}
          </fieldset>
          <div className="space-y-1">
            <label htmlFor="veld-sources" className="block font-medium">
              {t("dragers.assumptions.sources")}
            </label>
            <textarea
              id="veld-sources"
              name="sources"
              lang="nl"
              rows={6}
              defaultValue={value("sources", a.sources)}
              {...fieldIds("veld-sources", undefined, errors.sources)}
              className="block w-full rounded border border-muted px-3 py-2 aria-[invalid=true]:border-accent"
            />
            <FieldError id="veld-sources" error={errors.sources} />
          </div>
          <Field
            label={t("dragers.beheer.note")}
            name="note"
            lang="nl"
            defaultValue={value("note", a.note)}
            error={errors.note}
          />
          <SubmitButton>{t("dragers.beheer.save")}</SubmitButton>
        </Form>
      ) : null}

      <section aria-labelledby="enquete" className="max-w-3xl space-y-2">
        <h2 id="enquete">{t("dragers.beheer.surveyTitle")}</h2>
        <p>{t("dragers.beheer.surveyText")}</p>
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="vooraf-invullen"
            className="rounded border border-brand px-4 py-2 font-medium text-brand"
          >
            {t("dragers.beheer.surveyButton")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="alle" className="space-y-2">
        <h2 id="alle">{t("dragers.assumptions.title")}</h2>
        <AssumptionTable assumptions={loaded.assumptions} titles={titles} />
      </section>
    </div>
  );
}
