// The practice case on a session page: the case owner's form, the consents of those present,
// and each present member's consent or withdrawal (docs/decisions/014-practice-cases.md).

import { Form, Link } from "#app/components/link.tsx";
import { type MessageKey, useLocale, useT } from "#app/i18n/index.ts";
import { topics } from "#app/modules/taxonomy.ts";
import { FieldError, FieldFrame, FormMessage, fieldIds, SubmitButton } from "./forms.tsx";

interface Practice {
  present: { userId: string; name: string }[];
  isPresent: boolean;
  canDraft: boolean;
  case: {
    title: string;
    question: string;
    advice: string;
    action: string;
    outcome: string;
    topics: string[];
    carriers: string[];
    sourceKeys: string[];
    attribution: string;
    articleSlug: string | null;
    published: boolean;
    consents: { userId: string; name: string; given: boolean; nameInstitution: boolean }[];
  } | null;
}

interface Result {
  intent: string;
  ok?: string;
  errors?: Record<string, string>;
  values?: Record<string, string | string[]>;
}

const box = "block w-full max-w-2xl rounded border border-muted px-3 py-2 aria-[invalid=true]:border-accent";
const check = "size-4 accent-brand focus-visible:outline-2 focus-visible:outline-offset-2";

function TextArea({
  name,
  label,
  value,
  error,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
}) {
  const id = `casus-${name}`;
  return (
    <FieldFrame id={id} label={label} error={error}>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={value}
        className={box}
        {...fieldIds(id, undefined, error)}
      />
    </FieldFrame>
  );
}

