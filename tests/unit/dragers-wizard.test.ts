import { describe, expect, it } from "vitest";
import {
  type Answers,
  answersQuery,
  kindOptions,
  narrow,
  optionsFor,
  periodOptions,
  readAnswers,
  type Step,
  steps,
  toWizardCarrier,
  UNKNOWN,
  type WizardCarrier,
} from "#app/modules/dragers/wizard.ts";
import { readSeedContent } from "#db/seed/content.server.ts";

// The carrier guides of the seed content, as the wizard sees them.
const carriers: WizardCarrier[] = readSeedContent()
  .filter((c) => c.locale === "nl" && c.kind === "drager")
  .map((c) => toWizardCarrier(c.slug, c.title, c.carrier!));

const kindOf = (c: WizardCarrier) =>
  Object.entries(kindOptions).find(([, o]) => o.media.includes(c.medium))![0];
const periodOf = (c: WizardCarrier) =>
  Object.entries(periodOptions).find(([, p]) => c.yearsFrom <= p.to && (c.yearsTo ?? 9999) >= p.from)![0];

/** The answers someone holding this carrier would give, from its own fact box. */
function answersFor(c: WizardCarrier): Answers {
  return {
    soort: [kindOf(c)],
    vorm: [c.form],
    maat: [c.sizeKeys[0]!],
    opschrift: c.markings.length ? [...c.markings] : [UNKNOWN],
    periode: [periodOf(c)],
    kenmerk: c.cues.length ? [...c.cues] : [UNKNOWN],
  };
}

