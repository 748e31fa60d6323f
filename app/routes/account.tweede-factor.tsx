// Account › Tweede factor: set up a TOTP app with recovery codes, make new codes, or turn it off
// (members only: moderators and admins must keep one). docs/decisions/018-second-factor.md.
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { renderSVG } from "uqr";
import { z } from "zod";
import { DangerButton, Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { formIntent, parseForm } from "#app/lib/forms.ts";
import { getAuth, requireUser, type SessionUser } from "#app/modules/auth/auth.server.ts";
import type { Role } from "#app/modules/auth/permissions.ts";
import {
  beginEnrolment,
  confirmEnrolment,
  keyUri,
  notifySecondFactor,
  regenerateRecoveryCodes,
  removeSecondFactor,
  secondFactorStatus,
  verifySecondFactor,
} from "#app/modules/auth/second-factor.server.ts";
import { hasStrictSessions } from "#app/modules/auth/session.server.ts";
import { safeRedirect } from "#app/modules/http.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "account.secondFactor.title", "account.title") },
];

/** Recovery codes and the key are on this page: no cache may keep it. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/**
 * The staff role of the account (whether it already counts or still waits for the second
 * factor), or null for a member: moderators and admins must keep their second factor.
 */
function staffRole(user: SessionUser): Role | null {
  const role = user.roleAwaitingSecondFactor ?? user.role;
  return hasStrictSessions(role) ? role : null;
}

