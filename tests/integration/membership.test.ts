import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decideMembership,
  findOrCreateConfirmedInstitution,
  InstitutionError,
} from "#app/modules/auth/institutions.server.ts";
import { validateSessionToken } from "#app/modules/auth/session.server.ts";
import { setInstitution } from "#app/modules/auth/users.server.ts";
import { requestToJoin } from "#app/modules/intervisie/groups.server.ts";
import { poolSizes } from "#app/modules/intervisie/matching.server.ts";
import { listNotifications } from "#app/modules/notifications/notifications.server.ts";
import { action as moderatorAction, loader as moderatorPage } from "#app/routes/beheer.instellingen.tsx";
import { loader as plannerPage } from "#app/routes/dragers.planner.tsx";
import { action as ownAction, loader as ownPage } from "#app/routes/instelling._index.tsx";
import { loader as profilePage } from "#app/routes/instellingen.$id.tsx";
import { loader as intervisionOptIn } from "#app/routes/intervisie.deelnemen.tsx";
import type { Database } from "#db/client.server.ts";
import { auditLog, institution, user } from "#db/schema/auth.ts";
import { intervisionParticipant } from "#db/schema/intervisie.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, memberOf } from "#tests/support/factories.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
let archive: number;
let museum: number;
beforeAll(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
  const rows = await database.db
    .insert(institution)
    .values([
      { name: "Gemeentearchief Zuid", type: "Archief", confirmed: true },
      { name: "Stadsmuseum Noord", type: "Museum", confirmed: true },
    ])
    .returning({ id: institution.id });
  archive = rows[0]!.id;
  museum = rows[1]!.id;
});
afterAll(async () => {
  await database?.close();
});

type Member = Awaited<ReturnType<typeof userWithSession>>;

/** A member who already belongs to the institution (as before this change, or confirmed). */
const confirmedMemberOf = (institutionId: number, role: "member" | "moderator" = "member") =>
  memberOf(database.db, institutionId, role);

/** A member who asks to join, as the account page does. */
async function applicantFor(institutionId: number) {
  const name = `Aanvrager ${Math.random().toString(36).slice(2, 7)}`;
  const member = await userWithSession(database.db, "member", name);
  await setInstitution(database.db, member.id, { id: institutionId });
  return { ...member, name };
}

const viewProfile = (member: Member, id: number) =>
  profilePage({
    request: get(`/instellingen/${id}`, { Cookie: member.cookie }),
    params: { id: String(id) },
    context,
  });

const ownPageOf = (member: Member) =>
  ownPage({ request: get("/instelling", { Cookie: member.cookie }), params: {}, context });

async function decide(as: Member, applicant: Member, intent: "bevestigen" | "afwijzen") {
  const result = await ownAction({
    request: post("/instelling", { userId: applicant.id, intent }, { Cookie: as.cookie }),
    params: {},
    context,
  });
  return result instanceof Response
    ? result
    : { status: (result as { init?: { status?: number } }).init?.status ?? 200, data: result };
}

