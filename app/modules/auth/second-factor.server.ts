// A second factor (ASVS 2.7/2.8 and 4.3.1, issue #24): a TOTP app (RFC 6238: HMAC-SHA1, 6
// digits, 30 seconds) with ten single-use recovery codes. Any member may turn it on; moderators
// and admins must (docs/decisions/018-second-factor.md): until they have one, their sessions
// carry only a member's rights. A member with a second factor is logged in only by a session
// that passed it (`session.second_factor_at`).
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import {
  decodeBase32IgnorePadding,
  encodeBase32LowerCaseNoPadding,
  encodeBase32UpperCaseNoPadding,
} from "@oslojs/encoding";
import { createTOTPKeyURI } from "@oslojs/otp";
import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { type Locale, localizedPath } from "#app/i18n/index.ts";
import { AppError } from "#app/lib/errors.ts";
import { formatDateTime } from "#app/utils/format.ts";
import type { DB } from "#db/client.server.ts";
import { recoveryCode, session, totpCredential } from "#db/schema/auth.ts";
import { audit } from "../audit.server.ts";
import type { Mail } from "../mail.server.ts";
import { type NoticeEnv, notifyAccount } from "./password-mail.server.ts";
import { claimAttempt, forgiveAttempt } from "./rate-limit.server.ts";
import { hashToken } from "./session.server.ts";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, totpCode, totpStep } from "./totp.ts";

/** Codes of the step before and after the current one count too (clocks drift, people type slowly). */
const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes allowed per account and per address in 15 minutes (as for passwords). */
export const SECOND_FACTOR_LIMITS = { account: 5, ip: 20 };

const ISSUER = "AV-Kennisnet";
const encoder = new TextEncoder();

export class SecondFactorError extends AppError {}

/** The step within the window whose code this is, or null. */
function matchingStep(secret: string, code: string, now: Date): number | null {
  const current = totpStep(now);
  const typed = encoder.encode(code);
  for (let offset = -TOTP_WINDOW_STEPS; offset <= TOTP_WINDOW_STEPS; offset++) {
    const expected = encoder.encode(totpCode(secret, current + offset));
    if (expected.length === typed.length && constantTimeEqual(expected, typed)) return current + offset;
  }
  return null;
}

/** Digits only, spaces and dashes as typed or pasted are dropped. */
function normaliseCode(input: string): string {
  return input.normalize("NFKC").replace(/[\s-]/g, "").toLowerCase();
}

export function hashRecoveryCode(code: string): string {
  // As session tokens: only the SHA-256 (hex) is stored.
  return hashToken(normaliseCode(code));
}

/**
 * Ten codes of 120 random bits each (ASVS 2.6.2 asks at least 112 for a lookup secret stored as
 * an unsalted hash), as 24 base32 letters in groups of four.
 */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(15);
    crypto.getRandomValues(bytes);
    return (encodeBase32LowerCaseNoPadding(bytes).match(/.{4}/g) ?? []).join("-");
  });
}

export interface SecondFactorStatus {
  /** Since when the second factor counts; null when it is off. */
  enabledAt: Date | null;
  /** A key being set up (shown until its first right code), or null. */
  pendingSecret: string | null;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: DB, userId: string): Promise<SecondFactorStatus> {
  const [row] = await db
    .select({
      secret: totpCredential.secret,
      confirmedAt: totpCredential.confirmedAt,
      left: sql<number>`(select count(*)::int from ${recoveryCode} where ${recoveryCode.userId} = ${userId} and ${recoveryCode.usedAt} is null)`,
    })
    .from(totpCredential)
    .where(eq(totpCredential.userId, userId));
  if (!row) return { enabledAt: null, pendingSecret: null, recoveryCodesLeft: 0 };
  return {
    enabledAt: row.confirmedAt,
    pendingSecret: row.confirmedAt ? null : row.secret,
    recoveryCodesLeft: row.confirmedAt ? row.left : 0,
  };
}

