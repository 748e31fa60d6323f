// ASVS 2.2.3 / 2.5.5 (issue #24): after a password change or reset the member gets an e-mail,
// so that someone who did not do it notices. It carries no secret (no password, no token, no
// link that logs in): only what happened, when, and what to do if it was not them.
import type { Locale } from "#app/i18n/index.ts";
import { mailOrigin } from "#app/lib/origin.ts";
import type { DB } from "#db/client.server.ts";
import { afterResponse } from "../after-response.server.ts";
import type { Env } from "../env.server.ts";
import { type Mail, sendMail } from "../mail.server.ts";
import { getAccount } from "./users.server.ts";

export type PasswordEvent = "changed" | "reset";

/** The notice for one member; `origin` is the site's configured address (never a request's Host). */
export function passwordChangedMail(
  account: { name: string; email: string },
  event: PasswordEvent,
  at: Date,
  locale: Locale,
  origin: string,
): Mail {
  const when = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(at);
  const forgot = `${origin}/wachtwoord-vergeten`;
  if (locale === "en") {
    return {
      to: account.email,
      subject: "Your AV-Kennisnet password was changed",
      text: [
        `Hello ${account.name},`,
        "",
        event === "reset"
          ? `The password of your AV-Kennisnet account was reset with a link from a reset e-mail on ${when} (Amsterdam time).`
          : `The password of your AV-Kennisnet account was changed on the account page on ${when} (Amsterdam time).`,
        "All other sessions of your account were logged out.",
        "",
        "Was this you? Then you need not do anything.",
        "",
        `Was this not you? Then someone else may know your password or be able to read your e-mail. Choose a new password at once via ${forgot} (that logs everybody out again), change the password of your e-mail account too, and let the moderators of AV-Kennisnet know by replying to this e-mail.`,
      ].join("\n"),
    };
  }
  return {
    to: account.email,
    subject: "Je wachtwoord voor AV-Kennisnet is gewijzigd",
    text: [
      `Hallo ${account.name},`,
      "",
      event === "reset"
        ? `Het wachtwoord van je account op AV-Kennisnet is op ${when} (Nederlandse tijd) opnieuw ingesteld met de link uit een herstelmail.`
        : `Het wachtwoord van je account op AV-Kennisnet is op ${when} (Nederlandse tijd) gewijzigd op de accountpagina.`,
      "Je bent op alle andere apparaten uitgelogd.",
      "",
      "Heb je dit zelf gedaan? Dan hoef je niets te doen.",
      "",
      `Heb je dit niet zelf gedaan? Dan kent iemand anders misschien je wachtwoord of kan hij je e-mail lezen. Kies meteen een nieuw wachtwoord via ${forgot} (daarmee wordt iedereen weer uitgelogd), wijzig ook het wachtwoord van je e-mail, en laat het de moderatoren van AV-Kennisnet weten door op deze e-mail te antwoorden.`,
    ].join("\n"),
  };
}

/**
 * Sends the notice after the answer has gone (a slow or failing mail server neither delays nor
 * breaks the change; a failure is logged).
 */
export function notifyPasswordChanged(
  db: DB,
  env: Pick<Env, "SMTP_URL" | "MAIL_FROM" | "MAIL_DIR" | "APP_ORIGIN" | "PORT">,
  userId: string,
  event: PasswordEvent,
  locale: Locale,
  at = new Date(),
): void {
  afterResponse("Melding van een wachtwoordwijziging", async () => {
    const account = await getAccount(db, userId);
    if (!account) return;
    await sendMail(env, passwordChangedMail(account, event, at, locale, mailOrigin(env)));
  });
}
