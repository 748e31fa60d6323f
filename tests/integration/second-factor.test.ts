// A second factor (TOTP with recovery codes), issue #24: set up, asked at login, once per code,
// limited, required for moderators and admins. docs/decisions/018-second-factor.md.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settleAfterResponse } from "#app/modules/after-response.server.ts";
import { createPasswordReset } from "#app/modules/auth/password-reset.server.ts";
import {
  confirmEnrolment,
  RECOVERY_CODE_COUNT,
  verifySecondFactor,
} from "#app/modules/auth/second-factor.server.ts";
import { PENDING_SECOND_FACTOR_MS, validateSessionToken } from "#app/modules/auth/session.server.ts";
import { totpCode, totpStep } from "#app/modules/auth/totp.ts";
import { setRole } from "#app/modules/auth/users.server.ts";
import { loadEnv } from "#app/modules/env.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as accountAction, loader as accountLoader } from "#app/routes/account._index.tsx";
import { action as factorAction, loader as factorLoader } from "#app/routes/account.tweede-factor.tsx";
import { loader as beheerLoader } from "#app/routes/beheer._index.tsx";
import { action as usersAction, loader as usersLoader } from "#app/routes/beheer.gebruikers.tsx";
import { action as loginAction } from "#app/routes/inloggen.tsx";
import { action as codeAction, loader as codeLoader } from "#app/routes/inloggen_.code.tsx";
import { action as resetAction } from "#app/routes/wachtwoord-herstellen.tsx";
import type { Database } from "#db/client.server.ts";
import { auditLog, totpCredential } from "#db/schema/auth.ts";
import { PASSWORD, sessionTokenFrom, userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { mailsIn } from "#tests/support/mail.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
let mailDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(path.join(os.tmpdir(), "avk-2fa-mail-"));
  context = contextFor(database, { env: loadEnv({ NODE_ENV: "test", MAIL_DIR: mailDir }) });
});
afterEach(async () => {
  await database?.close();
});

type Args = { request: Request; params: Record<string, string | undefined>; context: AppLoadContext };
const call = <T>(fn: (args: Args) => T, request: Request) => fn({ request, params: {}, context });
const cookieFor = (token: string) => `avk_sessie=${token}`;

/** Sets up a second factor for a logged-in member through the page, as they would; returns the key and codes. */
async function enrol(cookie: string): Promise<{ secret: string; codes: string[] }> {
  await call(factorAction, post("/account/tweede-factor", { intent: "starten" }, { Cookie: cookie }));
  const page = body<{ pending: { key: string; qr: string } | null }>(
    await call(factorLoader, get("/account/tweede-factor", { Cookie: cookie })),
  );
  expect(page.pending?.qr).toContain("<svg");
  const secret = page.pending!.key.replaceAll(" ", "");
  const done = await call(
    factorAction,
    post(
      "/account/tweede-factor",
      { intent: "bevestigen", code: totpCode(secret, totpStep()) },
      { Cookie: cookie },
    ),
  );
  expect(status(done)).toBe(200);
  return { secret, codes: body<{ recoveryCodes: string[] }>(done).recoveryCodes };
}

/** Logs in by the form; returns where it sends the browser and the new session's token. */
async function logIn(email: string, redirectTo = "/account") {
  const response = (await call(
    loginAction,
    post("/inloggen", { email, password: PASSWORD, redirectTo }),
  )) as Response;
  return { location: response.headers.get("Location"), token: sessionTokenFrom(response)! };
}

