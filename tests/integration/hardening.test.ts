// Issue #24 (hardening): the findings of the outside probe that live in loaders, actions and
// modules, on a real database. The request-level ones (proxy headers, body limits, methods)
// are replayed against the running server in tests/e2e/security-probe.test.ts.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { dictionary } from "@zxcvbn-ts/language-common";
import { eq } from "drizzle-orm";
import { strToU8, Zip, ZipDeflate, zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settleAfterResponse } from "#app/modules/after-response.server.ts";
import { findOrCreateConfirmedInstitution } from "#app/modules/auth/institutions.server.ts";
import { MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from "#app/modules/auth/password.server.ts";
import {
  createSession,
  hashToken,
  SESSION_DAYS,
  STAFF_SESSION_ABSOLUTE_MS,
  STAFF_SESSION_IDLE_MS,
  validateSessionToken,
} from "#app/modules/auth/session.server.ts";
import { EnvError, loadEnv } from "#app/modules/env.server.ts";
import {
  getPublishedArticle,
  recordFeedback,
  saveRevision,
  setArchived,
  upsertPublishedContent,
} from "#app/modules/kennisbank/articles.server.ts";
import {
  MAX_UNZIPPED_BYTES,
  MAX_UNZIPPED_ENTRY_BYTES,
  UNZIP_SLICE_MAX_BYTES,
  unzipArticles,
} from "#app/modules/kennisbank/bulk.server.ts";
import { serializeArticleFile } from "#app/modules/kennisbank/front-matter.server.ts";
import { describeError } from "#app/modules/log.server.ts";
import { loader as rootLoader } from "#app/root.tsx";
import { action as accountAction, headers as accountHeaders } from "#app/routes/account._index.tsx";
import { loader as exportLoader } from "#app/routes/account.gegevens.ts";
import { action as importAction, loader as importLoader } from "#app/routes/beheer.kennisbank.import.tsx";
import { loader as healthz } from "#app/routes/healthz.ts";
import { action as loginAction } from "#app/routes/inloggen.tsx";
import { action as articleAction } from "#app/routes/kennisbank.$slug.tsx";
import { action as editAction, loader as editLoader } from "#app/routes/kennisbank.$slug_.bewerken.tsx";
import { action as registerAction } from "#app/routes/registreren.tsx";
import { action as logoutAction } from "#app/routes/uitloggen.ts";
import { action as resetAction } from "#app/routes/wachtwoord-herstellen.tsx";
import { action as forgotAction } from "#app/routes/wachtwoord-vergeten.tsx";
import { type Database, describeStartError, openPglite } from "#db/client.server.ts";
import { institution, session, user } from "#db/schema/auth.ts";
import { article } from "#db/schema/kennisbank.ts";
import { ensureConfiguredAdmin, isEmpty, seed } from "#db/seed/index.server.ts";
import { PASSWORD, userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { articleContent, system } from "#tests/support/factories.ts";
import { mailsIn } from "#tests/support/mail.ts";
import { contextFor, get, ORIGIN, post, thrownResponse } from "#tests/support/remix.ts";

const sample = articleContent({ body: "Bewaar banden koel en droog.", institutionTypes: [] });

let database: Database;
let context: AppLoadContext;
let mailDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(path.join(os.tmpdir(), "avk-hardening-mail-"));
  context = contextFor(database, { env: loadEnv({ NODE_ENV: "test", MAIL_DIR: mailDir, PORT: "3000" }) });
  await upsertPublishedContent(database.db, system, sample);
});
afterEach(async () => {
  await database?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

const editForm = (baseRevisionId: number, overrides: Record<string, string> = {}) => ({
  locale: "nl",
  baseRevisionId: String(baseRevisionId),
  title: sample.title,
  summary: sample.summary,
  body: "Een voorstel.",
  topics: "storage",
  lastReviewed: "2026-11-20",
  sources: "IASA TC-05",
  related: "",
  uncertain: "",
  note: "",
  ...overrides,
});

async function loadEdit(cookie: string) {
  return (await editLoader({
    request: get("/kennisbank/proefartikel/bewerken", { Cookie: cookie }),
    params: { slug: "proefartikel" },
    context,
  })) as { fields: { body: string; baseRevisionId: string }; startsFromDraft: boolean };
}

describe("finding 2: drafts and archived articles stay with the moderators", () => {
  it("a member edits from the published text, not from another member's suggestion", async () => {
    const anna = await userWithSession(database.db, "member", "Anna");
    const bert = await userWithSession(database.db, "member", "Bert");
    const moderator = await userWithSession(database.db, "moderator");
    const published = (await getPublishedArticle(database.db, "proefartikel", "nl"))!.revisionId;
    const saved = await saveRevision(
      database.db,
      { id: bert.id, role: "member" },
      {
        slug: "proefartikel",
        locale: "nl",
        title: sample.title,
        summary: sample.summary,
        body: "Bert's geheime voorstel.",
        data: { ...sample } as never,
        baseRevisionId: published,
      },
    );
    expect(saved.ok).toBe(true);

    const annas = await loadEdit(anna.cookie);
    expect(annas.fields.body).toBe(sample.body);
    expect(annas.fields.baseRevisionId).toBe(String(published));
    expect(annas.startsFromDraft).toBe(false);
    // The moderator starts from the newest suggestion.
    expect((await loadEdit(moderator.cookie)).fields.body).toBe("Bert's geheime voorstel.");

    // Anna's own suggestion on the published text saves; no conflict shows her Bert's text.
    const response = await editAction({
      request: post("/kennisbank/proefartikel/bewerken", editForm(published, { body: "Anna's voorstel." }), {
        Cookie: anna.cookie,
      }),
      params: { slug: "proefartikel" },
      context,
    });
    expect((response as Response).status).toBe(302);
  });

  it("an archived article's edit form is a 404 for members, and saving there too", async () => {
    const anna = await userWithSession(database.db, "member");
    const moderator = await userWithSession(database.db, "moderator");
    const published = (await getPublishedArticle(database.db, "proefartikel", "nl"))!.revisionId;
    await setArchived(database.db, { id: moderator.id, role: "moderator" }, "proefartikel", true);
    const load = await thrownResponse(() => loadEdit(anna.cookie));
    expect(load.status).toBe(404);
    const save = await thrownResponse(() =>
      editAction({
        request: post("/kennisbank/proefartikel/bewerken", editForm(published), { Cookie: anna.cookie }),
        params: { slug: "proefartikel" },
        context,
      }),
    );
    expect(save.status).toBe(404);
    expect((await loadEdit(moderator.cookie)).fields.body).toBe(sample.body);
  });
});

describe("finding 3: links people enter are http(s) only", () => {
  for (const url of ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>"]) {
    it(`refuses a source ${url.split(":")[0]}: on the server`, async () => {
      const anna = await userWithSession(database.db, "member");
      const published = (await getPublishedArticle(database.db, "proefartikel", "nl"))!.revisionId;
      const refused = (await editAction({
        request: post(
          "/kennisbank/proefartikel/bewerken",
          editForm(published, { sources: `Klik hier | ${url}` }),
          { Cookie: anna.cookie },
        ),
        params: { slug: "proefartikel" },
        context,
      })) as unknown as { init: { status: number }; data: { errors: Record<string, string> } };
      expect(refused.init.status).toBe(400);
      expect(refused.data.errors.sources).toContain("https://");
      await expect(
        upsertPublishedContent(database.db, system, { ...sample, sources: [{ title: "x", url }] }),
      ).rejects.toThrow();
    });
  }
});

describe("finding 5: reset links come from the configuration", () => {
  it("ignores the Host the request names", async () => {
    const anna = await userWithSession(database.db, "member");
    const request = new Request("http://evil.example/wachtwoord-vergeten", {
      method: "POST",
      body: new URLSearchParams({ email: anna.email }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example" },
    });
    await forgotAction({ request, params: {}, context });
    await settleAfterResponse();
    const mails = readdirSync(mailDir).map((f) => readFileSync(path.join(mailDir, f), "utf8"));
    expect(mails).toHaveLength(1);
    expect(mails[0]).not.toContain("evil.example");
    expect(mails[0]).toContain("http://localhost:3000/wachtwoord-herstellen?token=");
  });
});

describe("finding 9: feedback to an unknown article", () => {
  it("is a 404, not a 500", async () => {
    const anna = await userWithSession(database.db, "member");
    const response = await thrownResponse(() =>
      articleAction({
        request: post("/kennisbank/bestaat-niet", { helpful: "ja" }, { Cookie: anna.cookie }),
        params: { slug: "bestaat-niet" },
        context,
      }),
    );
    expect(response.status).toBe(404);
  });
});

describe("finding 10: logs carry no query parameters", () => {
  it("a failed query is logged with its statement and reason, without its parameters", async () => {
    const hash = "$argon2id$v=19$m=19456,t=2,p=1$geheimzout$geheimehash";
    let failure: unknown;
    try {
      // Two users with the same e-mail address: the second insert fails on the unique index.
      for (let i = 0; i < 2; i++) {
        await database.db
          .insert(user)
          .values({ id: `dubbel-${i}`, name: "Dubbel", email: "dubbel@example.org", passwordHash: hash });
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    // Without the redaction the message itself carries them.
    expect(String((failure as Error).message)).toContain("dubbel@example.org");
    const logged = describeError(failure);
    expect(logged).toContain("insert into");
    expect(logged).not.toContain("dubbel@example.org");
    expect(logged).not.toContain("geheimehash");
  });
});

describe("finding 12: the health check reads the database", () => {
  it("answers 503 once the embedded database's directory is gone", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "avk-health-"));
    const dir = path.join(root, "pglite");
    const own = await openPglite(dir);
    try {
      await own.migrate();
      const ownContext = contextFor(own, { dataDir: dir });
      const ok = await healthz({ request: get("/healthz"), params: {}, context: ownContext });
      expect(ok.status).toBe(200);
      rmSync(dir, { recursive: true, force: true });
      const gone = await healthz({ request: get("/healthz"), params: {}, context: ownContext });
      expect(gone.status).toBe(503);
      expect(await gone.json()).toMatchObject({ status: "error", database: { ok: false } });
    } finally {
      await own.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    }
    // Its own database on disk: migrating it takes a while on a busy machine.
  }, 180_000);
});

describe("finding 6: login limits under parallel guesses", () => {
  it("40 wrong passwords at once get 5 password checks, the rest 429", async () => {
    const anna = await userWithSession(database.db, "member");
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        loginAction({
          request: post("/inloggen", { email: anna.email, password: "fout-wachtwoord-123" }),
          params: {},
          context,
        }),
      ),
    );
    const statuses = answers.map((a) => (a as unknown as { init: { status: number } }).init.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  }, 120_000);
});

describe("finding 7: password checks on the account page and registration are limited", () => {
  it("5 wrong current passwords, then 429, even with the right one", async () => {
    const anna = await userWithSession(database.db, "member");
    const change = (current: string) =>
      accountAction({
        request: post(
          "/account",
          { intent: "wachtwoord", currentPassword: current, newPassword: "een-heel-nieuw-wachtwoord" },
          { Cookie: anna.cookie },
        ),
        params: {},
        context,
      }) as unknown as Promise<{ init: { status: number } | null }>;
    for (let i = 0; i < 5; i++) expect((await change("fout-wachtwoord-123")).init?.status).toBe(400);
    expect((await change(PASSWORD)).init?.status).toBe(429);
    const remove = (await accountAction({
      request: post(
        "/account",
        { intent: "verwijderen", password: PASSWORD, confirm: "ja" },
        { Cookie: anna.cookie },
      ),
      params: {},
      context,
    })) as unknown as { init: { status: number } };
    expect(remove.init.status).toBe(429);
  }, 120_000);

  it("registration: at most 10 per client address in 15 minutes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const answer = await registerAction({
        request: post("/registreren", {
          name: `Nieuw ${i}`,
          email: `nieuw-${i}@archief.example`,
          password: "zeven-spoelbanden-op-zolder",
          institution: "",
        }),
        params: {},
        context,
      });
      statuses.push(
        answer instanceof Response ? answer.status : (answer as { init: { status: number } }).init.status,
      );
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(302));
    expect(statuses[10]).toBe(429);
  }, 180_000);
});

