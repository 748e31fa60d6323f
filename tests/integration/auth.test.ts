import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settleAfterResponse } from "#app/modules/after-response.server.ts";
import { isSameOriginRequest } from "#app/modules/auth/origin.server.ts";
import { passwordProblem } from "#app/modules/auth/password.server.ts";
import {
  ACCOUNT_LIMIT,
  IP_LIMIT,
  limitKeys,
  loginRetryAfter,
  recordLoginFailure,
} from "#app/modules/auth/rate-limit.server.ts";
import {
  createSession,
  hashToken,
  SESSION_DAYS,
  validateSessionToken,
} from "#app/modules/auth/session.server.ts";
import { AccountError, setRole } from "#app/modules/auth/users.server.ts";
import { loadEnv } from "#app/modules/env.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as accountAction } from "#app/routes/account._index.tsx";
import { loader as exportLoader } from "#app/routes/account.gegevens.ts";
import { loader as beheerLoader } from "#app/routes/beheer._index.tsx";
import { action as loginAction } from "#app/routes/inloggen.tsx";
import { action as registerAction } from "#app/routes/registreren.tsx";
import { action as logoutAction } from "#app/routes/uitloggen.ts";
import { action as resetAction, loader as resetLoader } from "#app/routes/wachtwoord-herstellen.tsx";
import { action as forgotAction } from "#app/routes/wachtwoord-vergeten.tsx";
import type { Database } from "#db/client.server.ts";
import { auditLog, institution, loginFailure, passwordReset, session, user } from "#db/schema/auth.ts";
import { seed } from "#db/seed/index.server.ts";
import { PASSWORD, sessionTokenFrom, userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
let mailDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(path.join(os.tmpdir(), "avk-mail-"));
  context = contextFor(database, { env: loadEnv({ NODE_ENV: "test", MAIL_DIR: mailDir }) });
});
afterEach(async () => {
  await database?.close();
});

const call = <T>(
  fn: (args: { request: Request; params: Record<string, string | undefined>; context: AppLoadContext }) => T,
  request: Request,
) => fn({ request, params: {}, context });

// Login with a chosen client address.
async function loginFrom(ip: string, email: string, password: string) {
  return loginAction({
    request: post("/inloggen", { email, password }),
    params: {},
    context: { ...context, clientIp: ip },
  });
}

