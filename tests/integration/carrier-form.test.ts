// The fact box as a form: what the editor renders posts back as the stored `carrier` data
// (seed, import and export format unchanged), with a Dutch message per field on bad input.
import { eq } from "drizzle-orm";
import { Parser } from "htmlparser2";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CarrierFieldset } from "#app/components/carrier-form.tsx";
import {
  getPublishedArticle,
  getRevision,
  upsertPublishedContent,
} from "#app/modules/kennisbank/articles.server.ts";
import {
  type CarrierFields,
  carrierFieldsFromForm,
  carrierToFields,
  parseCarrierFields,
} from "#app/modules/kennisbank/carrier-form.ts";
import { openClaims } from "#app/modules/kennisbank/claims.ts";
import { parseArticleFile, serializeArticleFile } from "#app/modules/kennisbank/front-matter.server.ts";
import { seedSources, sourceLookup } from "#app/modules/kennisbank/sources.server.ts";
import { action as editAction } from "#app/routes/kennisbank.$slug_.bewerken.tsx";
import type { Database } from "#db/client.server.ts";
import { claimNote } from "#db/schema/kennisbank.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { readSourceRegistry } from "#db/seed/sources.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { system } from "#tests/support/factories.ts";
import { contextFor, ORIGIN } from "#tests/support/remix.ts";

const registry = readSourceRegistry();
const seed = readSeedContent();
const carriers = seed.filter((c) => c.kind === "drager");

/** The fact box form rendered as the browser gets it (Dutch). */
function renderFieldset(fields: CarrierFields, errors: Record<string, string> = {}): string {
  const state = { loaderData: { root: { locale: "nl" } } } as never;
  return renderToStaticMarkup(
    createElement(
      UNSAFE_DataRouterStateContext.Provider,
      { value: state },
      createElement(CarrierFieldset, { fields, errors }),
    ),
  );
}