describe("finding 15: changing the password", () => {
  it("refuses the same password and keeps the member logged in with a new session cookie", async () => {
    const anna = await userWithSession(database.db, "member");
    const same = (await accountAction({
      request: post(
        "/account",
        { intent: "wachtwoord", currentPassword: PASSWORD, newPassword: PASSWORD },
        { Cookie: anna.cookie },
      ),
      params: {},
      context,
    })) as unknown as { init: { status: number }; data: { errors: Record<string, string> } };
    expect(same.init.status).toBe(400);
    expect(same.data.errors.newPassword).toContain("ander wachtwoord");
    const changed = (await accountAction({
      request: post(
        "/account",
        { intent: "wachtwoord", currentPassword: PASSWORD, newPassword: "een-heel-nieuw-wachtwoord" },
        { Cookie: anna.cookie },
      ),
      params: {},
      context,
    })) as unknown as { init: { headers: Record<string, string> } };
    const cookie = changed.init.headers["Set-Cookie"]!;
    expect(cookie).toMatch(/^avk_sessie=[a-z2-7]{32};/);
    // The document answer (no JavaScript) carries that cookie too.
    const headers = new Headers(
      accountHeaders({
        actionHeaders: new Headers({ "Set-Cookie": cookie }),
        loaderHeaders: new Headers(),
        parentHeaders: new Headers(),
        errorHeaders: undefined,
      }),
    );
    expect(headers.get("Set-Cookie")).toBe(cookie);
  });
});

