import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { and, count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEnv } from "#app/modules/env.server.ts";
import { decideRequest, GroupError } from "#app/modules/intervisie/groups.server.ts";
import { poolParticipants } from "#app/modules/intervisie/matching.server.ts";
import { checkGrouping, scoreGrouping } from "#app/modules/intervisie/matching.ts";
import { reasonText } from "#app/modules/intervisie/reasons.ts";
import { saveNotes } from "#app/modules/intervisie/sessions/notes.server.ts";
import { sendRatingPrompts } from "#app/modules/intervisie/sessions/reminders.server.ts";
import { answerRsvp } from "#app/modules/intervisie/sessions/rsvp.server.ts";
import { action as accountAction } from "#app/routes/account._index.tsx";
import { loader as accountDataLoader } from "#app/routes/account.gegevens.ts";
import { action as matchAction, loader as matchLoader } from "#app/routes/beheer.intervisie._index.tsx";
import {
  action as proposalAction,
  loader as proposalLoader,
} from "#app/routes/beheer.intervisie.voorstel.$id.tsx";
import { action as optInAction, loader as optInLoader } from "#app/routes/intervisie.deelnemen.tsx";
import { action as browseAction, loader as browseLoader } from "#app/routes/intervisie.groepen._index.tsx";
import { action as groupAction, loader as groupLoader } from "#app/routes/intervisie.groepen.$id.tsx";
import {
  action as sessionAction,
  loader as sessionLoader,
} from "#app/routes/intervisie.sessies.$id/route.tsx";
import { action as notificationsAction, loader as notificationsLoader } from "#app/routes/meldingen.tsx";
import type { Database } from "#db/client.server.ts";
import { user } from "#db/schema/auth.ts";
import {
  intervisionGroup,
  intervisionMember,
  intervisionParticipant,
  intervisionSession,
  joinRequest,
  matchRun,
  notification,
  sessionRating,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import { PASSWORD, userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createInstitution, memberOf } from "#tests/support/factories.ts";
import { mailsIn } from "#tests/support/mail.ts";
import { contextFor, get, post, thrownResponse } from "#tests/support/remix.ts";

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
  rmSync(mailDir, { recursive: true, force: true });
});
afterAll(() => undefined);

type Member = Awaited<ReturnType<typeof userWithSession>> & { institutionId: number };

const needColumns = {
  metadata: "need_metadata",
  digitisation: "need_digitisation",
  copyright: "need_copyright",
  outsourcing: "need_outsourcing",
  storage: "need_storage",
  born_digital: "need_born_digital",
  avg: "need_avg",
  ai: "need_ai",
  carriers: "need_carriers",
} as const;

/** The institution's survey answers: Slecht for needs, Goed for offers, Voldoende for the rest. */
async function answers(
  institutionId: number,
  type: string,
  needs: string[],
  offers: string[],
  province: string,
  extra: Record<string, string> = {},
) {
  const answers: Record<string, string | null> = { ...extra };
  for (const [key, column] of Object.entries(needColumns))
    answers[column] = needs.includes(key) ? "Slecht" : offers.includes(key) ? "Goed" : "Voldoende";
  await database.db.insert(surveyResponse).values({
    source: "self",
    respondentId: `self-${institutionId}`,
    wave: 2024,
    answeredAt: new Date("2024-06-01T10:00:00Z"),
    institutionId,
    institutionType: type,
    province,
    answers: answers as never,
    contentHash: `hash-${institutionId}`,
  });
}

function optInForm(fields: {
  needs: string[];
  offers?: string[];
  inPerson?: boolean;
  province?: string;
  consent?: boolean;
  fte?: string;
  digitisationDegree?: string;
}) {
  const body = new URLSearchParams();
  if (fields.consent !== false) body.append("consent", "ja");
  for (const n of fields.needs) body.append("needs", n);
  for (const o of fields.offers ?? []) body.append("offers", o);
  body.append("inPerson", fields.inPerson ? "ja" : "nee");
  body.append("province", fields.province ?? "");
  body.append("fte", fields.fte ?? "");
  body.append("digitisationDegree", fields.digitisationDegree ?? "");
  body.append("intent", "opslaan");
  return body;
}

async function optIn(member: Member, fields: Parameters<typeof optInForm>[0]) {
  const request = post("/intervisie/deelnemen", optInForm(fields), { Cookie: member.cookie });
  return optInAction({ request, context, params: {} });
}

async function statusAndBody(result: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  if (result instanceof Response) return { status: result.status, body: await result.json() };
  const maybe = result as { type?: string; init?: { status?: number }; data?: unknown };
  if (maybe && maybe.type === "DataWithResponseInit")
    return { status: maybe.init?.status ?? 200, body: maybe.data as Record<string, unknown> };
  return { status: 200, body: result as Record<string, unknown> };
}

const types = [
  "Archief",
  "Archief",
  "Museum",
  "Museum",
  "Omroep",
  "Archief",
  "Museum",
  "Omroep",
  "Archief",
  "Overig",
];
const needSets = [
  ["storage", "born_digital"],
  ["storage", "metadata"],
  ["copyright", "avg"],
  ["copyright", "metadata"],
  ["carriers", "digitisation"],
  ["storage", "carriers"],
  ["avg", "ai"],
  ["digitisation", "outsourcing"],
  ["born_digital", "storage"],
  ["ai", "metadata"],
];

