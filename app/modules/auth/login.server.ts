// Logging in and getting a new password: the logic of /inloggen, /wachtwoord-vergeten and
// /wachtwoord-herstellen, so that those routes only read the form, call one function and answer.
// A refusal is an AppError (app/lib/errors.ts); a refusal for too many attempts carries the
// seconds to wait, which the route sends as Retry-After.

import { eq } from "drizzle-orm";
import { localizedPath, translator } from "#app/i18n/index.ts";
import { AppError, type ErrorKey } from "#app/lib/errors.ts";
import { mailOrigin } from "#app/lib/origin.ts";
import type { DB } from "#db/client.server.ts";
import { totpCredential, user } from "#db/schema/auth.ts";
import { afterResponse } from "../after-response.server.ts";
import type { Env } from "../env.server.ts";
import { sendMail } from "../mail.server.ts";
import { verifyPassword } from "./password.server.ts";
import { notifyPasswordChanged } from "./password-mail.server.ts";
import { createPasswordReset, resetPassword } from "./password-reset.server.ts";
import { claimAttempt, forgiveAttempt, limitKeys } from "./rate-limit.server.ts";
import { hasStrictSessions } from "./session.server.ts";
import { AccountError, findUserForLogin } from "./users.server.ts";

type MailEnv = Pick<Env, "SMTP_URL" | "MAIL_FROM" | "MAIL_DIR" | "APP_ORIGIN" | "PORT">;

/** Too many attempts: a 429 with the seconds to wait (errorResponse sends Retry-After). */
export class TooManyAttemptsError extends AppError {
  constructor(key: ErrorKey, retryAfter: number) {
    // `count` picks the plural form where the message has them; `minutes` fills the others.
    const m = minutes(retryAfter);
    super(key, { status: 429, params: { count: m, minutes: m }, retryAfter });
  }
}

const minutes = (seconds: number) => Math.ceil(seconds / 60);

/**
 * The id of the account with this e-mail address and password. Every attempt is checked and
 * counted at once (parallel guesses cannot slip past the limit), and a known and an unknown
 * address take the same work and get the same answer.
 */
export async function authenticate(
  db: DB,
  email: string,
  password: string,
  clientIp: string,
): Promise<string> {
  const keys = limitKeys(email, clientIp);
  const attempt = await claimAttempt(db, keys);
  if (!attempt.allowed) {
    throw new TooManyAttemptsError("error.login.tooManyAttempts", attempt.wait);
  }
  const account = await findUserForLogin(db, email);
  const ok = await verifyPassword(account?.passwordHash ?? null, password);
  // A failed attempt already counts.
  if (!account || !ok) throw new AccountError("error.login.wrongPassword");
  await forgiveAttempt(db, attempt, keys);
  return account.id;
}

/**
 * Sends a reset link, in the account's language, to the address if it has an account. Every request counts, whether or not
 * it has: at most 5 per address and 20 per client address in 15 minutes, so the form cannot be
 * used to flood someone's inbox. Looking the address up, writing the token and sending the mail
 * happen after the answer, so an existing and an unknown address take the same time (issue #24,
 * finding 8).
 */
export async function requestPasswordReset(db: DB, env: MailEnv, rawEmail: string, clientIp: string) {
  const email = rawEmail.trim().toLowerCase();
  const keys = { account: `reset:${email}`, ip: `reset-ip:${clientIp}` };
  const attempt = await claimAttempt(db, keys);
  if (!attempt.allowed) {
    throw new TooManyAttemptsError("error.login.tooManyResets", attempt.wait);
  }
  afterResponse("Herstelmail", async () => {
    const account = await findUserForLogin(db, email);
    if (!account) return;
    const token = await createPasswordReset(db, account.id);
    // From the configuration, never from the request's Host (which the requester chooses).
    const link = `${mailOrigin(env)}${localizedPath(account.language, "/wachtwoord-herstellen")}?${new URLSearchParams({ token })}`;
    const t = translator(account.language);
    await sendMail(env, {
      to: email,
      subject: t("mail.reset.subject"),
      text: t("mail.reset.text", { link }),
    });
  });
}

/** Sets the new password with a reset token; the member gets a mail about it. Returns the account id. */
export async function completePasswordReset(
  db: DB,
  env: MailEnv,
  token: string,
  newPassword: string,
): Promise<string> {
  const userId = await resetPassword(db, token, newPassword);
  if (!userId) throw new AccountError("error.login.resetLinkGone");
  notifyPasswordChanged(db, env, userId, "reset");
  return userId;
}

/**
 * Where a new session goes after the password (a login or a reset): to the code of the second
 * factor if the member has one; a moderator or admin without one to setting it up (their role
 * waits for it); anyone else straight to `target`. Both detours come back to `target`.
 */
export async function landingAfterPassword(db: DB, userId: string, target: string): Promise<string> {
  const back = new URLSearchParams({ redirectTo: target });
  const [account] = await db
    .select({ role: user.role, secondFactorAt: totpCredential.confirmedAt })
    .from(user)
    .leftJoin(totpCredential, eq(totpCredential.userId, user.id))
    .where(eq(user.id, userId));
  if (account?.secondFactorAt) return `/inloggen/code?${back}`;
  if (account && hasStrictSessions(account.role)) return `/account/tweede-factor?${back}`;
  return target;
}