describe("finding 14: the personal data download", () => {
  it("has the member's feedback and edit suggestions, and nobody else's", async () => {
    const anna = await userWithSession(database.db, "member", "Anna");
    const bert = await userWithSession(database.db, "member", "Bert");
    const published = (await getPublishedArticle(database.db, "proefartikel", "nl"))!.revisionId;
    await recordFeedback(database.db, anna.id, "proefartikel", false, "De temperatuur ontbreekt.");
    await recordFeedback(database.db, bert.id, "proefartikel", true, "Bert vond het nuttig.");
    const saved = await saveRevision(
      database.db,
      { id: anna.id, role: "member" },
      {
        slug: "proefartikel",
        locale: "nl",
        title: sample.title,
        summary: sample.summary,
        body: "Annas voorstel: bewaar banden bij 18 graden.",
        data: { ...sample } as never,
        baseRevisionId: published,
        note: "Temperatuur toegevoegd",
      },
    );
    expect(saved.ok).toBe(true);
    const response = (await exportLoader({
      request: get("/account/gegevens", { Cookie: anna.cookie }),
      params: {},
      context,
    })) as Response;
    const text = await response.text();
    const json = JSON.parse(text);
    expect(json.kennisbank.feedback).toMatchObject([
      { article: "proefartikel", helpful: false, comment: "De temperatuur ontbreekt." },
    ]);
    expect(json.kennisbank.suggestions).toHaveLength(1);
    expect(json.kennisbank.suggestions[0]).toMatchObject({
      article: "proefartikel",
      body: "Annas voorstel: bewaar banden bij 18 graden.",
    });
    expect(text).not.toContain("Bert vond het nuttig.");
  });
});

describe("finding 16: institution names are compared after normalising", () => {
  it("a no-break space, doubled or zero-width spaces and full-width letters make no new proposal", async () => {
    const names = ["Archief Alpha", "Archief\u00a0Alpha", " Archief  Alpha\u200b ", "Ａrchief Alpha"];
    for (const [i, name] of names.entries()) {
      const answer = await registerAction({
        request: post("/registreren", {
          name: `Lid ${i}`,
          email: `lid-${i}@alpha.example`,
          password: "zeven-spoelbanden-op-zolder",
          institution: "nieuw",
          newInstitutionName: name,
          newInstitutionType: "Archief",
        }),
        params: {},
        context,
      });
      expect(answer instanceof Response ? answer.status : 0).toBe(302);
    }
    const rows = await database.db.select({ id: institution.id, name: institution.name }).from(institution);
    expect(rows.map((r) => r.name)).toEqual(["Archief Alpha"]);
    const members = await database.db.select({ institutionId: user.institutionId }).from(user);
    expect(new Set(members.map((m) => m.institutionId))).toEqual(new Set([rows[0]!.id]));

    // A moderator linking survey answers finds the same institution.
    const moderator = await userWithSession(database.db, "moderator");
    const id = await findOrCreateConfirmedInstitution(database.db, moderator.id, {
      name: "archief\u2003alpha",
      type: "Archief",
    });
    expect(id).toBe(rows[0]!.id);
  }, 120_000);
});

