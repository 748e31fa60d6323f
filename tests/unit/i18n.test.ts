import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import {
  type Locale,
  localeFromRequest,
  localizedLinks,
  localizedPath,
  type Message,
  type MessageKey,
  pathInLocale,
  translate,
  unlocalizedPath,
} from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";
import { allAnswerLabels, answerInEnglish, answerLabel } from "#app/modules/survey/questionnaire.ts";

const dictionaries: Record<Locale, Record<string, Message>> = { nl, en };

/** A message's texts by form: `text` for a plain message, the plural categories otherwise. */
const forms = (message: Message): Record<string, string> =>
  typeof message === "string" ? { text: message } : { ...message };

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

/** The source of app/ outside the message layer, file by file. */
const appSources = (readdirSync("app", { recursive: true }) as string[])
  .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(join("i18n", "")))
  .map((file) => ({ file: join("app", file), text: readFileSync(join("app", file), "utf8") }));

// Keys the app builds from a value, e.g. t(`kb.medium.${medium}`): a scan for quoted keys cannot
// find them, so each family is listed here by the start of the template that builds it. A new value in such
// a family (a new carrier medium, a new error code) gets its key here as well as in nl.ts.
const builtKeys: { prefix: string; values: string[]; suffix?: string }[] = [
  // The home page's four sections (routes/_index.tsx).
  { prefix: "home.", values: ["kennisbank", "dragers", "intervisie", "trends"], suffix: ".title" },
  { prefix: "home.", values: ["kennisbank", "dragers", "intervisie", "trends"], suffix: ".text" },
  // The error page by status (components/error-boundary.tsx).
  { prefix: "error.", values: ["400", "403", "404", "500"], suffix: ".title" },
  { prefix: "error.", values: ["400", "403", "404", "500"], suffix: ".text" },
  // Roles on /account and /beheer/gebruikers.
  { prefix: "role.", values: ["member", "moderator", "admin"] },
  { prefix: "account.language.", values: ["nl", "en"] },
  // Matching weights and proposal states (beheer.intervisie._index.tsx).
  {
    prefix: "intervisie.beheer.weight.",
    values: ["sameType", "sharedNeeds", "canHelp", "sameProvinceInPerson", "similarSize", "similarMaturity"],
  },
  { prefix: "intervisie.beheer.status.", values: ["draft", "confirmed", "discarded"] },
  { prefix: "sessie.rsvp.", values: ["yes", "no", "maybe"] },
  // Carrier fact boxes: the values of medium, form, risks and risk level, the certainty marks.
  { prefix: "kb.medium.", values: ["audio", "video", "film", "audio+video", "data"] },
  {
    prefix: "kb.form.",
    values: ["spoel", "cassette", "schijf", "draadspoel", "filmrol", "cilinder", "kaart", "schijfeenheid"],
  },
  {
    prefix: "kb.risk.",
    values: [
      "sticky_shed",
      "azijnsyndroom",
      "nitraatontleding",
      "schimmel",
      "kleurverval",
      "discrot",
      "smeermiddelverlies",
      "delaminatie",
      "breuk",
      "vervorming",
      "drop-outs",
    ],
  },
  { prefix: "kb.riskLevel.", values: ["laag", "middel", "hoog", "zeer_hoog"] },
  { prefix: "dragers.certainty.", values: ["bron", "alg", "check"] },
  // The fact-box form's field labels and a field's source status (components/carrier-form.tsx).
  {
    prefix: "kb.cf.",
    values: [
      "names.nl",
      "names.en",
      "names",
      "aliases",
      "medium",
      "form",
      "size",
      "sizeKey",
      "markings",
      "lookalikes",
      "yearsFrom",
      "yearsTo",
      "recognition",
      "risks",
      "degradationScore",
      "playback",
      "obsolescenceScore",
      "handling",
      "preservationFormat",
      "accessFormat",
      "riskLevel",
      "riskReason",
      "minutesPerItem",
      "toCheck",
      "sourced",
      "noCite",
    ],
  },
  { prefix: "search.facet.", values: ["kind", "topic", "medium"] },
  // Trends: a figure's source and group, the survey's institution types.
  { prefix: "trends.source.label.", values: ["published", "respondents"] },
  {
    prefix: "trends.figures.group.",
    values: [
      "response",
      "collection",
      "ooc",
      "organisation",
      "digitisation",
      "funding",
      "ai",
      "born_digital",
    ],
  },
  { prefix: "survey.type.", values: ["Archief", "Omroep", "Museum", "Overig", "Onbekend"] },
  // Pulse rounds: the admin's result.
  { prefix: "pulse.admin.", values: ["opened", "closed"] },
  // Sources: kind and language; practice cases: how a case is attributed.
  {
    prefix: "sources.kind.",
    values: ["standard", "guideline", "law", "report", "manual", "website", "article", "book", "forum"],
  },
  { prefix: "sources.lang.", values: ["nl", "en", "fr", "de", "multi"] },
  { prefix: "casus.attribution.", values: ["anoniem", "type", "namen"] },
];
const builtKey = (b: (typeof builtKeys)[number], value: string) => `${b.prefix}${value}${b.suffix ?? ""}`;

