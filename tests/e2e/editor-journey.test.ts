// The editor's whole journey in a browser: a member proposes an edit with the toolbar, a
// moderator changes one fact of the fact box form, sees the diff and publishes; and the same
// with JavaScript off (preview, list rows, per-field errors that lose nothing).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { E2E_ADMIN, logIn, seriousAxeViolations, waitForApp, watchErrors } from "./support/browser.ts";
import { setupBrowserApp } from "./support/fixture.ts";

const MEMBER = {
  name: "Lid van de redactieproef",
  email: "redactieproef@archief.example",
  password: "een-lang-wachtwoord-voor-de-proef",
};

const env = setupBrowserApp({ admin: true });

beforeAll(async () => {
  // A member of the platform, registered as anyone would.
  const context = await env.browser.newContext({ baseURL: env.app.url });
  const page = await context.newPage();
  await page.goto("/registreren");
  await page.getByLabel("Naam", { exact: true }).fill(MEMBER.name);
  await page.getByLabel("E-mailadres").fill(MEMBER.email);
  await page.getByLabel("Wachtwoord").fill(MEMBER.password);
  await page.getByLabel("Kies je instelling").selectOption("nieuw");
  await page.getByLabel("Naam van de nieuwe instelling").fill("Streekarchief Redactieproef");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await page.waitForURL("**/account?welkom=1");
  await context.close();
});

/** Puts the cursor at the end of the body and types there. */
async function typeAtEnd(page: Page, text: string) {
  const body = page.getByLabel("Tekst (Markdown)");
  await body.focus();
  await page.evaluate(() => {
    const t = document.querySelector<HTMLTextAreaElement>("textarea[name=body]")!;
    t.setSelectionRange(t.value.length, t.value.length);
  });
  await body.pressSequentially(text, { delay: 5 });
}

