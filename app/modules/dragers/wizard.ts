// The identification wizard (/dragers/herkennen): questions that narrow the carrier guides down
// to candidates. Pure functions over the guides' fact boxes, shared by the server (each step a GET
// form), the browser (instant filter) and the tests.
//
// Every question offers only answers that leave at least one candidate, plus "weet ik niet". An
// answer that would leave none (an old link, a hand-made URL) is not applied, and the result
// says which answer it was (`conflicts`), so the wizard never ends on an empty list silently.
import type { CarrierFacts } from "../kennisbank/model.ts";

export type Localized = { nl: string; en: string };

/** What the wizard needs of a carrier guide. */
export interface WizardCarrier {
  slug: string;
  title: string;
  medium: CarrierFacts["medium"];
  form: CarrierFacts["form"];
  /** The guide's sizeKey plus other sizes the carrier comes in. */
  sizeKeys: string[];
  size: string;
  markings: string[];
  yearsFrom: number;
  yearsTo: number | null;
  lookalikes: string[];
  riskLevel: CarrierFacts["riskLevel"];
  /** Physical cues that split lookalikes (see `cueOptions`). */
  cues: string[];
}

/**
 * Sizes a carrier also comes in, beyond the one sizeKey of its fact box (from the guides' size
 * text): a 30 cm shellac disc or a 17.5 cm single must still be found by its size.
 */
export const extraSizeKeys: Record<string, string[]> = {
  "schellak-78-toeren": ["disc-30cm"],
  vinyl: ["disc-25cm", "disc-17.5cm"],
  lakplaat: ["disc-17.5cm", "disc-20cm", "disc-25cm"],
  laserdisc: ["disc-20cm"],
  "multitrack-studioband": ["12.7mm", "25mm"],
  "film-17-5-28mm": ["film-28mm"],
  perfoband: ["film-35mm", "film-17.5mm"],
  "microcassette-dicteermedia": ["belt"],
  datatape: ["3.8mm", "8mm"],
  "cd-geperst": ["disc-8cm"],
  "harde-schijven-geheugenkaarten": ["card"],
  "d-formaten": ["12.7mm"],
  "xdcam-p2-sxs": ["disc-12cm"],
};

/**
 * Cues you can see or feel, as the carrier guides describe them: they split
 * the lookalikes that size and markings do not (shellac, vinyl and lacquer discs; 9.5 mm film).
 */
export const carrierCues: Record<string, string[]> = {
  "schellak-78-toeren": ["zwaar-breekbaar"],
  vinyl: ["buigzaam"],
  lakplaat: ["kern"],
  "9-5mm-film": ["perforatie-midden"],
  "8mm-super8": ["perforatie-rand"],
  "16mm-film": ["perforatie-rand"],
  "35mm-film": ["perforatie-rand"],
  nitraatfilm: ["perforatie-rand"],
};

export function toWizardCarrier(
  slug: string,
  title: string,
  facts: Pick<
    CarrierFacts,
    "medium" | "form" | "sizeKey" | "size" | "markings" | "yearsFrom" | "yearsTo" | "lookalikes" | "riskLevel"
  >,
): WizardCarrier {
  return {
    slug,
    title,
    medium: facts.medium,
    form: facts.form,
    sizeKeys: [facts.sizeKey, ...(extraSizeKeys[slug] ?? [])],
    size: facts.size,
    markings: facts.markings,
    yearsFrom: facts.yearsFrom,
    yearsTo: facts.yearsTo,
    lookalikes: facts.lookalikes,
    riskLevel: facts.riskLevel,
    cues: carrierCues[slug] ?? [],
  };
}

export const steps = ["soort", "vorm", "maat", "opschrift", "periode", "kenmerk"] as const;
export type Step = (typeof steps)[number];
/** The answer to any question that skips it. */
export const UNKNOWN = "onbekend";