describe("i18n", () => {
  it("has an English message for every Dutch key and no others, of the same shape", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, dutch] of Object.entries(nl) as [MessageKey, Message][]) {
      const english: Message = en[key];
      // A text stays a text; plural forms are the same categories in both languages.
      expect(Object.keys(forms(english)).sort(), key).toEqual(Object.keys(forms(dutch)).sort());
      for (const text of Object.values(forms(english))) expect(text.trim(), key).not.toBe("");
    }
  });

  it("gives a plural message exactly the plural categories of each language", () => {
    for (const locale of ["nl", "en"] as const) {
      const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      for (const [key, message] of Object.entries(dictionaries[locale])) {
        if (typeof message !== "string")
          expect(Object.keys(message).sort(), `${locale} ${key}`).toEqual(categories);
      }
    }
  });

  it("has the same placeholders in Dutch and English", () => {
    for (const [key, dutch] of Object.entries(nl) as [MessageKey, Message][]) {
      const english = forms(en[key]);
      for (const [form, text] of Object.entries(forms(dutch))) {
        expect(placeholders(english[form] ?? ""), `${key} ${form}`).toEqual(placeholders(text));
      }
    }
  });

  it("uses every key in app/, by its quoted name or in a listed family of built keys", () => {
    const source = appSources.map((s) => s.text).join("\n");
    const built = new Set(builtKeys.flatMap((b) => b.values.map((v) => builtKey(b, v))));
    const unused = Object.keys(nl).filter((key) => !built.has(key) && !source.includes(`"${key}"`));
    expect(unused).toEqual([]);
    // The list stays true: each family is still built in app/, and each key it names exists.
    for (const b of builtKeys) expect(source, b.prefix).toContain(`\`${b.prefix}$`);
    expect([...built].filter((key) => !Object.hasOwn(nl, key))).toEqual([]);
  });

  it("fills placeholders in the message layer, never with .replace in app/", () => {
    // t(key, { name }) fills every {name} once; a chain of .replace("{name}", …) missed a second
    // {n}, read "$&" in a value as a pattern and filled placeholders inside values.
    const offending = appSources
      .filter((s) => /\.replace(All)?\(\s*["'`]\{/.test(s.text) || s.text.includes("\\{(\\w+)\\}"))
      .map((s) => s.file);
    expect(offending).toEqual([]);
  });

  it("picks a plural form by count, in each language's rules", () => {
    expect(translate("nl", "kb.count", { count: 1 })).toBe("1 artikel");
    expect(translate("nl", "kb.count", { count: 0 })).toBe("0 artikelen");
    expect(translate("nl", "kb.count", { count: 12 })).toBe("12 artikelen");
    expect(translate("en", "kb.count", { count: 1 })).toBe("1 article");
    expect(translate("en", "kb.count", { count: 2 })).toBe("2 articles");
    expect(translate("en", "search.count", { count: 1, q: "spoel" })).toBe("1 result for ‘spoel’");
    expect(translate("nl", "search.count", { count: 3, q: "spoel" })).toBe("3 resultaten voor ‘spoel’");
    // Without a count (a key chosen at run time) the message falls back on `other`.
    expect(translate("nl", "kb.count" as MessageKey)).toBe("{count} artikelen");
    // Every {n} of a message is filled, not only the first.
    expect(translate("nl", "drawing.compare.tooMany", { n: 4 })).toBe(
      "Je kunt hooguit 4 dragers tegelijk vergelijken; de eerste 4 staan hieronder.",
    );
    // A value is text, never a replacement pattern.
    expect(translate("nl", "sessie.backToGroup", { group: "A$&B" })).toContain("A$&B");
  });

  it("speaks the language of the URL: English under /en, Dutch elsewhere", () => {
    const req = (path: string, headers: Record<string, string> = {}) =>
      new Request(`http://localhost${path}`, { headers });
    expect(localeFromRequest(req("/"))).toBe("nl");
    expect(localeFromRequest(req("/kennisbank/u-matic"))).toBe("nl");
    expect(localeFromRequest(req("/en"))).toBe("en");
    expect(localeFromRequest(req("/en.data"))).toBe("en");
    expect(localeFromRequest(req("/en/kennisbank/u-matic?x=1"))).toBe("en");
    // A Dutch word that starts with "en" is not the English prefix.
    expect(localeFromRequest(req("/enquete"))).toBe("nl");
    // Neither an old cookie nor the browser's language overrides the URL.
    expect(localeFromRequest(req("/kennisbank", { Cookie: "taal=en" }))).toBe("nl");
    expect(localeFromRequest(req("/", { "Accept-Language": "en-GB,en" }))).toBe("nl");
    expect(translate("en", "nav.kennisbank")).toBe("Knowledge base");
  });

  it("puts site paths in a language and back", () => {
    expect(localizedPath("en", "/")).toBe("/en");
    expect(localizedPath("en", "/?q=x")).toBe("/en?q=x");
    expect(localizedPath("en", "/kennisbank?q=umatic#top")).toBe("/en/kennisbank?q=umatic#top");
    expect(localizedPath("en", "/en/kennisbank")).toBe("/en/kennisbank");
    expect(localizedPath("en", "/enquete")).toBe("/en/enquete");
    expect(localizedPath("nl", "/kennisbank")).toBe("/kennisbank");
    // Not a site path: left alone.
    for (const other of ["//evil.example/x", "https://example.org/", "kennisbank", "?q=x", "#top"]) {
      expect(localizedPath("en", other)).toBe(other);
    }
    expect(unlocalizedPath("/en")).toBe("/");
    expect(unlocalizedPath("/en?q=x")).toBe("/?q=x");
    expect(unlocalizedPath("/en/kennisbank/vhs")).toBe("/kennisbank/vhs");
    expect(unlocalizedPath("/enquete")).toBe("/enquete");
    expect(pathInLocale("nl", "/en/trends")).toBe("/trends");
    expect(pathInLocale("en", "/trends")).toBe("/en/trends");
    expect(pathInLocale("en", "/en/trends")).toBe("/en/trends");
  });

  it("points an English article's site links at English pages", () => {
    const html =
      '<a href="/kennisbank/vhs">VHS</a> <a href="/">home</a> <a href="https://x.example/">x</a> <a href="#n1">1</a> <a href="/en/trends">t</a>';
    expect(localizedLinks("en", html)).toBe(
      '<a href="/en/kennisbank/vhs">VHS</a> <a href="/en">home</a> <a href="https://x.example/">x</a> <a href="#n1">1</a> <a href="/en/trends">t</a>',
    );
    expect(localizedLinks("nl", html)).toBe(html);
  });
});

describe("survey answer labels in English", () => {
  it("has English for every answer label with words in it; ranges stay as they are", () => {
    const sameInEnglish = new Set(["speech-to-text"]);
    const labels = allAnswerLabels();
    expect(labels.length).toBeGreaterThan(40);
    for (const label of labels) {
      expect(answerLabel(label, "nl"), label).toBe(label);
      if (/[a-z]/i.test(label) && !sameInEnglish.has(label))
        expect(answerLabel(label, "en"), label).not.toBe(label);
      else expect(answerLabel(label, "en"), label).toMatch(/^[\d%,.-]+$|^speech-to-text$/);
    }
    expect(answerLabel("Weet ik niet", "en")).toBe("Don't know");
    expect(answerLabel("101-1.000", "en")).toBe("101-1,000");
  });

  it("in a table: Dutch wording marked Dutch with its gloss, numbers in English notation", () => {
    expect(answerInEnglish("Minder dan 5%")).toEqual({
      text: "Minder dan 5%",
      lang: "nl",
      gloss: "Less than 5%",
    });
    expect(answerInEnglish("101-1.000")).toEqual({ text: "101-1,000" });
    expect(answerInEnglish("1-5 fte")).toEqual({ text: "1-5 FTE" });
    expect(answerInEnglish("10-25%")).toEqual({ text: "10-25%" });
    expect(answerInEnglish("speech-to-text")).toEqual({ text: "speech-to-text" });
    // A Dutch answer without a gloss (added to the survey later) is shown marked Dutch.
    expect(answerInEnglish("Nog niet besloten")).toEqual({ text: "Nog niet besloten", lang: "nl" });
    for (const label of allAnswerLabels()) {
      const shown = answerInEnglish(label);
      // Every Dutch label of the questionnaire has a gloss, and the gloss is its plain text.
      if (shown.lang) expect(shown.gloss, label).toBe(answerLabel(label, "en"));
      else expect(shown.text, label).toBe(answerLabel(label, "en"));
    }
  });
});
