import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { requestPasswordReset } from "#app/modules/auth/login.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.forgot.title") }];

const schema = z.object({ email: z.string().trim().email("form.password.email").max(254) });

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: parsed.message, sent: false }, { status: 400 });
  try {
    await requestPasswordReset(context.db, context.env, parsed.value.email, context.clientIp);
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message, sent: false }));
  }
  // The same answer whether or not the address has an account.
  return { error: null, sent: true };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("auth.forgot.title")} intro={t("auth.forgot.intro")} />
      {result?.sent ? (
        <FormMessage tone="ok">{t("auth.forgot.sent")}</FormMessage>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
          <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required />
          <SubmitButton>{t("auth.forgot.submit")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
