// The second step of logging in for a member with a second factor: the code from the app, or a
// recovery code. Until then the session logs in for nothing else. docs/decisions/018-second-factor.md.
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
import { Form } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { getAuth } from "#app/modules/auth/auth.server.ts";
import {
  markSessionVerified,
  notifySecondFactor,
  verifySecondFactor,
} from "#app/modules/auth/second-factor.server.ts";
import { localRedirect, safeRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.code.title") }];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account");
  const { user, pendingSecondFactor } = await getAuth(request, context);
  if (user) throw localRedirect(request, redirectTo);
  if (!pendingSecondFactor) throw localRedirect(request, `/inloggen?${new URLSearchParams({ redirectTo })}`);
  return data({ redirectTo }, { headers: { "Cache-Control": "private, no-store" } });
}

const schema = z.object({
  code: z.string().trim().min(1, "form.login.code").max(64, "form.login.codeLong"),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session, pendingSecondFactor } = await getAuth(request, context);
  if (user) throw localRedirect(request, "/account");
  if (!session || !pendingSecondFactor) throw localRedirect(request, "/inloggen");
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) {
    const t = translator(localeFromRequest(request));
    return data({ error: parsed.errors.code ?? t("error.secondFactor.codeMissing") }, { status: 400 });
  }
  const { userId } = pendingSecondFactor;
  let passed: Awaited<ReturnType<typeof verifySecondFactor>>;
  try {
    passed = await verifySecondFactor(context.db, userId, parsed.value.code, context.clientIp);
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message }));
  }
  await markSessionVerified(context.db, session.id);
  const target = safeRedirect(parsed.value.redirectTo, "/account");
  if (passed.method === "totp") return localRedirect(request, target);
  notifySecondFactor(context.db, context.env, userId, "recovery-used");
  // Say how many are left, where new ones can be made.
  return localRedirect(
    request,
    `/account/tweede-factor?${new URLSearchParams({ herstelcode: "1", redirectTo: target })}`,
  );
}

export default function LoginCode() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("auth.code.title")} intro={t("auth.code.intro")} />
      <Form method="post" className="space-y-4" noValidate>
        {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("auth.code.label")}
          hint={t("auth.code.hint")}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        <SubmitButton>{t("auth.code.submit")}</SubmitButton>
      </Form>
      <Form method="post" action="/uitloggen" className="mt-6">
        <button type="submit" className="underline">
          {t("auth.code.cancel")}
        </button>
      </Form>
    </div>
  );
}