describe("the editor journey", () => {
  it("member proposes with the toolbar, moderator changes a fact, sees the diff, publishes", async () => {
    // The member: a link to another guide and a citation, both picked from lists, previewed, sent.
    const memberContext = await env.browser.newContext({
      baseURL: env.app.url,
      viewport: { width: 1280, height: 900 },
    });
    const member = await memberContext.newPage();
    const memberErrors = watchErrors(member);
    await logIn(member, MEMBER, "/kennisbank/u-matic/bewerken");
    await member.waitForURL("**/kennisbank/u-matic/bewerken");
    await waitForApp(member);
    expect(await seriousAxeViolations(member)).toEqual([]);
    await typeAtEnd(member, "\n\nVergelijk de cassette met ");
    const toolbar = member.getByRole("toolbar", { name: "Opmaak" });
    await toolbar.getByRole("button", { name: "Link naar gids" }).click();
    const guide = member.getByLabel("Gids (kies op titel)");
    const guideTitle = (await guide.locator('option[value="betacam-sp"]').textContent())!.trim();
    await guide.selectOption({ label: guideTitle });
    await member.getByRole("button", { name: "Link invoegen" }).click();
    await toolbar.getByRole("button", { name: "Bron citeren" }).click();
    const source = member.getByLabel("Bron uit de bronnenlijst (kies op titel)");
    const sourceTitle = (await source.locator('option[value="iasa-tc05"]').textContent())!.trim();
    await source.selectOption({ label: sourceTitle });
    await member.getByLabel("Vindplaats (pagina, paragraaf)").fill("§5.2");
    await member.getByRole("button", { name: "Verwijzing invoegen" }).click();
    const proposed = await member.getByLabel("Tekst (Markdown)").inputValue();
    expect(proposed).toMatch(
      /Vergelijk de cassette met \[[^\]]+\]\(\/kennisbank\/betacam-sp\) \[@iasa-tc05, §5\.2\]$/,
    );
    await member.getByLabel("Toelichting bij deze wijziging").fill("Verwijzing naar Betacam toegevoegd");
    await member.getByRole("button", { name: "Voorbeeld", exact: true }).click();
    const preview = member.getByRole("region", { name: /Voorbeeld/ });
    await expect
      .poll(() => preview.getByRole("link", { name: guideTitle }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => preview.getByText(`${sourceTitle}, §5.2`).count()).toBe(1);
    // The preview kept what was typed.
    expect(await member.getByLabel("Toelichting bij deze wijziging").inputValue()).toBe(
      "Verwijzing naar Betacam toegevoegd",
    );
    await member.getByRole("button", { name: "Voorstel versturen" }).click();
    await member.waitForURL("**/kennisbank/u-matic?voorstel=verstuurd");
    expect(memberErrors).toEqual([]);
    await memberContext.close();

    // The moderator edits from the member's proposal and changes one fact in the fact box form.
    const context = await env.browser.newContext({
      baseURL: env.app.url,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, E2E_ADMIN, "/kennisbank/u-matic/bewerken");
    await page.waitForURL("**/kennisbank/u-matic/bewerken");
    await waitForApp(page);
    expect((await page.getByLabel("Tekst (Markdown)").inputValue()).replace(/\r\n/g, "\n")).toBe(
      proposed.replace(/\r\n/g, "\n"),
    );
    const yearsTo = page.getByLabel("In gebruik tot (jaar)", { exact: true });
    const before = await yearsTo.inputValue();
    const after = String(Number(before) - 1);
    await yearsTo.fill(after);
    // A list row is added in the browser, without a request.
    const rows = page.getByRole("group", { name: "Speciale behandeling" }).getByRole("textbox");
    const rowCount = await rows.count();
    await page.getByRole("button", { name: "Regel toevoegen aan Speciale behandeling" }).click();
    await expect.poll(() => rows.count()).toBe(rowCount + 1);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
      .toBe("carrier.handling");
    // The checklist: cite a registered source for an open fact; the rest of the form stays.
    const checklist = page.getByRole("region", { name: /Te controleren in dit artikel/ });
    const open = await checklist.getByRole("listitem").count();
    const medium = checklist.getByRole("listitem").filter({ hasText: "Feitenblok: Medium" });
    await medium.getByLabel("Bron", { exact: true }).fill("iasa-tc05");
    await medium.getByRole("button", { name: "Bron citeren" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Bijgewerkt in het formulier" }).count())
      .toBe(1);
    expect(await page.getByLabel("Bron bij Medium").inputValue()).toBe("@iasa-tc05");
    expect(await checklist.getByRole("listitem").count()).toBe(open - 1);
    expect(await page.getByLabel("In gebruik tot (jaar)", { exact: true }).inputValue()).toBe(after);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Voorbeeld", exact: true }).click();
    const changes = page.getByRole("region", { name: /Wijzigingen ten opzichte/ });
    const facts = changes.locator("figure", { hasText: "Feitenblok" });
    await expect.poll(() => facts.locator("ins", { hasText: after }).count(), { timeout: 10_000 }).toBe(1);
    expect(await facts.locator("del", { hasText: before }).count()).toBe(1);
    await page.getByLabel("Toelichting bij deze wijziging").fill("Eindjaar en bron bij medium");
    await page.getByRole("button", { name: "Opslaan als concept" }).click();
    await page.waitForURL("**/beheer/kennisbank/u-matic?opgeslagen=*");
    const saved = new URL(page.url()).searchParams.get("opgeslagen")!;
    // The comparison with the version it was based on: the moderator's fact.
    const factsDiff = page.locator("figure", { hasText: "Feitenblok" });
    await expect.poll(() => factsDiff.locator("ins", { hasText: after }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: saved, exact: true }) });
    await row.getByRole("button", { name: "Ter beoordeling" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "ter beoordeling gezet" }).count())
      .toBe(1);
    await row.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "is gepubliceerd" }).count()).toBe(1);

    // The published page shows both.
    await page.goto("/kennisbank/u-matic");
    const article = page.locator("article");
    expect(await article.getByRole("link", { name: guideTitle }).count()).toBeGreaterThan(0);
    expect(await article.getByText(sourceTitle).count()).toBeGreaterThan(0);
    const box = page.getByRole("complementary", { name: "Feitenblok" });
    expect(await box.textContent()).toContain(`1971–${after}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the fact box fields in the browser's autosave and puts them back", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, E2E_ADMIN, "/kennisbank/vhs/bewerken");
    await page.waitForURL("**/kennisbank/vhs/bewerken");
    await waitForApp(page);
    await page.getByLabel("Maat (als tekst)", { exact: true }).fill("12,7 mm (½ inch) band, proef");
    await page.getByLabel("Bron bij Maat (als tekst)").fill("@iasa-tc05, §2");
    // The autosave waits for a pause in typing.
    await expect
      .poll(() =>
        page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("kb-concept:vhs")).length),
      )
      .toBe(1);
    // The same edit opened again, as after a closed tab.
    const again = await context.newPage();
    await again.goto("/kennisbank/vhs/bewerken");
    await waitForApp(again);
    await again.getByRole("button", { name: "Bewaarde versie terugzetten" }).click();
    expect(await again.getByLabel("Maat (als tekst)", { exact: true }).inputValue()).toBe(
      "12,7 mm (½ inch) band, proef",
    );
    expect(await again.getByLabel("Bron bij Maat (als tekst)").inputValue()).toBe("@iasa-tc05, §2");
    expect(await again.getByLabel("Bron bij Maat (als tekst)").getAttribute("aria-describedby")).toBeTruthy();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("with JavaScript off: preview, list rows, and per-field errors that lose nothing", async () => {
    const context = await env.browser.newContext({ baseURL: env.app.url, javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, MEMBER, "/kennisbank/vhs/bewerken");
    await page.waitForURL("**/kennisbank/vhs/bewerken");
    // The same proposal, typed: a link to a guide and a citation, previewed on the server.
    const body = page.getByLabel("Tekst (Markdown)");
    const text = `${await body.inputValue()}\n\nVergelijk met [Betamax](/kennisbank/betamax) [@iasa-tc05, §5.2]`;
    await body.fill(text);
    await page.getByRole("button", { name: "Voorbeeld", exact: true }).click();
    await page.waitForLoadState("load");
    const preview = page.getByRole("region", { name: /Voorbeeld/ });
    expect(await preview.getByRole("link", { name: "Betamax" }).count()).toBeGreaterThan(0);
    expect(await preview.getByText(/IASA-TC 05.*, §5\.2/).count()).toBe(1);
    expect((await body.inputValue()).replace(/\r\n/g, "\n")).toBe(text);

    // A row added by the server; then bad input in two facts.
    const rows = page.getByRole("group", { name: "Speciale behandeling" }).getByRole("textbox");
    const rowCount = await rows.count();
    await page.getByRole("button", { name: "Regel toevoegen aan Speciale behandeling" }).click();
    await page.waitForLoadState("load");
    expect(await rows.count()).toBe(rowCount + 1);
    expect(await page.getByRole("status").filter({ hasText: "Regel toegevoegd" }).count()).toBe(1);
    expect((await body.inputValue()).replace(/\r\n/g, "\n")).toBe(text);
    await rows.last().fill("Eerst een proefstuk afspelen");
    await page.getByLabel("In gebruik vanaf (jaar)", { exact: true }).fill("19x6");
    await page.getByLabel("Bron bij Medium").fill("@verzonnen-bron");
    await page.getByLabel("Toelichting bij deze wijziging").fill("Proef zonder script");
    await page.getByRole("button", { name: "Voorstel versturen" }).click();
    await page.waitForLoadState("load");
    expect(page.url()).toContain("/kennisbank/vhs/bewerken");
    await expect
      .poll(() => page.getByText("Niet opgeslagen: verbeter de gemarkeerde velden.").count())
      .toBe(1);
    const year = page.getByLabel("In gebruik vanaf (jaar)", { exact: true });
    expect(await year.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await year.getAttribute("aria-describedby"))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      "Vul een beginjaar in van vier cijfers, tussen 1850 en 2100.",
    );
    const cite = page.getByLabel("Bron bij Medium");
    expect(await cite.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("Onbekende bron: @verzonnen-bron.", { exact: false }).count()).toBe(1);
    // Nothing typed is lost.
    expect(await year.inputValue()).toBe("19x6");
    expect(await cite.inputValue()).toBe("@verzonnen-bron");
    expect(await rows.last().inputValue()).toBe("Eerst een proefstuk afspelen");
    expect((await body.inputValue()).replace(/\r\n/g, "\n")).toBe(text);
    expect(await page.getByLabel("Toelichting bij deze wijziging").inputValue()).toBe("Proef zonder script");
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Enter in a field sends the form as the save button does; it removes no row.
    const rowsNow = await rows.count();
    await year.press("Enter");
    await page.waitForLoadState("load");
    await expect
      .poll(() => page.getByText("Niet opgeslagen: verbeter de gemarkeerde velden.").count())
      .toBe(1);
    expect(await rows.count()).toBe(rowsNow);
    expect(await rows.last().inputValue()).toBe("Eerst een proefstuk afspelen");
    expect(await page.getByLabel("In gebruik vanaf (jaar)", { exact: true }).inputValue()).toBe("19x6");
    await context.close();
  });
});