describe("finding 17: the first admin and the data directory at start", () => {
  it("a refused ADMIN_PASSWORD stops the configuration check, with the rule", () => {
    expect(() =>
      loadEnv({ NODE_ENV: "test", ADMIN_EMAIL: "beheer@av.example", ADMIN_PASSWORD: "kort" }),
    ).toThrow(EnvError);
    expect(() =>
      loadEnv({ NODE_ENV: "test", ADMIN_EMAIL: "beheer@av.example", ADMIN_PASSWORD: "wachtwoord123" }),
    ).toThrow(/ADMIN_PASSWORD/);
    expect(
      loadEnv({
        NODE_ENV: "test",
        ADMIN_EMAIL: "beheer@av.example",
        ADMIN_PASSWORD: "zeven-spoelbanden-op-zolder",
      }).ADMIN_PASSWORD,
    ).toBe("zeven-spoelbanden-op-zolder");
  });

  it("the seed writes nothing when the admin's password is refused", async () => {
    const fresh = await createTestDatabase();
    try {
      await expect(
        seed(fresh.db, { admin: { email: "beheer@av.example", password: "kort" } }),
      ).rejects.toThrow();
      expect(await isEmpty(fresh.db)).toBe(true);
      expect(await fresh.db.select().from(user)).toEqual([]);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it("a missing admin is created at a later start; an existing account is not promoted", async () => {
    const admin = { email: "beheer@av.example", password: "zeven-spoelbanden-op-zolder" };
    // The seed ran once without ADMIN_EMAIL (beforeEach wrote content), then it was configured.
    expect(await ensureConfiguredAdmin(database.db, { admin })).toBe("created");
    expect(await ensureConfiguredAdmin(database.db, { admin })).toBe("unchanged");
    const [row] = await database.db.select().from(user).where(eq(user.email, admin.email));
    expect(row!.role).toBe("admin");
    await database.db.update(user).set({ role: "member" }).where(eq(user.id, row!.id));
    expect(await ensureConfiguredAdmin(database.db, { admin })).toBe("unchanged");
    const [after] = await database.db.select().from(user).where(eq(user.email, admin.email));
    expect(after!.role).toBe("member");
  }, 120_000);

  it("a data directory opened through a symlink takes the lock of the real directory", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "avk-symlink-"));
    const real = path.join(root, "echt");
    const link = path.join(root, "link");
    const first = await openPglite(real);
    try {
      symlinkSync(real, link);
      expect(existsSync(`${real}.lock`)).toBe(true);
      await first.close();
      const viaLink = await openPglite(link);
      expect(existsSync(`${real}.lock`)).toBe(true);
      expect(existsSync(`${link}.lock`)).toBe(false);
      await viaLink.close();
    } finally {
      await first.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('a start failure that is not an Error is described, not "[object Object]"', () => {
    expect(describeStartError({ message: "database is locked" })).toBe("database is locked");
    expect(describeStartError({ code: "EBUSY" })).toBe('{"code":"EBUSY"}');
    expect(describeStartError(new Error("kapot"))).toBe("kapot");
    expect(describeStartError({})).not.toContain("[object Object]");
  });
});

describe("finding 8: a reset request answers before any work on the address", () => {
  it("answers the same, with no mail written yet, for an existing and an unknown address", async () => {
    const anna = await userWithSession(database.db, "member");
    const ask = (email: string) =>
      forgotAction({ request: post("/wachtwoord-vergeten", { email }), params: {}, context });
    const unknown = await ask("niemand@archief.example");
    const known = await ask(anna.email);
    expect(known).toEqual(unknown);
    // The lookup, the token and the mail come after the answer: nothing is written yet.
    expect(readdirSync(mailDir)).toEqual([]);
    await settleAfterResponse();
    const mails = mailsIn(mailDir);
    expect(mails.map((m) => m.to)).toEqual([anna.email]);
  });
});

/**
 * A raw DEFLATE stream of `n` zero bytes, written by hand in one fixed-Huffman block (a literal 0,
 * then "copy 258 bytes from 1 back" over and over): 13 bits per 258 bytes, about 160 times
 * smaller than what it unpacks to, without having to compress a gigabyte in the test. (Bombs with
 * dynamic Huffman codes reach about 1032 times; for the reader that makes no difference.)
 */
function deflatedZeros(n: number): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  const put = (value: number, length: number) => {
    acc |= value << bits;
    bits += length;
    while (bits >= 8) {
      out.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  };
  // Huffman codes go in most significant bit first.
  const code = (value: number, length: number) => {
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((value >> i) & 1) << (length - 1 - i);
    put(reversed, length);
  };
  put(1, 1); // last block
  put(1, 2); // fixed Huffman codes
  code(0x30, 8); // literal 0
  let left = n - 1;
  for (; left >= 258; left -= 258) {
    code(0xc5, 8); // length 258
    code(0, 5); // distance 1
  }
  for (; left > 0; left--) code(0x30, 8);
  code(0, 7); // end of block
  if (bits) out.push(acc & 0xff);
  return Uint8Array.from(out);
}

/** A zip of DEFLATE entries that each claim to unpack to `declared` bytes, whatever they really do. */
function zipWith(entries: { name: string; deflated: Uint8Array; declared: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true); // DEFLATE
    local.setUint32(18, entry.deflated.length, true);
    local.setUint32(22, entry.declared, true);
    local.setUint16(26, name.length, true);
    const header = new DataView(new ArrayBuffer(46));
    header.setUint32(0, 0x02014b50, true);
    header.setUint16(4, 20, true);
    header.setUint16(6, 20, true);
    header.setUint16(10, 8, true);
    header.setUint32(20, entry.deflated.length, true);
    header.setUint32(24, entry.declared, true);
    header.setUint16(28, name.length, true);
    header.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, entry.deflated);
    central.push(new Uint8Array(header.buffer), name);
    offset += 30 + name.length + entry.deflated.length;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const zip = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of all) {
    zip.set(part, at);
    at += part.length;
  }
  return zip;
}

describe("finding 13: a zip that unpacks to far more than it weighs", () => {
  async function upload(cookie: string, files: { name: string; bytes: Uint8Array }[]) {
    const form = new FormData();
    for (const file of files) form.append("files", new File([new Uint8Array(file.bytes)], file.name));
    return (await importAction({
      request: new Request(new URL("/beheer/kennisbank/import", ORIGIN), {
        method: "POST",
        body: form,
        headers: { Origin: ORIGIN, Cookie: cookie },
      }),
      params: {},
      context,
    })) as unknown as
      | { init: { status: number }; data: { step: "error"; problems: { file: string; message: string }[] } }
      | { step: "preview"; items: { slug: string }[]; contents: string };
  }
  const articles = async () => (await database.db.select({ slug: article.slug }).from(article)).length;

  it("a 7 MB zip that claims 1 KB and unpacks to 1 GiB is refused at once, and nothing is stored", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const before = await articles();
    const deflated = deflatedZeros(1024 * 1024 * 1024);
    expect(deflated.length).toBeLessThan(8 * 1024 * 1024);
    const bomb = zipWith([{ name: "kennisbank/praktijk/bom.md", deflated, declared: 1000 }]);
    const answer = await upload(moderator.cookie, [{ name: "bom.zip", bytes: bomb }]);
    expect("init" in answer && answer.init.status).toBe(400);
    if (!("init" in answer)) return;
    expect(answer.data.problems).toEqual([
      {
        file: "bom.zip",
        message: `'kennisbank/praktijk/bom.md' is uitgepakt groter dan ${MAX_UNZIPPED_ENTRY_BYTES / 1024 / 1024} MB; er is niets geïmporteerd.`,
      },
    ]);
    // It stops at the limit: reading all of it took 2.45 s in the probe (6.7 s before the fix).
    // What it unpacked is counted, not timed (a wall-clock limit failed on a busy machine).
    const direct = unzipArticles(bomb);
    expect(direct.ok).toBe(false);
    expect(direct.inflated).toBeLessThanOrEqual(MAX_UNZIPPED_ENTRY_BYTES + UNZIP_SLICE_MAX_BYTES);
    expect(await articles()).toBe(before);
  });

  it("entries under the per-file limit stop at the limit for the whole import, across zips", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const before = await articles();
    const deflated = deflatedZeros(MAX_UNZIPPED_ENTRY_BYTES - 1024);
    const count = Math.ceil(MAX_UNZIPPED_BYTES / MAX_UNZIPPED_ENTRY_BYTES) + 2;
    const entries = Array.from({ length: count }, (_, i) => ({ name: `a${i}.md`, deflated, declared: 100 }));
    // Also in two zips of one upload: the limit is for the whole import.
    const half = Math.ceil(count / 2);
    const answer = await upload(moderator.cookie, [
      { name: "een.zip", bytes: zipWith(entries.slice(0, half)) },
      { name: "twee.zip", bytes: zipWith(entries.slice(half)) },
    ]);
    expect("init" in answer && answer.init.status).toBe(400);
    if (!("init" in answer)) return;
    // (The zeros of een.zip are no articles either, and are reported as such.)
    expect(answer.data.problems).toContainEqual({
      file: "twee.zip",
      message: `Het zip-bestand is uitgepakt groter dan ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB; er is niets geïmporteerd.`,
    });
    expect(answer.data.problems.filter((p) => p.file.startsWith("twee.zip/"))).toEqual([]);
    // The second zip stops within one slice of what the first left of the limit.
    const first = unzipArticles(zipWith(entries.slice(0, half)));
    expect(first.ok).toBe(true);
    const second = unzipArticles(zipWith(entries.slice(half)), { already: first.inflated });
    expect(second.ok).toBe(false);
    expect(first.inflated + second.inflated).toBeLessThanOrEqual(MAX_UNZIPPED_BYTES + UNZIP_SLICE_MAX_BYTES);
    expect(await articles()).toBe(before);
  });

  it("a normal zip, also one written as a stream, is still read and imported", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const file = (slug: string) =>
      strToU8(
        serializeArticleFile({ ...sample, slug, title: `Artikel ${slug}`, body: "Tekst. ".repeat(2000) }),
      );
    // zipSync writes sizes up front; the streaming Zip writes them after the data (a data descriptor).
    const plain = zipSync(
      { "kennisbank/praktijk/gewoon.md": file("gewoon"), "LEESMIJ.txt": strToU8("x") },
      { level: 9 },
    );
    const streamed = await new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      const zip = new Zip((error, chunk, final) => {
        if (error) return reject(error);
        chunks.push(chunk);
        if (final) resolve(Uint8Array.from(chunks.flatMap((c) => [...c])));
      });
      const entry = new ZipDeflate("gestreamd.md", { level: 6 });
      zip.add(entry);
      entry.push(file("gestreamd"), true);
      zip.end();
    });
    const answer = await upload(moderator.cookie, [
      { name: "gewoon.zip", bytes: plain },
      { name: "gestreamd.zip", bytes: streamed },
    ]);
    expect("step" in answer && answer.step).toBe("preview");
    if (!("step" in answer)) return;
    expect(answer.items.map((i) => i.slug).sort()).toEqual(["gestreamd", "gewoon"]);
    const form = new FormData();
    form.append("intent", "apply");
    form.append("contents", answer.contents);
    const applied = (await importAction({
      request: new Request(new URL("/beheer/kennisbank/import", ORIGIN), {
        method: "POST",
        body: form,
        headers: { Origin: ORIGIN, Cookie: moderator.cookie },
      }),
      params: {},
      context,
    })) as unknown as { step: string; counts: { created: number } };
    expect(applied).toMatchObject({ step: "done", counts: { created: 2 } });
    expect((await getPublishedArticle(database.db, "gestreamd", "nl"))?.title).toBe("Artikel gestreamd");
  });
});