export function PracticeCaseSection({
  practice,
  me,
  carrierOptions,
  result,
}: {
  practice: Practice;
  me: string;
  carrierOptions: { slug: string; title: string }[];
  result: Result | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const c = practice.case;
  const errors = result?.intent === "casus" ? (result.errors ?? {}) : {};
  const sent = result?.intent === "casus" ? result.values : undefined;
  const value = (k: "title" | "question" | "advice" | "action" | "outcome") =>
    (sent?.[k] as string | undefined) ?? c?.[k] ?? "";
  const list = (k: "topics" | "carriers") => (sent?.[k] as string[] | undefined) ?? c?.[k] ?? [];
  const attribution = (sent?.attribution as string | undefined) ?? c?.attribution ?? "anoniem";
  const mine = c?.consents.find((x) => x.userId === me);
  const waiting = c ? c.consents.filter((x) => !x.given).length : 0;

  return (
    <section aria-labelledby="casus" className="space-y-4">
      <h2 id="casus">{t("casus.title")}</h2>
      <p className="text-sm text-muted">{t("casus.intro")}</p>
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}
      {result?.errors?.form ? <FormMessage>{result.errors.form}</FormMessage> : null}

      {c ? (
        <article aria-labelledby="casus-titel" className="space-y-2 rounded border border-line p-4">
          <h3 id="casus-titel" className="font-semibold">
            {c.title}
          </h3>
          <dl className="space-y-2">
            {(["question", "advice", "action", "outcome"] as const).map((k) => (
              <div key={k}>
                <dt className="font-medium">{t(`casus.field.${k}` as MessageKey)}</dt>
                <dd className="whitespace-pre-wrap">{c[k]}</dd>
              </div>
            ))}
            <div>
              <dt className="font-medium">{t("casus.attribution")}</dt>
              <dd>{t(`casus.attribution.${c.attribution}` as MessageKey)}</dd>
            </div>
          </dl>
        </article>
      ) : null}

      {c ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("casus.consents")}</h3>
          <ul className="list-disc pl-5">
            {c.consents.map((x) => (
              <li key={x.userId}>
                {x.name}: {x.given ? t("casus.consent.given") : t("casus.consent.missing")}
              </li>
            ))}
          </ul>
          {c.articleSlug ? (
            <p>
              {c.published ? (
                <>
                  {t("casus.published")} <Link to={`/kennisbank/${c.articleSlug}`}>{c.title}</Link>
                </>
              ) : (
                t("casus.inReview")
              )}
            </p>
          ) : (
            <p>{t("casus.waiting", { count: waiting })}</p>
          )}
        </div>
      ) : null}

      {c && !c.articleSlug && practice.isPresent ? (
        <div className="flex flex-wrap items-end gap-4">
          {mine?.given ? (
            <Form method="post">
              <input type="hidden" name="intent" value="casus-intrekken" />
              <SubmitButton>{t("casus.withdraw")}</SubmitButton>
            </Form>
          ) : (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="casus-toestemming" />
              {c.attribution === "namen" ? (
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="nameInstitution" value="ja" className={check} />
                  {t("casus.nameInstitution")}
                </label>
              ) : null}
              <SubmitButton>{t("casus.consent")}</SubmitButton>
            </Form>
          )}
        </div>
      ) : null}

      {practice.canDraft ? (
        <Form method="post" className="space-y-4" key={c ? `c${c.title}` : "nieuw"}>
          <input type="hidden" name="intent" value="casus" />
          <h3 className="font-semibold">{c ? t("casus.form.edit") : t("casus.form.new")}</h3>
          <p className="text-sm text-muted">{t("casus.form.notesNotCopied")}</p>
          <FieldFrame id="casus-title" label={t("casus.field.title")} error={errors.title}>
            <input
              id="casus-title"
              name="title"
              defaultValue={value("title")}
              className={box}
              {...fieldIds("casus-title", undefined, errors.title)}
            />
          </FieldFrame>
          <TextArea
            name="question"
            label={t("casus.field.question")}
            value={value("question")}
            error={errors.question}
          />
          <TextArea
            name="advice"
            label={t("casus.field.advice")}
            value={value("advice")}
            error={errors.advice}
          />
          <TextArea
            name="action"
            label={t("casus.field.action")}
            value={value("action")}
            error={errors.action}
          />
          <TextArea
            name="outcome"
            label={t("casus.field.outcome")}
            value={value("outcome")}
            error={errors.outcome}
          />
          <fieldset className="space-y-1" {...fieldIds("casus-topics", undefined, errors.topics)}>
            <legend className="font-medium">{t("casus.field.topics")}</legend>
            <div className="flex flex-wrap gap-4">
              {topics.map((topic) => (
                <label key={topic.key} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="topics"
                    value={topic.key}
                    defaultChecked={list("topics").includes(topic.key)}
                    className={check}
                  />
                  {locale === "en" ? topic.en : topic.nl}
                </label>
              ))}
            </div>
            <FieldError id="casus-topics" error={errors.topics} />
          </fieldset>
          <FieldFrame
            id="casus-carriers"
            label={t("casus.field.carriers")}
            hint={t("casus.field.carriersHint")}
          >
            <select
              id="casus-carriers"
              name="carriers"
              multiple
              size={6}
              defaultValue={list("carriers")}
              aria-describedby="casus-carriers-hint"
              className={box}
            >
              {carrierOptions.map((o) => (
                <option key={o.slug} value={o.slug}>
                  {o.title}
                </option>
              ))}
            </select>
          </FieldFrame>
          <FieldFrame
            id="casus-sources"
            label={t("casus.field.sources")}
            hint={t("casus.field.sourcesHint")}
            error={errors.sourceKeys}
          >
            <input
              id="casus-sources"
              name="sources"
              defaultValue={(sent?.sources as string | undefined) ?? c?.sourceKeys.join(", ") ?? ""}
              className={box}
              {...fieldIds("casus-sources", "hint", errors.sourceKeys)}
            />
          </FieldFrame>
          <fieldset className="space-y-1" {...fieldIds("casus-attribution", undefined, errors.attribution)}>
            <legend className="font-medium">{t("casus.attribution")}</legend>
            {(["anoniem", "type", "namen"] as const).map((a) => (
              <label key={a} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="attribution"
                  value={a}
                  defaultChecked={attribution === a}
                  className={check}
                />
                {t(`casus.attribution.${a}` as MessageKey)}
              </label>
            ))}
            <FieldError id="casus-attribution" error={errors.attribution} />
          </fieldset>
          {c ? <p className="text-sm text-muted">{t("casus.form.reconsent")}</p> : null}
          <SubmitButton>{t("casus.form.submit")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
