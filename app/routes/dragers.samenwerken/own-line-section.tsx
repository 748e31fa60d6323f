// The institution's own digitisation line: the offer form (prefilled from the survey when there
// is no offer yet) and the button to withdraw it.

import { Field, FieldError, fieldIds, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { useLocale, useT } from "#app/i18n/index.ts";
import { sharedLabels, suitabilityLabels } from "#app/modules/dragers/pooling-form.ts";
import { answerLabel } from "#app/modules/survey/questionnaire.ts";
import type { PoolData, PoolFormState } from "./shared.ts";

type Own = NonNullable<PoolData["own"]>;

export function OwnLineSection({
  offer,
  survey,
  carriers,
  result,
  errors,
}: { offer: Own["offer"]; survey: Own["survey"]; carriers: PoolData["carriers"] } & PoolFormState) {
  const t = useT();
  const locale = useLocale();
  const dragersError = result?.intent === "aanbod" ? errors.dragers : undefined;
  return (
    <section aria-labelledby="eigen-lijn" className="max-w-3xl space-y-4">
      <h2 id="eigen-lijn">{t("dragers.pool.ownLine")}</h2>
      {!offer && survey ? <p>{t("dragers.pool.surveyPrefill")}</p> : null}
      <Form method="post" className="space-y-4 rounded border border-line p-4" noValidate>
        <input type="hidden" name="intent" value="aanbod" />
        <fieldset className="space-y-1" {...fieldIds("aanbod-dragers", undefined, dragersError)}>
          <legend className="font-medium">{t("dragers.pool.lineCarriers")}</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {carriers.map((c) => (
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
          <FieldError id="aanbod-dragers" error={dragersError} />
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
              {answerLabel(l, locale)}
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
              {answerLabel(l, locale)}
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
  );
}
