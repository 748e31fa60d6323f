import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { type ErrorMessage, errorText } from "#app/lib/errors.ts";
import { commonPasswords } from "./common-passwords.ts";

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules.ts";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// `algorithm: 2` is Argon2id (a const enum in the typings, which isolatedModules cannot read).
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash (no such account, or a deleted one) a dummy hash is checked, so the answer
  // takes as long as for a real account.
  const target = passwordHash ?? (await dummyHash());
  try {
    const ok = await verify(target, password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hashPassword("geen-account-dummy-wachtwoord");
  return dummy;
}

const common = new Set(commonPasswords.map((p) => p.toLowerCase()));

/**
 * Breached passwords (ASVS 2.1.7), offline: the list `@zxcvbn-ts/language-common` ships, the
 * passwords that occur more than ten times in Mark Burnett's corpus of ten million passwords
 * from public breaches (xato.net), most frequent first, lower case. Only those our length rule
 * lets through are kept; shorter ones are refused already. Nothing goes over the network.
 */
export const breachedPasswords: ReadonlySet<string> = new Set(
  dictionary["passwords-common"].filter((p) => p.length >= MIN_PASSWORD_LENGTH),
);

/** Why a new password is not good enough (a message to say in the reader's language), or null when it is. */
export function passwordRefusal(password: string, personal: string[] = []): ErrorMessage | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { key: "error.password.tooShort", params: { min: MIN_PASSWORD_LENGTH } };
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    return { key: "error.password.tooLong", params: { max: MAX_PASSWORD_LENGTH } };
  const lower = password.toLowerCase();
  if (breachedPasswords.has(lower)) return { key: "error.password.breached" };
  if (common.has(lower) || /^(.)\1+$/.test(password) || isSequence(lower)) {
    return { key: "error.password.common" };
  }
  for (const item of personal) {
    const part = item.toLowerCase().split("@")[0]?.trim();
    if (part && part.length >= 4 && lower.includes(part)) return { key: "error.password.personal" };
  }
  return null;
}

/** passwordRefusal in Dutch (the configuration check at start-up speaks Dutch). */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  const refusal = passwordRefusal(password, personal);
  return refusal ? errorText("nl", refusal) : null;
}

function isSequence(value: string): boolean {
  const rows = [
    "0123456789012345678901234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
  ];
  return rows.some((row) => row.includes(value) || row.split("").reverse().join("").includes(value));
}
