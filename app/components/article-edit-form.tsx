import type { ReactNode } from "react";
import { Form } from "#app/components/link.tsx";
import { institutionTypeLabel, useLocale, useT } from "#app/i18n/index.ts";
import type { EditFields } from "#app/modules/kennisbank/edit-form.server.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { institutionTypes, topics } from "#app/modules/taxonomy.ts";
import { CarrierFieldset } from "./carrier-form.tsx";
import { Field, FieldFrame, FormMessage, fieldIds, SubmitButton } from "./forms.tsx";
import { MarkdownToolbar, type ToolbarChoices } from "./markdown-toolbar.tsx";

function TextArea({
  label,
  name,
  defaultValue,
  rows,
  error,
  hint,
  mono,
  lang,
}: {
  label: string;
  name: string;
  defaultValue: string;
  rows: number;
  error?: string;
  hint?: string;
  mono?: boolean;
  /** The language of the text in the field, when it is the article's (not the page's). */
  lang?: string;
}) {
  const id = `veld-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        lang={lang}
        {...fieldIds(id, hint, error)}
        className={`block w-full rounded border border-muted p-2 ${mono ? "font-mono text-sm" : ""}`}
      />
    </FieldFrame>
  );
}

/** The article editor: every field of a version; works without JavaScript. */
export function ArticleEditForm({
  fields,
  errors,
  kind,
  submitLabel,
  onFormInput,
  preview,
  changes,
  choices,
  onSending,
  checklist,
  notice,
  renderKey = "",
}: {
  fields: EditFields;
  errors: Record<string, string | undefined>;
  kind: string;
  submitLabel: string;
  /** Called on every change where JavaScript runs (the live preview). */
  onFormInput?: (form: HTMLFormElement) => void;
  /** The rendered preview, shown beside the text. */
  preview?: ReactNode;
  /** The word diff against the published version. */
  changes?: ReactNode;
  /** What the toolbar's pickers offer: guides to link to, sources to cite. */
  choices?: ToolbarChoices;
  /** Called on submit; `preview` when it is the Voorbeeld button. */
  onSending?: (preview: boolean) => void;
  /** The moderator's "te controleren" checklist, inside the form so that nothing typed is lost. */
  checklist?: ReactNode;
  /** A short message after a step that saved nothing (a row added, a claim resolved). */
  notice?: string;
  /** Changes when the server sends the form back changed, so the fields show its values. */
  renderKey?: string;
}) {
  const t = useT();
  const locale = useLocale();
  // The key makes React render fresh inputs when the server sends other values (after a conflict).
  const key = `${fields.baseRevisionId}-${fields.locale}-${renderKey}`;
  // The fields hold the version being edited, in its language; the labels are the page's.
  const lang = contentLang(fields.locale);
  return (
    <Form
      method="post"
      className="space-y-5"
      key={key}
      noValidate
      id="artikel-bewerken"
      onInput={(e) => onFormInput?.(e.currentTarget)}
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter;
        onSending?.(submitter?.getAttribute("value") === "voorbeeld");
      }}
    >
      {/* Enter in a field saves, as before the form had other buttons (rows, checklist) in it:
          the first submit button in the form is the one Enter presses. */}
      <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      {notice ? <FormMessage tone="ok">{notice}</FormMessage> : null}
      {Object.keys(errors).some((k) => !k.startsWith("claim.")) && !errors.form ? (
        <FormMessage>{t("kb.edit.fixErrors")}</FormMessage>
      ) : null}
      <input type="hidden" name="locale" value={fields.locale} />
      <input type="hidden" name="baseRevisionId" value={fields.baseRevisionId} />
      <Field
        label={t("kb.edit.title")}
        name="title"
        defaultValue={fields.title}
        error={errors.title}
        required
        lang={lang}
      />
      <TextArea
        label={t("kb.edit.summary")}
        name="summary"
        defaultValue={fields.summary}
        lang={lang}
        rows={3}
        error={errors.summary}
      />
      {choices ? <MarkdownToolbar target="veld-body" choices={choices} /> : null}
      <div className={preview ? "grid gap-4 lg:grid-cols-2" : ""}>
        <TextArea
          label={t("kb.edit.body")}
          name="body"
          defaultValue={fields.body}
          lang={lang}
          rows={24}
          error={errors.body}
          hint={t("kb.edit.bodyHint")}
          mono
        />
        {preview}
      </div>
      <p className="text-sm text-muted">{t("kb.preview.hint")}</p>
      {changes}
      {checklist}
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("kb.edit.topics")}</legend>
        {errors.topics ? <p className="text-sm font-medium text-accent">{errors.topics}</p> : null}
        <div className="grid gap-1 sm:grid-cols-3">
          {topics.map((x) => (
            <label key={x.key} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="topics"
                value={x.key}
                defaultChecked={fields.topics.includes(x.key)}
              />
              {x[locale]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("kb.edit.institutionTypes")}</legend>
        <div className="flex flex-wrap gap-4">
          {institutionTypes
            .filter((x) => x !== "Onbekend")
            .map((x) => (
              <label key={x} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="institutionTypes"
                  value={x}
                  defaultChecked={fields.institutionTypes.includes(x)}
                />
                {institutionTypeLabel(locale, x)}
              </label>
            ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="needsReview" value="ja" defaultChecked={fields.needsReview} />
        {t("kb.edit.needsReview")}
      </label>
      <TextArea
        label={t("kb.edit.uncertain")}
        name="uncertain"
        defaultValue={fields.uncertain}
        lang={lang}
        rows={4}
        hint={t("kb.edit.onePerLine")}
      />
      <TextArea
        label={t("kb.sources")}
        name="sources"
        defaultValue={fields.sources}
        lang={lang}
        rows={4}
        error={errors.sources}
        hint={t("kb.edit.sourcesHint")}
      />
      <Field
        label={t("kb.related")}
        name="related"
        defaultValue={fields.related}
        error={errors.related}
        hint={t("kb.edit.relatedHint")}
      />
      {kind === "drager" ? <CarrierFieldset fields={fields.carrier} errors={errors} lang={lang} /> : null}
      <Field label={t("kb.edit.note")} name="note" defaultValue={fields.note} hint={t("kb.edit.noteHint")} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <button
          type="submit"
          name="intent"
          value="voorbeeld"
          className="rounded border border-brand px-4 py-2 text-brand hover:bg-wash"
        >
          {t("kb.preview.button")}
        </button>
      </div>
    </Form>
  );
}