describe("identification wizard over every carrier guide", () => {
  it("knows every carrier guide: at least the 45 that issue 19 asks for", () => {
    expect(carriers.length).toBeGreaterThanOrEqual(45);
  });

  for (const c of carriers) {
    it(`${c.slug}: reachable step by step, each answer offered and leaving it among the candidates`, () => {
      const full = answersFor(c);
      const answers: Answers = {};
      for (const step of steps) {
        const before = narrow(carriers, answers);
        const options = optionsFor(step, before.candidates);
        // A step with nothing to choose is passed over; otherwise it is the next question.
        if (options.length) expect(before.next).toBe(step);
        for (const value of full[step]!) {
          if (value === UNKNOWN) continue;
          const option = options.find((o) => o.value.toLowerCase() === value.toLowerCase());
          expect(option, `${step}=${value} wordt aangeboden`).toBeDefined();
          expect(option!.count).toBeGreaterThan(0);
        }
        answers[step] = full[step];
        const after = narrow(carriers, answers);
        expect(after.conflicts).toEqual([]);
        expect(after.candidates.map((x) => x.slug)).toContain(c.slug);
      }
      expect(narrow(carriers, answers).next).toBeNull();
    });
  }

  it("singles out every carrier when all its own answers are given", () => {
    const ambiguous = carriers
      .map((c) => ({ slug: c.slug, left: narrow(carriers, answersFor(c)).candidates.map((x) => x.slug) }))
      .filter((r) => r.left.length !== 1);
    expect(ambiguous).toEqual([]);
  });

  it("splits the lookalike pairs the fact sheet names", () => {
    const only = (answers: Answers) => narrow(carriers, answers).candidates.map((c) => c.slug);
    // Betamax vs Betacam: same shell, read the label.
    expect(only({ soort: ["beeld"], vorm: ["cassette"], maat: ["12.7mm"], opschrift: ["Betamax"] })).toEqual([
      "betamax",
    ]);
    expect(
      only({ soort: ["beeld"], vorm: ["cassette"], maat: ["12.7mm"], opschrift: ["Betacam SP", "Sony"] }),
    ).toEqual(["betacam-sp"]);
    // VHS vs Video 2000.
    expect(only({ vorm: ["cassette"], opschrift: ["VCC"] })).toEqual(["video-2000"]);
    // Shellac vs vinyl vs lacquer, by period and marking.
    expect(
      only({ soort: ["geluid"], vorm: ["schijf"], maat: ["disc-25cm"], opschrift: ["78 toeren"] }),
    ).toEqual(["schellak-78-toeren"]);
    expect(
      only({ soort: ["geluid"], vorm: ["schijf"], maat: ["disc-30cm"], periode: ["vanaf-2010"] }),
    ).toEqual(["vinyl"]);
    expect(only({ vorm: ["schijf"], maat: ["disc-30cm"], kenmerk: ["kern"] })).toEqual(["lakplaat"]);
    expect(only({ vorm: ["schijf"], maat: ["disc-25cm"], kenmerk: ["zwaar-breekbaar"] })).toEqual([
      "schellak-78-toeren",
    ]);
    // 8 mm vs 9.5 mm film: where the perforations are.
    expect(only({ soort: ["film"], kenmerk: ["perforatie-midden"] })).toEqual(["9-5mm-film"]);
    // Nitrate vs safety 35 mm.
    expect(only({ soort: ["film"], maat: ["film-35mm"], opschrift: ["NITRATE"] })).toEqual(["nitraatfilm"]);
    expect(only({ soort: ["film"], maat: ["film-35mm"], periode: ["vanaf-2010"] })).toEqual(["35mm-film"]);
    // CD-R vs pressed CD: the recordable logo or the pressing code; CD-R vs DVD-R: sound or picture.
    expect(only({ soort: ["geluid"], maat: ["disc-12cm"] })).toEqual(["cd-geperst", "cd-r"]);
    expect(only({ soort: ["geluid"], maat: ["disc-12cm"], opschrift: ["Recordable"] })).toEqual(["cd-r"]);
    expect(only({ soort: ["geluid"], maat: ["disc-12cm"], opschrift: ["IFPI"] })).toEqual(["cd-geperst"]);
    expect(only({ soort: ["beeld"], maat: ["disc-12cm"], opschrift: ["DVD-R"] })).toEqual(["dvd-r"]);
    // Pressed video discs vs recordables: read the logo.
    expect(only({ soort: ["beeld"], maat: ["disc-12cm"], opschrift: ["Video CD"] })).toEqual([
      "video-cd-dvd-bluray",
    ]);
  });

  it("finds discs by each size they come in, not only the fact box's size", () => {
    const bySize = (maat: string) =>
      narrow(carriers, { vorm: ["schijf"], maat: [maat] }).candidates.map((c) => c.slug);
    expect(bySize("disc-30cm")).toEqual(
      expect.arrayContaining(["schellak-78-toeren", "vinyl", "lakplaat", "laserdisc"]),
    );
    expect(bySize("disc-17.5cm")).toEqual(expect.arrayContaining(["vinyl"]));
  });

  it("never offers an answer that leaves no candidates, on any path through the questions", () => {
    // Walk every state reachable by offered answers (one marking at a time, or "weet ik niet").
    let states = 0;
    const walk = (answers: Answers, depth: number) => {
      states++;
      const result = narrow(carriers, answers);
      expect(result.candidates.length).toBeGreaterThan(0);
      expect(result.conflicts).toEqual([]);
      if (depth === steps.length) return;
      const step = steps[depth]!;
      walk({ ...answers, [step]: [UNKNOWN] }, depth + 1);
      for (const option of optionsFor(step, result.candidates)) {
        const next = { ...answers, [step]: [option.value] };
        const left = narrow(carriers, next).candidates.length;
        expect(left, `${answersQuery(next)}`).toBe(option.count);
        expect(left).toBeGreaterThan(0);
        walk(next, depth + 1);
      }
    };
    walk({}, 0);
    expect(states).toBeGreaterThan(500);
  });

  it("says so, instead of showing nothing, when an answer (from a hand-made link) fits no carrier", () => {
    const result = narrow(carriers, { soort: ["film"], vorm: ["cassette"], maat: ["film-16mm"] });
    expect(result.conflicts).toEqual([{ step: "vorm", values: ["cassette"] }]);
    expect(result.candidates.map((c) => c.slug)).toEqual(["16mm-film"]);
    const markings = narrow(carriers, { soort: ["geluid"], opschrift: ["Betamax"] });
    expect(markings.conflicts.map((c) => c.step)).toEqual(["opschrift" satisfies Step]);
    expect(markings.candidates.length).toBeGreaterThan(0);
    const nonsense = narrow(carriers, { maat: ["disc-99cm"] });
    expect(nonsense.conflicts).toHaveLength(1);
    expect(nonsense.candidates).toHaveLength(carriers.length);
  });

  it("reads answers from the query string and writes them back", () => {
    const params = new URLSearchParams("soort=beeld&vorm=cassette&opschrift=VHS&opschrift=Hi-Fi&onzin=1");
    const answers = readAnswers(params);
    expect(answers).toEqual({ soort: ["beeld"], vorm: ["cassette"], opschrift: ["VHS", "Hi-Fi"] });
    expect(answersQuery(answers, "vorm")).toBe("soort=beeld&opschrift=VHS&opschrift=Hi-Fi");
  });
});