/** The key in groups of four, as people type it into an app by hand. */
function grouped(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(" ");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/account");
  const status = await secondFactorStatus(context.db, user.id);
  const pending = status.pendingSecret
    ? {
        key: grouped(status.pendingSecret),
        qr: renderSVG(keyUri(status.pendingSecret, user.email), { border: 1 }),
      }
    : null;
  return data(
    {
      enabledAt: status.enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: status.recoveryCodesLeft,
      pending,
      // Moderators and admins cannot work without it (and cannot turn it off).
      required: staffRole(user) !== null,
      waiting: user.roleAwaitingSecondFactor !== null,
      redirectTo,
      usedRecoveryCode: url.searchParams.has("herstelcode"),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const codeSchema = z.object({
  code: z.string().trim().min(1, "form.secondFactor.code").max(64, "form.login.codeLong"),
});

type Result = {
  intent: string;
  errors: Record<string, string>;
  ok: string | null;
  recoveryCodes?: string[];
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { session } = await getAuth(request, context);
  const form = await request.formData();
  const intent = formIntent(form);
  const locale = localeFromRequest(request);
  const t = translator(locale);
  const fail = (errors: Record<string, string>, status = 400) =>
    data<Result>({ intent, errors, ok: null }, { status });
  try {
    switch (intent) {
      case "starten": {
        await beginEnrolment(context.db, user.id);
        return data<Result>({ intent, errors: {}, ok: null });
      }
      case "bevestigen": {
        const parsed = parseForm(codeSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return fail(parsed.errors);
        const codes = await confirmEnrolment(context.db, user.id, session!.id, parsed.value.code);
        notifySecondFactor(context.db, context.env, user.id, "enabled");
        return data<Result>({
          intent,
          errors: {},
          ok: t("notice.secondFactor.enabled"),
          recoveryCodes: codes,
        });
      }
      case "nieuwe-codes": {
        const parsed = parseForm(codeSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return fail(parsed.errors);
        await verifySecondFactor(context.db, user.id, parsed.value.code, context.clientIp);
        const codes = await regenerateRecoveryCodes(context.db, user.id);
        return data<Result>({
          intent,
          errors: {},
          ok: t("notice.secondFactor.newCodes"),
          recoveryCodes: codes,
        });
      }
      case "uitzetten": {
        if (staffRole(user) !== null) {
          return fail({ form: t("error.secondFactor.staffNeedsIt") });
        }
        const parsed = parseForm(codeSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return fail(parsed.errors);
        await verifySecondFactor(context.db, user.id, parsed.value.code, context.clientIp);
        await removeSecondFactor(context.db, user.id);
        notifySecondFactor(context.db, context.env, user.id, "removed");
        return data<Result>({ intent, errors: {}, ok: t("notice.secondFactor.disabled") });
      }
      default:
        return fail({ form: t("error.form.unknownIntent") });
    }
  } catch (error) {
    return errorResponse(
      error,
      locale,
      (message) => ({ intent, errors: { code: message }, ok: null }) as Result,
    );
  }
}

/** A form that asks for a code from the app (setting up, new recovery codes, turning off). */
function CodeForm({ intent, error, children }: { intent: string; error?: string; children: ReactNode }) {
  const t = useT();
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <Field
        id={`code-${intent}`}
        label={t("account.secondFactor.code")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        error={error}
        required
      />
      {children}
    </Form>
  );
}

export default function SecondFactor() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const codeError = (intent: string) => (result?.intent === intent ? result.errors.code : undefined);
  const formError = result?.errors.form;
  return (
    <div className="max-w-2xl space-y-8">
      <PageHeader title={t("account.secondFactor.title")} intro={t("account.secondFactor.intro")} />
      {page.waiting ? <FormMessage tone="ok">{t("account.secondFactor.required")}</FormMessage> : null}
      {page.usedRecoveryCode ? (
        <FormMessage tone="ok">
          {t("account.secondFactor.usedRecovery", { n: page.recoveryCodesLeft })}
        </FormMessage>
      ) : null}
      {formError ? <FormMessage>{formError}</FormMessage> : null}
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}

      {result?.recoveryCodes ? (
        <section aria-labelledby="herstelcodes" className="space-y-3 rounded border border-brand p-4">
          <h2 id="herstelcodes" className="text-xl font-semibold">
            {t("account.secondFactor.codes.title")}
          </h2>
          <p>{t("account.secondFactor.codes.text")}</p>
          <ul
            className="grid gap-1 font-mono sm:grid-cols-2"
            aria-label={t("account.secondFactor.codes.title")}
          >
            {result.recoveryCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
          <p>
            <Link to={page.redirectTo}>{t("account.secondFactor.continue")}</Link>
          </p>
        </section>
      ) : null}

      {page.enabledAt ? (
        <>
          <section aria-labelledby="status" className="space-y-2">
            <h2 id="status" className="text-xl font-semibold">
              {t("account.secondFactor.on")}
            </h2>
            <p>
              {t("account.secondFactor.since")}{" "}
              <time dateTime={page.enabledAt}>{page.enabledAt.slice(0, 10)}</time>.{" "}
              {t("account.secondFactor.left", { count: page.recoveryCodesLeft })}
            </p>
          </section>
          <section aria-labelledby="nieuwe-codes" className="space-y-3">
            <h2 id="nieuwe-codes" className="text-xl font-semibold">
              {t("account.secondFactor.newCodes.title")}
            </h2>
            <CodeForm intent="nieuwe-codes" error={codeError("nieuwe-codes")}>
              <SubmitButton>{t("account.secondFactor.newCodes.submit")}</SubmitButton>
            </CodeForm>
          </section>
          {page.required ? (
            <p>{t("account.secondFactor.cannotRemove")}</p>
          ) : (
            <section aria-labelledby="uitzetten" className="space-y-3">
              <h2 id="uitzetten" className="text-xl font-semibold">
                {t("account.secondFactor.remove.title")}
              </h2>
              <CodeForm intent="uitzetten" error={codeError("uitzetten")}>
                <DangerButton>{t("account.secondFactor.remove.submit")}</DangerButton>
              </CodeForm>
            </section>
          )}
        </>
      ) : page.pending ? (
        <section aria-labelledby="instellen" className="space-y-3">
          <h2 id="instellen" className="text-xl font-semibold">
            {t("account.secondFactor.setup.title")}
          </h2>
          <ol className="list-decimal space-y-2 pl-6">
            <li>{t("account.secondFactor.setup.step1")}</li>
            <li>
              {t("account.secondFactor.setup.step2")}
              <figure className="my-3 w-48">
                {/* The QR code is made on the server from our own otpauth address, not from input. */}
                <div
                  role="img"
                  aria-label={t("account.secondFactor.setup.qr")}
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG rendered by uqr from the server's own key URI
                  dangerouslySetInnerHTML={{ __html: page.pending.qr }}
                />
              </figure>
              {t("account.secondFactor.setup.manual")}{" "}
              <code id="sleutel" className="rounded bg-wash px-2 py-1 font-mono">
                {page.pending.key}
              </code>
            </li>
            <li>{t("account.secondFactor.setup.step3")}</li>
          </ol>
          <CodeForm intent="bevestigen" error={codeError("bevestigen")}>
            <SubmitButton>{t("account.secondFactor.setup.submit")}</SubmitButton>
          </CodeForm>
        </section>
      ) : (
        <section aria-labelledby="uit" className="space-y-3">
          <h2 id="uit" className="text-xl font-semibold">
            {t("account.secondFactor.off")}
          </h2>
          <p>{t("account.secondFactor.offText")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="starten" />
            <SubmitButton>{t("account.secondFactor.start")}</SubmitButton>
          </Form>
        </section>
      )}
      <p>
        <Link to="/account">{t("account.secondFactor.back")}</Link>
      </p>
    </div>
  );
}
