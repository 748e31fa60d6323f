import { describe, expect, it } from "vitest";
import { en } from "#app/i18n/en.ts";
import { localeFromRequest, translate } from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";
import { allAnswerLabels, answerLabel } from "#app/modules/survey/questionnaire.ts";

describe("i18n", () => {
  it("has an English text for every Dutch key and no others", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.toBe("");
  });

  it("speaks Dutch unless the cookie asks for English", () => {
    const req = (cookie?: string) =>
      new Request("http://localhost/", { headers: cookie ? { Cookie: cookie } : {} });
    expect(localeFromRequest(req())).toBe("nl");
    expect(localeFromRequest(req("taal=en"))).toBe("en");
    expect(localeFromRequest(req("a=b; taal=en; c=d"))).toBe("en");
    expect(localeFromRequest(req("taal=fr"))).toBe("nl");
    expect(localeFromRequest(req("taal=%E0%A4%A"))).toBe("nl");
    // The browser's language does not override the Dutch default.
    const english = new Request("http://localhost/", { headers: { "Accept-Language": "en-GB,en" } });
    expect(localeFromRequest(english)).toBe("nl");
    expect(translate("en", "nav.kennisbank")).toBe("Knowledge base");
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
