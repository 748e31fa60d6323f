import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { startSession } from "#app/modules/auth/auth.server.ts";
import { completePasswordReset, landingAfterPassword } from "#app/modules/auth/login.server.ts";
import { findResetUser } from "#app/modules/auth/password-reset.server.ts";
import { MIN_PASSWORD_LENGTH } from "#app/modules/auth/password-rules.ts";
import { localRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.newPassword") },
  // The token is in the URL: keep it out of other sites' logs.
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = Boolean(await findResetUser(context.db, token));
  return { token: valid ? token : "", valid };
}

const schema = z.object({
  token: z.string().min(1),
  newPassword: z.string().min(1, "form.password.new"),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: parsed.message }, { status: 400 });
  try {
    const userId = await completePasswordReset(
      context.db,
      context.env,
      parsed.value.token,
      parsed.value.newPassword,
    );
    const cookie = await startSession(request, context, userId);
    // A new password does not pass the second factor: that is still asked for.
    const next = await landingAfterPassword(context.db, userId, "/account");
    return localRedirect(request, next, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message }));
  }
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("auth.reset.title")} />
      {valid ? (
        <Form method="post" className="space-y-4" noValidate>
          {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
          <input type="hidden" name="token" value={token} />
          <Field
            label={t("account.password.new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            hint={t("auth.password.hint")}
          />
          <SubmitButton>{t("auth.reset.submit")}</SubmitButton>
        </Form>
      ) : (
        <FormMessage>
          {t("auth.reset.invalid")} <Link to="/wachtwoord-vergeten">{t("auth.login.forgot")}</Link>
        </FormMessage>
      )}
    </div>
  );
}
