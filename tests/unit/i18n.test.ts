import { describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import {
  localeFromRequest,
  localizedLinks,
  localizedPath,
  pathInLocale,
  translate,
  unlocalizedPath,
} from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";
import { allAnswerLabels, answerLabel } from "#app/modules/survey/questionnaire.ts";

describe("i18n", () => {
  it("has an English text for every Dutch key and no others", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.toBe("");
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
});