async function enterCode(token: string, code: string, redirectTo = "/account") {
  try {
    return await call(codeAction, post("/inloggen/code", { code, redirectTo }, { Cookie: cookieFor(token) }));
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("setting up a second factor", () => {
  it("starts with a key shown as QR code and text, and counts only from the first right code", async () => {
    const member = await userWithSession(database.db, "member");
    await call(
      factorAction,
      post("/account/tweede-factor", { intent: "starten" }, { Cookie: member.cookie }),
    );
    const page = body<{ pending: { key: string } | null; enabledAt: string | null }>(
      await call(factorLoader, get("/account/tweede-factor", { Cookie: member.cookie })),
    );
    expect(page.enabledAt).toBeNull();
    expect(page.pending!.key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);

    const wrong = await call(
      factorAction,
      post("/account/tweede-factor", { intent: "bevestigen", code: "000000" }, { Cookie: member.cookie }),
    );
    expect(status(wrong)).toBe(400);
    expect(body<{ errors: { code: string } }>(wrong).errors.code).toMatch(/klopt niet/);
    // Not in force: logging in still needs only the password.
    expect((await logIn(member.email)).location).toBe("/account");

    const secret = page.pending!.key.replaceAll(" ", "");
    const done = await call(
      factorAction,
      post(
        "/account/tweede-factor",
        { intent: "bevestigen", code: totpCode(secret, totpStep()) },
        { Cookie: member.cookie },
      ),
    );
    const codes = body<{ recoveryCodes: string[] }>(done).recoveryCodes;
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){5}$/);
    // Stored as hashes only: no code and no hash of another form in the table.
    const status2 = body<{ enabledAt: string | null; recoveryCodesLeft: number }>(
      await call(factorLoader, get("/account/tweede-factor", { Cookie: member.cookie })),
    );
    expect(status2.enabledAt).not.toBeNull();
    expect(status2.recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT);
    // The session that set it up stays logged in.
    expect((await validateSessionToken(database.db, member.token))?.user?.secondFactor).toBe(true);

    await settleAfterResponse();
    const mail = mailsIn(mailDir).find((m) => m.to === member.email);
    expect(mail?.subject).toBe("De tweede factor van je account op AV-Kennisnet");
    expect(mail?.text).toMatch(/tweede factor \(een authenticator-app\) ingesteld/);
    expect(mail?.text).not.toContain(secret);
    for (const code of codes) expect(mail?.text).not.toContain(code);
  });

  it("cannot replace a second factor in force by starting again", async () => {
    const member = await userWithSession(database.db, "member");
    const { secret } = await enrol(member.cookie);
    const again = await call(
      factorAction,
      post("/account/tweede-factor", { intent: "starten" }, { Cookie: member.cookie }),
    );
    expect(status(again)).toBe(400);
    const [row] = await database.db.select().from(totpCredential).where(eq(totpCredential.userId, member.id));
    expect(row!.secret).toBe(secret);
  });
});

