import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { pageTitle, useT } from "#app/i18n/index.ts";
import { afterResponse } from "#app/modules/after-response.server.ts";
import { createPasswordReset } from "#app/modules/auth/password-reset.server.ts";
import { claimAttempt } from "#app/modules/auth/rate-limit.server.ts";
import { findUserForLogin } from "#app/modules/auth/users.server.ts";
import { sendMail } from "#app/modules/mail.server.ts";
import { siteOrigin } from "#app/modules/notifications/notifications.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.forgot.title") }];

const schema = z.object({ email: z.string().trim().email("Vul een geldig e-mailadres in.").max(254) });

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message, sent: false }, { status: 400 });
  // Every request counts, whether or not the address has an account: at most 5 per address and
  // 20 per client address in 15 minutes, so the form cannot be used to flood someone's inbox.
  const email = parsed.data.email.trim().toLowerCase();
  const keys = { account: `reset:${email}`, ip: `reset-ip:${context.clientIp}` };
  const attempt = await claimAttempt(context.db, keys);
  if (!attempt.allowed) {
    const wait = attempt.wait;
    return data(
      {
        error: `Er zijn al genoeg links gevraagd. Probeer het over ${Math.ceil(wait / 60)} minuten opnieuw.`,
        sent: false,
      },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  // Looking the address up, writing the token and sending the mail all happen after the answer,
  // so an existing and an unknown address take the same time (issue #24, finding 8).
  const { db, env } = context;
  afterResponse("Herstelmail", async () => {
    const account = await findUserForLogin(db, email);
    if (!account) return;
    const token = await createPasswordReset(db, account.id);
    // From the configuration, never from the request's Host (which the requester chooses).
    const link = `${siteOrigin(env)}/wachtwoord-herstellen?${new URLSearchParams({ token })}`;
    await sendMail(env, {
      to: email,
      subject: "Nieuw wachtwoord voor AV-Kennisnet",
      text: [
        "Hallo,",
        "",
        "Je hebt gevraagd om een nieuw wachtwoord voor AV-Kennisnet. Kies het via deze link; hij werkt één keer en een uur lang:",
        "",
        link,
        "",
        "Heb je dit niet gevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde.",
      ].join("\n"),
    });
  });
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