export const stepLabels: Record<Step, { question: Localized; short: Localized; hint: Localized }> = {
  soort: {
    question: { nl: "Wat staat erop: geluid, beeld of film?", en: "What is on it: sound, video or film?" },
    short: { nl: "Soort", en: "Kind" },
    hint: {
      nl: "Film is doorzichtig: je ziet beeldjes als je hem tegen het licht houdt. Videoband is ondoorzichtig.",
      en: "Film is transparent: you see frames when you hold it against the light. Video tape is opaque.",
    },
  },
  vorm: {
    question: { nl: "Welke vorm heeft het?", en: "What shape is it?" },
    short: { nl: "Vorm", en: "Shape" },
    hint: {
      nl: "Een open spoel heeft zichtbare band; een cassette is een dicht huis met de band erin.",
      en: "An open reel shows the tape; a cassette is a closed shell with the tape inside.",
    },
  },
  maat: {
    question: {
      nl: "Hoe breed is de band of film, of hoe groot is de schijf?",
      en: "How wide is the tape or film, or how large is the disc?",
    },
    short: { nl: "Maat", en: "Size" },
    hint: {
      nl: "Meet de breedte van de band of film, of de doorsnede van de schijf, met een liniaal.",
      en: "Measure the width of the tape or film, or the diameter of the disc, with a ruler.",
    },
  },
  opschrift: {
    question: { nl: "Welke opschriften of logo's zie je?", en: "Which markings or logos do you see?" },
    short: { nl: "Opschriften", en: "Markings" },
    hint: {
      nl: "Kijk op het etiket, de doos, het huis en (bij film) de rand. Kies er een of meer.",
      en: "Look at the label, the box, the shell and (for film) the edge. Choose one or more.",
    },
  },
  periode: {
    question: { nl: "Uit welke tijd is het ongeveer?", en: "Roughly when is it from?" },
    short: { nl: "Periode", en: "Period" },
    hint: {
      nl: "Een datum op de doos of het etiket, of wat je weet van de opname.",
      en: "A date on the box or label, or what you know of the recording.",
    },
  },
  kenmerk: {
    question: { nl: "Wat zie of voel je verder?", en: "What else do you see or feel?" },
    short: { nl: "Kenmerk", en: "Cue" },
    hint: {
      nl: "Pak het voorzichtig vast, met handschoenen, en kijk naar de rand en het midden.",
      en: "Hold it carefully, with gloves, and look at the edge and the centre.",
    },
  },
};

export const kindOptions: Record<string, Localized & { media: CarrierFacts["medium"][] }> = {
  geluid: { nl: "Geluid", en: "Sound", media: ["audio", "audio+video"] },
  beeld: { nl: "Beeld (video)", en: "Picture (video)", media: ["video", "audio+video"] },
  film: { nl: "Film", en: "Film", media: ["film"] },
  data: { nl: "Bestanden (datadrager)", en: "Files (data carrier)", media: ["data"] },
};

export const formOptions: Record<string, Localized> = {
  spoel: { nl: "Open spoel (band op een haspel)", en: "Open reel (tape on a reel)" },
  cassette: { nl: "Cassette (dicht huis)", en: "Cassette (closed shell)" },
  schijf: { nl: "Schijf of plaat", en: "Disc or record" },
  draadspoel: { nl: "Spoeltje met dun draad", en: "Small spool of thin wire" },
  filmrol: { nl: "Filmrol, spoel of blik", en: "Film roll, reel or can" },
  cilinder: { nl: "Cilinder (rol met groef)", en: "Cylinder (grooved roll)" },
  kaart: { nl: "Geheugenkaart", en: "Memory card" },
  schijfeenheid: { nl: "Harde schijf of SSD", en: "Hard disk or SSD" },
};

