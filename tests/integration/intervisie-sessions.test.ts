import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEnv } from "#app/modules/env.server.ts";
import { hashFeedToken } from "#app/modules/intervisie/calendar-feed.server.ts";
import { listGroupSessions } from "#app/modules/intervisie/sessions/lists.server.ts";
import {
  parseSessionForm,
  planSession,
  type SessionInput,
} from "#app/modules/intervisie/sessions/planning.server.ts";
import { isLowRating, ratingsByGroup } from "#app/modules/intervisie/sessions/ratings.server.ts";
import { sendDueReminders } from "#app/modules/intervisie/sessions/reminders.server.ts";
import { answerRsvp } from "#app/modules/intervisie/sessions/rsvp.server.ts";
import { loader as feedLoader } from "#app/routes/agenda.$token[.]ics.ts";
import { loader as ratingsLoader } from "#app/routes/beheer.intervisie_.beoordelingen.tsx";
import { action as agendaAction, loader as agendaLoader } from "#app/routes/intervisie.agenda.tsx";
import {
  action as planAction,
  loader as planLoader,
} from "#app/routes/intervisie.groepen.$id_.sessies.nieuw.tsx";
import {
  action as sessionAction,
  loader as sessionLoader,
} from "#app/routes/intervisie.sessies.$id/route.tsx";
import { loader as icsLoader } from "#app/routes/intervisie.sessies.$id[.]ics.ts";
import type { Database } from "#db/client.server.ts";
import {
  calendarFeed,
  intervisionSession,
  notification,
  sessionRating,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import { createTestDatabase, usingPostgres } from "#tests/support/db.ts";
import { createGroup, joinGroup, type Person, person } from "#tests/support/factories.ts";
import { mailsIn } from "#tests/support/mail.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
let mailDir: string;

beforeEach(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(path.join(os.tmpdir(), "avk-sessies-mail-"));
  context = contextFor(database, { env: loadEnv({ NODE_ENV: "test", MAIL_DIR: mailDir }) });
});
afterEach(async () => {
  await database?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

async function groupWith(memberCount: number) {
  const groupId = await createGroup(database.db);
  const facilitator = await person(database.db, "member", "Fleur Facilitator");
  await joinGroup(database.db, groupId, facilitator, "facilitator");
  const members: Person[] = [];
  for (let i = 0; i < memberCount; i++) {
    const m = await person(database.db, "member", `Lid ${String(i + 1).padStart(2, "0")}`);
    await joinGroup(database.db, groupId, m);
    members.push(m);
  }
  return { groupId, facilitator, members };
}

const inAWeek = () => new Date(Date.now() + 7 * 24 * 3_600_000);
function input(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    title: "Casus: spoelbanden digitaliseren",
    startsAt: inAWeek(),
    durationMinutes: 120,
    onlineUrl: "https://meet.jit.si/avk-noord",
    address: null,
    method: "vijfstappen",
    capacity: 5,
    ...overrides,
  };
}
async function session(groupId: number, facilitator: Person, overrides: Partial<SessionInput> = {}) {
  return planSession(database.db, facilitator, groupId, input(overrides));
}

const planFields = {
  intent: "opslaan",
  title: "Terugblik en nieuwe casus",
  date: "2027-07-01",
  time: "14:00",
  durationMinutes: "120",
  onlineUrl: "",
  address: "Beeld en Geluid, Media Parkboulevard 1, Hilversum",
  method: "incident",
  capacity: "6",
};
const planPath = (groupId: number) => `/intervisie/groepen/${groupId}/sessies/nieuw`;
const callPlan = (groupId: number, who: Person | null, fields: Record<string, string>, query = "") =>
  planAction({
    request: post(`${planPath(groupId)}${query}`, fields, who ? { Cookie: who.cookie } : {}),
    params: { id: String(groupId) },
    context,
  });
const sessionPath = (id: number) => `/intervisie/sessies/${id}`;
const callSession = (id: number, who: Person, fields: Record<string, string>) =>
  sessionAction({
    request: post(sessionPath(id), fields, { Cookie: who.cookie }),
    params: { id: String(id) },
    context,
  });
const loadSession = (id: number, who: Person) =>
  sessionLoader({
    request: get(sessionPath(id), { Cookie: who.cookie }),
    params: { id: String(id) },
    context,
  });

async function sessionCount() {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(intervisionSession);
  return Number(row?.n ?? 0);
}
async function rsvps(sessionId: number) {
  return database.db
    .select({
      userId: sessionRsvp.userId,
      status: sessionRsvp.status,
      queuedAt: sessionRsvp.queuedAt,
      queueSeq: sessionRsvp.queueSeq,
    })
    .from(sessionRsvp)
    .where(eq(sessionRsvp.sessionId, sessionId))
    .orderBy(asc(sessionRsvp.queuedAt), asc(sessionRsvp.queueSeq));
}
async function statusOf(sessionId: number, person: { id: string }) {
  const [row] = await database.db
    .select({ status: sessionRsvp.status })
    .from(sessionRsvp)
    .where(and(eq(sessionRsvp.sessionId, sessionId), eq(sessionRsvp.userId, person.id)));
  return row?.status ?? null;
}

describe("planning", () => {
  it("validates the form in Dutch, stores nothing on bad input, and converts Amsterdam time across DST", async () => {
    const { groupId, facilitator, members } = await groupWith(2);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ title: "" }, "title", /titel/],
      [{ date: "1-7-2027" }, "date", /jjjj-mm-dd/],
      [{ date: "2027-02-30" }, "date", /bestaat niet/],
      [{ time: "25:00" }, "time", /uu:mm/],
      [{ time: "02:30", date: "2027-03-28" }, "time", /zomertijd/],
      [{ date: "2020-01-01" }, "date", /toekomst/],
      [{ address: "", onlineUrl: "" }, "address", /adres of een online link/],
      [{ onlineUrl: "javascript:alert(1)" }, "onlineUrl", /https:\/\//],
      [{ method: "balint-onbekend" }, "method", /methode/],
      [{ capacity: "0" }, "capacity", /ten minste 1/],
      [{ durationMinutes: "abc" }, "durationMinutes", /minuten/],
    ];
    for (const [change, field, message] of cases) {
      const result = await callPlan(groupId, facilitator, { ...planFields, ...change });
      expect(status(result), JSON.stringify(change)).toBe(400);
      const errors = body<{ errors: Record<string, string> }>(result).errors;
      expect(errors[field], JSON.stringify(change)).toMatch(message);
    }
    expect(await sessionCount()).toBe(0);

    // Summer time: 14:00 in Amsterdam is 12:00 UTC; winter time: 13:00 UTC.
    const summer = (await callPlan(groupId, facilitator, planFields)) as Response;
    expect(summer.status).toBe(302);
    const id = Number(/\/intervisie\/sessies\/(\d+)\?gepland=1$/.exec(summer.headers.get("Location")!)![1]);
    const winter = (await callPlan(groupId, facilitator, { ...planFields, date: "2027-01-14" })) as Response;
    const winterId = Number(/(\d+)\?/.exec(winter.headers.get("Location")!)![1]);
    const stored = await database.db
      .select({ id: intervisionSession.id, startsAt: intervisionSession.startsAt })
      .from(intervisionSession)
      .orderBy(asc(intervisionSession.id));
    expect(stored.find((s) => s.id === id)!.startsAt.toISOString()).toBe("2027-07-01T12:00:00.000Z");
    expect(stored.find((s) => s.id === winterId)!.startsAt.toISOString()).toBe("2027-01-14T13:00:00.000Z");
    // The day after the switch to summer time.
    expect(parseSessionForm({ ...planFields, date: "2027-03-28", time: "03:00" })).toMatchObject({
      ok: true,
      value: { startsAt: new Date("2027-03-28T01:00:00Z") },
    });

    // The members were told, in the app and by mail.
    const notes = await database.db
      .select()
      .from(notification)
      .where(eq(notification.userId, members[0]!.id));
    expect(notes.map((n) => n.title)).toContain("Nieuwe bijeenkomst: Terugblik en nieuwe casus");
    expect(mailsIn(mailDir).some((m) => m.to === members[0]!.email && /Terugblik/.test(m.subject))).toBe(
      true,
    );

    // The edit form shows Amsterdam time again; a change raises the SEQUENCE.
    const edit = body<{ values: { date: string; time: string } }>(
      await planLoader({
        request: get(`${planPath(groupId)}?sessie=${id}`, { Cookie: facilitator.cookie }),
        params: { id: String(groupId) },
        context,
      }),
    );
    expect(edit.values).toMatchObject({ date: "2027-07-01", time: "14:00" });
    const changed = (await callPlan(
      groupId,
      facilitator,
      { ...planFields, time: "15:30" },
      `?sessie=${id}`,
    )) as Response;
    expect(changed.headers.get("Location")).toBe(`/intervisie/sessies/${id}?gewijzigd=1`);
    const [after] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, id));
    expect(after!.startsAt.toISOString()).toBe("2027-07-01T13:30:00.000Z");
    expect(after!.sequence).toBe(1);
  });

  it("lets only the facilitator and moderators plan; others get 403, unknown groups 404", async () => {
    const { groupId, members } = await groupWith(1);
    const outsider = await person(database.db, "member");
    const moderator = await person(database.db, "moderator");
    for (const who of [members[0]!, outsider]) {
      const response = await thrownResponse(() => callPlan(groupId, who, planFields));
      expect(response.status).toBe(403);
      const page = await thrownResponse(() =>
        planLoader({
          request: get(planPath(groupId), { Cookie: who.cookie }),
          params: { id: String(groupId) },
          context,
        }),
      );
      expect(page.status).toBe(403);
    }
    const missing = await thrownResponse(() =>
      planLoader({
        request: get(planPath(999), { Cookie: moderator.cookie }),
        params: { id: "999" },
        context,
      }),
    );
    expect(missing.status).toBe(404);
    expect(((await callPlan(groupId, moderator, planFields)) as Response).status).toBe(302);
    expect(await sessionCount()).toBe(1);
  });

  it("cancelling notifies the members and marks the session cancelled", async () => {
    const { groupId, facilitator, members } = await groupWith(2);
    const id = await session(groupId, facilitator);
    const result = (await callPlan(
      groupId,
      facilitator,
      { intent: "afzeggen" },
      `?sessie=${id}`,
    )) as Response;
    expect(result.headers.get("Location")).toBe(`/intervisie/sessies/${id}?afgezegd=1`);
    const [row] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, id));
    expect(row!.cancelledAt).not.toBeNull();
    const notes = await database.db
      .select()
      .from(notification)
      .where(eq(notification.userId, members[1]!.id));
    expect(notes.some((n) => n.title.startsWith("Bijeenkomst afgezegd"))).toBe(true);
    // Answering a cancelled session is refused.
    const answer = await callSession(id, members[0]!, { intent: "antwoord", answer: "yes" });
    expect(status(answer)).toBe(409);
  });
});