/** Starts (or restarts) setting up: a new random key of 160 bits, not yet in force. */
export async function beginEnrolment(db: DB, userId: string): Promise<string> {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const secret = encodeBase32UpperCaseNoPadding(bytes);
  const replaced = await db
    .insert(totpCredential)
    .values({ userId, secret })
    .onConflictDoUpdate({
      target: totpCredential.userId,
      set: { secret, createdAt: new Date(), lastStep: null },
      // A second factor in force is never replaced this way: turn it off first.
      setWhere: isNull(totpCredential.confirmedAt),
    })
    .returning({ userId: totpCredential.userId });
  if (replaced.length === 0) throw new SecondFactorError("error.secondFactor.alreadyOn");
  return secret;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function keyUri(secret: string, accountName: string): string {
  return createTOTPKeyURI(
    ISSUER,
    accountName,
    decodeBase32IgnorePadding(secret),
    TOTP_PERIOD_SECONDS,
    TOTP_DIGITS,
  );
}

/**
 * Puts the key being set up in force with its first right code: the code's step counts as used,
 * ten recovery codes are made (returned once, stored as hashes) and this session counts as
 * having passed the second factor.
 */
export async function confirmEnrolment(
  db: DB,
  userId: string,
  sessionId: string,
  code: string,
  now = new Date(),
): Promise<string[]> {
  const [pending] = await db
    .select({ secret: totpCredential.secret })
    .from(totpCredential)
    .where(and(eq(totpCredential.userId, userId), isNull(totpCredential.confirmedAt)));
  if (!pending) throw new SecondFactorError("error.secondFactor.noPendingKey");
  const step = matchingStep(pending.secret, normaliseCode(code), now);
  if (step === null) {
    throw new SecondFactorError("error.secondFactor.wrongSetupCode");
  }
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx
      .update(totpCredential)
      .set({ confirmedAt: now, lastStep: step })
      .where(eq(totpCredential.userId, userId));
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    await tx.insert(recoveryCode).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
    await tx.update(session).set({ secondFactorAt: now }).where(eq(session.id, sessionId));
  });
  return codes;
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(db: DB, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    await tx.insert(recoveryCode).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  });
  return codes;
}

/** Turns the second factor off: the key and the recovery codes are deleted. */
export async function removeSecondFactor(db: DB, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    await tx.delete(totpCredential).where(eq(totpCredential.userId, userId));
  });
}

/**
 * An admin turns off someone else's second factor, for a member who lost both the app and the
 * recovery codes (ASVS 2.5.7: the admin checks who is asking, outside the app). Their sessions
 * end, the change is in the audit log, and the member gets a mail. A moderator or admin is then
 * asked to set up a new one at the next login.
 */
export async function removeSecondFactorAsAdmin(db: DB, adminId: string, userId: string): Promise<void> {
  if (adminId === userId) {
    throw new SecondFactorError("error.secondFactor.ownOnAccountPage");
  }
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(totpCredential)
      .where(and(eq(totpCredential.userId, userId), isNotNull(totpCredential.confirmedAt)))
      .returning({ userId: totpCredential.userId });
    if (removed.length === 0) throw new SecondFactorError("error.secondFactor.noneForUser");
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    await tx.delete(session).where(eq(session.userId, userId));
    await audit(tx, {
      actorId: adminId,
      action: "user.second-factor.remove",
      subject: `user:${userId}`,
      details: {},
    });
  });
}

export class TooManyCodesError extends AppError {
  constructor(seconds: number) {
    const minutes = Math.ceil(seconds / 60);
    super("error.secondFactor.tooManyCodes", {
      status: 429,
      params: { count: minutes },
      retryAfter: seconds,
    });
  }
}

/**
 * Checks a code from the app, or a recovery code, for a member whose second factor is on. Every
 * try counts against the limit at once (as for passwords); a right one takes its count back. A
 * TOTP code works once: its step must be later than the last accepted one. A recovery code is
 * used up. Returns how it was passed.
 */
