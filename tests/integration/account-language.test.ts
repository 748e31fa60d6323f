// Issue #17: the account has a language, and everything the app writes to a member outside a
// page follows it: mails (password reset, password-change notice, notifications such as session
// reminders and membership requests) and the private calendar feed. Downloads a member asks for
// on a page (.ics, CSV) follow that page's language.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settleAfterResponse } from "#app/modules/after-response.server.ts";
import { decideMembership } from "#app/modules/auth/institutions.server.ts";
import { setInstitution } from "#app/modules/auth/users.server.ts";
import { loadEnv } from "#app/modules/env.server.ts";
import { formatSessionTime } from "#app/modules/intervisie/amsterdam-time.ts";
import { createFeedToken } from "#app/modules/intervisie/calendar-feed.server.ts";
import { planSession } from "#app/modules/intervisie/sessions/planning.server.ts";
import { sendDueReminders, sendRatingPrompts } from "#app/modules/intervisie/sessions/reminders.server.ts";
import { answerRsvp } from "#app/modules/intervisie/sessions/rsvp.server.ts";
import { listNotifications } from "#app/modules/notifications/notifications.server.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { action as accountAction, loader as accountLoader } from "#app/routes/account._index.tsx";
import { loader as exportLoader } from "#app/routes/account.gegevens.ts";
import { loader as feedLoader } from "#app/routes/agenda.$token[.]ics.ts";
import { loader as icsLoader } from "#app/routes/intervisie.sessies.$id[.]ics.ts";
import { action as registerAction } from "#app/routes/registreren.tsx";
import { loader as trendsCsvLoader } from "#app/routes/trends[.]csv.ts";
import { action as forgotAction } from "#app/routes/wachtwoord-vergeten.tsx";
import type { Database } from "#db/client.server.ts";
import { auditLog, institution, user } from "#db/schema/auth.ts";
import { PASSWORD } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, joinGroup, memberOf, person } from "#tests/support/factories.ts";
import { mailsIn } from "#tests/support/mail.ts";
import { body, contextFor, get, post, status } from "#tests/support/remix.ts";
import { fixtureSurveyFile, SYNTHETIC } from "#tests/support/survey.ts";