/** Ten members of ten institutions who opted in, and a moderator. */
async function pool(size = 10) {
  const members: Member[] = [];
  for (let i = 0; i < size; i++) {
    const inst = await createInstitution(database.db, `Instelling ${i + 1}`, types[i % types.length]!);
    const m = await memberOf(database.db, inst, "member", `Deelnemer ${i + 1}`);
    const result = await statusAndBody(
      await optIn(m, {
        needs: needSets[i % needSets.length]!,
        offers: i % 3 === 0 ? ["metadata"] : [],
        province: "Utrecht",
        inPerson: i % 2 === 0,
      }),
    );
    expect(result.status).toBe(200);
    members.push(m);
  }
  const modInst = await createInstitution(database.db, "AVA_Net", "Overig");
  const moderator = await memberOf(database.db, modInst, "moderator", "Moderator");
  return { members, moderator };
}

async function runMatch(moderator: Member, fields: Record<string, string> = {}) {
  const request = post(
    "/beheer/intervisie",
    {
      pool: "vrij",
      min: "4",
      max: "7",
      seed: "1",
      sameType: "2",
      sharedNeeds: "1",
      canHelp: "0.5",
      sameProvinceInPerson: "0.5",
      similarSize: "0.5",
      similarMaturity: "0.5",
      ...fields,
    },
    { Cookie: moderator.cookie },
  );
  return matchAction({ request, context, params: {} });
}

async function proposalOf(moderator: Member, runId: number) {
  const result = await proposalLoader({
    request: get(`/beheer/intervisie/voorstel/${runId}`, { Cookie: moderator.cookie }),
    context,
    params: { id: String(runId) },
  });
  return result.proposal;
}

/** The proposal a matching run redirected to. */
function runIdFrom(response: unknown): number {
  return Number((response as Response).headers.get("Location")!.split("/").pop());
}

/** Posts a form to a proposal's page as the moderator. */
function proposalPost(moderator: Member, runId: number, fields: Record<string, string>) {
  return proposalAction({
    request: post(`/beheer/intervisie/voorstel/${runId}`, fields, { Cookie: moderator.cookie }),
    context,
    params: { id: String(runId) },
  });
}

/** A session of a group, written straight to the database. */
async function addSession(values: Omit<typeof intervisionSession.$inferInsert, "id">) {
  const [row] = await database.db
    .insert(intervisionSession)
    .values(values)
    .returning({ id: intervisionSession.id });
  return row!;
}

