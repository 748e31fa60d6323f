import type { MetaDescriptor, MetaFunction } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { Locale } from "#app/i18n/index.ts";

// Every route module, so a new page with a hard-coded Dutch title fails here (issue #17).
type RouteModule = { meta?: MetaFunction };
const modules = Object.fromEntries(
  Object.entries(
    import.meta.glob<RouteModule>(["../../app/routes/*.tsx", "../../app/routes/*/route.tsx"]),
  ).map(
    // A route folder's module under the route's name: "dragers.samenwerken/route.tsx" -> "dragers.samenwerken.tsx".
    ([path, load]) => [path.replace(/\/route\.tsx$/, ".tsx"), load],
  ),
);

// The Dutch titles (without loader data) as they were before the titles learnt English: they stay.
const dutchTitles: Record<string, string> = {
  "account._index.tsx": "Mijn account · AV-Kennisnet",
  "beheer._index.tsx": "Beheer · AV-Kennisnet",
  "beheer.bronnen.$key.tsx": "Bron bewerken · Beheer · AV-Kennisnet",
  "beheer.bronnen._index.tsx": "Bronnenlijst · Beheer · AV-Kennisnet",
  "beheer.dragers.tsx": "Aannames planner · Beheer · AV-Kennisnet",
  "beheer.enquete._index.tsx": "Enquête importeren · Beheer · AV-Kennisnet",
  "beheer.enquete.koppelen.tsx": "Respondenten koppelen · Beheer · AV-Kennisnet",
  "beheer.gebruikers.tsx": "Gebruikers · Beheer · AV-Kennisnet",
  "beheer.instellingen.tsx": "Instellingen · Beheer · AV-Kennisnet",
  "beheer.intervisie._index.tsx": "Intervisie: matching · Beheer · AV-Kennisnet",
  "beheer.intervisie.voorstel.$id.tsx": "Voorstel · Intervisie · Beheer · AV-Kennisnet",
  "beheer.intervisie_.beoordelingen.tsx": "Beoordelingen · Intervisie · Beheer · AV-Kennisnet",
  "beheer.kennisbank.$slug.tsx": "Versies · Kennisbank · AV-Kennisnet",
  "beheer.kennisbank._index.tsx": "Kennisbank · Beheer · AV-Kennisnet",
  "beheer.kennisbank.controles.tsx": "Controles · Kennisbank · Beheer · AV-Kennisnet",
  "beheer.kennisbank.import.tsx": "Importeren · Kennisbank · AV-Kennisnet",
  "beheer.kennisbank.te-controleren.tsx": "Te controleren · Kennisbank · Beheer · AV-Kennisnet",
  "beheer.peilingen.tsx": "Peilingen · Beheer · AV-Kennisnet",
  "bronnen.tsx": "Bronnen · AV-Kennisnet",
  "bronnen_.$key.tsx": "Niet gevonden · AV-Kennisnet",
  "dragers._index.tsx": "Dragers · AV-Kennisnet",
  "dragers.herkennen.tsx": "Welke drager heb ik? · Dragers · AV-Kennisnet",
  "dragers.planner.tsx": "Digitaliseringsplanner · Dragers · AV-Kennisnet",
  "dragers.planner_.afdrukken.tsx": "Digitaliseringsplan (afdrukken) · AV-Kennisnet",
  "dragers.vergelijk.tsx": "Vergelijk op ware grootte · Dragers · AV-Kennisnet",
  "inloggen.tsx": "Inloggen · AV-Kennisnet",
  "instelling._index.tsx": "Mijn instelling · AV-Kennisnet",
  "instelling.peiling.$id.tsx": "Peilingen · Mijn instelling · AV-Kennisnet",
  "instelling.zelfevaluatie.tsx": "Vragenlijst invullen · Mijn instelling · AV-Kennisnet",
  "instellingen.$id.tsx": "Profiel van een instelling · AV-Kennisnet",
  "intervisie._index.tsx": "Intervisie · AV-Kennisnet",
  "intervisie.agenda.tsx": "Mijn agenda · Intervisie · AV-Kennisnet",
  "intervisie.deelnemen.tsx": "Meedoen aan intervisie · AV-Kennisnet",
  "intervisie.groepen.$id.tsx": "Groep · Intervisie · AV-Kennisnet",
  "intervisie.groepen.$id_.sessies.nieuw.tsx": "Bijeenkomst plannen · Intervisie · AV-Kennisnet",
  "intervisie.groepen._index.tsx": "Open intervisiegroepen · AV-Kennisnet",
  "kennisbank.$slug.tsx": "Niet gevonden · AV-Kennisnet",
  "kennisbank.$slug_.bewerken.tsx": "Bewerken · Kennisbank · AV-Kennisnet",
  "kennisbank._index.tsx": "Kennisbank · AV-Kennisnet",
  "meldingen.tsx": "Meldingen · AV-Kennisnet",
  "registreren.tsx": "Registreren · AV-Kennisnet",
  "dragers.samenwerken.tsx": "Samen digitaliseren · Dragers · AV-Kennisnet",
  "intervisie.sessies.$id.tsx": "Bijeenkomst · Intervisie · AV-Kennisnet",
  "trends._index.tsx": "Trends · AV-Kennisnet",
  "wachtwoord-herstellen.tsx": "Nieuw wachtwoord · AV-Kennisnet",
  "wachtwoord-vergeten.tsx": "Wachtwoord vergeten · AV-Kennisnet",
};

