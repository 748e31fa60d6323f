import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DangerButton, Field, FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  institutionTypeLabel,
  localeFromRequest,
  pageTitle,
  translator,
  useLocale,
  useT,
} from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import {
  linkName,
  linkNameToNewInstitution,
  listConfirmedInstitutionOptions,
  listLinkedNames,
  listUnlinkedNames,
  unlinkName,
} from "#app/modules/survey/links.server.ts";
import { institutionTypes } from "#app/modules/taxonomy.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "survey.link.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "import:survey");
  const [unlinked, linked, institutions] = await Promise.all([
    listUnlinkedNames(context.db),
    listLinkedNames(context.db),
    listConfirmedInstitutionOptions(context.db),
  ]);
  return { unlinked: unlinked.names, withoutName: unlinked.withoutName, linked, institutions };
}

const nameKey = z.string().trim().min(1, "form.surveyLink.respondent").max(400);
const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("koppelen"),
    nameKey,
    institutionId: z.coerce
      .number({ message: "form.surveyLink.institution" })
      .int()
      .positive("form.surveyLink.institution"),
  }),
  z.object({
    intent: z.literal("nieuw"),
    nameKey,
    name: z.string().trim().min(2, "form.surveyLink.name").max(200, "form.surveyLink.nameLong"),
    type: z.enum(institutionTypes, { message: "form.surveyLink.type" }),
  }),
  z.object({ intent: z.literal("ontkoppelen"), nameKey }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "import:survey");
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  const locale = localeFromRequest(request);
  const t = translator(locale);
  if (!parsed.ok) {
    const message = parsed.errors.intent ? t("error.form.unknownIntent") : parsed.message;
    return data({ ok: null, error: message, nameKey: null as string | null }, { status: 400 });
  }
  const input = parsed.value;
  try {
    if (input.intent === "koppelen") {
      const n = await linkName(context.db, moderator.id, input.nameKey, input.institutionId);
      return {
        ok: t("notice.surveyLinks.linked", { count: n }),
        error: null,
        nameKey: null,
      };
    }
    if (input.intent === "nieuw") {
      const { responses } = await linkNameToNewInstitution(context.db, moderator.id, input.nameKey, {
        name: input.name,
        type: input.type,
      });
      return {
        ok: t("notice.surveyLinks.created", { name: input.name, count: responses }),
        error: null,
        nameKey: null,
      };
    }
    const done = await unlinkName(context.db, moderator.id, input.nameKey);
    if (!done)
      return data({ ok: null, error: t("error.surveyLinks.linkGone"), nameKey: null }, { status: 409 });
    return { ok: t("notice.surveyLinks.unlinked"), error: null, nameKey: null };
  } catch (error) {
    return errorResponse(error, locale, (message) => ({
      ok: null,
      error: message,
      nameKey: input.nameKey,
    }));
  }
}

/**
 * The survey's respondents by the name they gave, as exported: Dutch data, marked `lang="nl"` on
 * the English page, also where such a name fills the field for a new institution's name.
 */
export default function LinkRespondents() {
  const { unlinked, withoutName, linked, institutions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-4xl space-y-10">
      <PageHeader title={t("survey.link.title")} intro={t("survey.link.intro")}>
        <p>
          <Link to="/beheer/enquete">{t("survey.import.title")}</Link>
        </p>
      </PageHeader>
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}

      <section aria-labelledby="ongekoppeld" className="space-y-4">
        <h2 id="ongekoppeld">{t("survey.link.unlinked")}</h2>
        {unlinked.length === 0 ? <p>{t("survey.link.none")}</p> : null}
        {withoutName > 0 ? (
          <p className="text-muted">{t("survey.link.withoutName", { count: withoutName })}</p>
        ) : null}
        <ul className="space-y-4">
          {unlinked.map((entry, i) => (
            <li key={entry.nameKey} className="space-y-3 rounded border border-line p-4">
              <h3 className="font-semibold" id={`naam-${i}`} lang="nl">
                {entry.name}
              </h3>
              <p className="text-sm text-muted">
                {institutionTypeLabel(locale, entry.type)} ·{" "}
                {t("survey.link.waves", { waves: entry.waves.join(", "), n: entry.responses })}
              </p>
              <p>
                {entry.suggestion
                  ? t("survey.link.suggestion", { name: entry.suggestion.name })
                  : t("survey.link.noSuggestion")}
              </p>
              <Form method="post" className="flex flex-wrap items-end gap-3">
                <input type="hidden" name="nameKey" value={entry.nameKey} />
                <SelectField
                  label={t("survey.link.choose")}
                  name="institutionId"
                  id={`instelling-${i}`}
                  defaultValue={entry.suggestion ? String(entry.suggestion.id) : ""}
                >
                  <option value="">{t("survey.link.pick")}</option>
                  {institutions.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.name}
                    </option>
                  ))}
                </SelectField>
                <SubmitButton name="intent" value="koppelen">
                  {entry.suggestion ? t("survey.link.confirm") : t("survey.link.submit")}
                </SubmitButton>
              </Form>
              <details>
                <summary className="cursor-pointer text-brand underline underline-offset-2">
                  {t("survey.link.create")}
                </summary>
                <Form method="post" className="mt-3 space-y-3">
                  <input type="hidden" name="nameKey" value={entry.nameKey} />
                  <Field
                    label={t("survey.link.newName")}
                    name="name"
                    id={`naam-nieuw-${i}`}
                    defaultValue={entry.name}
                    lang="nl"
                    required
                  />
                  <SelectField
                    label={t("survey.link.newType")}
                    name="type"
                    id={`type-nieuw-${i}`}
                    defaultValue={entry.type === "Onbekend" ? "Archief" : entry.type}
                  >
                    {institutionTypes
                      .filter((type) => type !== "Onbekend")
                      .map((type) => (
                        <option key={type} value={type}>
                          {institutionTypeLabel(locale, type)}
                        </option>
                      ))}
                  </SelectField>
                  <SubmitButton name="intent" value="nieuw">
                    {t("survey.link.createSubmit")}
                  </SubmitButton>
                </Form>
              </details>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="gekoppeld" className="space-y-3">
        <h2 id="gekoppeld">{t("survey.link.linked")}</h2>
        {linked.length === 0 ? (
          <p>{t("survey.link.linked.none")}</p>
        ) : (
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left text-muted">{t("survey.link.linked.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="py-1 pr-3">
                  {t("survey.link.col.name")}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {t("survey.link.col.institution")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("survey.link.col.responses")}
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">{t("survey.link.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {linked.map((link) => (
                <tr key={link.nameKey} className="border-b border-line">
                  <td className="py-1 pr-3" lang="nl">
                    {link.nameKey}
                  </td>
                  <td className="py-1 pr-3">
                    <Link to={`/instellingen/${link.institutionId}`}>{link.institutionName}</Link>
                  </td>
                  <td className="py-1 pr-3 text-right">{link.responses}</td>
                  <td className="py-1">
                    <Form method="post">
                      <input type="hidden" name="nameKey" value={link.nameKey} />
                      <DangerButton name="intent" value="ontkoppelen">
                        {t("survey.link.unlink")}
                        <span className="sr-only">
                          : <span lang="nl">{link.nameKey}</span>
                        </span>
                      </DangerButton>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