describe("taking part", () => {
  it("pre-fills topics and province from the institution's answers, and stores nothing without consent", async () => {
    const inst = await createInstitution(database.db, "Regionaal Archief Zuid", "Archief");
    await answers(inst, "Archief", ["storage", "born_digital"], ["metadata"], "Limburg");
    const m = await memberOf(database.db, inst);
    const page = await optInLoader({
      request: get("/intervisie/deelnemen", { Cookie: m.cookie }),
      context,
      params: {},
    });
    expect(page.participation.optedIn).toBe(false);
    expect(page.participation.needs.sort()).toEqual(["born_digital", "storage"]);
    expect(page.participation.offers).toEqual(["metadata"]);
    expect(page.participation.province).toBe("Limburg");
    expect(page.participation.prefilledFromProfile).toBe(true);

    const refused = await statusAndBody(await optIn(m, { needs: ["storage"], consent: false }));
    expect(refused.status).toBe(400);
    expect((refused.body.errors as Record<string, string>).consent).toMatch(/toestemming/);
    const noTopics = await statusAndBody(await optIn(m, { needs: [] }));
    expect((noTopics.body.errors as Record<string, string>).needs).toMatch(/ten minste één onderwerp/);
    const noProvince = await statusAndBody(
      await optIn(m, { needs: ["storage"], inPerson: true, province: "" }),
    );
    expect((noProvince.body.errors as Record<string, string>).province).toMatch(/provincie/);
    const [{ n } = { n: -1 }] = await database.db.select({ n: count() }).from(intervisionParticipant);
    expect(n).toBe(0);

    const saved = await statusAndBody(
      await optIn(m, {
        needs: ["storage", "avg"],
        offers: ["metadata"],
        inPerson: true,
        province: "Limburg",
      }),
    );
    expect(saved.status).toBe(200);
    const [row] = await database.db
      .select()
      .from(intervisionParticipant)
      .where(eq(intervisionParticipant.userId, m.id));
    expect(row?.needs.sort()).toEqual(["avg", "storage"]);
    expect(row?.inPerson).toBe(true);
    expect(row?.province).toBe("Limburg");
    expect(row?.consentAt).toBeInstanceOf(Date);
  });

  it("pre-fills size and maturity from the answers, keeps what the member changes, and shows each group's spread", async () => {
    const inst = await createInstitution(database.db, "Gemeentearchief Klein", "Archief");
    await answers(inst, "Archief", ["storage"], [], "Zeeland", {
      fte_av: "1-5 fte",
      digitisation_degree: "Weet ik niet",
    });
    const m = await memberOf(database.db, inst);
    const page = await optInLoader({
      request: get("/intervisie/deelnemen", { Cookie: m.cookie }),
      context,
      params: {},
    });
    expect(page.participation.fte).toBe("1-5 fte");
    expect(page.participation.digitisationDegree).toBeNull();

    const bad = await statusAndBody(await optIn(m, { needs: ["storage"], fte: "heel veel" }));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Record<string, string>).fte).toMatch(/omvang/);
    const saved = await statusAndBody(
      await optIn(m, { needs: ["storage"], fte: "1 fte", digitisationDegree: "25-50%" }),
    );
    expect(saved.status).toBe(200);
    const [row] = await database.db
      .select()
      .from(intervisionParticipant)
      .where(eq(intervisionParticipant.userId, m.id));
    expect([row?.fte, row?.digitisationDegree]).toEqual(["1 fte", "25-50%"]);

    // Three more comparable members and one large, fully digitised one: one group of five.
    const { members, moderator } = await pool(4);
    const bands = [
      ["1-5 fte", "25-50%"],
      ["1 fte", "10-25%"],
      ["Meer dan 10 fte", "75-100%"],
      ["", ""],
    ] as const;
    for (const [i, member] of members.entries()) {
      const [fte, digitisationDegree] = bands[i]!;
      expect(
        (await statusAndBody(await optIn(member, { needs: ["storage"], fte, digitisationDegree }))).status,
      ).toBe(200);
    }
    const runId = runIdFrom(await runMatch(moderator, { min: "5", max: "5" }));
    const proposal = await proposalOf(moderator, runId);
    expect(proposal.groups).toHaveLength(1);
    const group = proposal.groups[0]!;
    expect(group.size).toMatchObject({ from: "1 fte", to: "Meer dan 10 fte", steps: 3, unknown: 1 });
    expect(group.maturity).toMatchObject({ from: "10–25 %", to: "75–100 %", steps: 3, unknown: 1 });
    const mine = group.members.find((x) => x.id === m.id)!;
    expect(mine.reasons).toContainEqual({ code: "similarSize", band: "1 fte", count: 2, of: 4 });
    const said = (locale: "nl" | "en") => mine.reasons.map((r) => reasonText(r, locale));
    expect(said("nl")).toContain("vergelijkbare omvang: 1 fte (2 van 4 groepsgenoten)");
    expect(said("nl")).toContain(
      "vergelijkbare digitale volwassenheid: 25–50 % gedigitaliseerd (2 van 4 groepsgenoten)",
    );
    expect(said("en")).toContain("similar size: 1 FTE (2 of 4 group members)");

    const exported = await accountDataLoader({
      request: get("/account/gegevens", { Cookie: m.cookie }),
      context,
      params: {},
    });
    expect(JSON.stringify(await (exported as Response).json())).toContain('"digitisationDegree":"25-50%"');
  });

  it("asks a member without an institution to choose one first", async () => {
    const m = await userWithSession(database.db, "member");
    const result = await statusAndBody(await optIn({ ...m, institutionId: 0 }, { needs: ["storage"] }));
    expect(result.status).toBe(400);
    expect((result.body.errors as Record<string, string>).form).toMatch(/instelling/);
  });

  it("opting out takes a member out of the pool", async () => {
    const { members } = await pool(5);
    expect(await poolParticipants(database.db, "vrij")).toHaveLength(5);
    const request = post("/intervisie/deelnemen", { intent: "afmelden" }, { Cookie: members[0]!.cookie });
    await optInAction({ request, context, params: {} });
    const left = await poolParticipants(database.db, "vrij");
    expect(left.map((p) => p.id)).not.toContain(members[0]!.id);
    expect(left).toHaveLength(4);
  });
});

