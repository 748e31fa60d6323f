// ASVS 2.2.3 / 2.5.5 (issue #24): after a password change or reset the member gets an e-mail,
// so that someone who did not do it notices. It carries no secret (no password, no token, no
// link that logs in): only what happened, when, and what to do if it was not them.
import { type Locale, localizedPath, translator } from "#app/i18n/index.ts";
import { mailOrigin } from "#app/lib/origin.ts";
import { formatDateTime } from "#app/utils/format.ts";
import type { DB } from "#db/client.server.ts";
import { afterResponse } from "../after-response.server.ts";
import type { Env } from "../env.server.ts";
import { type Mail, sendMail } from "../mail.server.ts";
import { getAccount } from "./users.server.ts";

export type PasswordEvent = "changed" | "reset";

/**
 * The notice for one member, in `locale` (the member's account language); `origin` is the
 * site's configured address (never a request's Host).
 */
export function passwordChangedMail(
  account: { name: string; email: string },
  event: PasswordEvent,
  at: Date,
  locale: Locale,
  origin: string,
): Mail {
  const when = formatDateTime(at, locale, "long");
  const t = translator(locale);
  return {
    to: account.email,
    subject: t("mail.passwordChanged.subject"),
    text: t("mail.passwordChanged.text", {
      name: account.name,
      event: t(event === "reset" ? "mail.passwordChanged.reset" : "mail.passwordChanged.changed", { when }),
      forgot: origin + localizedPath(locale, "/wachtwoord-vergeten"),
    }),
  };
}

/** What a notice to a member needs: where mail goes and the site's configured address. */
export type NoticeEnv = Pick<Env, "SMTP_URL" | "MAIL_FROM" | "MAIL_DIR" | "APP_ORIGIN" | "PORT">;

/**
 * Sends a member a notice about their account after the answer has gone (a slow or failing mail
 * server neither delays nor breaks the change; a failure is logged). The mail is written in the
 * member's account language, whoever made the change; `origin` is the configured site address.
 */
export function notifyAccount(
  db: DB,
  env: NoticeEnv,
  userId: string,
  label: string,
  write: (account: { name: string; email: string }, locale: Locale, origin: string) => Mail,
): void {
  afterResponse(label, async () => {
    const account = await getAccount(db, userId);
    if (!account) return;
    await sendMail(env, write(account, account.language, mailOrigin(env)));
  });
}

/** The notice after a password change or reset. */
export function notifyPasswordChanged(
  db: DB,
  env: NoticeEnv,
  userId: string,
  event: PasswordEvent,
  at = new Date(),
): void {
  notifyAccount(db, env, userId, "Melding van een wachtwoordwijziging", (account, locale, origin) =>
    passwordChangedMail(account, event, at, locale, origin),
  );
}
