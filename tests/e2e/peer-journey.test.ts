import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "#app/modules/auth/users.server.ts";
import { openPglite } from "#db/client.server.ts";
import { institution, user } from "#db/schema/auth.ts";
import { intervisionParticipant } from "#db/schema/intervisie.ts";
import { E2E_ADMIN, logIn, seriousAxeViolations, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

// The peer's journey (issue 9), from a fresh database: a peer logs in, opts in, is matched by a
// moderator, answers yes to a session and downloads its .ics. Four colleagues of other
// institutions opted in before; the rest happens in the browser.

const PASSWORD = "beeldband-archief-2024!";
const PEER = { email: "petra.peer@streekarchief.example", password: PASSWORD, name: "Petra Peer" };

async function prepareDatabase(dataDir: string) {
  const database = await openPglite(dataDir);
  try {
    await database.migrate();
    const db = database.db;
    const others = [
      {
        name: "Ahmed Archief",
        inst: "Gemeentearchief Zuidstad",
        type: "Archief",
        needs: ["storage", "carriers"],
      },
      {
        name: "Bea Beeld",
        inst: "Regionaal Historisch Centrum Oost",
        type: "Archief",
        needs: ["storage", "avg"],
      },
      { name: "Cor Collectie", inst: "Stadsmuseum Noord", type: "Museum", needs: ["carriers", "copyright"] },
      { name: "Dewi Depot", inst: "Streekomroep West", type: "Omroep", needs: ["storage", "metadata"] },
    ];
    for (const [i, o] of others.entries()) {
      const [inst] = await db
        .insert(institution)
        .values({ name: o.inst, type: o.type, confirmed: true })
        .returning({ id: institution.id });
      const id = await createUser(db, { name: o.name, email: `collega${i}@example.org`, password: PASSWORD });
      await db.update(user).set({ institutionId: inst!.id }).where(eq(user.id, id));
      await db.insert(intervisionParticipant).values({
        userId: id,
        consentAt: new Date(),
        needs: o.needs,
        offers: i === 0 ? ["metadata"] : [],
        inPerson: false,
      });
    }
    const [own] = await db
      .insert(institution)
      .values({ name: "Streekarchief Midden", type: "Archief", confirmed: true })
      .returning({ id: institution.id });
    const peer = await createUser(db, PEER);
    await db.update(user).set({ institutionId: own!.id }).where(eq(user.id, peer));
  } finally {
    await database.close();
  }
}

const env = setupBrowserApp({ admin: true, prepare: prepareDatabase });

async function heading(page: Page) {
  return page.getByRole("heading", { level: 1 }).textContent();
}

describe("a peer's journey through intervision", () => {
  it("opts in, is matched by a moderator, answers yes to a session and downloads the .ics", async () => {
    const peerContext = await env.browser.newContext({ baseURL: env.app.url, acceptDownloads: true });
    const peer = await peerContext.newPage();
    const peerErrors = watchErrors(peer);

    // 1. The peer opts in: the topics come pre-filled (none here: no survey answers), consent is needed.
    await logIn(peer, PEER, "/intervisie");
    await peer.waitForURL("**/intervisie");
    expect(await seriousAxeViolations(peer)).toEqual([]);
    await peer.getByRole("link", { name: "Meedoen" }).click();
    await expect.poll(() => heading(peer)).toBe("Meedoen aan intervisie");
    expect(await seriousAxeViolations(peer)).toEqual([]);
    const needs = peer.getByRole("group", { name: "Waarover wil je praten?" });
    await needs.getByLabel("Duurzame opslag").check();
    await needs.getByLabel("Dragerkennis").check();
    await peer.getByRole("button", { name: "Aanmelden" }).click();
    // Without consent nothing is stored, and the message says why.
    await expect.poll(() => peer.getByText(/Geef toestemming/).count()).toBeGreaterThan(0);
    await peer.getByRole("checkbox", { name: /Ik geef toestemming/ }).check();
    await peer.getByRole("button", { name: "Aanmelden" }).click();
    await expect
      .poll(() => peer.getByRole("status").filter({ hasText: "Je aanmelding is opgeslagen." }).count())
      .toBe(1);

    // 2. A moderator runs the matcher on everyone in no group, looks at the proposal and confirms.
    const modContext = await env.browser.newContext({ baseURL: env.app.url });
    const moderator = await modContext.newPage();
    const modErrors = watchErrors(moderator);
    await logIn(moderator, E2E_ADMIN, "/beheer/intervisie");
    await moderator.waitForURL("**/beheer/intervisie");
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    expect(await moderator.getByRole("option", { name: "Aangemeld en in geen groep (5)" }).count()).toBe(1);
    await moderator.getByRole("button", { name: "Matching uitvoeren" }).click();
    await moderator.waitForURL(/\/beheer\/intervisie\/voorstel\/\d+$/);
    await expect.poll(() => moderator.getByText(/Score van het voorstel: \d\.\d{3}/).count()).toBe(1);
    // Each group shows its spread in size and maturity (nobody gave them here).
    await expect.poll(() => moderator.getByText("Omvang (fte AV):").count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    const group = moderator
      .getByRole("listitem")
      .filter({ has: moderator.getByRole("heading", { name: /Groep 1/ }) });
    await expect.poll(() => group.getByText("Petra Peer").count()).toBe(1);
    expect(await group.getByText(/gedeelde behoeften: .*duurzame opslag/).count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    await moderator.getByRole("button", { name: "Bevestigen en leden bericht sturen" }).click();
    await expect
      .poll(() => moderator.getByRole("status").filter({ hasText: "Dit voorstel is bevestigd." }).count())
      .toBe(1);

    // 3. The peer is told in the app, and finds the group with the reasons they were put together.
    await peer.goto("/meldingen");
    await expect
      .poll(() => peer.getByRole("link", { name: /Je bent ingedeeld in Intervisiegroep/ }).count())
      .toBe(1);
    expect(await seriousAxeViolations(peer)).toEqual([]);
    await peer.getByRole("link", { name: /Je bent ingedeeld in Intervisiegroep/ }).click();
    await peer.waitForURL(/\/intervisie\/groepen\/\d+$/);
    const groupPath = new URL(peer.url()).pathname;
    await expect.poll(() => peer.getByRole("heading", { name: "Leden" }).count()).toBe(1);
    expect(await peer.getByText("Streekarchief Midden · Archief").count()).toBe(1);
    expect(await seriousAxeViolations(peer)).toEqual([]);

    // 4. The moderator plans a session for the group (the facilitator could too).
    await moderator.goto(`${groupPath}/sessies/nieuw`);
    await moderator.getByLabel("Titel").fill("Eerste bijeenkomst: opslag en dragers");
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await moderator.getByLabel("Datum").fill(nextWeek);
    await moderator.getByLabel("Begintijd").fill("14:00");
    await moderator.getByLabel("Online link").fill("https://meet.example.org/avk-intervisie");
    await moderator.getByLabel("Intervisiemethode").selectOption("eerste");
    await moderator.getByRole("button", { name: "Bijeenkomst plannen" }).click();
    await moderator.waitForURL(/\/intervisie\/sessies\/\d+(\?|$)/);
    const sessionPath = new URL(moderator.url()).pathname;

    // 5. The peer answers yes and downloads the .ics.
    await peer.goto(sessionPath);
    await expect.poll(() => heading(peer)).toBe("Eerste bijeenkomst: opslag en dragers");
    await peer.getByRole("radio", { name: "Ja, ik kom" }).check();
    await peer.getByRole("button", { name: "Antwoord opslaan" }).click();
    await expect
      .poll(() => peer.getByRole("status").filter({ hasText: "Je bent aangemeld." }).count())
      .toBe(1);
    const attendance = peer.getByRole("region", { name: "Wie komen er" });
    await expect.poll(() => attendance.getByText("Petra Peer").count()).toBe(1);
    expect(await seriousAxeViolations(peer)).toEqual([]);
    const [download] = await Promise.all([
      peer.waitForEvent("download"),
      peer.getByRole("link", { name: "Zet in je agenda (.ics)" }).click(),
    ]);
    const ics = readFileSync((await download.path())!, "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n /g, "")).toContain("SUMMARY:Eerste bijeenkomst: opslag en dragers");
    // 14:00 in Amsterdam is 13:00 or 12:00 UTC, depending on the season.
    expect(ics).toMatch(new RegExp(`DTSTART:${nextWeek.replace(/-/g, "")}T1[23]0000Z`));

    // The one 400 is the answer to the form sent without consent (step 1), logged by the browser.
    expect(peerErrors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    expect(peerErrors.filter((e) => e.includes("status of 400"))).toHaveLength(1);
    expect(modErrors).toEqual([]);
    await peerContext.close();
    await modContext.close();
  });
});