describe("logging in with a second factor", () => {
  it("asks for the code after the password; until then the session opens nothing", async () => {
    const member = await userWithSession(database.db, "member");
    const { secret } = await enrol(member.cookie);

    const { location, token } = await logIn(member.email, "/instelling");
    expect(location).toBe("/inloggen/code?redirectTo=%2Finstelling");
    // Half logged in: member pages send to the code, the header shows nobody.
    const account = await thrownResponse(() =>
      call(accountLoader, get("/account", { Cookie: cookieFor(token) })),
    );
    expect(account.headers.get("Location")).toBe("/inloggen/code?redirectTo=%2Faccount");
    const root = body<{ user: unknown }>(await call(rootLoader, get("/", { Cookie: cookieFor(token) })));
    expect(root.user).toBeNull();
    // The code page is there for this session.
    expect(status(await call(codeLoader, get("/inloggen/code", { Cookie: cookieFor(token) })))).toBe(200);

    const wrong = await enterCode(token, "123456", "/instelling");
    expect(status(wrong)).toBe(400);
    expect(body<{ error: string }>(wrong).error).toMatch(/klopt niet/);

    // The step after the one used when setting up (a code works once).
    const passed = (await enterCode(token, totpCode(secret, totpStep() + 1), "/instelling")) as Response;
    expect(passed.status).toBe(302);
    expect(passed.headers.get("Location")).toBe("/instelling");
    expect((await validateSessionToken(database.db, token))?.user?.id).toBe(member.id);
  });

  it("accepts each code once, and the clock one step either way", async () => {
    const member = await userWithSession(database.db, "member");
    const { secret } = await enrol(member.cookie);
    // The step the code of setting up was in (read back, so that a step boundary cannot flake).
    const [row] = await database.db.select().from(totpCredential).where(eq(totpCredential.userId, member.id));
    const step = row!.lastStep!;
    const now = new Date(step * 30_000 + 1_000);
    // The step of setting up is used; the next one works once.
    await expect(
      verifySecondFactor(database.db, member.id, totpCode(secret, step), "192.0.2.9", now),
    ).rejects.toThrow(/al gebruikt/);
    await expect(
      verifySecondFactor(database.db, member.id, totpCode(secret, step + 1), "192.0.2.9", now),
    ).resolves.toMatchObject({ method: "totp" });
    await expect(
      verifySecondFactor(database.db, member.id, totpCode(secret, step + 1), "192.0.2.9", now),
    ).rejects.toThrow(/al gebruikt/);
    // Two steps ahead is too far.
    await expect(
      verifySecondFactor(database.db, member.id, totpCode(secret, step + 2), "192.0.2.9", now),
    ).rejects.toThrow(/klopt niet/);
  });

  it("lets a recovery code in once, says how many are left, and mails the member", async () => {
    const member = await userWithSession(database.db, "member");
    const { codes } = await enrol(member.cookie);
    const first = await logIn(member.email);
    const passed = (await enterCode(first.token, codes[3]!.toUpperCase().replaceAll("-", " "))) as Response;
    expect(passed.headers.get("Location")).toBe("/account/tweede-factor?herstelcode=1&redirectTo=%2Faccount");
    const page = body<{ recoveryCodesLeft: number; usedRecoveryCode: boolean }>(
      await call(
        factorLoader,
        get("/account/tweede-factor?herstelcode=1", { Cookie: cookieFor(first.token) }),
      ),
    );
    expect(page.recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);

    const second = await logIn(member.email);
    expect(status(await enterCode(second.token, codes[3]!))).toBe(400);
    await settleAfterResponse();
    expect(mailsIn(mailDir).some((m) => /met een herstelcode ingelogd/.test(m.text))).toBe(true);
  });

  it("stops after 5 wrong codes in 15 minutes, even for the right one", async () => {
    const member = await userWithSession(database.db, "member");
    const { secret } = await enrol(member.cookie);
    const { token } = await logIn(member.email);
    for (let i = 0; i < 5; i++) expect(status(await enterCode(token, "000000"))).toBe(400);
    const refused = await enterCode(token, totpCode(secret, totpStep() + 1));
    expect(status(refused)).toBe(429);
    expect((await validateSessionToken(database.db, token))?.user ?? null).toBeNull();
  });

  it("does not let a password reset or change skip it", async () => {
    const member = await userWithSession(database.db, "member");
    const { secret } = await enrol(member.cookie);
    // Reset: the new session still has to give the code.
    const resetToken = await createPasswordReset(database.db, member.id);
    const reset = (await call(
      resetAction,
      post("/wachtwoord-herstellen", { token: resetToken, newPassword: "nieuwe-zin-voor-de-spoelen-77" }),
    )) as Response;
    expect(reset.headers.get("Location")).toBe("/inloggen/code?redirectTo=%2Faccount");
    expect((await validateSessionToken(database.db, sessionTokenFrom(reset)!))?.user ?? null).toBeNull();

    // A change on the account page by a member who passed it: the new session has passed it too.
    const login = (await call(
      loginAction,
      post("/inloggen", { email: member.email, password: "nieuwe-zin-voor-de-spoelen-77" }),
    )) as Response;
    const fresh = sessionTokenFrom(login)!;
    await enterCode(fresh, totpCode(secret, totpStep() + 1));
    const changed = await call(
      accountAction,
      post(
        "/account",
        {
          intent: "wachtwoord",
          currentPassword: "nieuwe-zin-voor-de-spoelen-77",
          newPassword: "derde-zin-voor-de-spoelen-78",
        },
        { Cookie: cookieFor(fresh) },
      ),
    );
    const cookie =
      (changed as { init?: { headers?: Record<string, string> } }).init?.headers?.["Set-Cookie"] ?? "";
    const renewed = /avk_sessie=([a-z2-7]{32})/.exec(cookie)?.[1];
    expect(renewed).toBeDefined();
    expect((await validateSessionToken(database.db, renewed!))?.user?.id).toBe(member.id);
  });

  it("lets a session wait for its code for 10 minutes, no longer", async () => {
    const member = await userWithSession(database.db, "member");
    await enrol(member.cookie);
    const { token } = await logIn(member.email);
    const later = new Date(Date.now() + PENDING_SECOND_FACTOR_MS + 1000);
    expect(await validateSessionToken(database.db, token, later)).toBeNull();
  });
});