describe("registering", () => {
  it("creates a member who is logged in at once, with a proposed institution", async () => {
    const response = (await call(
      registerAction,
      post("/registreren", {
        name: "Anna de Vries",
        email: "Anna@Streekarchief.example",
        password: "zeven-spoelbanden-op-zolder",
        institution: "nieuw",
        newInstitutionName: "Streekarchief Oost",
        newInstitutionType: "Archief",
      }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account?welkom=1");
    const token = sessionTokenFrom(response);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(response.headers.get("Set-Cookie")).toMatch(/HttpOnly/);
    expect(response.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/);
    // Not over https here, so not Secure.
    expect(response.headers.get("Set-Cookie")).not.toMatch(/Secure/);
    const [member] = await database.db.select().from(user);
    expect(member).toMatchObject({
      email: "anna@streekarchief.example",
      name: "Anna de Vries",
      role: "member",
    });
    expect(member!.passwordHash).toMatch(/^\$argon2id\$/);
    // Only the SHA-256 of the token is stored.
    const sessions = await database.db.select().from(session);
    expect(sessions.map((s) => s.id)).toEqual([hashToken(token!)]);
    const [proposed] = await database.db.select().from(institution);
    expect(proposed).toMatchObject({
      name: "Streekarchief Oost",
      type: "Archief",
      confirmed: false,
      proposedBy: member!.id,
    });
    expect(member!.institutionId).toBe(proposed!.id);
  });

  it("refuses weak passwords and stores nothing", async () => {
    for (const password of [
      "kort",
      "wachtwoord123",
      "123456789012",
      "aaaaaaaaaaaaaaa",
      "anna-de-vries-2024",
    ]) {
      const result = await call(
        registerAction,
        post("/registreren", { name: "Anna de Vries", email: "anna@example.org", password }),
      );
      expect(status(result), password).toBe(400);
      expect((body(result).errors as Record<string, string>).password, password).toMatch(
        /wachtwoord|tekens|naam/i,
      );
    }
    const [row] = await database.db.select({ n: count() }).from(user);
    expect(row!.n).toBe(0);
    expect(passwordProblem("een-heel-goed-wachtwoord")).toBeNull();
  });

  it("refuses an address that already has an account", async () => {
    await userWithSession(database.db, "member");
    const [existing] = await database.db.select().from(user);
    const result = await call(
      registerAction,
      post("/registreren", {
        name: "Iemand",
        email: existing!.email.toUpperCase(),
        password: "nog-een-goed-wachtwoord",
      }),
    );
    expect(status(result)).toBe(400);
    expect((body(result).errors as Record<string, string>).email).toContain("Er is al een account");
  });
});

describe("logging in", () => {
  it("starts a new session at every login and honours a local redirect only", async () => {
    const { email } = await userWithSession(database.db);
    const first = (await loginAction({
      request: post("/inloggen", { email, password: PASSWORD, redirectTo: "/beheer" }),
      params: {},
      context,
    })) as Response;
    const second = (await loginAction({
      request: post("/inloggen", {
        email: email.toUpperCase(),
        password: PASSWORD,
        redirectTo: "https://evil.example",
      }),
      params: {},
      context,
    })) as Response;
    expect(first.headers.get("Location")).toBe("/beheer");
    expect(second.headers.get("Location")).toBe("/account");
    expect(sessionTokenFrom(first)).not.toBe(sessionTokenFrom(second));
    const [n] = await database.db.select({ n: count() }).from(session);
    expect(n!.n).toBe(3); // the helper's session and two logins
  });

  it("answers the same whether the account exists or the password is wrong", async () => {
    const { email } = await userWithSession(database.db);
    const wrong = await loginFrom("192.0.2.7", email, "niet-het-goede-wachtwoord");
    const unknown = await loginFrom("192.0.2.8", "niemand@example.org", "niet-het-goede-wachtwoord");
    expect(status(wrong)).toBe(400);
    expect(status(unknown)).toBe(400);
    expect(body(wrong)).toEqual(body(unknown));
  });

  it(`locks an account after ${ACCOUNT_LIMIT} failures in 15 minutes with 429 and Retry-After`, async () => {
    const { email } = await userWithSession(database.db);
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      // From different addresses: the account limit holds on its own.
      expect(status(await loginFrom(`198.51.100.${i}`, email, "fout-wachtwoord-123"))).toBe(400);
    }
    const locked = await loginFrom("198.51.100.99", email, PASSWORD);
    expect(status(locked)).toBe(429);
    const retry = Number(
      (locked as { init: { headers: Record<string, string> } }).init.headers["Retry-After"],
    );
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(String(body(locked).error)).toContain("Te veel mislukte pogingen");
    // Another account from another address is not affected.
    const other = await userWithSession(database.db);
    expect(status(await loginFrom("203.0.113.5", other.email, PASSWORD))).toBe(302);
  });

  it(`limits one address to ${IP_LIMIT} failures, across accounts`, async () => {
    const { email } = await userWithSession(database.db);
    for (let i = 0; i < IP_LIMIT; i++) {
      expect(status(await loginFrom("203.0.113.9", `gok-${i}@example.org`, "fout-wachtwoord-123"))).toBe(400);
    }
    expect(status(await loginFrom("203.0.113.9", email, PASSWORD))).toBe(429);
    expect(status(await loginFrom("203.0.113.10", email, PASSWORD))).toBe(302);
  });

  it("forgets failures after the window, and the limit is shared through the database", async () => {
    const keys = limitKeys("a@example.org", "192.0.2.50");
    const then = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await recordLoginFailure(database.db, keys, then);
    expect(await loginRetryAfter(database.db, keys, new Date("2026-01-01T10:05:00Z"))).toBe(600);
    expect(await loginRetryAfter(database.db, keys, new Date("2026-01-01T10:15:01Z"))).toBe(0);
    const [rows] = await database.db.select({ n: count() }).from(loginFailure);
    expect(rows!.n).toBe(ACCOUNT_LIMIT * 2);
  });
});

describe("sessions", () => {
  it("expire after 30 days and are renewed when half is used", async () => {
    const { id } = await userWithSession(database.db);
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(database.db, id, start);
    const day = 24 * 60 * 60 * 1000;
    const early = await validateSessionToken(database.db, token, new Date(start.getTime() + 10 * day));
    expect(early?.renewed).toBe(false);
    expect(early?.session.expiresAt.getTime()).toBe(start.getTime() + SESSION_DAYS * day);
    const later = new Date(start.getTime() + 16 * day);
    const renewed = await validateSessionToken(database.db, token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_DAYS * day);
    const expired = await validateSessionToken(database.db, token, new Date(later.getTime() + 31 * day));
    expect(expired).toBeNull();
    const left = await database.db
      .select()
      .from(session)
      .where(eq(session.id, hashToken(token)));
    expect(left).toEqual([]);
  });

  it("a renewed session gets its cookie again, a dead one is cleared", async () => {
    const { id } = await userWithSession(database.db);
    const { token } = await createSession(database.db, id);
    await database.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() + 3 * 24 * 60 * 60 * 1000) })
      .where(eq(session.id, hashToken(token)));
    const renewed = await call(rootLoader, get("/", { Cookie: `avk_sessie=${token}` }));
    expect(body(renewed).user).toMatchObject({ role: "member" });
    const setCookie = (renewed as { init: { headers: Record<string, string> } }).init.headers["Set-Cookie"];
    expect(setCookie).toContain(`avk_sessie=${token}`);
    const dead = await call(rootLoader, get("/", { Cookie: "avk_sessie=abcdefghijklmnopqrstuvwxyz234567" }));
    expect(body(dead).user).toBeNull();
    expect((dead as { init: { headers: Record<string, string> } }).init.headers["Set-Cookie"]).toContain(
      "Max-Age=0",
    );
  });

  it("log out ends this session; log out everywhere ends them all", async () => {
    const a = await userWithSession(database.db);
    const second = await createSession(database.db, a.id);
    const out = (await call(logoutAction, post("/uitloggen", {}, { Cookie: a.cookie }))) as Response;
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await validateSessionToken(database.db, a.token)).toBeNull();
    expect(await validateSessionToken(database.db, second.token)).not.toBeNull();
    await createSession(database.db, a.id);
    const all = await thrownOrReturned(() =>
      call(
        accountAction,
        post("/account", { intent: "overal-uitloggen" }, { Cookie: `avk_sessie=${second.token}` }),
      ),
    );
    expect(all.headers.get("Location")).toBe("/inloggen");
    const [n] = await database.db.select({ n: count() }).from(session).where(eq(session.userId, a.id));
    expect(n!.n).toBe(0);
  });
});