describe("answers, capacity and the waitlist", () => {
  it("yes, no and maybe; a full session waitlists and promotes in order, with a notification and mail", async () => {
    const { groupId, facilitator, members } = await groupWith(5);
    const [a, b, c, d, e] = members as [Person, Person, Person, Person, Person];
    const id = await session(groupId, facilitator, { capacity: 2 });
    const answer = async (who: Person, value: string) =>
      body<{ ok?: string; errors?: Record<string, string> }>(
        await callSession(id, who, { intent: "antwoord", answer: value }),
      );

    expect((await answer(a, "yes")).ok).toMatch(/aangemeld/);
    expect((await answer(b, "maybe")).ok).toMatch(/misschien/);
    await answer(c, "yes");
    expect((await answer(d, "yes")).ok).toMatch(/wachtlijst/);
    await answer(e, "yes");
    expect(await statusOf(id, b)).toBe("maybe");
    expect((await rsvps(id)).filter((r) => r.status === "waitlist").map((r) => r.userId)).toEqual([
      d.id,
      e.id,
    ]);
    // Answering yes again keeps one's place.
    await answer(d, "yes");
    expect((await rsvps(id)).filter((r) => r.status === "waitlist").map((r) => r.userId)).toEqual([
      d.id,
      e.id,
    ]);
    // A bad answer stores nothing.
    const bad = await callSession(id, a, { intent: "antwoord", answer: "wellicht" });
    expect(status(bad)).toBe(400);
    expect(body<{ errors: Record<string, string> }>(bad).errors.answer).toMatch(/ja, nee of misschien/);

    // a cancels: d (first on the list) moves up and is told.
    await answer(a, "no");
    expect(await statusOf(id, a)).toBe("not_going");
    expect(await statusOf(id, d)).toBe("going");
    expect(await statusOf(id, e)).toBe("waitlist");
    const [note] = await database.db
      .select()
      .from(notification)
      .where(eq(notification.userId, d.id))
      .orderBy(asc(notification.id));
    expect(
      (await database.db.select().from(notification).where(eq(notification.userId, d.id))).map(
        (n) => n.title,
      ),
    ).toContain("Er is plaats: je bent aangemeld voor Casus: spoelbanden digitaliseren");
    expect(note).toBeDefined();
    expect(mailsIn(mailDir).some((m) => m.to === d.email && /Er is plaats/.test(m.subject))).toBe(true);
    // Nobody else was promoted (no overbooking).
    expect((await rsvps(id)).filter((r) => r.status === "going")).toHaveLength(2);

    // c switches to maybe: e moves up. a says yes again: back of the queue.
    await answer(c, "maybe");
    expect(await statusOf(id, e)).toBe("going");
    await answer(a, "yes");
    expect(await statusOf(id, a)).toBe("waitlist");

    // The page shows the lists; the group page list has the counts.
    const page = (await loadSession(id, b)) as {
      attendance: { going: { name: string }[]; waitlist: { name: string }[] };
    };
    expect(page.attendance.going.map((x) => x.name)).toEqual(["Lid 04", "Lid 05"]);
    expect(page.attendance.waitlist.map((x) => x.name)).toEqual(["Lid 01"]);
    expect(await listGroupSessions(database.db, groupId, a.id)).toEqual([
      expect.objectContaining({
        id,
        going: 2,
        waitlist: 1,
        capacity: 2,
        cancelled: false,
        myStatus: "waitlist",
      }),
    ]);

    // A larger capacity moves the waitlist up.
    await callPlan(
      groupId,
      facilitator,
      { ...planFields, title: "Casus: spoelbanden digitaliseren", capacity: "3", date: "2027-07-01" },
      `?sessie=${id}`,
    );
    expect(await statusOf(id, a)).toBe("going");

    // Moderators who are not members cannot answer; outsiders get 403; unknown sessions 404.
    const moderator = await person(database.db, "moderator");
    expect(status(await callSession(id, moderator, { intent: "antwoord", answer: "yes" }))).toBe(403);
    const outsider = await person(database.db, "member");
    expect(
      (await thrownResponse(() => callSession(id, outsider, { intent: "antwoord", answer: "yes" }))).status,
    ).toBe(403);
    expect((await thrownResponse(() => loadSession(id, outsider))).status).toBe(403);
    expect((await thrownResponse(() => loadSession(id + 100, b))).status).toBe(404);
  });

  it(`50 simultaneous yes answers for 10 places: exactly 10 going, 40 waitlisted in order (${usingPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const { groupId, facilitator, members } = await groupWith(50);
    const id = await session(groupId, facilitator, { capacity: 10 });
    const results = await Promise.all(members.map((m) => answerRsvp(database.db, m, id, "yes")));
    expect(results.filter((r) => r.status === "going")).toHaveLength(10);
    expect(results.filter((r) => r.status === "waitlist")).toHaveLength(40);

    const rows = await rsvps(id);
    const going = rows.filter((r) => r.status === "going");
    const waiting = rows.filter((r) => r.status === "waitlist");
    expect(going).toHaveLength(10);
    expect(waiting).toHaveLength(40);
    // Order: whoever got the lock first took a seat; the waitlist follows arrival (queuedAt, queueSeq).
    const lastSeat = Math.max(...going.map((r) => r.queueSeq));
    expect(waiting.every((r) => r.queueSeq > lastSeat)).toBe(true);
    const seqs = waiting.map((r) => r.queueSeq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    for (let i = 1; i < waiting.length; i++) {
      expect(waiting[i]!.queuedAt!.getTime()).toBeGreaterThanOrEqual(waiting[i - 1]!.queuedAt!.getTime());
    }

    // Three people give up their seats at the same time: exactly the first three waiting move up.
    const leaving = going.slice(0, 3);
    await Promise.all(
      leaving.map((r) => answerRsvp(database.db, { id: r.userId, role: "member" }, id, "no")),
    );
    const after = await rsvps(id);
    expect(after.filter((r) => r.status === "going")).toHaveLength(10);
    const promoted = after.filter((r) => r.status === "going" && waiting.some((w) => w.userId === r.userId));
    expect(promoted.map((r) => r.userId).sort()).toEqual(
      waiting
        .slice(0, 3)
        .map((w) => w.userId)
        .sort(),
    );
    expect(after.filter((r) => r.status === "waitlist").map((r) => r.userId)).toEqual(
      waiting.slice(3).map((w) => w.userId),
    );
  });
});

describe("calendar", () => {
  it("the .ics download is for members and moderators only, and marks a cancelled session", async () => {
    const { groupId, facilitator, members } = await groupWith(1);
    const id = await session(groupId, facilitator, {
      title: "Casus: OOC, AVG; rechten",
      address: "Noord-Hollands Archief, Kleine Houtweg 18, Haarlem",
    });
    const download = (who: Person | null) =>
      icsLoader({
        request: get(`/intervisie/sessies/${id}.ics`, who ? { Cookie: who.cookie } : {}),
        params: { id: String(id) },
        context,
      });
    const response = (await download(members[0]!)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain(`intervisie-${id}.ics`);
    const text = (await response.text()).replace(/\r\n[ \t]/g, "");
    expect(text).toContain(`UID:intervisie-sessie-${id}@localhost`);
    expect(text).toContain("SUMMARY:Casus: OOC\\, AVG\\; rechten");
    expect(text).toContain("LOCATION:Noord-Hollands Archief\\, Kleine Houtweg 18\\, Haarlem");
    expect(text).toContain("STATUS:CONFIRMED");
    expect(text).toContain("SEQUENCE:0");

    const moderator = await person(database.db, "moderator");
    expect(((await download(moderator)) as Response).status).toBe(200);
    const outsider = await person(database.db, "member");
    expect((await thrownResponse(() => download(outsider))).status).toBe(403);
    const anonymous = await thrownResponse(() => download(null));
    expect(anonymous.headers.get("Location")).toMatch(/^\/inloggen/);

    await callPlan(groupId, facilitator, { intent: "afzeggen" }, `?sessie=${id}`);
    const cancelled = await ((await download(members[0]!)) as Response).text();
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SEQUENCE:1");
  });

  it("a private feed by secret token: only a hash is stored, regenerating or revoking stops the old address", async () => {
    const { groupId, facilitator, members } = await groupWith(1);
    const member = members[0]!;
    const own = await session(groupId, facilitator, { title: "Eigen groep" });
    const cancelled = await session(groupId, facilitator, { title: "Gaat niet door" });
    await callPlan(groupId, facilitator, { intent: "afzeggen" }, `?sessie=${cancelled}`);
    const other = await groupWith(1);
    await session(other.groupId, other.facilitator, { title: "Andere groep" });

    const create = async () => {
      const result = body<{ feedUrl: string }>(
        await agendaAction({
          request: post("/intervisie/agenda", { intent: "aanmaken" }, { Cookie: member.cookie }),
          params: {},
          context,
        }),
      );
      const token = /\/agenda\/([A-Za-z0-9_-]{43})\.ics$/.exec(result.feedUrl)![1]!;
      return token;
    };
    const feed = (token: string) =>
      feedLoader({ request: get(`/agenda/${token}.ics`), params: { token }, context }) as Promise<Response>;

    const token = await create();
    const [stored] = await database.db.select().from(calendarFeed);
    expect(stored!.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const response = await feed(token);
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/\r\n[ \t]/g, "");
    expect(text).toContain("SUMMARY:Eigen groep");
    expect(text).toContain(`UID:intervisie-sessie-${own}@localhost`);
    expect(text).toMatch(/SUMMARY:Gaat niet door[\s\S]*?STATUS:CANCELLED/);
    expect(text).not.toContain("Andere groep");

    // The agenda page knows there is a feed, but never shows the token again.
    const page = await agendaLoader({
      request: get("/intervisie/agenda", { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect(JSON.stringify(page)).not.toContain(token);
    expect(body<{ feedSince: string | null; sessions: { title: string }[] }>(page)).toMatchObject({
      feedSince: expect.any(String),
      sessions: [{ title: "Eigen groep" }, { title: "Gaat niet door" }],
    });

    const second = await create();
    expect(second).not.toBe(token);
    expect((await feed(token)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);
    await agendaAction({
      request: post("/intervisie/agenda", { intent: "intrekken" }, { Cookie: member.cookie }),
      params: {},
      context,
    });
    expect((await feed(second)).status).toBe(404);
    expect((await feed("x".repeat(43))).status).toBe(404);
    expect((await feed("../../etc/passwd")).status).toBe(404);
  });
});

describe("roles and notes", () => {
  it("assigns roles to group members only, by the facilitator", async () => {
    const { groupId, facilitator, members } = await groupWith(2);
    const id = await session(groupId, facilitator);
    const outsider = await person(database.db, "member", "Buiten Staander");
    const ok = await callSession(id, facilitator, {
      intent: "rollen",
      "rol-facilitator": facilitator.id,
      "rol-caseOwner": members[0]!.id,
      "rol-timekeeper": "",
      "rol-noteTaker": members[1]!.id,
    });
    expect(body<{ ok: string }>(ok).ok).toMatch(/rollen/);
    const page = (await loadSession(id, members[0]!)) as { roleHolders: Record<string, string> };
    expect(page.roleHolders).toEqual({
      facilitator: "Fleur Facilitator",
      caseOwner: "Lid 01",
      noteTaker: "Lid 02",
    });

    const notMember = await callSession(id, facilitator, { intent: "rollen", "rol-caseOwner": outsider.id });
    expect(status(notMember)).toBe(400);
    expect(body<{ errors: { form: string } }>(notMember).errors.form).toMatch(/lid van de groep/);
    expect(
      status(await callSession(id, members[0]!, { intent: "rollen", "rol-caseOwner": members[0]!.id })),
    ).toBe(403);
    const [row] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, id));
    expect(row!.roles).toEqual({
      facilitator: facilitator.id,
      caseOwner: members[0]!.id,
      noteTaker: members[1]!.id,
    });
  });

  it("keeps both texts on a notes conflict and hides notes from non-members", async () => {
    const { groupId, facilitator, members } = await groupWith(2);
    const [anna, bram] = members as [Person, Person];
    const id = await session(groupId, facilitator);
    const start = (await loadSession(id, anna)) as { session: { notesVersion: number; notes: string } };
    expect(start.session.notesVersion).toBe(0);

    const first = await callSession(id, bram, {
      intent: "notities",
      notes: "Bram: actiepunt U-matic",
      baseVersion: "0",
    });
    expect(body<{ ok: string }>(first).ok).toMatch(/opgeslagen/);
    const clash = await callSession(id, anna, {
      intent: "notities",
      notes: "Anna: vertrouwelijk advies",
      baseVersion: "0",
    });
    expect(status(clash)).toBe(409);
    expect(body<{ conflict: unknown }>(clash).conflict).toEqual({
      theirs: "Bram: actiepunt U-matic",
      theirsVersion: 1,
      mine: "Anna: vertrouwelijk advies",
    });
    let [row] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, id));
    expect(row!.notes).toBe("Bram: actiepunt U-matic");
    const merged = "Bram: actiepunt U-matic\nAnna: vertrouwelijk advies";
    expect(status(await callSession(id, anna, { intent: "notities", notes: merged, baseVersion: "1" }))).toBe(
      200,
    );
    [row] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, id));
    expect(row).toMatchObject({ notes: merged, notesVersion: 2 });

    const outsider = await person(database.db, "member");
    expect((await thrownResponse(() => loadSession(id, outsider))).status).toBe(403);
    expect(
      (
        await thrownResponse(() =>
          callSession(id, outsider, { intent: "notities", notes: "x", baseVersion: "2" }),
        )
      ).status,
    ).toBe(403);
    // Notes never leave the group: not in the .ics, not in the group list.
    const ics = await (
      (await icsLoader({
        request: get(`/intervisie/sessies/${id}.ics`, { Cookie: anna.cookie }),
        params: { id: String(id) },
        context,
      })) as Response
    ).text();
    expect(ics).not.toContain("vertrouwelijk");
    expect(JSON.stringify(await listGroupSessions(database.db, groupId, anna.id))).not.toContain(
      "vertrouwelijk",
    );
  });
});

describe("ratings", () => {
  it("only members who were going, only after the start, 1 to 5", async () => {
    const { groupId, facilitator, members } = await groupWith(3);
    const [going, absent, silent] = members as [Person, Person, Person];
    const id = await session(groupId, facilitator, { capacity: 5 });
    await answerRsvp(database.db, going, id, "yes");
    await answerRsvp(database.db, absent, id, "no");
    const rate = (who: Person, score: string, comment = "") =>
      callSession(id, who, { intent: "beoordelen", score, comment });

    const early = await rate(going, "4");
    expect(status(early)).toBe(403);
    expect(body<{ errors: { form: string } }>(early).errors.form).toMatch(
      /pas als de bijeenkomst is begonnen/,
    );

    await database.db
      .update(intervisionSession)
      .set({ startsAt: new Date(Date.now() - 3 * 3_600_000) })
      .where(eq(intervisionSession.id, id));
    const page = (await loadSession(id, going)) as { me: { canRate: boolean } };
    expect(page.me.canRate).toBe(true);
    expect(((await loadSession(id, absent)) as { me: { canRate: boolean } }).me.canRate).toBe(false);

    expect(status(await rate(absent, "2"))).toBe(403);
    expect(status(await rate(silent, "2"))).toBe(403);
    const bad = await rate(going, "6");
    expect(status(bad)).toBe(400);
    expect(body<{ errors: { score: string } }>(bad).errors.score).toMatch(/1 tot 5/);
    expect(body<{ ok: string }>(await rate(going, "4", "Nuttige adviezen over nitraatfilm")).ok).toMatch(
      /Dank/,
    );
    // Rating again replaces the earlier one.
    await rate(going, "5", "Nog beter bij nader inzien");
    const stored = await database.db.select().from(sessionRating);
    expect(stored).toEqual([
      expect.objectContaining({ userId: going.id, score: 5, comment: "Nog beter bij nader inzien" }),
    ]);
  });

  it("moderators see averages per group; low ones are suggested for re-matching", async () => {
    expect(isLowRating([2, 3])).toBe(true);
    expect(isLowRating([2])).toBe(false);
    expect(isLowRating([1, 5, 5])).toBe(true);
    expect(isLowRating([3, 3])).toBe(false);
    expect(isLowRating([])).toBe(false);

    const groups = [];
    for (const scores of [
      [2, 3],
      [4, 5],
      [1, 5, 5],
    ]) {
      const g = await groupWith(scores.length);
      const id = await session(g.groupId, g.facilitator, { capacity: 5 });
      for (const m of g.members) await answerRsvp(database.db, m, id, "yes");
      await database.db
        .update(intervisionSession)
        .set({ startsAt: new Date(Date.now() - 3_600_000) })
        .where(eq(intervisionSession.id, id));
      for (const [i, m] of g.members.entries()) {
        await callSession(id, m, {
          intent: "beoordelen",
          score: String(scores[i]),
          comment: i === 0 ? `Toelichting ${scores[i]}` : "",
        });
      }
      groups.push(g.groupId);
    }
    const result = await ratingsByGroup(database.db);
    const by = new Map(result.map((r) => [r.groupId, r]));
    expect(by.get(groups[0]!)).toMatchObject({ average: 2.5, count: 2, low: true });
    expect(by.get(groups[1]!)).toMatchObject({ average: 4.5, count: 2, low: false });
    expect(by.get(groups[2]!)).toMatchObject({ average: 3.7, count: 3, low: true });
    expect(by.get(groups[0]!)!.comments).toEqual([
      expect.objectContaining({ score: 2, comment: "Toelichting 2" }),
    ]);
    expect(result.at(-1)!.groupId).toBe(groups[1]);

    const moderator = await person(database.db, "moderator");
    const page = body<{ groups: { groupId: number; low: boolean }[] }>(
      await ratingsLoader({
        request: get("/beheer/intervisie/beoordelingen", { Cookie: moderator.cookie }),
        params: {},
        context,
      }),
    );
    expect(
      page.groups
        .filter((g) => g.low)
        .map((g) => g.groupId)
        .sort(),
    ).toEqual([groups[0], groups[2]].sort());
    const member = await person(database.db, "member");
    const refused = await thrownResponse(() =>
      ratingsLoader({
        request: get("/beheer/intervisie/beoordelingen", { Cookie: member.cookie }),
        params: {},
        context,
      }),
    );
    expect(refused.status).toBe(403);
  });
});

describe("reminders", () => {
  it("mails going and maybe members a day before, once", async () => {
    const { groupId, facilitator, members } = await groupWith(4);
    const [yes, maybe, no, waiting] = members as [Person, Person, Person, Person];
    const now = new Date();
    const soon = await session(groupId, facilitator, {
      title: "Morgen",
      capacity: 2,
      startsAt: new Date(now.getTime() + 23 * 3_600_000),
    });
    const later = await session(groupId, facilitator, {
      title: "Overmorgen",
      startsAt: new Date(now.getTime() + 30 * 3_600_000),
    });
    const off = await session(groupId, facilitator, {
      title: "Afgezegd",
      startsAt: new Date(now.getTime() + 2 * 3_600_000),
    });
    await callPlan(groupId, facilitator, { intent: "afzeggen" }, `?sessie=${off}`);
    await answerRsvp(database.db, yes, soon, "yes");
    await answerRsvp(database.db, facilitator, soon, "yes");
    await answerRsvp(database.db, waiting, soon, "yes");
    await answerRsvp(database.db, maybe, soon, "maybe");
    await answerRsvp(database.db, no, soon, "no");
    await answerRsvp(database.db, yes, later, "yes");
    await answerRsvp(database.db, yes, off, "yes").catch(() => {});
    const before = mailsIn(mailDir).length;

    expect(await sendDueReminders(database.db, context.env, now)).toBe(1);
    const reminders = mailsIn(mailDir)
      .slice(before)
      .filter((m) => m.subject.includes("Herinnering"));
    expect(reminders.map((m) => m.to).sort()).toEqual([facilitator.email, maybe.email, yes.email].sort());
    expect(reminders[0]!.subject).toBe("AV-Kennisnet: Herinnering: Morgen");
    const [row] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, soon));
    expect(row!.reminderSentAt).not.toBeNull();

    // Running again (or on a second server) sends nothing.
    expect(await sendDueReminders(database.db, context.env, now)).toBe(0);
    expect(await sendDueReminders(database.db, context.env, new Date(now.getTime() + 60_000))).toBe(0);
    expect(mailsIn(mailDir).filter((m) => m.subject.includes("Herinnering"))).toHaveLength(3);
    // The later session's turn comes when it is within a day.
    expect(await sendDueReminders(database.db, context.env, new Date(now.getTime() + 7 * 3_600_000))).toBe(1);
  });
});