describe("ASVS 2.2.3 / 2.5.5: a mail after the password changes", () => {
  it("a change on the account page: a Dutch notice with when and what to do, without secrets", async () => {
    const anna = await userWithSession(database.db, "member", "Anna de Vries");
    const newPassword = "een-heel-nieuw-wachtwoord";
    const before = Date.now();
    const changed = (await accountAction({
      request: post(
        "/account",
        { intent: "wachtwoord", currentPassword: PASSWORD, newPassword },
        { Cookie: anna.cookie },
      ),
      params: {},
      context,
    })) as unknown as { init: { headers: Record<string, string> } };
    await settleAfterResponse();
    const [mail, ...more] = mailsIn(mailDir);
    expect(more).toEqual([]);
    expect(mail!.to).toBe(anna.email);
    expect(mail!.subject).toBe("Je wachtwoord voor AV-Kennisnet is gewijzigd");
    expect(mail!.text).toContain("Hallo Anna de Vries,");
    expect(mail!.text).toContain("gewijzigd op de accountpagina");
    // When, in Dutch and in Amsterdam time, to the minute of the change.
    const when = new Intl.DateTimeFormat("nl-NL", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "Europe/Amsterdam",
    });
    expect([when.format(before), when.format(Date.now())]).toContain(
      / is op (.+) \(Nederlandse tijd\)/.exec(mail!.text)?.[1],
    );
    expect(mail!.text).toContain("Heb je dit niet zelf gedaan?");
    expect(mail!.text).toContain("http://localhost:3000/wachtwoord-vergeten");
    // No secret: neither password, nor the old or the new session token.
    const newToken = /avk_sessie=([a-z2-7]{32})/.exec(changed.init.headers["Set-Cookie"]!)![1]!;
    for (const secret of [newPassword, PASSWORD, anna.token, newToken])
      expect(mail!.text).not.toContain(secret);
    expect(mail!.text).not.toMatch(/token=|[a-z2-7]{32}/);
  });

  it("a reset with the link: a notice too, in English for a member who reads the site in English", async () => {
    const bert = await userWithSession(database.db, "member", "Bert Jansen");
    // Mails follow the account's language (issue #17), not the cookie of whoever sends the form.
    await database.db.update(user).set({ language: "en" }).where(eq(user.id, bert.id));
    await forgotAction({ request: post("/wachtwoord-vergeten", { email: bert.email }), params: {}, context });
    await settleAfterResponse();
    const [resetMail] = mailsIn(mailDir);
    const token = /token=([a-z2-7]{32})/.exec(resetMail!.text)![1]!;
    rmSync(mailDir, { recursive: true, force: true });
    const newPassword = "hersteld-en-lang-genoeg";
    const done = (await resetAction({
      request: post("/en/wachtwoord-herstellen", { token, newPassword }),
      params: {},
      context,
    })) as Response;
    expect(done.status).toBe(302);
    await settleAfterResponse();
    const [mail, ...more] = mailsIn(mailDir);
    expect(more).toEqual([]);
    expect(mail!.to).toBe(bert.email);
    expect(mail!.subject).toBe("Your AV-Kennisnet password was changed");
    expect(mail!.text).toContain("Hello Bert Jansen,");
    expect(mail!.text).toContain("was reset with a link from a reset e-mail");
    expect(mail!.text).toContain("Was this not you?");
    for (const secret of [newPassword, token, bert.token]) expect(mail!.text).not.toContain(secret);
    expect(mail!.text).not.toMatch(/token=|[a-z2-7]{32}/);
  });

  it("a refused new password sends nothing", async () => {
    const anna = await userWithSession(database.db, "member");
    await accountAction({
      request: post(
        "/account",
        {
          intent: "wachtwoord",
          currentPassword: "verkeerd-wachtwoord-123",
          newPassword: "een-heel-nieuw-wachtwoord",
        },
        { Cookie: anna.cookie },
      ),
      params: {},
      context,
    });
    await settleAfterResponse();
    expect(existsSync(mailDir) ? readdirSync(mailDir) : []).toEqual([]);
  });
});

