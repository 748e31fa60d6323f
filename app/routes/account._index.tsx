import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  DangerButton,
  Field,
  FieldError,
  FormMessage,
  fieldIds,
  SelectField,
  SubmitButton,
} from "#app/components/forms.tsx";
import { InstitutionPicker, institutionChoiceSchema } from "#app/components/institution-picker.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, locales, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { AppError, errorResponse } from "#app/lib/errors.ts";
import { formIntent, parseForm } from "#app/lib/forms.ts";
import { isSecureRequest, requireUser, startSession } from "#app/modules/auth/auth.server.ts";
import { listConfirmedInstitutions } from "#app/modules/auth/institutions.server.ts";
import { notifyPasswordChanged } from "#app/modules/auth/password-mail.server.ts";
import { MIN_PASSWORD_LENGTH } from "#app/modules/auth/password-rules.ts";
import { claimAttempt, forgiveAttempt, limitKeys } from "#app/modules/auth/rate-limit.server.ts";
import { blankSessionCookie, invalidateUserSessions } from "#app/modules/auth/session.server.ts";
import {
  AccountError,
  changePassword,
  deleteAccount,
  getAccountWithSessionCount,
  setInstitution,
  setLanguage,
} from "#app/modules/auth/users.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { forgetIntervision } from "#app/modules/intervisie/personal-data.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "account.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [found, institutions] = await Promise.all([
    getAccountWithSessionCount(context.db, user.id),
    listConfirmedInstitutions(context.db),
  ]);
  if (!found) throw localRedirect(request, "/inloggen");
  const { account, sessions } = found;
  const welcome = new URL(request.url).searchParams.has("welkom");
  return { account, sessions, institutions, welcome, secondFactor: user.secondFactor };
}

const languageSchema = z.object({
  language: z.enum(locales, { errorMap: () => ({ message: "form.account.language" }) }),
});
const passwordSchema = z.object({
  currentPassword: z.string().min(1, "form.account.currentPassword"),
  newPassword: z.string().min(1, "form.password.new"),
});
const deleteSchema = z.object({
  password: z.string().min(1, "form.account.deletePassword"),
  confirm: z.literal("ja", { errorMap: () => ({ message: "form.account.deleteConfirm" }) }),
});

/**
 * Without JavaScript a form post is a document request, whose headers come from here: the new
 * session cookie after a password change must reach the browser, or the member is logged out.
 */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const cookie = actionHeaders.get("Set-Cookie");
  if (cookie) headers.set("Set-Cookie", cookie);
  return headers;
};

/**
 * A check of the current password on this page counts like a login (5 wrong per account, 20 per
 * address in 15 minutes): a stolen session cannot be used to guess the password. Returns the
 * 429 answer when the limit is reached; a wrong password stays counted, anything else not.
 */