describe("moderators and admins must have one", () => {
  it("a moderator without one is sent to set it up, works as a member until then, and cannot turn it off", async () => {
    const member = await userWithSession(database.db, "member");
    const admin = await userWithSession(database.db, "admin");
    await setRole(database.db, admin.id, member.id, "moderator");

    // Logging in leads to setting it up, and back.
    const { location, token } = await logIn(member.email, "/beheer");
    expect(location).toBe("/account/tweede-factor?redirectTo=%2Fbeheer");
    const validated = await validateSessionToken(database.db, token);
    expect(validated?.user?.role).toBe("member");
    expect(validated?.user?.roleAwaitingSecondFactor).toBe("moderator");
    // Moderator pages send there too (not a 403, not the page).
    const beheer = await thrownResponse(() =>
      call(beheerLoader, get("/beheer", { Cookie: cookieFor(token) })),
    );
    expect(beheer.headers.get("Location")).toBe("/account/tweede-factor?redirectTo=%2Fbeheer");

    const { secret } = await enrol(cookieFor(token));
    expect((await validateSessionToken(database.db, token))?.user?.role).toBe("moderator");
    expect(status(await call(beheerLoader, get("/beheer", { Cookie: cookieFor(token) })))).toBe(200);

    const off = await call(
      factorAction,
      post(
        "/account/tweede-factor",
        { intent: "uitzetten", code: totpCode(secret, totpStep() + 1) },
        { Cookie: cookieFor(token) },
      ),
    );
    expect(status(off)).toBe(400);
    expect(body<{ errors: { form: string } }>(off).errors.form).toMatch(/moderator of beheerder/);
    const [row] = await database.db.select().from(totpCredential).where(eq(totpCredential.userId, member.id));
    expect(row?.confirmedAt).not.toBeNull();
  });

  it("a member can turn it off with a code, and gets a mail", async () => {
    const member = await userWithSession(database.db, "member");
    const { secret } = await enrol(member.cookie);
    const off = await call(
      factorAction,
      post(
        "/account/tweede-factor",
        { intent: "uitzetten", code: totpCode(secret, totpStep() + 1) },
        { Cookie: member.cookie },
      ),
    );
    expect(status(off)).toBe(200);
    expect((await logIn(member.email)).location).toBe("/account");
    await settleAfterResponse();
    expect(
      mailsIn(mailDir).some((m) => /tweede factor van je account op AV-Kennisnet uitgezet/.test(m.text)),
    ).toBe(true);
  });

  it("confirming needs the key being set up", async () => {
    const member = await userWithSession(database.db, "member");
    await expect(confirmEnrolment(database.db, member.id, member.session.id, "123456")).rejects.toThrow(
      /Begin opnieuw/,
    );
  });

  it("an admin can turn off the factor of someone who lost app and codes; they log in and set up anew", async () => {
    const admin = await userWithSession(database.db, "admin");
    const moderator = await userWithSession(database.db, "moderator");
    const list = body<{ users: { id: string; secondFactor: boolean }[] }>(
      await call(usersLoader, get("/beheer/gebruikers", { Cookie: admin.cookie })),
    );
    expect(list.users.find((u) => u.id === moderator.id)?.secondFactor).toBe(true);

    // Not one's own: that is on the account page.
    const own = await call(
      usersAction,
      post(
        "/beheer/gebruikers",
        { intent: "tweede-factor-uitzetten", userId: admin.id },
        { Cookie: admin.cookie },
      ),
    );
    expect(status(own)).toBe(400);

    const done = await call(
      usersAction,
      post(
        "/beheer/gebruikers",
        { intent: "tweede-factor-uitzetten", userId: moderator.id },
        { Cookie: admin.cookie },
      ),
    );
    expect(status(done)).toBe(200);
    expect(await validateSessionToken(database.db, moderator.token)).toBeNull();
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `user:${moderator.id}`));
    expect(rows.map((r) => [r.action, r.actorId])).toContainEqual(["user.second-factor.remove", admin.id]);
    await settleAfterResponse();
    expect(
      mailsIn(mailDir).some(
        (m) => m.to === moderator.email && /heeft een beheerder de tweede factor/.test(m.text),
      ),
    ).toBe(true);
    // The moderator's next login leads to setting up a new one.
    expect((await logIn(moderator.email)).location).toBe("/account/tweede-factor?redirectTo=%2Faccount");
    // A member cannot do this.
    const member = await userWithSession(database.db, "member");
    const refused = await thrownResponse(() =>
      call(
        usersAction,
        post(
          "/beheer/gebruikers",
          { intent: "tweede-factor-uitzetten", userId: admin.id },
          { Cookie: member.cookie },
        ),
      ),
    );
    expect(refused.status).toBe(403);
  });
});