async function thrownOrReturned(fn: () => Promise<unknown>): Promise<Response> {
  try {
    return (await fn()) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("passwords", () => {
  it("changing one ends every other session and the old password stops working", async () => {
    const a = await userWithSession(database.db);
    const other = await createSession(database.db, a.id);
    const wrong = await call(
      accountAction,
      post(
        "/account",
        { intent: "wachtwoord", currentPassword: "fout", newPassword: "een-nieuw-lang-wachtwoord" },
        { Cookie: a.cookie },
      ),
    );
    expect(status(wrong)).toBe(400);
    const ok = await call(
      accountAction,
      post(
        "/account",
        { intent: "wachtwoord", currentPassword: PASSWORD, newPassword: "een-nieuw-lang-wachtwoord" },
        { Cookie: a.cookie },
      ),
    );
    expect(status(ok)).toBe(200);
    expect(await validateSessionToken(database.db, other.token)).toBeNull();
    expect(await validateSessionToken(database.db, a.token)).toBeNull();
    const newCookie = (ok as { init: { headers: Record<string, string> } }).init.headers["Set-Cookie"]!;
    expect(newCookie).toMatch(/^avk_sessie=[a-z2-7]{32};/);
    expect(status(await loginFrom("192.0.2.60", a.email, PASSWORD))).toBe(400);
    expect(status(await loginFrom("192.0.2.60", a.email, "een-nieuw-lang-wachtwoord"))).toBe(302);
  });

  it("a reset link is mailed only for real accounts, works once, for an hour", async () => {
    const a = await userWithSession(database.db);
    const unknown = await call(forgotAction, post("/wachtwoord-vergeten", { email: "niemand@example.org" }));
    const known = await call(forgotAction, post("/wachtwoord-vergeten", { email: a.email }));
    expect(known).toEqual(unknown);
    await settleAfterResponse();
    const mails = readdirSync(mailDir);
    expect(mails).toHaveLength(1);
    const mail = JSON.parse(readFileSync(path.join(mailDir, mails[0]!), "utf8"));
    expect(mail.to).toBe(a.email);
    const link = /http:\/\/localhost:3000\/wachtwoord-herstellen\?token=([a-z2-7]{32})/.exec(mail.text);
    expect(link).not.toBeNull();
    const token = link![1]!;
    expect(await call(resetLoader, get(`/wachtwoord-herstellen?token=${token}`))).toEqual({
      token,
      valid: true,
    });
    // A refused password leaves the link usable.
    expect(
      status(await call(resetAction, post("/wachtwoord-herstellen", { token, newPassword: "kort" }))),
    ).toBe(400);
    const done = (await call(
      resetAction,
      post("/wachtwoord-herstellen", { token, newPassword: "hersteld-en-lang-genoeg" }),
    )) as Response;
    expect(done.status).toBe(302);
    expect(sessionTokenFrom(done)).toMatch(/^[a-z2-7]{32}$/);
    expect(await validateSessionToken(database.db, a.token)).toBeNull();
    const again = await call(
      resetAction,
      post("/wachtwoord-herstellen", { token, newPassword: "nog-een-keer-proberen" }),
    );
    expect(status(again)).toBe(400);
    expect(await call(resetLoader, get(`/wachtwoord-herstellen?token=${token}`))).toEqual({
      token: "",
      valid: false,
    });
  });

  it("limits reset requests per address without saying whether it has an account", async () => {
    const a = await userWithSession(database.db);
    for (let i = 0; i < 5; i++) {
      expect(status(await call(forgotAction, post("/wachtwoord-vergeten", { email: a.email })))).toBe(200);
    }
    const limited = await call(forgotAction, post("/wachtwoord-vergeten", { email: a.email }));
    expect(status(limited)).toBe(429);
    await settleAfterResponse();
    expect(readdirSync(mailDir)).toHaveLength(5);
    // An unknown address is limited the same way.
    for (let i = 0; i < 5; i++)
      await call(forgotAction, post("/wachtwoord-vergeten", { email: "niemand@example.org" }));
    expect(
      status(await call(forgotAction, post("/wachtwoord-vergeten", { email: "niemand@example.org" }))),
    ).toBe(429);
  });

  it("a reset link older than an hour is refused", async () => {
    const a = await userWithSession(database.db);
    await call(forgotAction, post("/wachtwoord-vergeten", { email: a.email }));
    await settleAfterResponse();
    const mail = JSON.parse(readFileSync(path.join(mailDir, readdirSync(mailDir)[0]!), "utf8"));
    const token = /token=([a-z2-7]{32})/.exec(mail.text)![1]!;
    await database.db.update(passwordReset).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(
      status(
        await call(resetAction, post("/wachtwoord-herstellen", { token, newPassword: "te-laat-maar-lang" })),
      ),
    ).toBe(400);
  });
});

describe("privacy (AVG)", () => {
  it("a member downloads their data without secrets", async () => {
    const a = await userWithSession(database.db, "member", "Bram Jansen");
    const response = (await call(exportLoader, get("/account/gegevens", { Cookie: a.cookie }))) as Response;
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const text = await response.text();
    const json = JSON.parse(text);
    expect(json.account).toMatchObject({ name: "Bram Jansen", email: a.email, role: "member" });
    expect(json.sessions).toHaveLength(1);
    expect(text).not.toContain("argon2");
    expect(text).not.toContain(a.token);
    expect(text).not.toContain(hashToken(a.token));
  });

  it("deleting an account removes personal data and keeps contributions attributed", async () => {
    const a = await userWithSession(database.db, "member", "Bram Jansen");
    const refused = await call(
      accountAction,
      post("/account", { intent: "verwijderen", password: PASSWORD }, { Cookie: a.cookie }),
    );
    expect(status(refused)).toBe(400); // the confirmation box was not ticked
    const gone = await thrownOrReturned(() =>
      call(
        accountAction,
        post("/account", { intent: "verwijderen", password: PASSWORD, confirm: "ja" }, { Cookie: a.cookie }),
      ),
    );
    expect(gone.status).toBe(302);
    const [row] = await database.db.select().from(user).where(eq(user.id, a.id));
    expect(row).toMatchObject({ name: "verwijderde gebruiker", passwordHash: null, institutionId: null });
    expect(row!.email).not.toContain("archief.example");
    expect(row!.deletedAt).not.toBeNull();
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.actorId, a.id));
    expect(audit.map((x) => x.action)).toContain("user.register");
    expect(await validateSessionToken(database.db, a.token)).toBeNull();
    expect(status(await loginFrom("192.0.2.70", a.email, PASSWORD))).toBe(400);
  });
});

