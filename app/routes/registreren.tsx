import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { InstitutionPicker, institutionChoiceSchema } from "#app/components/institution-picker.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translate, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { getUser, startSession } from "#app/modules/auth/auth.server.ts";
import { listConfirmedInstitutions } from "#app/modules/auth/institutions.server.ts";
import { MIN_PASSWORD_LENGTH } from "#app/modules/auth/password-rules.ts";
import { claimAttempt, forgiveAttempt } from "#app/modules/auth/rate-limit.server.ts";
import { createUser } from "#app/modules/auth/users.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.register.title") }];

const schema = z
  .object({
    name: z.string().trim().min(1, "form.register.name").max(120, "form.register.nameLong"),
    email: z.string().trim().email("form.register.email").max(254),
    password: z.string().min(1, "form.register.password"),
  })
  .and(institutionChoiceSchema);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw localRedirect(request, "/account");
  return { institutions: await listConfirmedInstitutions(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const { name, email, password, institution } = parsed.value;
  // At most 3 registrations per e-mail address and 10 per client address in 15 minutes.
  const attempt = await claimAttempt(
    context.db,
    { account: `register:${email.toLowerCase()}`, ip: `register-ip:${context.clientIp}` },
    { account: 3, ip: 10 },
  );
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.wait / 60);
    const form = translate(localeFromRequest(request), "error.register.tooMany", { minutes });
    return data({ errors: { form } }, { status: 429, headers: { "Retry-After": String(attempt.wait) } });
  }
  try {
    const id = await createUser(
      context.db,
      { name, email, password, institution, language: localeFromRequest(request) },
      context.env,
    );
    const cookie = await startSession(request, context, id);
    return localRedirect(request, "/account?welkom=1", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    // A refused registration stores nothing and does not count against the limit.
    await forgiveAttempt(context.db, attempt, { account: `register:${email.toLowerCase()}` });
    return errorResponse(error, localeFromRequest(request), (message, e) => ({
      errors: { [e.field ?? "form"]: message },
    }));
  }
}

export default function Register() {
  const { institutions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const t = useT();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("auth.register.title")} intro={t("auth.register.intro")} />
      <Form method="post" className="space-y-4" noValidate>
        {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
        <Field label={t("auth.name")} name="name" autoComplete="name" required error={errors.name} />
        <Field
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors.email}
        />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t("auth.password.hint")}
          error={errors.password}
        />
        <InstitutionPicker institutions={institutions} errors={errors} />
        <SubmitButton>{t("auth.register.submit")}</SubmitButton>
      </Form>
      <p className="mt-6">
        <Link to="/inloggen">{t("auth.register.haveAccount")}</Link>
      </p>
    </div>
  );
}
