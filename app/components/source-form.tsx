import { Field, FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { type MessageKey, useT } from "#app/i18n/index.ts";
import { contentLang, type SourceFields, sourceKinds } from "#app/modules/kennisbank/sources.ts";

export const sourceLanguages = ["nl", "en", "fr", "de", "multi"] as const;

/** Add or edit a registry entry. Every field is checked again on the server. */
export function SourceForm({
  fields,
  errors,
  mode,
}: {
  fields: SourceFields;
  errors: Record<string, string>;
  mode: "create" | "update";
}) {
  const t = useT();
  const hasErrors = Object.keys(errors).length > 0;
  // A value keeps its language on an English page (WCAG 3.1.2): title and publisher are the
  // source's own words; where to find it and the description are ours, written in Dutch.
  const sourceLang = (value: string) => (value ? contentLang(fields.language) : undefined);
  const ours = (value: string) => (value ? "nl" : undefined);
  return (
    <Form method="post" className="max-w-2xl space-y-4" noValidate>
      {hasErrors ? <FormMessage>{errors.form ?? t("sources.form.fix")}</FormMessage> : null}
      {mode === "create" ? (
        <Field
          label={t("sources.field.key")}
          name="key"
          defaultValue={fields.key}
          error={errors.key}
          hint={t("sources.field.keyHint")}
          required
        />
      ) : (
        <input type="hidden" name="key" value={fields.key} />
      )}
      <Field
        label={t("sources.field.title")}
        name="title"
        defaultValue={fields.title}
        error={errors.title}
        required
        lang={sourceLang(fields.title)}
      />
      <Field
        label={t("sources.field.publisher")}
        name="publisher"
        defaultValue={fields.publisher}
        error={errors.publisher}
        lang={sourceLang(fields.publisher)}
      />
      <Field label={t("sources.field.year")} name="year" defaultValue={fields.year} error={errors.year} />
      <Field
        label={t("sources.field.url")}
        name="url"
        type="url"
        defaultValue={fields.url}
        error={errors.url}
        hint={t("sources.field.urlHint")}
      />
      <Field
        label={t("sources.field.where")}
        name="where"
        defaultValue={fields.where}
        error={errors.where}
        hint={t("sources.field.whereHint")}
        lang={ours(fields.where)}
      />
      <SelectField label={t("sources.field.kind")} name="kind" defaultValue={fields.kind} error={errors.kind}>
        {sourceKinds.map((k) => (
          <option key={k} value={k}>
            {t(`sources.kind.${k}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("sources.field.language")}
        name="language"
        defaultValue={fields.language}
        error={errors.language}
      >
        {sourceLanguages.map((l) => (
          <option key={l} value={l}>
            {t(`sources.lang.${l}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("sources.field.accessed")}
        name="accessed"
        type="date"
        defaultValue={fields.accessed}
        error={errors.accessed}
      />
      <Field
        label={t("sources.field.description")}
        name="description"
        defaultValue={fields.description}
        error={errors.description}
        lang={ours(fields.description)}
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="sector" value="ja" defaultChecked={fields.sector} />
        {t("sources.field.sector")}
      </label>
      <SubmitButton>{mode === "create" ? t("sources.beheer.add") : t("sources.beheer.save")}</SubmitButton>
    </Form>
  );
}
