import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import {
  DangerButton,
  FieldError,
  FormMessage,
  fieldIds,
  SelectField,
  SubmitButton,
} from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { formIntent } from "#app/lib/forms.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { bandLabel, digitisationBands } from "#app/modules/intervisie/matching.ts";
import {
  getParticipation,
  readParticipationForm,
  saveParticipation,
  withdrawParticipation,
} from "#app/modules/intervisie/participation.server.ts";
import { answerLabel, fteAvLabels, provinces } from "#app/modules/survey/questionnaire.ts";
import { topics } from "#app/modules/taxonomy.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "intervisie.optin.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const participation = await getParticipation(context.db, user);
  return { participation, waiting: Boolean(user.requestedInstitutionId) };
}

type Values = {
  needs: string[];
  offers: string[];
  inPerson: string;
  province: string;
  fte: string;
  digitisationDegree: string;
  consent: string;
};
type ActionResult =
  | { ok: "saved" | "withdrawn"; errors?: undefined; values?: undefined }
  | { ok?: undefined; errors: Record<string, string>; values?: Values };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  if (formIntent(form) === "afmelden") {
    await withdrawParticipation(context.db, user);
    return { ok: "withdrawn" } satisfies ActionResult;
  }
  const read = readParticipationForm(form, localeFromRequest(request));
  if (!read.ok)
    return data(
      {
        errors: read.errors,
        values: {
          ...read.values,
          consent: String(read.values.consent),
          inPerson: String(read.values.inPerson),
        },
      } satisfies ActionResult,
      { status: 400 },
    );
  try {
    await saveParticipation(context.db, user, read.value);
  } catch (error) {
    return errorResponse(
      error,
      localeFromRequest(request),
      (message) => ({ errors: { form: message } }) satisfies ActionResult,
    );
  }
  return { ok: "saved" } satisfies ActionResult;
}

export default function OptIn() {
  const { participation, waiting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const errors = result?.errors ?? {};
  const values = result?.values;
  const needs = values?.needs ?? participation.needs;
  const offers = values?.offers ?? participation.offers;
  const inPerson = values ? values.inPerson === "ja" : participation.inPerson;
  const province = values?.province ?? participation.province ?? "";
  const fte = values?.fte ?? participation.fte ?? "";
  const digitisationDegree = values?.digitisationDegree ?? participation.digitisationDegree ?? "";
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={t("intervisie.optin.title")} intro={t("intervisie.optin.intro")}>
        {participation.prefilledFromProfile && participation.institution ? (
          <p className="text-sm text-muted">
            {t("intervisie.optin.prefilled", { name: participation.institution.name })}
          </p>
        ) : null}
      </PageHeader>
      {result?.ok === "saved" ? <FormMessage tone="ok">{t("intervisie.optin.saved")}</FormMessage> : null}
      {result?.ok === "withdrawn" ? (
        <FormMessage tone="ok">{t("intervisie.optin.withdrawn")}</FormMessage>
      ) : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      {!participation.institution ? (
        <p className="rounded border border-line p-4">
          {waiting ? (
            t("membership.waiting")
          ) : (
            <>
              {t("intervisie.optin.noInstitution")} <Link to="/account">{t("nav.account")}</Link>
            </>
          )}
        </p>
      ) : (
        <Form method="post" className="space-y-6" noValidate>
          <fieldset className="space-y-2" {...fieldIds("needs", "hint", errors.needs)}>
            <legend className="font-semibold">{t("intervisie.optin.needs")}</legend>
            <p id="needs-hint" className="text-sm text-muted">
              {t("intervisie.optin.needsHint")}
            </p>
            <FieldError id="needs" error={errors.needs} />
            <TopicChoices name="needs" checked={needs} />
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="font-semibold">{t("intervisie.optin.offers")}</legend>
            <TopicChoices name="offers" checked={offers} />
          </fieldset>
          <fieldset className="space-y-2" {...fieldIds("inPerson", undefined, errors.inPerson)}>
            <legend className="font-semibold">{t("intervisie.optin.inPerson")}</legend>
            <FieldError id="inPerson" error={errors.inPerson} />
            <label className="flex items-center gap-2">
              <input type="radio" name="inPerson" value="ja" defaultChecked={inPerson} />
              {t("intervisie.optin.inPersonYes")}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="inPerson" value="nee" defaultChecked={!inPerson} />
              {t("intervisie.optin.inPersonNo")}
            </label>
          </fieldset>
          <SelectField
            label={t("intervisie.optin.province")}
            name="province"
            hint={t("intervisie.optin.provinceHint")}
            error={errors.province}
            defaultValue={province}
          >
            <option value="">{t("intervisie.optin.noProvince")}</option>
            {provinces.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("intervisie.optin.fte")}
            name="fte"
            hint={t("intervisie.optin.comparableHint")}
            error={errors.fte}
            defaultValue={fte}
          >
            <option value="">{t("intervisie.optin.unknown")}</option>
            {fteAvLabels.map((band) => (
              <option key={band} value={band}>
                {bandLabel(answerLabel(band, locale))}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("intervisie.optin.digitisationDegree")}
            name="digitisationDegree"
            hint={t("intervisie.optin.comparableHint")}
            error={errors.digitisationDegree}
            defaultValue={digitisationDegree}
          >
            <option value="">{t("intervisie.optin.unknown")}</option>
            {digitisationBands.map((band) => (
              <option key={band} value={band}>
                {bandLabel(answerLabel(band, locale))}
              </option>
            ))}
          </SelectField>
          <fieldset className="space-y-2" {...fieldIds("consent", undefined, errors.consent)}>
            <legend className="font-semibold">{t("intervisie.optin.consentLegend")}</legend>
            <FieldError id="consent" error={errors.consent} />
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="consent"
                value="ja"
                className="mt-1"
                defaultChecked={values ? values.consent === "ja" : participation.optedIn}
              />
              <span>{t("intervisie.optin.consent")}</span>
            </label>
          </fieldset>
          <SubmitButton name="intent" value="opslaan">
            {participation.optedIn ? t("intervisie.optin.update") : t("intervisie.optin.save")}
          </SubmitButton>
        </Form>
      )}
      {participation.optedIn ? (
        <Form method="post" className="space-y-2 border-t border-line pt-6">
          <p className="text-sm text-muted">{t("intervisie.optin.withdrawHint")}</p>
          <DangerButton name="intent" value="afmelden">
            {t("intervisie.optin.withdraw")}
          </DangerButton>
        </Form>
      ) : null}
    </div>
  );
}

/** One checkbox per topic of the taxonomy, in the reader's language. */
function TopicChoices({ name, checked }: { name: string; checked: readonly string[] }) {
  const locale = useLocale();
  return (
    <div className="grid gap-1 sm:grid-cols-2">
      {topics.map((topic) => (
        <label key={topic.key} className="flex items-center gap-2">
          <input type="checkbox" name={name} value={topic.key} defaultChecked={checked.includes(topic.key)} />
          {topic[locale]}
        </label>
      ))}
    </div>
  );
}