async function limitedPasswordCheck(
  context: ActionFunctionArgs["context"],
  email: string,
  field: "currentPassword" | "password",
  check: () => Promise<void>,
): Promise<void> {
  const keys = limitKeys(email, context.clientIp);
  const attempt = await claimAttempt(context.db, keys);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.wait / 60);
    throw new AppError("error.account.tooManyPasswords", {
      status: 429,
      field,
      params: { count: minutes },
      retryAfter: attempt.wait,
    });
  }
  try {
    await check();
  } catch (error) {
    const wrongPassword =
      error instanceof AccountError && (error.field === "currentPassword" || error.field === "password");
    if (!wrongPassword) await forgiveAttempt(context.db, attempt, keys);
    throw error;
  }
  await forgiveAttempt(context.db, attempt, keys);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  const intent = formIntent(form);
  const secure = isSecureRequest(request, context);
  const locale = localeFromRequest(request);
  const t = translator(locale);
  try {
    switch (intent) {
      case "wachtwoord": {
        const parsed = parseForm(passwordSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return data({ intent, errors: parsed.errors, ok: null }, { status: 400 });
        await limitedPasswordCheck(context, user.email, "currentPassword", () =>
          changePassword(context.db, user.id, parsed.value.currentPassword, parsed.value.newPassword),
        );
        notifyPasswordChanged(context.db, context.env, user.id, "changed");
        // All sessions ended with the change; this browser gets a new one.
        const cookie = await startSession(request, context, user.id, {
          secondFactorPassed: user.secondFactor,
        });
        return data(
          { intent, errors: {}, ok: t("notice.account.passwordChanged") },
          { headers: { "Set-Cookie": cookie } },
        );
      }
      case "overal-uitloggen": {
        await invalidateUserSessions(context.db, user.id);
        return localRedirect(request, "/inloggen", { headers: { "Set-Cookie": blankSessionCookie(secure) } });
      }
      case "instelling": {
        const parsed = parseForm(institutionChoiceSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return data({ intent, errors: parsed.errors, ok: null }, { status: 400 });
        await setInstitution(context.db, user.id, parsed.value.institution ?? {}, context.env);
        return { intent, errors: {}, ok: t("notice.account.institutionSaved") };
      }
      case "taal": {
        const parsed = parseForm(languageSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return data({ intent, errors: parsed.errors, ok: null }, { status: 400 });
        await setLanguage(context.db, user.id, parsed.value.language);
        return { intent, errors: {}, ok: t("notice.account.languageSaved") };
      }
      case "verwijderen": {
        const parsed = parseForm(deleteSchema, form, { locale: localeFromRequest(request) });
        if (!parsed.ok) return data({ intent, errors: parsed.errors, ok: null }, { status: 400 });
        await limitedPasswordCheck(context, user.email, "password", () =>
          deleteAccount(context.db, user.id, parsed.value.password),
        );
        await forgetIntervision(context.db, user.id, context.env);
        return localRedirect(request, "/?account=verwijderd", {
          headers: { "Set-Cookie": blankSessionCookie(secure) },
        });
      }
      default:
        return data(
          { intent: null, errors: { form: t("error.form.unknownIntent") }, ok: null },
          { status: 400 },
        );
    }
  } catch (error) {
    return errorResponse(error, locale, (message, e) => ({
      intent,
      errors: { [e.field ?? "form"]: message },
      ok: null,
    }));
  }
}

export default function Account() {
  const { account, sessions, institutions, welcome, secondFactor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: string): Record<string, string | undefined> =>
    result?.intent === intent ? (result.errors as Record<string, string>) : {};
  const okFor = (intent: string) => (result?.intent === intent ? result.ok : null);
  return (
    <div className="max-w-3xl space-y-10">
      <PageHeader title={t("account.title")}>
        {welcome ? <FormMessage tone="ok">{t("account.welcome")}</FormMessage> : null}
      </PageHeader>

      <section aria-labelledby="gegevens" className="space-y-3">
        <h2 id="gegevens">{t("account.details")}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
          <dt className="font-medium">{t("auth.name")}</dt>
          <dd>{account.name}</dd>
          <dt className="font-medium">{t("auth.email")}</dt>
          <dd>{account.email}</dd>
          <dt className="font-medium">{t("account.role")}</dt>
          <dd>{t(`role.${account.role}`)}</dd>
          <dt className="font-medium">{t("auth.institution.legend")}</dt>
          <dd>
            {account.institutionName
              ? `${account.institutionName}${
                  !account.institutionConfirmed
                    ? ` (${t("account.institution.pending")})`
                    : account.institutionRequestedAt
                      ? ` (${t("account.membership.pending")})`
                      : ""
                }`
              : t("auth.institution.none")}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="instelling" className="space-y-3">
        <h2 id="instelling">{t("account.institution.title")}</h2>
        {account.institutionId ? (
          <p>
            <Link to="/instelling">{t("profiel.link")}</Link>
          </p>
        ) : null}
        <Form method="post" className="space-y-4" noValidate>
          {okFor("instelling") ? <FormMessage tone="ok">{okFor("instelling")}</FormMessage> : null}
          <InstitutionPicker
            institutions={institutions}
            errors={errorsFor("instelling")}
            current={account.institutionId}
          />
          <SubmitButton name="intent" value="instelling">
            {t("account.institution.save")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="taal" className="space-y-3">
        <h2 id="taal">{t("account.language.title")}</h2>
        <Form method="post" className="space-y-4" noValidate>
          {okFor("taal") ? <FormMessage tone="ok">{t("account.language.saved")}</FormMessage> : null}
          <SelectField
            label={t("account.language.label")}
            name="language"
            hint={t("account.language.hint")}
            error={errorsFor("taal").language ? t("account.language.invalid") : undefined}
            defaultValue={account.language}
          >
            {locales.map((locale) => (
              <option key={locale} value={locale}>
                {t(`account.language.${locale}`)}
              </option>
            ))}
          </SelectField>
          <SubmitButton name="intent" value="taal">
            {t("account.language.save")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="wachtwoord" className="space-y-3">
        <h2 id="wachtwoord">{t("account.password.title")}</h2>
        <Form method="post" className="space-y-4" noValidate>
          {okFor("wachtwoord") ? <FormMessage tone="ok">{okFor("wachtwoord")}</FormMessage> : null}
          {errorsFor("wachtwoord").form ? <FormMessage>{errorsFor("wachtwoord").form}</FormMessage> : null}
          <Field
            label={t("account.password.current")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={errorsFor("wachtwoord").currentPassword}
          />
          <Field
            label={t("account.password.new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            hint={t("auth.password.hint")}
            error={errorsFor("wachtwoord").newPassword}
          />
          <SubmitButton name="intent" value="wachtwoord">
            {t("account.password.submit")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="tweede-factor" className="space-y-3">
        <h2 id="tweede-factor">{t("account.secondFactor.link")}</h2>
        <p>{t(secondFactor ? "account.secondFactor.statusOn" : "account.secondFactor.statusOff")}</p>
        <p>
          <Link to="/account/tweede-factor">{t("account.secondFactor.manage")}</Link>
        </p>
      </section>

      <section aria-labelledby="sessies" className="space-y-3">
        <h2 id="sessies">{t("account.sessions.title")}</h2>
        <p>{t("account.sessions.count", { count: sessions })}</p>
        <Form method="post">
          <SubmitButton name="intent" value="overal-uitloggen">
            {t("account.sessions.logoutAll")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="privacy" className="space-y-3">
        <h2 id="privacy">{t("account.privacy.title")}</h2>
        <p>{t("account.privacy.text")}</p>
        <p>
          <Link to="/account/gegevens" reloadDocument>
            {t("account.privacy.download")}
          </Link>
        </p>
        <Form method="post" className="space-y-4 rounded border border-accent p-4" noValidate>
          <h3 className="font-semibold">{t("account.delete.title")}</h3>
          <p>{t("account.delete.text")}</p>
          <Field
            label={t("auth.password")}
            name="password"
            id="verwijder-wachtwoord"
            type="password"
            autoComplete="current-password"
            error={errorsFor("verwijderen").password}
          />
          <div className="flex items-start gap-2">
            <input
              id="verwijder-bevestig"
              type="checkbox"
              name="confirm"
              value="ja"
              className="mt-1"
              {...fieldIds("verwijder-bevestig", undefined, errorsFor("verwijderen").confirm)}
            />
            <label htmlFor="verwijder-bevestig">{t("account.delete.confirm")}</label>
          </div>
          <FieldError id="verwijder-bevestig" error={errorsFor("verwijderen").confirm} />
          <DangerButton name="intent" value="verwijderen">
            {t("account.delete.submit")}
          </DangerButton>
        </Form>
      </section>
    </div>
  );
}