export async function verifySecondFactor(
  db: DB,
  userId: string,
  input: string,
  clientIp: string,
  now = new Date(),
): Promise<{ method: "totp" | "recovery" }> {
  const keys = { account: `2fa:${userId}`, ip: `2fa-ip:${clientIp}` };
  const attempt = await claimAttempt(db, keys, SECOND_FACTOR_LIMITS, now);
  if (!attempt.allowed) throw new TooManyCodesError(attempt.wait);
  const code = normaliseCode(input);
  const wrong = () => new SecondFactorError("error.secondFactor.wrongCode");

  let method: "totp" | "recovery";
  if (/^\d{6}$/.test(code)) {
    const [credential] = await db
      .select({ secret: totpCredential.secret })
      .from(totpCredential)
      .where(and(eq(totpCredential.userId, userId), isNotNull(totpCredential.confirmedAt)));
    if (!credential) throw wrong();
    const step = matchingStep(credential.secret, code, now);
    if (step === null) throw wrong();
    // Accept the step only if it is later than the last one, in one statement (two requests
    // with the same code cannot both pass).
    const taken = await db
      .update(totpCredential)
      .set({ lastStep: step })
      .where(
        and(
          eq(totpCredential.userId, userId),
          or(isNull(totpCredential.lastStep), lt(totpCredential.lastStep, step)),
        ),
      )
      .returning({ userId: totpCredential.userId });
    if (taken.length === 0) throw wrong();
    method = "totp";
  } else if (/^[a-z2-7]{24}$/.test(code)) {
    const used = await db
      .update(recoveryCode)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCode.userId, userId),
          eq(recoveryCode.codeHash, hashRecoveryCode(code)),
          isNull(recoveryCode.usedAt),
        ),
      )
      .returning({ id: recoveryCode.id });
    if (used.length === 0) throw wrong();
    method = "recovery";
  } else {
    throw wrong();
  }
  await forgiveAttempt(db, attempt, keys);
  return { method };
}

/** This session passed the second factor. */
export async function markSessionVerified(db: DB, sessionId: string, now = new Date()): Promise<void> {
  await db.update(session).set({ secondFactorAt: now }).where(eq(session.id, sessionId));
}

export type SecondFactorEvent = "enabled" | "removed" | "removed-by-admin" | "recovery-used";

/** The notice after a change to the second factor (ASVS 2.5.5); no secret in it. */
export function secondFactorMail(
  account: { name: string; email: string },
  event: SecondFactorEvent,
  at: Date,
  locale: Locale,
  origin: string,
): Mail {
  const when = formatDateTime(at, locale, "long");
  const forgot = origin + localizedPath(locale, "/wachtwoord-vergeten");
  if (locale === "en") {
    const what = {
      enabled: "A second factor (an authenticator app) was set up for your AV-Kennisnet account",
      removed: "The second factor of your AV-Kennisnet account was turned off",
      "removed-by-admin": "An administrator turned off the second factor of your AV-Kennisnet account",
      "recovery-used": "A recovery code was used to log in to your AV-Kennisnet account",
    }[event];
    return {
      to: account.email,
      subject: "The second factor of your AV-Kennisnet account",
      text: [
        `Hello ${account.name},`,
        "",
        `${what} on ${when} (Amsterdam time).`,
        "",
        "Was this you? Then you need not do anything.",
        "",
        `Was this not you? Then someone else may know your password. Choose a new password at once via ${forgot} (that logs everybody out), and let the moderators of AV-Kennisnet know by replying to this e-mail.`,
      ].join("\n"),
    };
  }
  const what = {
    enabled: "is een tweede factor (een authenticator-app) ingesteld voor je account op AV-Kennisnet",
    removed: "is de tweede factor van je account op AV-Kennisnet uitgezet",
    "removed-by-admin": "heeft een beheerder de tweede factor van je account op AV-Kennisnet uitgezet",
    "recovery-used": "is met een herstelcode ingelogd op je account op AV-Kennisnet",
  }[event];
  return {
    to: account.email,
    subject: "De tweede factor van je account op AV-Kennisnet",
    text: [
      `Hallo ${account.name},`,
      "",
      `Op ${when} (Nederlandse tijd) ${what}.`,
      "",
      "Heb je dit zelf gedaan? Dan hoef je niets te doen.",
      "",
      `Heb je dit niet zelf gedaan? Dan kent iemand anders misschien je wachtwoord. Kies meteen een nieuw wachtwoord via ${forgot} (daarmee wordt iedereen uitgelogd) en laat het de moderatoren van AV-Kennisnet weten door op deze e-mail te antwoorden.`,
    ].join("\n"),
  };
}

export function notifySecondFactor(
  db: DB,
  env: NoticeEnv,
  userId: string,
  event: SecondFactorEvent,
  at = new Date(),
): void {
  notifyAccount(db, env, userId, "Melding over de tweede factor", (account, locale, origin) =>
    secondFactorMail(account, event, at, locale, origin),
  );
}
