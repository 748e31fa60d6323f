import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createUser } from "#app/modules/auth/users.server.ts";
import { openPglite } from "#db/client.server.ts";
import {
  intervisionGroup,
  intervisionMember,
  intervisionSession,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import { E2E_ADMIN, logIn, seriousAxeViolations, waitForApp, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const PASSWORD = "beeldband-archief-2024!";
const person = (first: string) => ({
  email: `${first.toLowerCase()}@archief.example`,
  password: PASSWORD,
  name: `${first} Archivaris`,
});
const OWNER = person("Olga");
const MEMBERS = [person("Anna"), person("Bram"), person("Cor")] as const;
const TITLE = "Een U-matic-collectie laten digitaliseren met een klein budget";

let sessionId: number;

async function prepareDatabase(dataDir: string) {
  const database = await openPglite(dataDir);
  try {
    await database.migrate();
    const db = database.db;
    const owner = await createUser(db, OWNER);
    const members = [];
    for (const m of MEMBERS) members.push(await createUser(db, m));
    const [group] = await db
      .insert(intervisionGroup)
      .values({ name: "Kleine AV-archieven Noord", institutionType: "archief" })
      .returning({ id: intervisionGroup.id });
    await db
      .insert(intervisionMember)
      .values([
        { groupId: group!.id, userId: owner, role: "facilitator" },
        ...members.map((userId) => ({ groupId: group!.id, userId, role: "member" as const })),
      ]);
    // A session that ended an hour ago, everyone answered yes.
    const [session] = await db
      .insert(intervisionSession)
      .values({
        groupId: group!.id,
        title: "Casus: U-matic digitaliseren",
        startsAt: new Date(Date.now() - 3 * 3_600_000),
        durationMinutes: 120,
        method: "vijfstappen",
        capacity: 6,
        roles: { caseOwner: owner },
        createdBy: owner,
        notes: "Vertrouwelijk: begroting gehalveerd.",
      })
      .returning({ id: intervisionSession.id });
    sessionId = session!.id;
    await db.insert(sessionRsvp).values(
      [owner, ...members].map((userId) => ({
        sessionId,
        userId,
        answer: "yes" as const,
        status: "going" as const,
      })),
    );
  } finally {
    await database.close();
  }
}

const env = setupBrowserApp({ admin: true, prepare: prepareDatabase });

async function as(who: { email: string; password: string }, to: string): Promise<Page> {
  const context = await env.browser.newContext({ baseURL: env.app.url });
  const page = await context.newPage();
  await logIn(page, who, to);
  await page.waitForURL(`**${to}`);
  await waitForApp(page);
  return page;
}

const casus = (page: Page) => page.getByRole("region", { name: "Praktijkcasus" });

async function consent(who: { email: string; password: string }, give: boolean) {
  const page = await as(who, `/intervisie/sessies/${sessionId}`);
  await casus(page)
    .getByRole("button", { name: give ? "Ik geef toestemming" : "Toestemming intrekken" })
    .click();
  await expect
    .poll(() => casus(page).getByRole("status").textContent())
    .toMatch(give ? /Dank je/ : /ingetrokken/);
  return page;
}

describe("practice case journey", () => {
  it("drafts, waits for every consent, goes to review, is published and shows on the U-matic guide", async () => {
    const page = await as(OWNER, `/intervisie/sessies/${sessionId}`);
    const errors = watchErrors(page);
    const form = casus(page);
    // Empty submit: messages, nothing lost.
    await form.getByLabel("Titel").fill(TITLE);
    await form.getByRole("button", { name: "Casus opslaan en toestemming vragen" }).click();
    await expect.poll(() => form.getByText("Vul de vraag in.").count()).toBe(1);
    expect(await form.getByLabel("Titel").inputValue()).toBe(TITLE);
    expect(await form.getByLabel("De vraag").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("De vraag").fill("Hoe kies ik een leverancier voor 300 U-matic-banden?");
    await form.getByLabel("Wat de groep adviseerde").fill("Vraag drie offertes en laat een proefbatch doen.");
    await form
      .getByLabel("Wat de inbrenger deed")
      .fill("Ik vroeg drie offertes aan en liet tien banden proefdraaien.");
    await form
      .getByLabel("Wat er gebeurde")
      .fill("De proefbatch liet zien welke banden eerst gebakken moesten worden.");
    await form.getByRole("checkbox", { name: "Digitalisering" }).check();
    await form.getByLabel("Dragers (optioneel)").selectOption({ label: "U-matic" });
    await form.getByRole("radio", { name: "Anoniem" }).check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Casus opslaan en toestemming vragen" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toMatch(/opgeslagen/);
    await expect.poll(() => form.textContent(), { timeout: 10_000 }).toMatch(/Nog 3 toestemmingen nodig/);
    // The one 400 is the deliberately incomplete first submit.
    expect(errors.filter((e) => !e.includes("400 (Bad Request)"))).toEqual([]);

    await consent(MEMBERS[0], true);
    await consent(MEMBERS[1], true);
    const anna = await consent(MEMBERS[0], false);
    await consent(MEMBERS[2], true);
    await anna.reload();
    await expect.poll(() => casus(anna).textContent()).toMatch(/Nog 1 toestemming nodig/);
    expect(await seriousAxeViolations(anna)).toEqual([]);
    await anna.context().close();

    const last = await consent(MEMBERS[0], true);
    expect(await casus(last).getByRole("status").textContent()).toMatch(/ter beoordeling/);

    // A moderator reviews and publishes it like any draft.
    const moderator = await as(E2E_ADMIN, "/beheer/kennisbank");
    await moderator.getByRole("link", { name: TITLE }).first().click();
    await moderator.getByRole("button", { name: "Ter beoordeling" }).first().click();
    await moderator.getByRole("button", { name: "Publiceren" }).first().click();
    await expect.poll(() => moderator.getByRole("status").textContent()).toMatch(/gepubliceerd/);

    const guide = await env.browser.newPage({ baseURL: env.app.url });
    await guide.goto("/kennisbank/u-matic");
    const practice = guide.getByRole("region", { name: "Uit de praktijk" });
    expect(await practice.getByRole("link", { name: TITLE }).count()).toBe(1);
    // The guide itself is not new: its numbered footnote links have a known target-size finding
    // (reported to the lead). The new "Uit de praktijk" section must have none.
    const onGuide = await seriousAxeViolations(guide);
    const inSection = onGuide.flatMap((v) =>
      (v as unknown as { nodes: { html: string }[] }).nodes.filter((n) =>
        /praktijkcasus|uit-de-praktijk/.test(n.html),
      ),
    );
    expect(inSection).toEqual([]);
    await practice.getByRole("link", { name: TITLE }).click();
    await guide.waitForURL(/\/kennisbank\/praktijkcasus-\d+$/);
    // The address changes a moment before the new page is drawn.
    await expect.poll(() => guide.getByText("Hoe kies ik een leverancier").count()).toBeGreaterThan(0);
    expect(await guide.getByText("Vertrouwelijk").count()).toBe(0);
  });
});
