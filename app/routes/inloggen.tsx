import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { getUser, startSession } from "#app/modules/auth/auth.server.ts";
import { authenticate, landingAfterPassword } from "#app/modules/auth/login.server.ts";
import { localRedirect, safeRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.login.title") }];

/** A refused login without JavaScript is a document answer: it keeps its Retry-After. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const schema = z.object({
  email: z.string().trim().min(1, "form.login.email").max(254),
  password: z.string().min(1, "form.login.password").max(256),
  redirectTo: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account");
  if (await getUser(request, context)) throw localRedirect(request, redirectTo);
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: parsed.message }, { status: 400 });
  try {
    const userId = await authenticate(
      context.db,
      parsed.value.email,
      parsed.value.password,
      context.clientIp,
    );
    const cookie = await startSession(request, context, userId);
    const target = safeRedirect(parsed.value.redirectTo, "/account");
    const next = await landingAfterPassword(context.db, userId, target);
    return localRedirect(request, next, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message }));
  }
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("auth.login.title")} intro={t("auth.login.intro")} />
      <Form method="post" className="space-y-4" noValidate>
        {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label={t("auth.email")} name="email" type="email" autoComplete="email" required />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <SubmitButton>{t("auth.login.submit")}</SubmitButton>
      </Form>
      <ul className="mt-6 space-y-1">
        <li>
          <Link to="/wachtwoord-vergeten">{t("auth.login.forgot")}</Link>
        </li>
        <li>
          <Link to="/registreren">{t("auth.login.register")}</Link>
        </li>
      </ul>
    </div>
  );
}