export const sizeOptions: Record<string, Localized> = {
  "3.8mm": { nl: "Band ca. 3,8 mm", en: "Tape about 3.8 mm" },
  "6.35mm": { nl: "Band 6,35 mm (¼ inch)", en: "Tape 6.35 mm (¼ inch)" },
  "8mm": { nl: "Band 8 mm", en: "Tape 8 mm" },
  "12.7mm": { nl: "Band 12,7 mm (½ inch)", en: "Tape 12.7 mm (½ inch)" },
  "19mm": { nl: "Band 19 mm (¾ inch)", en: "Tape 19 mm (¾ inch)" },
  "25mm": { nl: "Band 25 mm (1 inch)", en: "Tape 25 mm (1 inch)" },
  "50mm": { nl: "Band 50 mm (2 inch)", en: "Tape 50 mm (2 inch)" },
  "disc-6.4cm": { nl: "Schijf 6,4 cm in een hoesje", en: "Disc 6.4 cm in a caddy" },
  "disc-12cm": { nl: "Schijf 12 cm", en: "Disc 12 cm" },
  "disc-17.5cm": { nl: "Schijf 17,5 cm (7 inch)", en: "Disc 17.5 cm (7 inch)" },
  "disc-20cm": { nl: "Schijf 20 cm (8 inch)", en: "Disc 20 cm (8 inch)" },
  "disc-25cm": { nl: "Schijf 25 cm (10 inch)", en: "Disc 25 cm (10 inch)" },
  "disc-30cm": { nl: "Schijf 30 cm (12 inch) of groter", en: "Disc 30 cm (12 inch) or larger" },
  "film-8mm": { nl: "Film 8 mm", en: "Film 8 mm" },
  "film-9.5mm": {
    nl: "Film 9,5 mm (perforatie in het midden)",
    en: "Film 9.5 mm (perforation in the middle)",
  },
  "film-16mm": { nl: "Film 16 mm", en: "Film 16 mm" },
  "film-35mm": { nl: "Film 35 mm", en: "Film 35 mm" },
  "film-17.5mm": { nl: "Film 17,5 mm", en: "Film 17.5 mm" },
  "film-28mm": { nl: "Film 28 mm", en: "Film 28 mm" },
  "film-70mm": { nl: "Film 70 mm", en: "Film 70 mm" },
  "disc-8cm": { nl: "Schijf 8 cm", en: "Disc 8 cm" },
  cylinder: { nl: "Cilinder (wasrol)", en: "Cylinder" },
  belt: { nl: "Plastic band als lus (dicteerband)", en: "Plastic belt loop (dictation belt)" },
  card: { nl: "Geheugenkaart", en: "Memory card" },
  drive: { nl: "Harde schijf of SSD", en: "Hard disk or SSD" },
  wire: { nl: "Staaldraad (geen band)", en: "Steel wire (no tape)" },
};

export const periodOptions: Record<string, Localized & { from: number; to: number }> = {
  "tot-1950": { nl: "Voor 1950", en: "Before 1950", from: 0, to: 1949 },
  "1950-1969": { nl: "1950 tot 1970", en: "1950 to 1970", from: 1950, to: 1969 },
  "1970-1989": { nl: "1970 tot 1990", en: "1970 to 1990", from: 1970, to: 1989 },
  "1990-2009": { nl: "1990 tot 2010", en: "1990 to 2010", from: 1990, to: 2009 },
  "vanaf-2010": { nl: "2010 of later", en: "2010 or later", from: 2010, to: 9999 },
};

export const cueOptions: Record<string, Localized> = {
  "zwaar-breekbaar": {
    nl: "Schijf is zwaar, hard en breekbaar (buigt niet)",
    en: "Disc is heavy, hard and brittle (does not bend)",
  },
  buigzaam: { nl: "Schijf is licht en buigt een beetje mee", en: "Disc is light and bends a little" },
  kern: {
    nl: "Metaal of glas zichtbaar aan de rand of bij het middengat",
    en: "Metal or glass visible at the edge or the centre hole",
  },
  "perforatie-midden": {
    nl: "Perforaties in het midden, tussen de beeldjes",
    en: "Perforations in the middle, between the frames",
  },
  "perforatie-rand": { nl: "Perforaties langs de rand", en: "Perforations along the edge" },
};

export type Answers = Partial<Record<Step, string[]>>;

const norm = (s: string) => s.trim().toLowerCase();

/** The carrier's markings, as keys (lower case) for matching. */
function markingKeys(c: WizardCarrier): Set<string> {
  return new Set(c.markings.map(norm));
}

/** Does the carrier fit this one answer of this step? (For opschrift see `narrowMarkings`.) */
function fits(c: WizardCarrier, step: Exclude<Step, "opschrift">, value: string): boolean {
  switch (step) {
    case "soort":
      return kindOptions[value]?.media.includes(c.medium) ?? false;
    case "vorm":
      return c.form === value;
    case "maat":
      return c.sizeKeys.includes(value);
    case "kenmerk":
      return c.cues.includes(value);
    case "periode": {
      const p = periodOptions[value];
      return p ? c.yearsFrom <= p.to && (c.yearsTo ?? 9999) >= p.from : false;
    }
  }
}

/**
 * Markings: the carriers that show the most of the chosen markings (at least one). A tape with
 * "Sony" and "Betacam SP" on it is a Betacam SP, not every Sony tape.
 */
function narrowMarkings(candidates: WizardCarrier[], chosen: string[]): WizardCarrier[] {
  const wanted = [...new Set(chosen.map(norm))];
  let best = 0;
  const scored = candidates.map((c) => {
    const keys = markingKeys(c);
    const score = wanted.filter((w) => keys.has(w)).length;
    best = Math.max(best, score);
    return { c, score };
  });
  if (best === 0) return [];
  return scored.filter((s) => s.score === best).map((s) => s.c);
}

