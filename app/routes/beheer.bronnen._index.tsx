import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "#app/components/forms.tsx";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { SourceForm } from "#app/components/source-form.tsx";
import { localeFromRequest, type MessageKey, pageTitle, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import {
  listSources,
  parseSourceFields,
  saveSource,
  sourceFieldsFromForm,
} from "#app/modules/kennisbank/sources.server.ts";
import { contentLang, sourceFieldsFrom } from "#app/modules/kennisbank/sources.ts";
import { safeHref } from "#app/modules/urls.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "sources.beheer.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const sources = await listSources(context.db);
  const url = new URL(request.url);
  return {
    sources: sources.map((s) => ({
      key: s.key,
      title: s.title,
      language: s.language,
      kind: s.kind,
      url: s.url,
      where: s.where,
      sector: s.sector,
    })),
    saved: url.searchParams.get("opgeslagen"),
  };
}

/** Adds a source to the registry (moderators). */
export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "publish:article");
  const fields = sourceFieldsFromForm(await request.formData());
  const parsed = parseSourceFields(fields, localeFromRequest(request));
  if (!parsed.ok) return data({ fields, errors: parsed.errors }, { status: 400 });
  try {
    await saveSource(context.db, { id: moderator.id, role: moderator.role }, parsed.value, "create");
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({
      fields,
      errors: { key: message },
    }));
  }
  return localRedirect(
    request,
    `/beheer/bronnen?opgeslagen=${encodeURIComponent(parsed.value.key)}#bron-${parsed.value.key}`,
  );
}

export default function SourcesBeheer() {
  const { sources, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-10">
      <PageHeader title={t("sources.beheer.title")} intro={t("sources.beheer.intro")}>
        <p className="flex gap-4">
          <Link to="/bronnen">{t("sources.beheer.public")}</Link>
          <Link to="/beheer/kennisbank">{t("kbb.title")}</Link>
        </p>
      </PageHeader>
      {saved ? <FormMessage tone="ok">{t("sources.beheer.saved", { key: saved })}</FormMessage> : null}
      <section aria-labelledby="lijst" className="space-y-3">
        <h2 id="lijst">{t("sources.count", { count: sources.length })}</h2>
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-3">
                {t("sources.field.key")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("sources.field.title")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("sources.field.kind")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("sources.field.url")}
              </th>
              <th scope="col" className="py-2">
                {t("kbb.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.key} id={`bron-${s.key}`} className="border-b border-line align-top">
                <td className="py-2 pr-3 font-mono">{s.key}</td>
                <td className="py-2 pr-3">
                  <span id={`titel-${s.key}`} lang={contentLang(s.language)}>
                    {s.title}
                  </span>
                  {s.sector ? <span className="text-muted"> · {t("sources.sectorShort")}</span> : null}
                </td>
                <td className="py-2 pr-3">{t(`sources.kind.${s.kind}` as MessageKey)}</td>
                <td className="py-2 pr-3 break-all">
                  {safeHref(s.url) ? (
                    <a href={safeHref(s.url)} rel="noopener noreferrer">
                      {s.url}
                    </a>
                  ) : (
                    <span className="text-muted">
                      {t("sources.where")}: <span lang="nl">{s.where}</span>
                    </span>
                  )}
                </td>
                <td className="py-2">
                  {/* Named "Edit" and the title, which keeps its own language. */}
                  <Link
                    to={`/beheer/bronnen/${s.key}`}
                    id={`bewerk-${s.key}`}
                    aria-labelledby={`bewerk-${s.key} titel-${s.key}`}
                  >
                    {t("sources.beheer.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="toevoegen" className="space-y-3">
        <h2 id="toevoegen">{t("sources.beheer.add")}</h2>
        <SourceForm
          fields={result?.fields ?? sourceFieldsFrom(null)}
          errors={result?.errors ?? {}}
          mode="create"
        />
      </section>
    </div>
  );
}