describe("matching by a moderator", () => {
  it("proposes valid groups with scores and reasons, lets the moderator move a member, and confirms", async () => {
    const { members, moderator } = await pool(10);
    const page = await matchLoader({
      request: get("/beheer/intervisie", { Cookie: moderator.cookie }),
      context,
      params: {},
    });
    expect(page.counts.vrij).toBe(10);

    const response = await runMatch(moderator);
    expect(response).toBeInstanceOf(Response);
    const location = (response as Response).headers.get("Location")!;
    const runId = Number(location.split("/").pop());
    const proposal = await proposalOf(moderator, runId);
    expect(proposal.status).toBe("draft");
    expect(proposal.problems).toEqual([]);
    const sizes = proposal.groups.map((g) => g.members.length);
    expect(sizes.every((s) => s >= 4 && s <= 7)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    for (const g of proposal.groups)
      for (const m of g.members) expect(m.reasons.length, `redenen voor ${m.name}`).toBeGreaterThan(0);
    expect(proposal.groups.flatMap((g) => g.members.map((m) => m.name)).sort()).toEqual(
      members.map((_, i) => `Deelnemer ${i + 1}`).sort(),
    );

    // The stored score is the objective of the stored grouping (checked with the matcher's scorer).
    const [run] = await database.db.select().from(matchRun).where(eq(matchRun.id, runId));
    const participants = run!.participants as Parameters<typeof scoreGrouping>[0];
    expect(proposal.score).toBeCloseTo(scoreGrouping(participants, run!.proposal.groups).score, 10);

    // Move the first member of group 1 into group 2: the page shows new scores (and any rule broken).
    const mover = proposal.groups[0]!.members[0]!;
    const moved = await proposalPost(moderator, runId, {
      intent: "verplaatsen",
      versie: String(proposal.version),
      deelnemer: mover.id,
      naar: "1",
    });
    expect((moved as Response).status).toBe(302);
    const after = await proposalOf(moderator, runId);
    expect(after.version).toBe(proposal.version + 1);
    expect(after.groups[1]!.members.map((m) => m.id)).toContain(mover.id);
    const [runAfter] = await database.db.select().from(matchRun).where(eq(matchRun.id, runId));
    expect(after.score).toBeCloseTo(scoreGrouping(participants, runAfter!.proposal.groups).score, 10);
    expect(after.problems).toEqual(
      checkGrouping(participants, runAfter!.proposal.groups, { min: 4, max: 7 }),
    );

    // A form from before the move (old version) changes nothing and says why.
    const stale = await statusAndBody(
      await proposalPost(moderator, runId, {
        intent: "verplaatsen",
        versie: String(proposal.version),
        deelnemer: mover.id,
        naar: "0",
      }),
    );
    expect(stale.status).toBe(409);
    expect(String(stale.body.error)).toMatch(/intussen gewijzigd/);

    // Move back so the rules hold, then confirm.
    await proposalPost(moderator, runId, {
      intent: "verplaatsen",
      versie: String(after.version),
      deelnemer: mover.id,
      naar: "0",
    });
    const ready = await proposalOf(moderator, runId);
    expect(ready.problems).toEqual([]);
    const confirmed = await proposalPost(moderator, runId, {
      intent: "bevestigen",
      versie: String(ready.version),
    });
    expect((confirmed as Response).status).toBe(302);
    expect((await proposalOf(moderator, runId)).status).toBe("confirmed");

    const groups = await database.db.select().from(intervisionGroup);
    expect(groups).toHaveLength(ready.groups.length);
    const memberRows = await database.db.select().from(intervisionMember);
    expect(memberRows).toHaveLength(10);
    for (const g of groups) {
      const inGroup = memberRows.filter((r) => r.groupId === g.id);
      expect(inGroup.filter((r) => r.role === "facilitator")).toHaveLength(1);
    }
    // Everyone is told, in the app and by e-mail.
    const notes = await database.db.select().from(notification);
    expect(new Set(notes.map((n) => n.userId))).toEqual(new Set(members.map((m) => m.id)));
    expect(notes.every((n) => n.link?.startsWith("/intervisie/groepen/"))).toBe(true);
    const sent = mailsIn(mailDir);
    expect(new Set(sent.map((m) => m.to))).toEqual(new Set(members.map((m) => m.email)));
    expect(sent[0]!.text).toMatch(/http:\/\/localhost:3000\/intervisie\/groepen\/\d+/);

    // The matched members are no longer in the free pool.
    expect(await poolParticipants(database.db, "vrij")).toHaveLength(0);

    // A confirmed proposal cannot be confirmed again.
    const again = await statusAndBody(
      await proposalPost(moderator, runId, { intent: "bevestigen", versie: String(ready.version + 1) }),
    );
    expect(again.status).toBe(409);
    expect(await database.db.select().from(intervisionGroup)).toHaveLength(groups.length);
  });

  it("refuses to confirm a proposal that breaks the rules, and stores no group", async () => {
    const { moderator } = await pool(8);
    const response = (await runMatch(moderator)) as Response;
    const runId = runIdFrom(response);
    const proposal = await proposalOf(moderator, runId);
    expect(proposal.groups).toHaveLength(2);
    // Take one member out into a group of their own: sizes 3 and 1 break the minimum of 4.
    await proposalPost(moderator, runId, {
      intent: "verplaatsen",
      versie: String(proposal.version),
      deelnemer: proposal.groups[0]!.members[0]!.id,
      naar: "nieuw",
    });
    const broken = await proposalOf(moderator, runId);
    expect(broken.groups).toHaveLength(3);
    expect(broken.problems.join(" ")).toMatch(/toegestaan: 4 tot 7/);
    const refused = await statusAndBody(
      await proposalPost(moderator, runId, { intent: "bevestigen", versie: String(broken.version) }),
    );
    expect(refused.status).toBe(400);
    expect(String(refused.body.error)).toMatch(/voldoet niet aan de regels/);
    expect(await database.db.select().from(intervisionGroup)).toHaveLength(0);
    expect(await database.db.select().from(intervisionMember)).toHaveLength(0);
  });

  it("says which constraint cannot hold when the pool is too small", async () => {
    const { moderator } = await pool(3);
    const result = await statusAndBody(await runMatch(moderator));
    expect(result.status).toBe(400);
    expect((result.body.errors as Record<string, string>).form).toMatch(
      /3 deelnemers|minimum|ten minste|kleinste/i,
    );
    expect(await database.db.select().from(matchRun)).toHaveLength(0);
  });

  it("validates the options with Dutch messages", async () => {
    const { moderator } = await pool(4);
    const result = await statusAndBody(await runMatch(moderator, { min: "6", max: "5", sameType: "-1" }));
    expect(result.status).toBe(400);
    const errors = result.body.errors as Record<string, string>;
    expect(errors.sameType).toMatch(/0 of meer/);
    expect(await database.db.select().from(matchRun)).toHaveLength(0);
  });

  it("is for moderators only", async () => {
    const { members } = await pool(4);
    const response = await thrownResponse(() =>
      matchAction({
        request: post("/beheer/intervisie", { pool: "vrij" }, { Cookie: members[0]!.cookie }),
        context,
        params: {},
      }),
    );
    expect(response.status).toBe(403);
  });
});

/** Ten members matched into groups; returns the groups with their members. */
async function matchedGroups() {
  const { members, moderator } = await pool(10);
  const response = (await runMatch(moderator)) as Response;
  const runId = runIdFrom(response);
  const proposal = await proposalOf(moderator, runId);
  await proposalPost(moderator, runId, { intent: "bevestigen", versie: String(proposal.version) });
  const groups = await database.db.select().from(intervisionGroup);
  const rows = await database.db.select().from(intervisionMember);
  return {
    members,
    moderator,
    groups: groups.map((g) => ({
      ...g,
      memberIds: rows.filter((r) => r.groupId === g.id).map((r) => r.userId),
      facilitatorId: rows.find((r) => r.groupId === g.id && r.role === "facilitator")!.userId,
    })),
  };
}

describe("groups", () => {
  it("shows a group to its members and moderators only", async () => {
    const { members, moderator, groups } = await matchedGroups();
    const group = groups[0]!;
    const insider = members.find((m) => group.memberIds.includes(m.id))!;
    const outsider = members.find((m) => !group.memberIds.includes(m.id))!;
    const page = await groupLoader({
      request: get(`/intervisie/groepen/${group.id}`, { Cookie: insider.cookie }),
      context,
      params: { id: String(group.id) },
    });
    expect(page.group.members.map((m) => m.userId).sort()).toEqual([...group.memberIds].sort());
    expect(page.group.members.every((m) => m.institutionName?.startsWith("Instelling"))).toBe(true);
    expect(page.access.canManage).toBe(insider.id === group.facilitatorId);
    const forbidden = await thrownResponse(() =>
      groupLoader({
        request: get(`/intervisie/groepen/${group.id}`, { Cookie: outsider.cookie }),
        context,
        params: { id: String(group.id) },
      }),
    );
    expect(forbidden.status).toBe(403);
    const asModerator = await groupLoader({
      request: get(`/intervisie/groepen/${group.id}`, { Cookie: moderator.cookie }),
      context,
      params: { id: String(group.id) },
    });
    expect(asModerator.access.canManage).toBe(true);
    const missing = await thrownResponse(() =>
      groupLoader({
        request: get("/intervisie/groepen/99999", { Cookie: insider.cookie }),
        context,
        params: { id: "99999" },
      }),
    );
    expect(missing.status).toBe(404);
  });

  it("lets a member browse open groups by topic and type without seeing who is in them, and ask to join", async () => {
    const { groups } = await matchedGroups();
    const open = groups.find((g) => g.open)!;
    expect(open, "een groep met plek").toBeDefined();
    // A newcomer from a new institution.
    const inst = await createInstitution(database.db, "Nieuw Museum", open.institutionType);
    const newcomer = await memberOf(database.db, inst, "member", "Nieuwkomer");
    const before = await statusAndBody(
      await browseAction({
        request: post(
          "/intervisie/groepen",
          { groep: String(open.id), intent: "aanvragen" },
          { Cookie: newcomer.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(before.status).toBe(400);
    expect(String(before.body.error)).toMatch(/Meld je eerst aan|Meld u eerst aan/);
    await optIn(newcomer, { needs: open.topics.length ? open.topics : ["storage"] });

    const browse = await browseLoader({
      request: get(`/intervisie/groepen?type=${open.institutionType}`, { Cookie: newcomer.cookie }),
      context,
      params: {},
    });
    expect(browse.groups.map((g) => g.id)).toContain(open.id);
    expect(browse.groups.every((g) => g.institutionType === open.institutionType)).toBe(true);
    expect(JSON.stringify(browse)).not.toMatch(/Deelnemer \d/);
    if (open.topics[0]) {
      const byTopic = await browseLoader({
        request: get(`/intervisie/groepen?onderwerp=${open.topics[0]}`, { Cookie: newcomer.cookie }),
        context,
        params: {},
      });
      expect(byTopic.groups.every((g) => g.topics.includes(open.topics[0] as never))).toBe(true);
    }

    const asked = await statusAndBody(
      await browseAction({
        request: post(
          "/intervisie/groepen",
          { groep: String(open.id), intent: "aanvragen", bericht: "Wij hebben veel U-matic." },
          { Cookie: newcomer.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(asked.status).toBe(200);
    const twice = await statusAndBody(
      await browseAction({
        request: post(
          "/intervisie/groepen",
          { groep: String(open.id), intent: "aanvragen" },
          { Cookie: newcomer.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(twice.status).toBe(409);
    // The facilitator hears of it.
    const told = await database.db
      .select()
      .from(notification)
      .where(eq(notification.userId, open.facilitatorId));
    expect(told.some((n) => n.title.includes("Nieuwkomer"))).toBe(true);

    // A member who is not the facilitator cannot decide.
    const [request] = await database.db.select().from(joinRequest);
    const plain = open.memberIds.find((id) => id !== open.facilitatorId)!;
    const plainCookie = (await import("#app/modules/auth/session.server.ts")).SESSION_COOKIE;
    const { createSession } = await import("#app/modules/auth/session.server.ts");
    const plainSession = await createSession(database.db, plain);
    const refused = await thrownResponse(() =>
      groupAction({
        request: post(
          `/intervisie/groepen/${open.id}`,
          { intent: "toelaten", aanvraag: String(request!.id) },
          { Cookie: `${plainCookie}=${plainSession.token}` },
        ),
        context,
        params: { id: String(open.id) },
      }),
    );
    expect(refused.status).toBe(403);

    // The facilitator accepts; the newcomer is a member and is told.
    const facSession = await createSession(database.db, open.facilitatorId);
    const accepted = await statusAndBody(
      await groupAction({
        request: post(
          `/intervisie/groepen/${open.id}`,
          { intent: "toelaten", aanvraag: String(request!.id) },
          { Cookie: `${plainCookie}=${facSession.token}` },
        ),
        context,
        params: { id: String(open.id) },
      }),
    );
    expect(accepted.status).toBe(200);
    const [membership] = await database.db
      .select()
      .from(intervisionMember)
      .where(and(eq(intervisionMember.groupId, open.id), eq(intervisionMember.userId, newcomer.id)));
    expect(membership?.role).toBe("member");
    const welcome = await database.db.select().from(notification).where(eq(notification.userId, newcomer.id));
    expect(welcome.some((n) => n.title.startsWith("Welkom"))).toBe(true);
  });

  it("never lets two people of one institution into one group", async () => {
    const { groups } = await matchedGroups();
    const open = groups.find((g) => g.open)!;
    const [colleagueOf] = await database.db
      .select({ institutionId: user.institutionId })
      .from(user)
      .where(eq(user.id, open.memberIds[0]!));
    const colleague = await memberOf(database.db, colleagueOf!.institutionId!, "member", "Collega");
    await optIn(colleague, { needs: ["storage"] });
    const result = await statusAndBody(
      await browseAction({
        request: post(
          "/intervisie/groepen",
          { groep: String(open.id), intent: "aanvragen" },
          { Cookie: colleague.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(result.status).toBe(409);
    expect(String(result.body.error)).toMatch(/dezelfde instelling/);
    expect(await database.db.select().from(joinRequest)).toHaveLength(0);
  });

  it("re-matching a group closes it and forms new groups from its members", async () => {
    const { moderator, groups } = await matchedGroups();
    const target = groups[0]!;
    const response = (await runMatch(moderator, { pool: `groep-${target.id}` })) as Response;
    const runId = runIdFrom(response);
    const proposal = await proposalOf(moderator, runId);
    expect(proposal.groups.flatMap((g) => g.members.map((m) => m.id)).sort()).toEqual(
      [...target.memberIds].sort(),
    );
    await proposalPost(moderator, runId, { intent: "bevestigen", versie: String(proposal.version) });
    const [closed] = await database.db
      .select()
      .from(intervisionGroup)
      .where(eq(intervisionGroup.id, target.id));
    expect(closed?.closedAt).not.toBeNull();
    const rows = await database.db.select().from(intervisionMember);
    expect(rows.filter((r) => r.groupId === target.id)).toHaveLength(0);
    expect(rows).toHaveLength(10);
  });

  it("a member can leave a group", async () => {
    const { members, groups } = await matchedGroups();
    const group = groups[0]!;
    const leaver = members.find((m) => group.memberIds.includes(m.id))!;
    const response = await groupAction({
      request: post(`/intervisie/groepen/${group.id}`, { intent: "verlaten" }, { Cookie: leaver.cookie }),
      context,
      params: { id: String(group.id) },
    });
    expect((response as Response).status).toBe(302);
    const rows = await database.db
      .select()
      .from(intervisionMember)
      .where(and(eq(intervisionMember.groupId, group.id), eq(intervisionMember.userId, leaver.id)));
    expect(rows).toHaveLength(0);
  });
});

describe("notifications", () => {
  it("lists a member's own notifications and marks them read", async () => {
    const { members } = await matchedGroups();
    const m = members[0]!;
    const page = await notificationsLoader({
      request: get("/meldingen", { Cookie: m.cookie }),
      context,
      params: {},
    });
    expect(page.notifications.length).toBeGreaterThan(0);
    expect(page.notifications.every((n) => n.readAt === null)).toBe(true);
    await notificationsAction({ request: post("/meldingen", {}, { Cookie: m.cookie }), context, params: {} });
    const after = await notificationsLoader({
      request: get("/meldingen", { Cookie: m.cookie }),
      context,
      params: {},
    });
    expect(after.notifications.every((n) => n.readAt !== null)).toBe(true);
    const others = await database.db
      .select()
      .from(notification)
      .where(eq(notification.userId, members[1]!.id));
    expect(others.every((n) => n.readAt === null)).toBe(true);
  });
});

describe("personal data", () => {
  it("leaving a group gives up a seat in its coming sessions, so the waitlist moves up", async () => {
    const { groups, members } = await matchedGroups();
    const group = groups[0]!;
    const [first, second] = group.memberIds;
    const session = await addSession({
      groupId: group.id,
      title: "Bijeenkomst over U-matic",
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      durationMinutes: 90,
      method: "vijfstappen",
      capacity: 1,
    });
    await answerRsvp(database.db, { id: first!, role: "member" }, session!.id, "yes");
    await answerRsvp(database.db, { id: second!, role: "member" }, session!.id, "yes");
    const statusOf = async (userId: string) =>
      (
        await database.db
          .select({ status: sessionRsvp.status })
          .from(sessionRsvp)
          .where(and(eq(sessionRsvp.sessionId, session!.id), eq(sessionRsvp.userId, userId)))
      )[0]?.status;
    expect(await statusOf(first!)).toBe("going");
    expect(await statusOf(second!)).toBe("waitlist");
    const leaver = members.find((m) => m.id === first)!;
    await groupAction({
      request: post(`/intervisie/groepen/${group.id}`, { intent: "verlaten" }, { Cookie: leaver.cookie }),
      context,
      params: { id: String(group.id) },
    });
    expect(await statusOf(first!)).toBe("not_going");
    expect(await statusOf(second!)).toBe("going");
  });

  it("the data download holds the member's intervision data, and deleting the account removes it", async () => {
    const { groups, members } = await matchedGroups();
    const group = groups[0]!;
    const m = members.find((x) => group.memberIds.includes(x.id))!;
    const download = await accountDataLoader({
      request: get("/account/gegevens", { Cookie: m.cookie }),
      context,
      params: {},
    });
    const body = JSON.parse(await (download as Response).text());
    expect(body.intervisie.participation.needs.length).toBeGreaterThan(0);
    expect(body.intervisie.groups.map((g: { group: string }) => g.group)).toEqual([group.name]);
    expect(body.intervisie.notifications.length).toBeGreaterThan(0);
    // Nothing about the other members.
    const others = members.filter((x) => x.id !== m.id).map((x) => x.email);
    for (const email of others) expect(JSON.stringify(body)).not.toContain(email);

    const deleted = await accountAction({
      request: post(
        "/account",
        { intent: "verwijderen", password: PASSWORD, confirm: "ja" },
        { Cookie: m.cookie },
      ),
      context,
      params: {},
    });
    expect((deleted as Response).status, JSON.stringify(deleted)).toBe(302);
    expect(
      await database.db.select().from(intervisionParticipant).where(eq(intervisionParticipant.userId, m.id)),
    ).toEqual([]);
    expect(
      await database.db.select().from(intervisionMember).where(eq(intervisionMember.userId, m.id)),
    ).toEqual([]);
    expect(await database.db.select().from(notification).where(eq(notification.userId, m.id))).toEqual([]);
    expect((await poolParticipants(database.db, "iedereen")).map((p) => p.id)).not.toContain(m.id);
  });
});

describe("review fixes", () => {
  it("deleting an account after the group was re-matched works, and the closed group's coming sessions are called off", async () => {
    const { moderator, groups, members } = await matchedGroups();
    const group = groups[0]!;
    const m = members.find((x) => group.memberIds.includes(x.id))!;
    const session = await addSession({
      groupId: group.id,
      title: "Volgende maand",
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      durationMinutes: 90,
      method: "vijfstappen",
      capacity: 7,
    });
    await answerRsvp(database.db, { id: m.id, role: "member" }, session!.id, "yes");
    const response = (await runMatch(moderator, { pool: `groep-${group.id}` })) as Response;
    const runId = runIdFrom(response);
    const proposal = await proposalOf(moderator, runId);
    await proposalPost(moderator, runId, { intent: "bevestigen", versie: String(proposal.version) });
    const [old] = await database.db
      .select()
      .from(intervisionSession)
      .where(eq(intervisionSession.id, session!.id));
    expect(old?.cancelledAt).not.toBeNull();

    const deleted = await accountAction({
      request: post(
        "/account",
        { intent: "verwijderen", password: PASSWORD, confirm: "ja" },
        { Cookie: m.cookie },
      ),
      context,
      params: {},
    });
    expect((deleted as Response).status).toBe(302);
    expect(
      await database.db.select().from(intervisionParticipant).where(eq(intervisionParticipant.userId, m.id)),
    ).toEqual([]);
    expect(await database.db.select().from(sessionRsvp).where(eq(sessionRsvp.userId, m.id))).toEqual([]);
    // No trace in the matcher's stored runs either.
    for (const run of await database.db.select().from(matchRun))
      expect(JSON.stringify(run)).not.toContain(m.id);
  });

  it("two decisions at once cannot both take the last seat", async () => {
    const { groups } = await matchedGroups();
    const group = groups[0]!;
    await database.db
      .update(intervisionGroup)
      .set({ open: true, maxSize: group.memberIds.length + 1 })
      .where(eq(intervisionGroup.id, group.id));
    const askers: Member[] = [];
    for (const name of ["Eerste", "Tweede"]) {
      const a = await memberOf(
        database.db,
        await createInstitution(database.db, `Instelling ${name}`, "Archief"),
        "member",
        name,
      );
      await optIn(a, { needs: ["storage"] });
      await browseAction({
        request: post(
          "/intervisie/groepen",
          { groep: String(group.id), intent: "aanvragen" },
          { Cookie: a.cookie },
        ),
        context,
        params: {},
      });
      askers.push(a);
    }
    const requests = await database.db.select().from(joinRequest);
    expect(requests).toHaveLength(2);
    const results = await Promise.allSettled(
      requests.map((r) => decideRequest(database.db, group.facilitatorId, group.id, r.id, true)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(GroupError);
    expect(String(refused.reason.message)).toMatch(/vol/);
    const rows = await database.db
      .select()
      .from(intervisionMember)
      .where(eq(intervisionMember.groupId, group.id));
    expect(rows).toHaveLength(group.memberIds.length + 1);
  });

  it("session notes are for members only, not for moderators outside the group", async () => {
    const { moderator, groups, members } = await matchedGroups();
    const group = groups[0]!;
    const m = members.find((x) => group.memberIds.includes(x.id))!;
    const session = await addSession({
      groupId: group.id,
      title: "Casus",
      startsAt: new Date(Date.now() + 86_400_000 * 3),
      durationMinutes: 90,
      method: "vijfstappen",
      capacity: 7,
    });
    expect(
      (
        await saveNotes(database.db, { id: m.id, role: "member" }, session!.id, {
          notes: "Vertrouwelijk",
          baseVersion: 0,
        })
      ).ok,
    ).toBe(true);
    const asMember = await sessionLoader({
      request: get(`/intervisie/sessies/${session!.id}`, { Cookie: m.cookie }),
      context,
      params: { id: String(session!.id) },
    });
    expect(asMember.session.notes).toBe("Vertrouwelijk");
    const asModerator = await sessionLoader({
      request: get(`/intervisie/sessies/${session!.id}`, { Cookie: moderator.cookie }),
      context,
      params: { id: String(session!.id) },
    });
    expect(asModerator.session.notes).toBeNull();
    expect(JSON.stringify(asModerator)).not.toContain("Vertrouwelijk");
    await expect(
      saveNotes(database.db, { id: moderator.id, role: "moderator" }, session!.id, {
        notes: "x",
        baseVersion: 1,
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("mail links come from the configuration, never from the request's host", async () => {
    const { groups, members } = await matchedGroups();
    const group = groups[0]!;
    const [first, second] = group.memberIds;
    const session = await addSession({
      groupId: group.id,
      title: "Eén plaats",
      startsAt: new Date(Date.now() + 86_400_000 * 5),
      durationMinutes: 90,
      method: "vijfstappen",
      capacity: 1,
    });
    await answerRsvp(database.db, { id: first!, role: "member" }, session!.id, "yes");
    await answerRsvp(database.db, { id: second!, role: "member" }, session!.id, "yes");
    for (const f of readdirSync(mailDir)) rmSync(path.join(mailDir, f));
    const leaver = members.find((x) => x.id === first)!;
    // The answer "no" moves the waitlisted member up, who gets an e-mail with a link.
    await sessionAction({
      request: new Request(`http://evil.test/intervisie/sessies/${session!.id}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "antwoord", answer: "no" }),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: leaver.cookie,
          "X-Forwarded-Host": "evil.test",
        },
      }),
      context,
      params: { id: String(session!.id) },
    });
    const sent = mailsIn(mailDir);
    expect(sent.length).toBeGreaterThan(0);
    for (const mail of sent) {
      expect(mail.text).not.toContain("evil.test");
      expect(mail.text).toContain("http://localhost:3000/intervisie/sessies/");
    }
  });
});

describe("re-matching", () => {
  it("tells a member of the closed group who is in none of the new groups", async () => {
    const { moderator, groups, members } = await matchedGroups();
    // The largest group: without the leaver it still has enough people for a group.
    const target = [...groups].sort((a, b) => b.memberIds.length - a.memberIds.length)[0]!;
    expect(target.memberIds.length).toBeGreaterThan(4);
    const leaver = members.find((m) => target.memberIds.includes(m.id))!;
    await optInAction({
      request: post("/intervisie/deelnemen", { intent: "afmelden" }, { Cookie: leaver.cookie }),
      context,
      params: {},
    });
    const response = (await runMatch(moderator, { pool: `groep-${target.id}` })) as Response;
    const runId = runIdFrom(response);
    const proposal = await proposalOf(moderator, runId);
    expect(proposal.groups.flatMap((g) => g.members.map((m) => m.id))).not.toContain(leaver.id);
    await proposalPost(moderator, runId, { intent: "bevestigen", versie: String(proposal.version) });
    const told = await database.db.select().from(notification).where(eq(notification.userId, leaver.id));
    expect(told.some((n) => n.title === `${target.name} is opgeheven`)).toBe(true);
    expect(mailsIn(mailDir).some((m) => m.to === leaver.email && m.subject.includes("is opgeheven"))).toBe(
      true,
    );
  });
});

describe("after a session", () => {
  it("asks the members who went to rate it, once, and not those who already did or did not go", async () => {
    const { groups, members } = await matchedGroups();
    const group = groups[0]!;
    const [went, rater, stayed] = group.memberIds;
    const start = new Date("2026-03-10T13:00:00Z");
    const session = await addSession({
      groupId: group.id,
      title: "Casus OOC",
      startsAt: start,
      durationMinutes: 90,
      method: "incident",
      capacity: 7,
    });
    const before = new Date(start.getTime() - 86_400_000);
    await answerRsvp(database.db, { id: went!, role: "member" }, session!.id, "yes", { now: before });
    await answerRsvp(database.db, { id: rater!, role: "member" }, session!.id, "yes", { now: before });
    await answerRsvp(database.db, { id: stayed!, role: "member" }, session!.id, "no", { now: before });
    await database.db.insert(sessionRating).values({ sessionId: session!.id, userId: rater!, score: 4 });
    for (const f of readdirSync(mailDir)) rmSync(path.join(mailDir, f));
    const promptsFor = async (userId: string) =>
      (await database.db.select().from(notification).where(eq(notification.userId, userId))).filter((n) =>
        n.title.startsWith("Hoe was"),
      );

    // During the session: nothing yet.
    expect(await sendRatingPrompts(database.db, context.env, new Date(start.getTime() + 60 * 60_000))).toBe(
      0,
    );
    // After it ended: the one who went and has not rated is asked, in the app and by e-mail.
    const after = new Date(start.getTime() + 120 * 60_000);
    expect(await sendRatingPrompts(database.db, context.env, after)).toBe(1);
    expect(await promptsFor(went!)).toHaveLength(1);
    expect((await promptsFor(went!))[0]!.link).toBe(`/intervisie/sessies/${session!.id}#beoordeling`);
    expect(await promptsFor(rater!)).toHaveLength(0);
    expect(await promptsFor(stayed!)).toHaveLength(0);
    const wentEmail = members.find((m) => m.id === went)!.email;
    expect(mailsIn(mailDir).map((m) => m.to)).toEqual([wentEmail]);
    // Once.
    expect(await sendRatingPrompts(database.db, context.env, new Date(after.getTime() + 3_600_000))).toBe(0);
    expect(await promptsFor(went!)).toHaveLength(1);
  });
});