describe("roles", () => {
  it("an anonymous visitor of /beheer goes to /inloggen, a member gets 403, a moderator gets in", async () => {
    const anonymous = await thrownResponse(() => call(beheerLoader, get("/beheer")));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/inloggen?redirectTo=%2Fbeheer");
    const member = await userWithSession(database.db, "member");
    expect(
      (await thrownResponse(() => call(beheerLoader, get("/beheer", { Cookie: member.cookie })))).status,
    ).toBe(403);
    const moderator = await userWithSession(database.db, "moderator");
    expect(await call(beheerLoader, get("/beheer", { Cookie: moderator.cookie }))).toMatchObject({
      canManageUsers: false,
    });
  });

  it("role changes are audited and the last admin stays", async () => {
    const admin = await userWithSession(database.db, "admin");
    const member = await userWithSession(database.db, "member");
    await setRole(database.db, admin.id, member.id, "moderator");
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.role"));
    expect(entry).toMatchObject({
      actorId: admin.id,
      subject: `user:${member.id}`,
      details: { from: "member", to: "moderator" },
    });
    await expect(setRole(database.db, admin.id, admin.id, "member")).rejects.toThrow(AccountError);
  });

  it("the seed makes the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, once", async () => {
    const options = {
      admin: { email: "Beheer@AVA-net.example", password: "lange-zin-voor-de-eerste-admin" },
    };
    expect((await seed(database.db, options)).admin).toBe("created");
    expect((await seed(database.db, options)).admin).toBe("unchanged");
    const admins = await database.db.select().from(user).where(eq(user.role, "admin"));
    expect(admins.map((a) => a.email)).toEqual(["beheer@ava-net.example"]);
  });
});

describe("origin check", () => {
  it("lets only this site's own forms change things", () => {
    const site = "https://av-kennisnet.nl";
    expect(isSameOriginRequest("GET", {}, site)).toBe(true);
    expect(isSameOriginRequest("POST", { origin: site }, site)).toBe(true);
    expect(isSameOriginRequest("POST", { origin: "https://evil.example" }, site)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "null" }, site)).toBe(false);
    expect(isSameOriginRequest("POST", {}, site)).toBe(false);
    expect(isSameOriginRequest("POST", { referer: `${site}/inloggen` }, site)).toBe(true);
    expect(isSameOriginRequest("DELETE", { referer: "https://evil.example/x" }, site)).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "http://av-kennisnet.nl" }, site)).toBe(false);
  });
});