/** What a browser submits for a rendered form: named inputs, textareas, chosen options, ticked boxes. */
function successfulControls(html: string): [string, string][] {
  const pairs: [string, string][] = [];
  let textarea: { name: string; text: string } | null = null;
  let select: { name: string; value: string | null; first: string | null } | null = null;
  let option: { value: string | undefined; selected: boolean; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (tag === "input" && attrs.name) {
          const type = attrs.type ?? "text";
          if ((type === "checkbox" || type === "radio") && !("checked" in attrs)) return;
          pairs.push([attrs.name, attrs.value ?? (type === "checkbox" ? "on" : "")]);
        } else if (tag === "textarea" && attrs.name) textarea = { name: attrs.name, text: "" };
        else if (tag === "select" && attrs.name) select = { name: attrs.name, value: null, first: null };
        else if (tag === "option") option = { value: attrs.value, selected: "selected" in attrs, text: "" };
      },
      ontext(text) {
        if (textarea) textarea.text += text;
        if (option) option.text += text;
      },
      onclosetag(tag) {
        if (tag === "textarea" && textarea) {
          // A leading newline of a textarea is not part of its value; its text is escaped as
          // React escapes text (the parser leaves a textarea's text as it is).
          pairs.push([textarea.name, unescapeReact(textarea.text.replace(/^\n/, ""))]);
          textarea = null;
        } else if (tag === "option" && option && select) {
          const value = option.value ?? option.text;
          select.first ??= value;
          if (option.selected) select.value = value;
          option = null;
        } else if (tag === "select" && select) {
          pairs.push([select.name, select.value ?? select.first ?? ""]);
          select = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return pairs;
}

/** Undoes React's escaping of text: exactly these five characters. */
const unescapeReact = (text: string) =>
  text.replace(/&(quot|amp|lt|gt|#x27);/g, (_, e: string) =>
    e === "quot" ? '"' : e === "amp" ? "&" : e === "lt" ? "<" : e === "gt" ? ">" : "'",
  );

const formOf = (pairs: [string, string][]) => {
  const form = new FormData();
  for (const [k, v] of pairs) form.append(k, v);
  return form;
};

describe("the fact box form", () => {
  it("posts every seed carrier guide back exactly as stored, in both languages", () => {
    expect(carriers.length).toBeGreaterThanOrEqual(25);
    for (const content of carriers) {
      const html = renderFieldset(carrierToFields(content.carrier));
      const posted = carrierFieldsFromForm(formOf(successfulControls(html)));
      const parsed = parseCarrierFields(posted, registry);
      if (!parsed.ok)
        throw new Error(`${content.slug} (${content.locale}): ${JSON.stringify(parsed.errors)}`);
      expect(parsed.value, `${content.slug} (${content.locale})`).toEqual(content.carrier);
      // And the file the export writes is the same, byte for byte (key order included).
      expect(serializeArticleFile({ ...content, carrier: parsed.value })).toBe(serializeArticleFile(content));
    }
  });

  it("labels every field, with its source next to it, and marks a bad one for screen readers", () => {
    const umatic = carriers.find((c) => c.slug === "u-matic" && c.locale === "nl")!;
    const fields = carrierToFields(umatic.carrier);
    const html = renderFieldset(
      { ...fields, values: { ...fields.values, yearsFrom: "19x1" } },
      { "carrier.yearsFrom": "Vul een beginjaar in van vier cijfers, tussen 1850 en 2100." },
    );
    for (const name of ["medium", "form", "size", "yearsFrom", "yearsTo", "recognition", "playback"]) {
      const id = `veld-carrier-${name}`;
      expect(html, name).toContain(`for="${id}"`);
      expect(html, name).toContain(`name="carrier.cite.${name}"`);
    }
    expect(html).toMatch(
      /id="veld-carrier-yearsFrom"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="veld-carrier-yearsFrom"/,
    );
    expect(html).toMatch(/aria-describedby="veld-carrier-yearsFrom-fout"/);
    expect(html).toContain('id="veld-carrier-yearsFrom-fout"');
    // Lists are rows with a button to add one; a "?" shows as to be checked.
    expect(html).toContain('value="rij-erbij:handling"');
    expect(html).toContain("Regel toevoegen");
    expect(html).toContain("te controleren");
  });
});

type EditResult = {
  init: { status: number } | null;
  data: {
    fields: { body: string; sources: string; carrier: CarrierFields };
    errors: Record<string, string>;
    notice?: string;
  };
};

describe("the editor with the fact box form", () => {
  let database: Database;
  const umatic = carriers.find((c) => c.slug === "u-matic" && c.locale === "nl")!;

  beforeEach(async () => {
    database = await createTestDatabase();
    await seedSources(database.db, registry);
    await upsertPublishedContent(database.db, system, umatic);
  });
  afterEach(async () => {
    await database?.close();
  });

  /** The whole edit form as the browser posts it, from the published version. */
  async function editForm(change: (pairs: [string, string][]) => [string, string][] = (p) => p) {
    const published = (await getPublishedArticle(database.db, "u-matic", "nl"))!;
    const pairs: [string, string][] = [
      ["locale", "nl"],
      ["baseRevisionId", String(published.revisionId)],
      ["title", published.title],
      ["summary", published.summary],
      ["body", published.body],
      ...published.data.topics.map((t): [string, string] => ["topics", t]),
      ...published.data.institutionTypes.map((t): [string, string] => ["institutionTypes", t]),
      ["needsReview", published.data.needsReview ? "ja" : ""],
      ["uncertain", published.data.uncertain.join("\n")],
      ["sources", published.data.sources.map((s) => s.key ?? s.title).join("\n")],
      ["related", published.data.related.join(", ")],
      ...successfulControls(renderFieldset(carrierToFields(published.data.carrier))),
      ["note", "feitenblok bijgewerkt"],
    ];
    return change(pairs);
  }

  const set = (pairs: [string, string][], name: string, value: string): [string, string][] =>
    pairs.map(([k, v]) => [k, k === name ? value : v]);

  async function send(pairs: [string, string][], role: "member" | "moderator" = "moderator") {
    const user = await userWithSession(database.db, role);
    return editAction({
      request: new Request(new URL("/kennisbank/u-matic/bewerken", ORIGIN), {
        method: "POST",
        body: new URLSearchParams(pairs),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: ORIGIN,
          Cookie: user.cookie,
        },
      }),
      params: { slug: "u-matic" },
      context: contextFor(database),
    });
  }

  it("stores one changed field in the stored format, which exports and imports unchanged", async () => {
    const pairs = set(
      set(await editForm(), "carrier.yearsTo", "1998"),
      "carrier.cite.yearsTo",
      "@iasa-tc05, §2",
    );
    const response = (await send(pairs)) as Response;
    expect(response.status).toBe(302);
    const id = Number(new URL(response.headers.get("Location")!, ORIGIN).searchParams.get("opgeslagen"));
    const saved = (await getRevision(database.db, id))!;
    expect(saved.data.carrier).toEqual({
      ...umatic.carrier,
      yearsTo: 1998,
      cite: { ...umatic.carrier!.cite, yearsTo: ["@iasa-tc05, §2"] },
    });
    // Everything else of the version is as it was.
    const { carrier: _a, ...restSaved } = saved.data;
    const {
      slug: _s,
      locale: _l,
      kind: _k,
      title: _t,
      summary: _u,
      body: _b,
      carrier: _c,
      ...restSeed
    } = umatic;
    expect(restSaved).toEqual(restSeed);
    const exported = serializeArticleFile({ ...umatic, carrier: saved.data.carrier });
    expect(exported).toContain("yearsTo: 1998");
    const again = parseArticleFile(exported, "drager/u-matic.md", await sourceLookup(database.db));
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.content.carrier).toEqual(saved.data.carrier);
  });

  it("refuses bad input per field in Dutch, keeps everything typed and saves nothing", async () => {
    let pairs = await editForm();
    pairs = set(pairs, "carrier.yearsFrom", "19x1");
    pairs = set(pairs, "carrier.minutesPerItem", "-5");
    pairs = set(pairs, "carrier.medium", "");
    pairs = set(pairs, "carrier.cite.size", "@verzonnen-bron, p. 3");
    pairs = set(pairs, "carrier.cite.form", "kenjedrager");
    pairs = set(pairs, "carrier.recognition", "   ");
    // Every Dutch name emptied (the rows stay), an English one added in a new row.
    pairs = pairs.map(([k, v]): [string, string] => [k, k === "carrier.names.nl" ? "" : v]);
    pairs.push(["carrier.names.en", "Extra name"]);
    const result = (await send(pairs)) as unknown as EditResult;
    expect(result.init?.status).toBe(400);
    const e = result.data.errors;
    expect(e["carrier.yearsFrom"]).toBe("Vul een beginjaar in van vier cijfers, tussen 1850 en 2100.");
    expect(e["carrier.minutesPerItem"]).toContain("minuten");
    expect(e["carrier.medium"]).toBe("Kies een medium.");
    expect(e["carrier.cite.size"]).toBe(
      "Onbekende bron: @verzonnen-bron. Voeg de bron eerst toe aan de bronnenlijst.",
    );
    expect(e["carrier.cite.form"]).toContain("'kenjedrager' is geen verwijzing");
    expect(e["carrier.recognition"]).toBeDefined();
    expect(e["carrier.names.nl"]).toBe("Noem minstens één Nederlandse naam.");
    // Fields that were fine have no message.
    expect(e["carrier.size"]).toBeUndefined();
    expect(e["carrier.yearsTo"]).toBeUndefined();
    // Nothing typed is lost.
    const c = result.data.fields.carrier;
    expect(c.values.yearsFrom).toBe("19x1");
    expect(c.values.minutesPerItem).toBe("-5");
    expect(c.cite.size).toBe("@verzonnen-bron, p. 3");
    expect(c.lists["names.en"].at(-1)).toBe("Extra name");
    expect(c.lists["names.nl"].every((r) => r === "")).toBe(true);
    // Nothing saved: the published version is still the only one.
    const published = await getPublishedArticle(database.db, "u-matic", "nl");
    expect(published!.data.carrier).toEqual(umatic.carrier);
    // And the years in the wrong order are refused too.
    const reversed = (await send(set(await editForm(), "carrier.yearsTo", "1960"))) as unknown as EditResult;
    expect(reversed.data.errors["carrier.yearsTo"]).toBe("Het eindjaar ligt vóór het beginjaar (1971).");
  });

  it("adds and removes list rows without JavaScript, saving nothing", async () => {
    const pairs = await editForm();
    const handling = pairs.filter(([k]) => k === "carrier.handling").length;
    const added = (await send(
      [...pairs, ["intent", "rij-erbij:handling"]],
      "member",
    )) as unknown as EditResult;
    expect(added.init?.status ?? 200).toBe(200);
    expect(added.data.fields.carrier.lists.handling.length).toBe(handling + 1);
    expect(added.data.fields.carrier.lists.handling.at(-1)).toBe("");
    const removed = (await send(
      [...pairs, ["intent", "rij-weg:aliases:0"]],
      "member",
    )) as unknown as EditResult;
    expect(removed.data.fields.carrier.lists.aliases).toEqual([...umatic.carrier!.aliases.slice(1), ""]);
    const published = await getPublishedArticle(database.db, "u-matic", "nl");
    expect(published!.data.carrier).toEqual(umatic.carrier);
  });

  it("resolves the open claims one by one in the form, for moderators only", async () => {
    const pairs = await editForm();
    const open = openClaims(umatic.body, umatic.carrier);
    const field = open.find((c) => c.ref === "cite:yearsFrom")!;
    const inBody = open.find((c) => c.ref === "body:0")!;
    expect(field).toBeDefined();
    expect(inBody).toBeDefined();

    // Cite a registered source for a fact-box field.
    const cited = (await send([
      ...pairs,
      ["claim.cite:yearsFrom.key", field.key],
      ["claim.cite:yearsFrom.bron", "nypl-ami"],
      ["claim.cite:yearsFrom.vindplaats", "U-matic"],
      ["intent", "claim-bron:cite:yearsFrom"],
    ])) as unknown as EditResult;
    expect(cited.data.errors).toEqual({});
    expect(cited.data.fields.carrier.cite.yearsFrom).toBe("@nypl-ami, U-matic");

    // Cite one for a marker in the text.
    const inText = (await send([
      ...pairs,
      ["claim.body:0.key", inBody.key],
      ["claim.body:0.bron", "iasa-tc05"],
      ["claim.body:0.vindplaats", "§3"],
      ["intent", "claim-bron:body:0"],
    ])) as unknown as EditResult;
    expect(inText.data.fields.body).toContain("[@iasa-tc05, §3]");
    expect(openClaims(inText.data.fields.body).length).toBe(openClaims(umatic.body).length - 1);

    // Remove a flag: the text stays, the marker goes.
    const removed = (await send([
      ...pairs,
      ["claim.body:0.key", inBody.key],
      ["intent", "claim-weg:body:0"],
    ])) as unknown as EditResult;
    expect(openClaims(removed.data.fields.body).length).toBe(openClaims(umatic.body).length - 1);
    expect(removed.data.fields.body.length).toBeLessThan(umatic.body.length);

    // An unknown source, or a claim that moved: a message on that claim, nothing else changes.
    const unknown = (await send([
      ...pairs,
      ["claim.cite:yearsFrom.key", field.key],
      ["claim.cite:yearsFrom.bron", "verzonnen"],
      ["intent", "claim-bron:cite:yearsFrom"],
    ])) as unknown as EditResult;
    expect(unknown.init?.status).toBe(400);
    expect(unknown.data.errors["claim.cite:yearsFrom"]).toBe("Kies een bron uit de bronnenlijst.");
    expect(unknown.data.fields.carrier.cite.yearsFrom).toBe("?");
    const moved = (await send([
      ...pairs,
      ["claim.body:0.key", "body:een andere zin"],
      ["claim.body:0.bron", "iasa-tc05"],
      ["intent", "claim-bron:body:0"],
    ])) as unknown as EditResult;
    expect(moved.data.errors["claim.body:0"]).toContain("niet meer");

    // Keep it flagged: a moderator's note on the published claim.
    const kept = (await send([
      ...pairs,
      ["claim.cite:yearsFrom.key", field.key],
      ["claim.cite:yearsFrom.notitie", "Jaartal bij Sony navragen"],
      ["intent", "claim-houden:cite:yearsFrom"],
    ])) as unknown as EditResult;
    expect(kept.data.errors).toEqual({});
    const notes = await database.db.select().from(claimNote).where(eq(claimNote.claimKey, field.key));
    expect(notes.map((n) => n.note)).toEqual(["Jaartal bij Sony navragen"]);

    // A member cannot.
    const refused = await send([...pairs, ["intent", "claim-weg:body:0"]], "member").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
  });
});
