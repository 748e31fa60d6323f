import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { SourceForm } from "#app/components/source-form.tsx";
import { localeFromRequest, pageTitle, useT } from "#app/i18n/index.ts";
import { errorResponse, pageResponse } from "#app/lib/errors.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import {
  getSource,
  parseSourceFields,
  saveSource,
  sourceFieldsFromForm,
} from "#app/modules/kennisbank/sources.server.ts";
import { sourceFieldsFrom } from "#app/modules/kennisbank/sources.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.sourceEdit", "beheer.title") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const found = await getSource(context.db, params.key ?? "");
  if (!found) throw pageResponse(404, localeFromRequest(request));
  return { fields: sourceFieldsFrom(found) };
}

/** Changes a source; its key stays (articles cite it). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "publish:article");
  const fields = { ...sourceFieldsFromForm(await request.formData()), key: params.key ?? "" };
  const parsed = parseSourceFields(fields, localeFromRequest(request));
  if (!parsed.ok) return data({ fields, errors: parsed.errors }, { status: 400 });
  try {
    await saveSource(context.db, { id: moderator.id, role: moderator.role }, parsed.value, "update");
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({
      fields,
      errors: { form: message },
    }));
  }
  return localRedirect(
    request,
    `/beheer/bronnen?opgeslagen=${encodeURIComponent(parsed.value.key)}#bron-${parsed.value.key}`,
  );
}

export default function EditSource() {
  const { fields } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader title={t("sources.beheer.editTitle", { key: fields.key })}>
        <p>
          <Link to="/beheer/bronnen">{t("sources.beheer.title")}</Link>
        </p>
      </PageHeader>
      <SourceForm fields={result?.fields ?? fields} errors={result?.errors ?? {}} mode="update" />
    </div>
  );
}