// Titles whose words are the same in English.
const sameInEnglish = new Set(["Trends · AV-Kennisnet"]);

function runMeta(meta: MetaFunction, locale: Locale | undefined, data?: unknown): MetaDescriptor[] {
  const root = { id: "root", pathname: "/", params: {}, data: locale ? { locale } : undefined, meta: [] };
  const args = {
    data,
    params: {},
    location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
    matches: [root],
    error: undefined,
  };
  return meta(args as unknown as Parameters<MetaFunction>[0]) ?? [];
}

const titleOf = (descriptors: MetaDescriptor[]) =>
  descriptors.map((d) => ("title" in d ? d.title : undefined)).find((t) => t !== undefined);
const descriptionOf = (descriptors: MetaDescriptor[]) =>
  descriptors.map((d) => ("name" in d && d.name === "description" ? d.content : undefined)).find(Boolean);

async function metaOf(file: string): Promise<MetaFunction> {
  const load = modules[`../../app/routes/${file}`];
  if (!load) throw new Error(`geen route ${file}`);
  const { meta } = await load();
  if (!meta) throw new Error(`${file} heeft geen meta`);
  return meta;
}

describe("page titles follow the page's language", () => {
  it("gives every route with a meta an English title (and description) unless the words are the same", async () => {
    const checked: string[] = [];
    for (const [path, load] of Object.entries(modules)) {
      const file = path.replace("../../app/routes/", "");
      const { meta } = await load();
      if (!meta) continue;
      checked.push(file);
      const nl = runMeta(meta, "nl");
      const en = runMeta(meta, "en");
      const nlTitle = titleOf(nl);
      const enTitle = titleOf(en);
      expect(nlTitle, file).toMatch(/ · AV-Kennisnet$/);
      expect(enTitle, file).toMatch(/ · AV-Kennisnet$/);
      if (file in dutchTitles) expect(nlTitle, file).toBe(dutchTitles[file]);
      if (!sameInEnglish.has(nlTitle as string)) expect(enTitle, file).not.toBe(nlTitle);
      const nlDescription = descriptionOf(nl);
      if (nlDescription) expect(descriptionOf(en), file).not.toBe(nlDescription);
    }
    // Every page in the list was looked at: none lost its meta.
    expect(checked).toEqual(expect.arrayContaining(Object.keys(dutchTitles)));
  });

  it("speaks Dutch when the root has no language", async () => {
    const meta = await metaOf("dragers.planner.tsx");
    expect(titleOf(runMeta(meta, undefined))).toBe("Digitaliseringsplanner · Dragers · AV-Kennisnet");
  });

  it("names the wizard, the planner and the sources page in English", async () => {
    expect(titleOf(runMeta(await metaOf("dragers.herkennen.tsx"), "en"))).toBe(
      "Which carrier do I have? · Carriers · AV-Kennisnet",
    );
    expect(titleOf(runMeta(await metaOf("dragers.planner.tsx"), "en"))).toBe(
      "Digitisation planner · Carriers · AV-Kennisnet",
    );
    const sources = runMeta(await metaOf("bronnen.tsx"), "en");
    expect(titleOf(sources)).toBe("Sources · AV-Kennisnet");
    expect(descriptionOf(sources)).toMatch(/^The knowledge base's sources/);
  });

  it("keeps names from the data as they are and puts the rest in the page's language", async () => {
    const search = await metaOf("kennisbank._index.tsx");
    const q = { params: { q: "nitraatfilm" } };
    expect(titleOf(runMeta(search, "nl", q))).toBe("nitraatfilm · Kennisbank · AV-Kennisnet");
    expect(titleOf(runMeta(search, "en", q))).toBe("nitraatfilm · Knowledge base · AV-Kennisnet");

    const group = await metaOf("intervisie.groepen.$id.tsx");
    const named = { group: { name: "Kring Noord" } };
    expect(titleOf(runMeta(group, "nl", named))).toBe("Kring Noord · Intervisie · AV-Kennisnet");
    expect(titleOf(runMeta(group, "en", named))).toBe("Kring Noord · Intervision · AV-Kennisnet");
    expect(titleOf(runMeta(group, "en"))).toBe("Group · Intervision · AV-Kennisnet");

    const article = await metaOf("kennisbank.$slug.tsx");
    const found = { article: { title: "Nitrate film", summary: "What to do with it." } };
    const enArticle = runMeta(article, "en", found);
    expect(titleOf(enArticle)).toBe("Nitrate film · AV-Kennisnet");
    expect(descriptionOf(enArticle)).toBe("What to do with it.");
    expect(titleOf(runMeta(article, "en"))).toBe("Not found · AV-Kennisnet");
  });
});