function applyStep(candidates: WizardCarrier[], step: Step, values: string[]): WizardCarrier[] {
  const real = values.filter((v) => v && v !== UNKNOWN);
  if (!real.length) return candidates;
  if (step === "opschrift") return narrowMarkings(candidates, real);
  return candidates.filter((c) => real.some((v) => fits(c, step, v)));
}

export interface Option {
  value: string;
  label: Localized;
  /** Candidates left when this answer is chosen (always at least 1). */
  count: number;
}

/** The answers this step offers for these candidates: only those that leave someone. */
export function optionsFor(step: Step, candidates: readonly WizardCarrier[]): Option[] {
  const list = [...candidates];
  if (step === "opschrift") {
    const labels = new Map<string, string>();
    for (const c of list) for (const m of c.markings) if (!labels.has(norm(m))) labels.set(norm(m), m);
    return [...labels.entries()]
      .map(([key, label]) => ({
        value: label,
        label: { nl: label, en: label },
        count: list.filter((c) => markingKeys(c).has(key)).length,
      }))
      .sort((a, b) => a.value.localeCompare(b.value, "nl", { sensitivity: "base", numeric: true }));
  }
  const table: Record<string, Localized> =
    step === "soort"
      ? kindOptions
      : step === "vorm"
        ? formOptions
        : step === "maat"
          ? sizeOptions
          : step === "periode"
            ? periodOptions
            : cueOptions;
  return Object.entries(table)
    .map(([value, label]) => ({
      value,
      label: { nl: label.nl, en: label.en },
      count: list.filter((c) => fits(c, step, value)).length,
    }))
    .filter((o) => o.count > 0);
}

export interface Narrowing {
  candidates: WizardCarrier[];
  /** Candidates after each answered step, in order. */
  trail: { step: Step; values: string[]; before: number; after: number }[];
  /** Answers that would have left no candidate: not applied, and said so on the page. */
  conflicts: { step: Step; values: string[] }[];
  /**
   * The first step without an answer that still has a choice to offer (a step without options for
   * these candidates, like markings for unlabelled discs, is passed over); null when done.
   */
  next: Step | null;
}

export function narrow(carriers: readonly WizardCarrier[], answers: Answers): Narrowing {
  let candidates = [...carriers];
  const trail: Narrowing["trail"] = [];
  const conflicts: Narrowing["conflicts"] = [];
  const open: Step[] = [];
  for (const step of steps) {
    const values = answers[step];
    if (!values?.length) {
      open.push(step);
      continue;
    }
    const after = applyStep(candidates, step, values);
    if (after.length === 0) {
      conflicts.push({ step, values });
      trail.push({ step, values, before: candidates.length, after: candidates.length });
      continue;
    }
    trail.push({ step, values, before: candidates.length, after: after.length });
    candidates = after;
  }
  const next = open.find((step) => optionsFor(step, candidates).length > 0) ?? null;
  return { candidates, trail, conflicts, next };
}

/** Answers from a query string (?soort=beeld&vorm=cassette&opschrift=VHS&opschrift=Hi-Fi). */
export function readAnswers(params: URLSearchParams): Answers {
  const answers: Answers = {};
  for (const step of steps) {
    const values = params
      .getAll(step)
      .map((v) => v.trim().slice(0, 100))
      .filter(Boolean)
      .slice(0, 20);
    if (values.length) answers[step] = values;
  }
  return answers;
}

export function answersQuery(answers: Answers, without?: Step): string {
  const search = new URLSearchParams();
  for (const step of steps) {
    if (step === without) continue;
    for (const v of answers[step] ?? []) search.append(step, v);
  }
  return search.toString();
}

/** How an answer reads on the page: the option's label, or the marking itself. */
export function answerLabel(step: Step, value: string, locale: "nl" | "en"): string {
  if (value === UNKNOWN) return locale === "nl" ? "weet ik niet" : "don't know";
  const table: Record<string, Localized> | null =
    step === "soort"
      ? kindOptions
      : step === "vorm"
        ? formOptions
        : step === "maat"
          ? sizeOptions
          : step === "periode"
            ? periodOptions
            : step === "kenmerk"
              ? cueOptions
              : null;
  return table?.[value]?.[locale] ?? value;
}
