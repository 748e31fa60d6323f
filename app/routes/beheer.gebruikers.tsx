import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { formIntent, parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { roles } from "#app/modules/auth/permissions.ts";
import { notifySecondFactor, removeSecondFactorAsAdmin } from "#app/modules/auth/second-factor.server.ts";
import { listUsers, setRole } from "#app/modules/auth/users.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.users", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, context, "manage:users");
  return { users: await listUsers(context.db), me: admin.id };
}

const schema = z.object({ userId: z.string().min(1), role: z.enum(roles) });

const secondFactorSchema = z.object({ userId: z.string().min(1) });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, "manage:users");
  const form = await request.formData();
  const locale = localeFromRequest(request);
  const t = translator(locale);
  if (formIntent(form) === "tweede-factor-uitzetten") {
    const target = parseForm(secondFactorSchema, form, { locale: localeFromRequest(request) });
    if (!target.ok) return data({ error: t("error.users.chooseUser"), ok: null }, { status: 400 });
    try {
      await removeSecondFactorAsAdmin(context.db, admin.id, target.value.userId);
      notifySecondFactor(context.db, context.env, target.value.userId, "removed-by-admin");
      return { error: null, ok: t("notice.users.secondFactorRemoved") };
    } catch (error) {
      return errorResponse(error, locale, (message) => ({ error: message, ok: null }));
    }
  }
  const parsed = parseForm(schema, form, { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: t("error.users.chooseUserAndRole"), ok: null }, { status: 400 });
  try {
    await setRole(context.db, admin.id, parsed.value.userId, parsed.value.role);
    return { error: null, ok: t("notice.users.roleChanged") };
  } catch (error) {
    return errorResponse(error, locale, (message) => ({ error: message, ok: null }));
  }
}

export default function Users() {
  const { users, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div>
      <PageHeader title={t("beheer.users.title")} intro={t("beheer.users.intro")} />
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}
      <table className="mt-4 w-full border-collapse text-left">
        <caption className="sr-only">{t("beheer.users.title")}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-2 pr-4">
              {t("auth.name")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("auth.email")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("auth.institution.legend")}
            </th>
            <th scope="col" className="py-2">
              {t("account.role")}
            </th>
            <th scope="col" className="py-2 pl-4">
              {t("account.secondFactor.link")}
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-line align-top">
              <td className="py-2 pr-4">{u.name}</td>
              <td className="py-2 pr-4">{u.email}</td>
              <td className="py-2 pr-4">{u.institutionName ?? "—"}</td>
              <td className="py-2">
                <Form method="post" className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name="userId" value={u.id} />
                  <label className="sr-only" htmlFor={`rol-${u.id}`}>
                    {t("beheer.users.roleFor", { name: u.name })}
                  </label>
                  <select
                    id={`rol-${u.id}`}
                    name="role"
                    defaultValue={u.role}
                    className="rounded border border-muted px-2 py-1"
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <SubmitButton>{t("beheer.users.save")}</SubmitButton>
                </Form>
              </td>
              <td className="py-2 pl-4">
                {u.secondFactor ? (
                  me === u.id ? (
                    t("beheer.users.secondFactorOn")
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <SubmitButton
                        name="intent"
                        value="tweede-factor-uitzetten"
                        label={t("beheer.users.secondFactorRemoveFor", { name: u.name })}
                      >
                        {t("beheer.users.secondFactorRemove")}
                      </SubmitButton>
                    </Form>
                  )
                ) : (
                  t("beheer.users.secondFactorOff")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