describe("ASVS 3.4.4: the session cookie is __Host- over https", () => {
  const httpsContext = () =>
    contextFor(database, {
      env: loadEnv({
        NODE_ENV: "test",
        MAIL_DIR: mailDir,
        PORT: "3000",
        APP_ORIGIN: "https://av-kennisnet.example",
      }),
    });
  const login = async (ctx: AppLoadContext, url: string, email: string) =>
    (await loginAction({
      request: new Request(url, {
        method: "POST",
        body: new URLSearchParams({ email, password: PASSWORD }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(url).origin },
      }),
      params: {},
      context: ctx,
    })) as Response;
  const userOf = async (ctx: AppLoadContext, url: string, cookie: string) =>
    (
      (await rootLoader({
        request: new Request(url, { headers: { Cookie: cookie } }),
        params: {},
        context: ctx,
      })) as {
        user: { name: string } | null;
      }
    ).user;

  it("with APP_ORIGIN on https: __Host-avk_sessie with Secure, Path=/ and no Domain; the plain name is ignored", async () => {
    const anna = await userWithSession(database.db, "member", "Anna over https");
    const ctx = httpsContext();
    const answer = await login(ctx, "https://av-kennisnet.example/inloggen", anna.email);
    const cookie = answer.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__Host-avk_sessie=[a-z2-7]{32}; /);
    const attributes = cookie.split("; ").slice(1);
    expect(attributes).toContain("Secure");
    expect(attributes).toContain("Path=/");
    expect(attributes).toContain("HttpOnly");
    expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false);
    const token = /=([a-z2-7]{32})/.exec(cookie)![1]!;
    expect(await userOf(ctx, "https://av-kennisnet.example/", `__Host-avk_sessie=${token}`)).toMatchObject({
      name: "Anna over https",
    });
    // A plain avk_sessie (set over http, by a subdomain, or before the rename) does not count over
    // https, and is cleared.
    const plain = (await rootLoader({
      request: new Request("https://av-kennisnet.example/", { headers: { Cookie: `avk_sessie=${token}` } }),
      params: {},
      context: ctx,
    })) as unknown as { data: { user: unknown }; init: { headers: Record<string, string> } };
    expect(plain.data.user).toBeNull();
    expect(plain.init.headers["Set-Cookie"]).toBe(
      "avk_sessie=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Secure",
    );
    // Logging out clears the same name.
    const out = (await logoutAction({
      request: new Request("https://av-kennisnet.example/uitloggen", {
        method: "POST",
        headers: { Cookie: `__Host-avk_sessie=${token}`, Origin: "https://av-kennisnet.example" },
      }),
      params: {},
      context: ctx,
    })) as Response;
    expect(out.headers.get("Set-Cookie")).toMatch(/^__Host-avk_sessie=; .*Max-Age=0.*; Secure$/);
  });

  it("behind a trusted proxy that says https (no APP_ORIGIN): __Host- too", async () => {
    const anna = await userWithSession(database.db, "member", "Anna over https");
    // Express builds the request's URL with https only when a proxy named in TRUST_PROXY says so.
    const answer = await login(context, "https://av-kennisnet.example/inloggen", anna.email);
    expect(answer.headers.get("Set-Cookie")).toMatch(/^__Host-avk_sessie=[a-z2-7]{32}; .*Secure/);
  });

  it("over plain http (npm start on a laptop): the plain name without Secure, and __Host- is ignored", async () => {
    const anna = await userWithSession(database.db, "member", "Anna over https");
    const answer = await login(context, "http://localhost:3000/inloggen", anna.email);
    const cookie = answer.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^avk_sessie=[a-z2-7]{32}; /);
    expect(cookie).not.toContain("Secure");
    const token = /=([a-z2-7]{32})/.exec(cookie)![1]!;
    expect(await userOf(context, "http://localhost:3000/", `avk_sessie=${token}`)).toMatchObject({
      name: "Anna over https",
    });
    expect(await userOf(context, "http://localhost:3000/", `__Host-avk_sessie=${token}`)).toBeNull();
  });
});