describe("joining an existing institution", () => {
  it("is a request: until it is confirmed, the institution's profile stays closed", async () => {
    const applicant = await applicantFor(archive);
    const validated = await validateSessionToken(database.db, applicant.token);
    expect(validated?.user?.institutionId).toBeNull();
    expect(validated?.user?.requestedInstitutionId).toBe(archive);
    expect((await thrownResponse(() => viewProfile(applicant, archive))).status).toBe(403);
    const page = await ownPageOf(applicant);
    expect(page.profile).toBeNull();
    expect(page.requested).toBe("Gemeentearchief Zuid");
    // Pages that need an institution say that the request is waiting, not that there is none.
    const optIn = await intervisionOptIn({
      request: get("/intervisie/deelnemen", { Cookie: applicant.cookie }),
      params: {},
      context,
    });
    expect(optIn.waiting).toBe(true);
    expect(optIn.participation.institution).toBeNull();
    const planner = await plannerPage({
      request: get("/dragers/planner", { Cookie: applicant.cookie }),
      params: {},
      context,
    });
    expect(planner.member).toEqual({ hasInstitution: false, waiting: true });
  });

  it("a colleague of that institution sees the request and confirms it; then the profile opens", async () => {
    const colleague = await confirmedMemberOf(archive);
    const applicant = await applicantFor(archive);
    // The colleague hears of it in the app.
    const heard = (await listNotifications(database.db, colleague.id)).filter(
      (n) => n.title === "Aanmelding bij Gemeentearchief Zuid",
    );
    // The name the applicant chose is quoted in the text, not put in the title (or a mail subject).
    expect(heard.some((n) => n.body.includes(`„${applicant.name}”`))).toBe(true);
    const page = await ownPageOf(colleague);
    expect(page.requests.map((r) => r.userId)).toContain(applicant.id);
    expect(page.requests.find((r) => r.userId === applicant.id)?.email).toBe(applicant.email);

    const answer = await decide(colleague, applicant, "bevestigen");
    expect(answer.status).toBe(200);
    expect((await listNotifications(database.db, applicant.id)).map((n) => n.title)).toContain(
      "Je hoort nu bij Gemeentearchief Zuid",
    );
    const opened = await viewProfile(applicant, archive);
    expect(opened.profile.institution.id).toBe(archive);
    expect((await ownPageOf(colleague)).requests.map((r) => r.userId)).not.toContain(applicant.id);
    // Who confirmed whom is in the audit log.
    const logged = await database.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.subject, `user:${applicant.id}`));
    expect(logged).toContainEqual({ action: "membership.confirm", actorId: colleague.id });
  });

  it("a member of another institution, or one still waiting, cannot confirm anyone", async () => {
    const applicant = await applicantFor(archive);
    const outsider = await confirmedMemberOf(museum);
    expect((await decide(outsider, applicant, "bevestigen")).status).toBe(409);
    const waiting = await applicantFor(archive);
    expect((await decide(waiting, applicant, "bevestigen")).status).toBe(400);
    // Still waiting, still closed.
    expect((await thrownResponse(() => viewProfile(applicant, archive))).status).toBe(403);
    // The museum's member does not see the archive's requests.
    expect((await ownPageOf(outsider)).requests).toEqual([]);
  });

  it("a moderator sees every request and can turn one down: the member then has no institution", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const applicant = await applicantFor(museum);
    const page = await moderatorPage({
      request: get("/beheer/instellingen", { Cookie: moderator.cookie }),
      params: {},
      context,
    });
    expect(
      page.requests.some((r) => r.userId === applicant.id && r.institutionName === "Stadsmuseum Noord"),
    ).toBe(true);
    await moderatorAction({
      request: post(
        "/beheer/instellingen",
        { intent: "lid-afwijzen", userId: applicant.id, institutionId: String(museum) },
        { Cookie: moderator.cookie },
      ),
      params: {},
      context,
    });
    const [row] = await database.db
      .select({ institutionId: user.institutionId, requestedAt: user.institutionRequestedAt })
      .from(user)
      .where(eq(user.id, applicant.id));
    expect(row).toEqual({ institutionId: null, requestedAt: null });
    // Deciding again finds nothing to decide.
    const again = await moderatorAction({
      request: post(
        "/beheer/instellingen",
        { intent: "lid-bevestigen", userId: applicant.id, institutionId: String(museum) },
        { Cookie: moderator.cookie },
      ),
      params: {},
      context,
    });
    expect((again as { init?: { status?: number } }).init?.status).toBe(409);
  });

  it("colleagues also hear of a request by e-mail, once it is stored", async () => {
    const outbox = mkdtempSync(path.join(os.tmpdir(), "avk-mail-"));
    try {
      const colleague = await confirmedMemberOf(museum);
      const asking = await userWithSession(database.db, "member", "Mila Mail");
      const env = { ...context.env, SMTP_URL: undefined, MAIL_DIR: outbox };
      await setInstitution(database.db, asking.id, { id: museum }, env);
      const mails = readdirSync(outbox).map((f) => JSON.parse(readFileSync(path.join(outbox, f), "utf8")));
      const toColleague = mails.find((m) => m.to === colleague.email);
      expect(toColleague?.subject).toBe("AV-Kennisnet: Aanmelding bij Stadsmuseum Noord");
      expect(toColleague?.text).toContain("„Mila Mail”");
      expect(toColleague?.text).toContain("/instelling#aanmeldingen");
      // Not to the one asking.
      expect(mails.some((m) => m.to === asking.email)).toBe(false);
    } finally {
      rmSync(outbox, { recursive: true, force: true });
    }
  });

  it("a member who moves to another institution leaves the intervision pool until confirmed there", async () => {
    const mover = await confirmedMemberOf(archive);
    await database.db
      .insert(intervisionParticipant)
      .values({ userId: mover.id, consentAt: new Date(), needs: ["storage"], offers: [], inPerson: false });
    const before = await poolSizes(database.db);
    await setInstitution(database.db, mover.id, { id: museum });
    expect((await poolSizes(database.db)).iedereen).toBe(before.iedereen - 1);
    // Meanwhile they cannot ask to join a group either.
    const groupId = await createGroup(database.db, { name: "Kleine musea", institutionType: "museum" });
    const session = await validateSessionToken(database.db, mover.token);
    await expect(requestToJoin(database.db, session!.user!, groupId, "Graag")).rejects.toThrow(
      /wacht nog op bevestiging/,
    );
    const moderator = await userWithSession(database.db, "moderator");
    const actor = { id: moderator.id, role: "moderator" as const, institutionId: null };
    await decideMembership(database.db, actor, { userId: mover.id, institutionId: museum, accept: true });
    expect((await poolSizes(database.db)).iedereen).toBe(before.iedereen);
  });

  it("nobody decides on their own request, and the proposer of an unchecked institution decides nothing", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    await setInstitution(database.db, moderator.id, { id: archive });
    const self = { id: moderator.id, role: "moderator" as const, institutionId: null };
    await expect(
      decideMembership(database.db, self, { userId: moderator.id, institutionId: archive, accept: true }),
    ).rejects.toThrow(/iemand anders/);
    // Through the moderators' page the refusal is said in the form, in the page's language,
    // not thrown to the error page.
    for (const [page, expected] of [
      ["/beheer/instellingen", /iemand anders/],
      ["/en/beheer/instellingen", /someone else/i],
    ] as const) {
      const refused = await moderatorAction({
        request: post(
          page,
          { intent: "lid-bevestigen", userId: moderator.id, institutionId: String(archive) },
          { Cookie: moderator.cookie },
        ),
        params: {},
        context,
      });
      expect(status(refused)).toBeGreaterThanOrEqual(400);
      expect(body<{ error: string }>(refused).error).toMatch(expected);
    }

    // Eve proposes "Filmarchief West"; Fien types the same name and so asks to join it.
    const eve = await userWithSession(database.db, "member", "Eve");
    await setInstitution(database.db, eve.id, { newName: "Filmarchief West", newType: "Archief" });
    const fien = await userWithSession(database.db, "member", "Fien");
    await setInstitution(database.db, fien.id, { newName: "filmarchief west" });
    const [proposal] = await database.db
      .select({ id: institution.id })
      .from(institution)
      .where(eq(institution.name, "Filmarchief West"));
    // Eve does not see Fien's e-mail address, and cannot let her in.
    expect((await ownPageOf(eve)).requests).toEqual([]);
    const eveActor = { id: eve.id, role: "member" as const, institutionId: proposal!.id };
    await expect(
      decideMembership(database.db, eveActor, { userId: fien.id, institutionId: proposal!.id, accept: true }),
    ).rejects.toThrow(InstitutionError);
    // The moderators hear of the request instead.
    expect((await listNotifications(database.db, moderator.id)).map((n) => n.title)).toContain(
      "Aanmelding bij Filmarchief West",
    );
  });

  it("a proposal confirmed by name when linking survey answers makes its members ask first", async () => {
    const eve = await userWithSession(database.db, "member", "Eve Twee");
    await setInstitution(database.db, eve.id, { newName: "Omroep Zuidrand", newType: "Omroep" });
    expect((await validateSessionToken(database.db, eve.token))?.user?.institutionId).not.toBeNull();
    const moderator = await userWithSession(database.db, "moderator");
    const id = await findOrCreateConfirmedInstitution(database.db, moderator.id, {
      name: "Omroep Zuidrand",
      type: "Omroep",
    });
    const session = await validateSessionToken(database.db, eve.token);
    expect(session?.user?.institutionId).toBeNull();
    expect(session?.user?.requestedInstitutionId).toBe(id);
  });

  it("proposing a new institution needs no confirmation of membership, and choosing the same one again changes nothing", async () => {
    const founder = await userWithSession(database.db, "member");
    await setInstitution(database.db, founder.id, { newName: "Filmhuis Oost", newType: "Filmhuis" });
    const validated = await validateSessionToken(database.db, founder.token);
    expect(validated?.user?.institutionId).not.toBeNull();
    expect(validated?.user?.requestedInstitutionId).toBeNull();

    const member = await confirmedMemberOf(archive);
    await setInstitution(database.db, member.id, { id: archive });
    expect((await validateSessionToken(database.db, member.token))?.user?.institutionId).toBe(archive);
  });
});
