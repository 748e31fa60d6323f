// The institution's own demand: what it posted so far, and the form to post demand for a
// carrier.

import { Field, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { useLocale, useT } from "#app/i18n/index.ts";
import { formatNumber } from "#app/modules/dragers/planner.ts";
import type { PoolData, PoolFormState } from "./shared.ts";

export function OwnDemandSection({
  demand,
  carriers,
  result,
  errors,
}: { demand: NonNullable<PoolData["own"]>["demand"]; carriers: PoolData["carriers"] } & PoolFormState) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <section aria-labelledby="eigen-vraag" className="max-w-3xl space-y-4">
      <h2 id="eigen-vraag">{t("dragers.pool.ownDemand")}</h2>
      {demand.length ? (
        <ul className="list-disc pl-6">
          {demand.map((d) => (
            <li key={d.carrier}>
              {carriers.find((c) => c.slug === d.carrier)?.title ?? d.carrier}: {n(d.count)}
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
          {carriers.map((c) => (
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
  );
}