describe("ASVS 2.1.7: breached passwords are refused, offline", () => {
  it("every password of the shipped breach list that our length allows is refused, in any case", () => {
    const list = (dictionary["passwords-common"] as string[]).filter((p) => p.length >= MIN_PASSWORD_LENGTH);
    // The list is real data, not a handful: some hundreds of long breached passwords.
    expect(list.length).toBeGreaterThan(250);
    for (const password of list) {
      expect(passwordProblem(password), password).toContain("gelekte wachtwoorden");
      expect(passwordProblem(password.toUpperCase()), password).not.toBeNull();
    }
  });

  it("registration and a change refuse one with a Dutch message and store nothing", async () => {
    const register = await registerAction({
      request: post("/registreren", {
        name: "Carla Smit",
        email: "carla@archief.example",
        password: "LeaveMeAlone",
      }),
      params: {},
      context,
    });
    const refused = register as unknown as {
      init: { status: number };
      data: { errors: Record<string, string> };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors.password).toBe(
      "Dit wachtwoord staat in lijsten van gelekte wachtwoorden; aanvallers proberen het als eerste. Kies een ander.",
    );
    expect(await database.db.select().from(user).where(eq(user.email, "carla@archief.example"))).toEqual([]);

    const anna = await userWithSession(database.db, "member");
    const changed = (await accountAction({
      request: post(
        "/account",
        { intent: "wachtwoord", currentPassword: PASSWORD, newPassword: "finalfantasy" },
        { Cookie: anna.cookie },
      ),
      params: {},
      context,
    })) as unknown as { init: { status: number }; data: { errors: Record<string, string> } };
    expect(changed.init.status).toBe(400);
    expect(changed.data.errors.newPassword).toContain("gelekte wachtwoorden");
    // The old password still works: nothing was changed.
    const [row] = await database.db
      .select({ hash: user.passwordHash })
      .from(user)
      .where(eq(user.id, anna.id));
    expect(await verifyPassword(row!.hash, PASSWORD)).toBe(true);
    // A long password that is in no list is fine.
    expect(passwordProblem("beeldband-en-spoel-1987")).toBeNull();
  });
});

