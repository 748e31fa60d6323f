// TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) from a base32 key. Shared by the
// second factor (second-factor.server.ts) and the browser tests, which type codes as a person would.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** The time step a moment falls in. */
export function totpStep(at: Date = new Date()): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a base32 key at a step. */
export function totpCode(secret: string, step: number): string {
  return generateHOTP(decodeBase32IgnorePadding(secret.replaceAll(" ", "")), BigInt(step), TOTP_DIGITS);
}
