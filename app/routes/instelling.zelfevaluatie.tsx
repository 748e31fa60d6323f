import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  localeFromRequest,
  type MessageKey,
  pageTitle,
  translator,
  useLocale,
  useT,
} from "#app/i18n/index.ts";
import type { FormErrors } from "#app/lib/forms.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { getInstitutionProfile, saveSelfAssessment } from "#app/modules/survey/profile.server.ts";
import { answerLabel, platformColumns, type QuestionGroup } from "#app/modules/survey/questionnaire.ts";
import { formQuestions, readSelfAssessment } from "#app/modules/survey/self-assessment.ts";
import { institutionTypes } from "#app/modules/taxonomy.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "survey.self.title", "profiel.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (!user.institutionId) throw localRedirect(request, "/instelling");
  const profile = await getInstitutionProfile(context.db, user.institutionId);
  if (!profile) throw localRedirect(request, "/instelling");
  const latest = profile.latest;
  return {
    institution: profile.institution,
    current: {
      institution_type:
        latest && latest.institutionType !== "Onbekend" ? latest.institutionType : profile.institution.type,
      province: latest?.province ?? "",
      answers: (latest?.answers ?? {}) as Record<string, string | null>,
      aiUses: latest?.aiUses ?? [],
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const t = translator(localeFromRequest(request));
  if (!user.institutionId) {
    return data({ errors: { form: t("survey.error.noInstitution") } as FormErrors }, { status: 400 });
  }
  const read = readSelfAssessment(await request.formData(), t);
  if (!read.ok) return data({ errors: read.errors }, { status: 400 });
  await saveSelfAssessment(context.db, { id: user.id, institutionId: user.institutionId }, read.value);
  return localRedirect(request, "/instelling?opgeslagen=1");
}

const groups: { group: QuestionGroup; key: MessageKey }[] = [
  { group: "respondent", key: "survey.group.respondent" },
  { group: "collection", key: "survey.group.collection" },
  { group: "ooc", key: "survey.group.ooc" },
  { group: "knowledge_needs", key: "survey.group.knowledge_needs" },
  { group: "digitisation", key: "survey.group.digitisation" },
  { group: "funding", key: "survey.group.funding" },
  { group: "ai", key: "survey.group.ai" },
  { group: "born_digital", key: "survey.group.born_digital" },
];

export default function SelfAssessmentPage() {
  const { institution, current } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: FormErrors = result?.errors ?? {};
  const t = useT();
  const locale = useLocale();
  const errorCount = Object.keys(errors).filter((key) => key !== "form").length;
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={t("survey.self.title")} intro={t("survey.self.intro", { name: institution.name })}>
        <p>
          <Link to="/instelling">{t("survey.self.back")}</Link>
        </p>
      </PageHeader>
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      {errorCount > 0 ? <FormMessage>{t("survey.self.errors", { count: errorCount })}</FormMessage> : null}
      <Form method="post" className="space-y-8" noValidate>
        {groups.map(({ group, key }) => {
          const questions = formQuestions.filter((def) => def.group === group);
          if (!questions.length) return null;
          return (
            <fieldset key={group} className="space-y-4 rounded border border-line p-4">
              <legend className="px-1 text-lg font-semibold">{t(key)}</legend>
              {questions.map((def) => {
                if (def.kind === "institution_type") {
                  return (
                    <SelectField
                      key={def.column}
                      label={def.question[locale]}
                      name={def.column}
                      defaultValue={current.institution_type}
                      error={errors[def.column]}
                    >
                      {institutionTypes
                        .filter((type) => type !== "Onbekend")
                        .map((type) => (
                          <option key={type} value={type}>
                            {t(`survey.type.${type}` as MessageKey)}
                          </option>
                        ))}
                    </SelectField>
                  );
                }
                if (def.kind === "multi") {
                  return (
                    <fieldset key={def.column} className="space-y-1">
                      <legend className="font-medium">{def.question[locale]}</legend>
                      <p className="text-sm text-muted">{t("survey.self.several")}</p>
                      {def.labels.map((label) => (
                        <div key={label} className="flex items-center gap-2">
                          <input
                            type="checkbox"
                            id={`${def.column}-${label}`}
                            name={def.column}
                            value={label}
                            defaultChecked={current.aiUses.includes(label)}
                          />
                          <label htmlFor={`${def.column}-${label}`}>{answerLabel(label, locale)}</label>
                        </div>
                      ))}
                      {errors[def.column] ? (
                        <p className="text-sm font-medium text-accent">{errors[def.column]}</p>
                      ) : null}
                    </fieldset>
                  );
                }
                const value =
                  def.kind === "province" ? current.province : (current.answers[def.column] ?? "");
                return (
                  <SelectField
                    key={def.column}
                    label={def.question[locale]}
                    name={def.column}
                    defaultValue={value}
                    error={errors[def.column]}
                    hint={
                      platformColumns.includes(def.column) ? t("survey.self.platformQuestion") : undefined
                    }
                  >
                    <option value="">{t("survey.self.noAnswer")}</option>
                    {def.labels.map((label) => (
                      <option key={label} value={label}>
                        {answerLabel(label, locale)}
                      </option>
                    ))}
                  </SelectField>
                );
              })}
            </fieldset>
          );
        })}
        <SubmitButton>{t("survey.self.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