describe("ASVS 3.3.2: moderators and admins log in again after 12 hours, or 30 idle minutes", () => {
  const minute = 60 * 1000;
  const hour = 60 * minute;
  const start = new Date("2026-12-04T08:00:00Z");
  const at = (ms: number) => new Date(start.getTime() + ms);

  it("a moderator's session ends after 30 minutes without a request", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const {
      token,
      session: created,
      cookieExpiresAt,
    } = await createSession(database.db, moderator.id, start, true);
    expect(created.expiresAt).toEqual(at(STAFF_SESSION_IDLE_MS));
    // The cookie may live for the 12 hours; the server keeps the idle limit.
    expect(cookieExpiresAt).toEqual(at(STAFF_SESSION_ABSOLUTE_MS));
    expect(await validateSessionToken(database.db, token, at(29 * minute))).not.toBeNull();
    // A request at 29 minutes moved the deadline on: 58 minutes is 29 idle minutes later.
    expect(await validateSessionToken(database.db, token, at(58 * minute))).not.toBeNull();
    expect(await validateSessionToken(database.db, token, at(58 * minute + 30 * minute))).toBeNull();
    expect(
      await database.db
        .select()
        .from(session)
        .where(eq(session.id, hashToken(token))),
    ).toEqual([]);
  });

  it("an admin who is active all day still logs in again 12 hours after the login", async () => {
    const admin = await userWithSession(database.db, "admin");
    const { token } = await createSession(database.db, admin.id, start, true);
    let last = null as Awaited<ReturnType<typeof validateSessionToken>>;
    for (let t = 10 * minute; t < STAFF_SESSION_ABSOLUTE_MS; t += 10 * minute) {
      last = await validateSessionToken(database.db, token, at(t));
      expect(last, `after ${t / minute} minutes`).not.toBeNull();
    }
    // Near the end the idle deadline stops at the 12 hours.
    expect(last!.session.expiresAt).toEqual(at(STAFF_SESSION_ABSOLUTE_MS));
    expect(last!.renewed).toBe(false);
    expect(await validateSessionToken(database.db, token, at(STAFF_SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it("members keep 30 days; a member made moderator comes under the strict rule at the next request", async () => {
    const anna = await userWithSession(database.db, "member");
    const { token, cookieExpiresAt } = await createSession(database.db, anna.id, start);
    expect(cookieExpiresAt).toEqual(at(SESSION_DAYS * 24 * hour));
    // Three idle days are nothing for a member.
    expect(await validateSessionToken(database.db, token, at(3 * 24 * hour))).toMatchObject({
      user: { role: "member" },
    });
    await database.db.update(user).set({ role: "moderator" }).where(eq(user.id, anna.id));
    // Promoted: the session is older than 12 hours, so it ends.
    expect(await validateSessionToken(database.db, token, at(3 * 24 * hour + minute))).toBeNull();
    // A member session of an hour old at the promotion gets the idle limit from its next request.
    await database.db.update(user).set({ role: "member" }).where(eq(user.id, anna.id));
    const { token: fresh } = await createSession(database.db, anna.id, at(4 * 24 * hour));
    await database.db.update(user).set({ role: "moderator" }).where(eq(user.id, anna.id));
    const promoted = await validateSessionToken(database.db, fresh, at(4 * 24 * hour + hour));
    expect(promoted?.session.expiresAt).toEqual(at(4 * 24 * hour + hour + STAFF_SESSION_IDLE_MS));
    expect(await validateSessionToken(database.db, fresh, at(4 * 24 * hour + hour + 31 * minute))).toBeNull();
  });

  it("over the routes: a beheer page sends an idle moderator to /inloggen", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const cookie = `avk_sessie=${moderator.token}`;
    expect(await userOfRoot(cookie)).not.toBeNull();
    expect(
      await importLoader({
        request: get("/beheer/kennisbank/import", { Cookie: cookie }),
        params: {},
        context,
      }),
    ).toBeNull();
    // Half an hour passes without a request (the clock of the session row is moved back).
    await database.db
      .update(session)
      .set({
        expiresAt: new Date(Date.now() - 1000),
        createdAt: new Date(Date.now() - STAFF_SESSION_IDLE_MS),
      })
      .where(eq(session.id, hashToken(moderator.token)));
    const page = await thrownResponse(() =>
      importLoader({ request: get("/beheer/kennisbank/import", { Cookie: cookie }), params: {}, context }),
    );
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/inloggen\?redirectTo=/);
    expect(await userOfRoot(cookie)).toBeNull();
  });

  async function userOfRoot(cookie: string) {
    const answer = (await rootLoader({
      request: get("/beheer", { Cookie: cookie }),
      params: {},
      context,
    })) as {
      user?: unknown;
      data?: { user: unknown };
    };
    // With a Set-Cookie (here: clearing a dead session) the root answers data(..., init).
    return answer.data ? answer.data.user : answer.user;
  }
});