let database: Database;
let context: AppLoadContext;
let mailDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(path.join(os.tmpdir(), "avk-taal-mail-"));
  context = contextFor(database, { env: loadEnv({ NODE_ENV: "test", MAIL_DIR: mailDir }) });
});
afterEach(async () => {
  await database?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

async function languageOf(id: string) {
  const [row] = await database.db.select({ language: user.language }).from(user).where(eq(user.id, id));
  return row?.language;
}

/** A member whose account is set to English (as the account page does). */
async function english<T extends { id: string }>(member: T): Promise<T> {
  await database.db.update(user).set({ language: "en" }).where(eq(user.id, member.id));
  return member;
}

/** The mails to one address, in the order they were written. */
const mailsTo = (email: string) => mailsIn(mailDir).filter((m) => m.to === email);

describe("the account's language", () => {
  it("is the page's language at registration, Dutch without a choice", async () => {
    const register = (email: string, page: string) =>
      registerAction({
        request: post(page, {
          name: "Emma Evans",
          email,
          password: "zeven-spoelbanden-op-zolder",
          institution: "",
        }),
        params: {},
        context,
      });
    expect(status(await register("emma@archive.example", "/en/registreren"))).toBe(302);
    expect(status(await register("daan@archief.example", "/registreren"))).toBe(302);
    const accounts = await database.db.select({ email: user.email, language: user.language }).from(user);
    expect(Object.fromEntries(accounts.map((a) => [a.email, a.language]))).toEqual({
      "emma@archive.example": "en",
      "daan@archief.example": "nl",
    });
  });

  it("is chosen on the account page (a plain form post), refused when unknown, and in the data export", async () => {
    const member = await person(database.db, "member", "Emma Evans");
    const page = async () =>
      body<{ account: { language: string } }>(
        await accountLoader({ request: get("/account", { Cookie: member.cookie }), params: {}, context }),
      );
    expect((await page()).account.language).toBe("nl");

    const choose = (language: string) =>
      accountAction({
        request: post("/account", { intent: "taal", language }, { Cookie: member.cookie }),
        params: {},
        context,
      });
    const saved = await choose("en");
    expect(body<{ ok: string }>(saved).ok).toBeTruthy();
    expect(await languageOf(member.id)).toBe("en");
    expect((await page()).account.language).toBe("en");
    const [logged] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.language"));
    expect(logged).toMatchObject({ actorId: member.id, details: { language: "en" } });

    const refused = await choose("fr");
    expect(status(refused)).toBe(400);
    expect(body<{ errors: { language?: string } }>(refused).errors.language).toBeTruthy();
    expect(await languageOf(member.id)).toBe("en");

    // Someone else cannot choose for this member: without a session the form sends to login.
    const anonymous = await accountAction({
      request: post("/account", { intent: "taal", language: "nl" }),
      params: {},
      context,
    }).catch((e: unknown) => e);
    expect(anonymous).toBeInstanceOf(Response);
    expect(await languageOf(member.id)).toBe("en");

    const exported = (await exportLoader({
      request: get("/account/gegevens", { Cookie: member.cookie }),
      params: {},
      context,
    })) as Response;
    const data = (await exported.json()) as { account: { language: string } };
    expect(data.account.language).toBe("en");
  });
});

describe("mails in the recipient's language", () => {
  it("the reset mail follows the account, not the page of whoever asks; an unknown address gets nothing", async () => {
    const emma = await english(await person(database.db, "member", "Emma Evans"));
    const daan = await person(database.db, "member", "Daan de Vries");
    const forgot = (email: string, page: string) =>
      forgotAction({ request: post(page, { email }), params: {}, context });
    await forgot(emma.email, "/wachtwoord-vergeten");
    await forgot(daan.email, "/en/wachtwoord-vergeten");
    await forgot("niemand@archief.example", "/en/wachtwoord-vergeten");
    await settleAfterResponse();

    const [toEmma, ...moreEmma] = mailsTo(emma.email);
    expect(moreEmma).toEqual([]);
    expect(toEmma!.subject).toBe("New password for AV-Kennisnet");
    expect(toEmma!.text).toMatch(/^Hello,\n\nYou asked for a new password for AV-Kennisnet\./);
    expect(toEmma!.text).toMatch(
      /\n\nhttp:\/\/localhost:\d+\/en\/wachtwoord-herstellen\?token=[a-z2-7]{32}\n\n/,
    );
    expect(toEmma!.text).toContain("Did you not ask for this? Then you can ignore this e-mail");
    expect(toEmma!.text).not.toMatch(/Hallo|wachtwoord blijft/);

    const [toDaan] = mailsTo(daan.email);
    expect(toDaan!.subject).toBe("Nieuw wachtwoord voor AV-Kennisnet");
    expect(toDaan!.text).toMatch(/^Hallo,\n\nJe hebt gevraagd om een nieuw wachtwoord voor AV-Kennisnet\./);
    expect(toDaan!.text).toContain("je wachtwoord blijft hetzelfde.");

    expect(mailsIn(mailDir)).toHaveLength(2);
  });

  it("the password-change notice follows the account, whatever language the account page is read in", async () => {
    const emma = await english(await person(database.db, "member", "Emma Evans"));
    const daan = await person(database.db, "member", "Daan de Vries");
    const change = (cookie: string, page = "/account") =>
      accountAction({
        request: post(
          page,
          { intent: "wachtwoord", currentPassword: PASSWORD, newPassword: "een-heel-nieuw-wachtwoord-9" },
          { Cookie: cookie },
        ),
        params: {},
        context,
      });
    await change(emma.cookie);
    await change(daan.cookie, "/en/account");
    await settleAfterResponse();

    const [toEmma] = mailsTo(emma.email);
    expect(toEmma!.subject).toBe("Your AV-Kennisnet password was changed");
    expect(toEmma!.text).toMatch(
      /^Hello Emma Evans,\n\nThe password of your AV-Kennisnet account was changed/,
    );
    expect(toEmma!.text).toContain("(Amsterdam time)");
    expect(toEmma!.text).toContain("Was this not you?");
    expect(toEmma!.text).toMatch(/via http:\/\/localhost:\d+\/en\/wachtwoord-vergeten \(that logs/);

    const [toDaan] = mailsTo(daan.email);
    expect(toDaan!.subject).toBe("Je wachtwoord voor AV-Kennisnet is gewijzigd");
    expect(toDaan!.text).toMatch(
      /^Hallo Daan de Vries,\n\nHet wachtwoord van je account op AV-Kennisnet is op /,
    );
    expect(toDaan!.text).toContain("gewijzigd op de accountpagina.");
    expect(toDaan!.text).toContain("Heb je dit niet zelf gedaan?");
  });

  it("session reminders and rating prompts: each member in their own language, in the mail and in the app", async () => {
    const groupId = await createGroup(database.db, { name: "Kleine AV-archieven Noord" });
    const facilitator = await person(database.db, "member", "Fleur Facilitator");
    const emma = await english(await person(database.db, "member", "Emma Evans"));
    const daan = await person(database.db, "member", "Daan de Vries");
    await joinGroup(database.db, groupId, facilitator, "facilitator");
    await joinGroup(database.db, groupId, [emma, daan]);
    const now = new Date();
    const startsAt = new Date(now.getTime() + 23 * 3_600_000);
    const id = await planSession(database.db, facilitator, groupId, {
      title: "Spoelbanden digitaliseren",
      startsAt,
      durationMinutes: 90,
      onlineUrl: "https://meet.jit.si/avk-noord",
      address: "Noord-Hollands Archief, Haarlem",
      method: "vijfstappen",
      capacity: 6,
    });
    await answerRsvp(database.db, emma, id, "yes");
    await answerRsvp(database.db, daan, id, "yes");

    expect(await sendDueReminders(database.db, context.env, now)).toBe(1);
    const [toEmma] = mailsTo(emma.email);
    expect(toEmma!.subject).toBe("AV-Kennisnet: Reminder: Spoelbanden digitaliseren");
    expect(toEmma!.text).toBe(
      [
        "Dear Emma Evans,",
        "",
        `Tomorrow is the intervision session "Spoelbanden digitaliseren": ${formatSessionTime(startsAt, "en", 90)}, Noord-Hollands Archief, Haarlem; online: https://meet.jit.si/avk-noord.`,
        "",
        // The link opens the session's English page.
        `${new URL(`/en/intervisie/sessies/${id}`, toEmma!.text.match(/http:\/\/localhost:\d+/)![0]).href}`,
        "",
        "Best regards,",
        "AV-Kennisnet",
      ].join("\n"),
    );
    const [toDaan] = mailsTo(daan.email);
    expect(toDaan!.subject).toBe("AV-Kennisnet: Herinnering: Spoelbanden digitaliseren");
    expect(toDaan!.text).toMatch(/^Beste Daan de Vries,\n\nMorgen is de intervisiebijeenkomst "Spoelbanden/);
    expect(toDaan!.text).toContain(formatSessionTime(startsAt, "nl", 90));
    expect(toDaan!.text).toMatch(/\n\nGroet,\nAV-Kennisnet$/);
    // The notification in the app says the same, in the same language.
    expect((await listNotifications(database.db, emma.id))[0]!.title).toBe(
      "Reminder: Spoelbanden digitaliseren",
    );
    expect((await listNotifications(database.db, daan.id))[0]!.title).toBe(
      "Herinnering: Spoelbanden digitaliseren",
    );

    const afterwards = new Date(startsAt.getTime() + 2 * 3_600_000);
    expect(await sendRatingPrompts(database.db, context.env, afterwards)).toBe(1);
    expect(mailsTo(emma.email).map((m) => m.subject)).toContain(
      "AV-Kennisnet: How was Spoelbanden digitaliseren?",
    );
    expect(mailsTo(emma.email).at(-1)!.text).toContain('Give the session "Spoelbanden digitaliseren" a mark');
    expect(mailsTo(daan.email).map((m) => m.subject)).toContain(
      "AV-Kennisnet: Hoe was Spoelbanden digitaliseren?",
    );
  });

  it("a membership request reaches each colleague in their language; the decision reaches the applicant in theirs", async () => {
    const [museum] = await database.db
      .insert(institution)
      .values({ name: "Stadsmuseum Noord", type: "Museum", confirmed: true })
      .returning({ id: institution.id });
    const emma = await english(await memberOf(database.db, museum!.id, "member", "Emma Evans"));
    const daan = await memberOf(database.db, museum!.id, "member", "Daan de Vries");
    const applicant = await english(await person(database.db, "member", "Mila Mail"));
    await setInstitution(database.db, applicant.id, { id: museum!.id }, context.env);

    const [toEmma] = mailsTo(emma.email);
    expect(toEmma!.subject).toBe("AV-Kennisnet: Request to join Stadsmuseum Noord");
    expect(toEmma!.text).toContain(
      "Someone who calls themselves “Mila Mail” asks to belong to Stadsmuseum Noord. Only confirm people you know, on your institution's page.",
    );
    expect(toEmma!.text).toContain("/instelling#aanmeldingen");
    expect(toEmma!.text).toMatch(/^Dear Emma Evans,/);
    const [toDaan] = mailsTo(daan.email);
    expect(toDaan!.subject).toBe("AV-Kennisnet: Aanmelding bij Stadsmuseum Noord");
    expect(toDaan!.text).toContain(
      "Iemand die zich „Mila Mail” noemt, vraagt om bij Stadsmuseum Noord te horen. Bevestig alleen wie je kent, op de pagina van je instelling.",
    );
    expect(mailsTo(applicant.email)).toEqual([]);

    const actor = { id: daan.id, role: "member" as const, institutionId: museum!.id };
    await decideMembership(database.db, actor, {
      userId: applicant.id,
      institutionId: museum!.id,
      accept: true,
    });
    expect((await listNotifications(database.db, applicant.id))[0]!.title).toBe(
      "You now belong to Stadsmuseum Noord",
    );
  });
});

describe("calendar files and CSV in English", () => {
  async function plannedSession() {
    const groupId = await createGroup(database.db, { name: "Kleine AV-archieven Noord" });
    const facilitator = await person(database.db, "member", "Fleur Facilitator");
    const member = await person(database.db, "member", "Emma Evans");
    await joinGroup(database.db, groupId, facilitator, "facilitator");
    await joinGroup(database.db, groupId, member);
    const id = await planSession(database.db, facilitator, groupId, {
      title: "Spoelbanden digitaliseren",
      startsAt: new Date(Date.now() + 7 * 24 * 3_600_000),
      durationMinutes: 120,
      onlineUrl: "https://meet.jit.si/avk-noord",
      address: null,
      method: "vijfstappen",
      capacity: 5,
    });
    return { id, member };
  }
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

  it("the session download follows the page's language", async () => {
    const { id, member } = await plannedSession();
    const download = async (cookie: string, prefix = "") =>
      unfold(
        await (
          (await icsLoader({
            request: get(`${prefix}/intervisie/sessies/${id}.ics`, { Cookie: cookie }),
            params: { id: String(id) },
            context,
          })) as Response
        ).text(),
      );
    const en = await download(member.cookie, "/en");
    expect(en).toContain(
      "DESCRIPTION:Intervision session of Kleine AV-archieven Noord.\\nMethod: Five-step method.\\nOnline: https://meet.jit.si/avk-noord\\nSession page: http://localhost",
    );
    expect(en).toMatch(/Session page: http:\/\/localhost(:\d+)?\/en\/intervisie\/sessies\/\d+/);
    const nl = await download(member.cookie);
    expect(nl).toContain(
      "DESCRIPTION:Intervisiebijeenkomst van Kleine AV-archieven Noord.\\nMethode: Vijfstappenmethode.\\nOnline: https://meet.jit.si/avk-noord\\nPagina van de bijeenkomst: http://localhost",
    );
  });

  it("the private feed follows its owner's account language, not the page it is fetched from", async () => {
    const { member } = await plannedSession();
    const token = await createFeedToken(database.db, member.id);
    const feed = async (prefix = "") =>
      unfold(
        await (
          (await feedLoader({
            request: get(`${prefix}/agenda/${token}.ics`),
            params: { token },
            context,
          })) as Response
        ).text(),
      );
    const dutch = await feed("/en");
    expect(dutch).toContain("X-WR-CALNAME:AV-Kennisnet intervisie\r\n");
    expect(dutch).toContain("DESCRIPTION:Intervisiebijeenkomst van Kleine AV-archieven Noord.");
    await english(member);
    const inEnglish = await feed();
    expect(inEnglish).toContain("X-WR-CALNAME:AV-Kennisnet intervision\r\n");
    expect(inEnglish).toContain("DESCRIPTION:Intervision session of Kleine AV-archieven Noord.");
    expect(inEnglish).not.toMatch(/Intervisiebijeenkomst|Pagina van de bijeenkomst/);
  });

  it("the trends CSV has English headers and labels on an English page, Dutch ones otherwise", async () => {
    const result = await importSurveyFile(database.db, {
      fileName: SYNTHETIC,
      content: fixtureSurveyFile(SYNTHETIC),
      actorId: null,
      via: "cli",
    });
    expect(result.ok).toBe(true);
    const csv = async (query: string, prefix = "") => {
      const response = (await trendsCsvLoader({
        request: get(`${prefix}/trends.csv?${query}`),
        params: {},
        context,
      })) as Response;
      // The language is in the URL, so a shared cache needs no copy per cookie.
      expect(response.headers.get("Vary") ?? "").not.toContain("Cookie");
      return (await response.text())
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
    };
    const en = await csv("wave=2024&vraag=ooc_known", "/en");
    expect(en[0]).toBe("Answer,Count,Percentage");
    expect(en.map((l) => l.split(",")[0])).toEqual(["Answer", "Yes", "No", "Answered (N)"]);
    const nl = await csv("wave=2024&vraag=ooc_known");
    expect(nl[0]).toBe("Antwoord,Aantal,Percentage");
    expect(nl.map((l) => l.split(",")[0])).toEqual(["Antwoord", "Ja", "Nee", "Beantwoord (N)"]);
    // The same figures in both.
    expect(en.slice(1).map((l) => l.split(",").slice(1))).toEqual(
      nl.slice(1).map((l) => l.split(",").slice(1)),
    );
    const respondents = await csv("wave=2024&vraag=respondenten", "/en");
    expect(respondents[0]).toBe("Institution type,Count,Percentage");
    expect(respondents.map((l) => l.split(",")[0])).toEqual([
      "Institution type",
      "Archive",
      "Broadcaster",
      "Museum",
      "Other",
      "Unknown",
      "Total",
    ]);
  });
});
