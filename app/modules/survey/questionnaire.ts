// The TrendMonitor questionnaire as data: every column of the import format
// (tests/fixtures/survey/README.md) with its kind, its canonical labels and the question
// text for the dashboard. Shared by server and browser code: no server-only imports here.

import type { InstitutionType } from "#app/modules/taxonomy.ts";
import { institutionTypes } from "#app/modules/taxonomy.ts";

export type ColumnKind =
  | "id"
  | "wave"
  | "text-private"
  | "institution_type"
  | "province"
  | "choice"
  | "multi"
  | "email-private";

export interface Text {
  readonly nl: string;
  readonly en: string;
}

/** Chart/table grouping on the dashboard and in the questionnaire form. */
export type QuestionGroup =
  | "respondent"
  | "collection"
  | "ooc"
  | "knowledge_needs"
  | "digitisation"
  | "funding"
  | "ai"
  | "born_digital";

interface ColumnBase<C extends string, K extends ColumnKind> {
  readonly column: C;
  readonly kind: K;
  /** The column must be present in an imported file (its cells may still be blank). */
  readonly required: boolean;
  /** Never shown publicly, never aggregated, never exported. */
  readonly private: boolean;
  readonly group: QuestionGroup;
  readonly question: Text;
  /** Short label for table rows and chart axes. */
  readonly short: Text;
}

export interface ChoiceColumnDef<C extends string = string, L extends readonly string[] = readonly string[]>
  extends ColumnBase<C, "choice"> {
  /** Canonical labels, in the order the questionnaire shows them. */
  readonly labels: L;
}

export interface MultiColumnDef<C extends string = string, L extends readonly string[] = readonly string[]>
  extends ColumnBase<C, "multi"> {
  readonly labels: L;
  /** Separator between several values in one cell. */
  readonly separator: "|";
}

export interface LabelledColumnDef<
  C extends string = string,
  K extends "institution_type" | "province" = "institution_type" | "province",
  L extends readonly string[] = readonly string[],
> extends ColumnBase<C, K> {
  readonly labels: L;
  /** Other spellings accepted on import (lower case) and the canonical label they stand for. */
  readonly aliases: Readonly<Record<string, L[number]>>;
}

export type PlainColumnDef<C extends string = string> = ColumnBase<
  C,
  "id" | "wave" | "text-private" | "email-private"
>;

export type ColumnDef = ChoiceColumnDef | MultiColumnDef | LabelledColumnDef | PlainColumnDef;

function text(nl: string, en: string): Text {
  return { nl, en };
}

function choice<const C extends string, const L extends readonly string[]>(
  column: C,
  group: QuestionGroup,
  labels: L,
  question: Text,
  short: Text,
): ChoiceColumnDef<C, L> {
  return { column, kind: "choice", required: true, private: false, group, labels, question, short };
}

// ---------------------------------------------------------------------------------------------
// Answer scales shared by several questions

export const carrierCountLabels = [
  "Geen",
  "1-100",
  "101-1.000",
  "1.001-10.000",
  "10.001-50.000",
  "Meer dan 50.000",
  "Weet ik niet",
] as const;

export const knowledgeNeedLabels = ["Goed", "Voldoende", "Onvoldoende", "Slecht", "Weet ik niet"] as const;

export const fundingChanceLabels = [
  "Niet kansrijk",
  "Onvoldoende kansrijk",
  "Matig kansrijk",
  "Voldoende kansrijk",
  "Zeer kansrijk",
  "Weet ik niet",
] as const;

export const shareDigitisedLabels = [
  "0-10%",
  "10-25%",
  "25-50%",
  "50-75%",
  "75-100%",
  "Weet ik niet",
] as const;

/** AV staff bands, smallest first (the intervision matcher ranks them, docs/domain.md §7). */
export const fteAvLabels = [
  "Geen",
  "Minder dan 1 fte",
  "1 fte",
  "1-5 fte",
  "5-10 fte",
  "Meer dan 10 fte",
] as const;

export const yesNo = ["Ja", "Nee"] as const;
export const yesNoDontKnow = ["Ja", "Nee", "Weet ik niet"] as const;

export const provinces = [
  "Drenthe",
  "Flevoland",
  "Friesland",
  "Gelderland",
  "Groningen",
  "Limburg",
  "Noord-Brabant",
  "Noord-Holland",
  "Overijssel",
  "Utrecht",
  "Zeeland",
  "Zuid-Holland",
] as const;
export type Province = (typeof provinces)[number];

export const aiUseLabels = ["speech-to-text", "objectherkenning", "metadateren", "ondertitelen"] as const;
export type AiUse = (typeof aiUseLabels)[number];

/** Waves of the TrendMonitor so far; the importer also accepts any year 2000-2100. */
export const knownWaves = [2019, 2022, 2024] as const;

function need<const C extends string>(column: C, topicNl: string, topicEn: string, shortNl: string) {
  return choice(
    column,
    "knowledge_needs",
    knowledgeNeedLabels,
    text(
      `In hoeverre wordt voorzien in uw kennisbehoefte over ${topicNl}?`,
      `How well is your need for knowledge about ${topicEn} met?`,
    ),
    text(shortNl, topicEn.charAt(0).toUpperCase() + topicEn.slice(1)),
  );
}

/**
 * A knowledge need that AV-Kennisnet asks about in its own self-assessment and pulse rounds, and
 * the TrendMonitor does not (docs/domain.md §3): optional in an import, in none of the report's
 * figures; it counts in an institution's profile and in intervision matching like the others.
 */
function platformNeed<const C extends string>(column: C, topicNl: string, topicEn: string, shortNl: string) {
  return { ...need(column, topicNl, topicEn, shortNl), required: false };
}

function chance<const C extends string>(column: C, source: Text) {
  return choice(
    column,
    "funding",
    fundingChanceLabels,
    text(
      `Hoe kansrijk is financiering van digitalisering via: ${source.nl.toLowerCase()}?`,
      `How promising is funding digitisation through: ${source.en.toLowerCase()}?`,
    ),
    source,
  );
}

// ---------------------------------------------------------------------------------------------
// The columns, in the order of the README (and of the synthetic export)

export const questionnaire = [
  {
    column: "respondent_id",
    kind: "id",
    required: true,
    private: false,
    group: "respondent",
    question: text("Respondentnummer", "Respondent id"),
    short: text("Respondent", "Respondent"),
  },
  {
    column: "wave",
    kind: "wave",
    required: true,
    private: false,
    group: "respondent",
    question: text("In welk jaar is de enquête ingevuld?", "In which year was the survey answered?"),
    short: text("Jaar", "Year"),
  },
  {
    column: "institution_name",
    kind: "text-private",
    required: false,
    private: true,
    group: "respondent",
    question: text("Naam van de instelling", "Name of the institution"),
    short: text("Instelling", "Institution"),
  },
  {
    column: "institution_type",
    kind: "institution_type",
    required: true,
    private: false,
    group: "respondent",
    labels: institutionTypes,
    aliases: {
      archieven: "Archief",
      archiefinstelling: "Archief",
      omroepen: "Omroep",
      musea: "Museum",
      museumsector: "Museum",
    },
    question: text("Wat voor instelling bent u?", "What kind of institution are you?"),
    short: text("Type instelling", "Type of institution"),
  } satisfies LabelledColumnDef<"institution_type", "institution_type", typeof institutionTypes>,
  {
    column: "province",
    kind: "province",
    required: false,
    private: false,
    group: "respondent",
    labels: provinces,
    aliases: { fryslân: "Friesland", fryslan: "Friesland" },
    question: text(
      "In welke provincie is uw instelling gevestigd?",
      "In which province is your institution?",
    ),
    short: text("Provincie", "Province"),
  } satisfies LabelledColumnDef<"province", "province", typeof provinces>,
  {
    column: "contact_email",
    kind: "email-private",
    required: false,
    private: true,
    group: "respondent",
    question: text(
      "E-mailadres voor uitnodigingen voor intervisie",
      "E-mail address for intervision invitations",
    ),
    short: text("E-mail", "E-mail"),
  },
  choice(
    "av_share",
    "collection",
    ["Minder dan 5%", "5-10%", "10-25%", "25-50%", "50-75%", "Meer dan 75%", "Weet ik niet"],
    text(
      "Hoe groot is het aandeel AV-materiaal in uw hele collectie?",
      "What share of your whole collection is AV material?",
    ),
    text("Aandeel AV-materiaal", "Share of AV material"),
  ),
  choice(
    "moving_image_carriers",
    "collection",
    carrierCountLabels,
    text("Hoeveel dragers met bewegend beeld heeft u?", "How many moving-image carriers do you hold?"),
    text("Dragers bewegend beeld", "Moving-image carriers"),
  ),
  choice(
    "audio_carriers",
    "collection",
    carrierCountLabels,
    text("Hoeveel geluidsdragers heeft u?", "How many audio carriers do you hold?"),
    text("Geluidsdragers", "Audio carriers"),
  ),
  choice(
    "fte_av",
    "collection",
    fteAvLabels,
    text("Hoeveel fte werkt er aan AV-materiaal?", "How many FTE work on AV material?"),
    text("Personeel voor AV (fte)", "Staff on AV (FTE)"),
  ),
  choice(
    "volunteers_av",
    "collection",
    ["Geen", "1-5", "6-10", "Meer dan 10"],
    text("Hoeveel vrijwilligers werken aan AV-materiaal?", "How many volunteers work on AV material?"),
    text("Vrijwilligers voor AV", "Volunteers on AV"),
  ),
  choice(
    "ooc_known",
    "ooc",
    yesNo,
    text("Kent u de OOC-regeling?", "Do you know the out-of-commerce (OOC) regulation?"),
    text("Bekend met OOC-regeling", "Knows the OOC regulation"),
  ),
  choice(
    "ooc_av_convenant",
    "ooc",
    ["Ondertekend", "Van plan te ondertekenen", "Bewust niet", "Niet bekend"],
    text(
      "Heeft uw instelling het OOC-convenant Audiovisuele Werken ondertekend?",
      "Has your institution signed the OOC agreement on audiovisual works?",
    ),
    text("OOC-convenant Audiovisuele Werken", "OOC agreement on audiovisual works"),
  ),
  choice(
    "ooc_music_known",
    "ooc",
    yesNoDontKnow,
    text(
      "Kent u het OOC-convenant Losstaande Muziek?",
      "Do you know the OOC agreement on stand-alone music?",
    ),
    text("Bekend met OOC-convenant Muziek", "Knows the OOC music agreement"),
  ),
  need("need_metadata", "metadatering", "metadata", "Metadatering"),
  need("need_digitisation", "digitalisering", "digitisation", "Digitalisering"),
  need("need_copyright", "auteursrecht en OOC", "copyright and OOC", "Auteursrecht en OOC"),
  need("need_outsourcing", "uitbesteden", "outsourcing", "Uitbesteden"),
  need("need_storage", "duurzame opslag", "sustainable storage", "Duurzame opslag"),
  need("need_born_digital", "born digital", "born digital", "Born digital"),
  need("need_avg", "AVG en privacy", "GDPR and privacy", "AVG en privacy"),
  need("need_ai", "AI en spraakherkenning", "AI and speech-to-text", "AI en spraakherkenning"),
  need("need_carriers", "dragers", "carriers", "Dragerkennis"),
  platformNeed(
    "need_funding",
    "financiering en subsidies",
    "funding and grants",
    "Financiering en subsidies",
  ),
  platformNeed("need_policy", "selectie en AV-beleid", "selection and AV policy", "Selectie en AV-beleid"),
  platformNeed(
    "need_knowledge_retention",
    "kennis borgen als collega's vertrekken",
    "keeping knowledge when people leave",
    "Kennis borgen",
  ),
  choice(
    "digitisation_degree",
    "digitisation",
    shareDigitisedLabels,
    text(
      "Welk deel van uw analoge AV-materiaal is al gedigitaliseerd?",
      "What share of your analogue AV material has been digitised?",
    ),
    text("Digitaliseringsgraad", "Share digitised"),
  ),
  choice(
    "digitisation_ambition",
    "digitisation",
    ["1-10%", "10-25%", "25-50%", "50-75%", "Meer dan 75%", "Alles", "Enkel op aanvraag", "Weet ik niet"],
    text(
      "Welk deel van het resterende analoge AV-materiaal wilt u digitaliseren?",
      "What share of the remaining analogue AV material do you want digitised?",
    ),
    text("Digitaliseringsambitie", "Digitisation ambition"),
  ),
  choice(
    "digitise_within_10y",
    "digitisation",
    shareDigitisedLabels,
    text(
      "Welk deel moet binnen tien jaar gedigitaliseerd zijn?",
      "What share must be digitised within ten years?",
    ),
    text("Binnen 10 jaar te digitaliseren", "To digitise within 10 years"),
  ),
  choice(
    "has_digitisation_street",
    "digitisation",
    yesNo,
    text("Heeft u een eigen digitaliseringsstraat?", "Do you have your own digitisation line?"),
    text("Eigen digitaliseringsstraat", "Own digitisation line"),
  ),
  choice(
    "street_suitability",
    "digitisation",
    ["Geheel geschikt", "Grotendeels geschikt", "Deels geschikt", "Niet geschikt"],
    text(
      "Is uw digitaliseringsstraat geschikt voor wat nog gedigitaliseerd moet worden?",
      "Does your digitisation line suit what remains to be digitised?",
    ),
    text("Geschiktheid straat", "Suitability of the line"),
  ),
  choice(
    "street_shared",
    "digitisation",
    ["Ja, kosteloos", "Ja, tegen betaling", "Nee"],
    text(
      "Stelt u uw digitaliseringsstraat beschikbaar aan andere instellingen?",
      "Is your digitisation line available to other institutions?",
    ),
    text("Straat beschikbaar voor anderen", "Line available to others"),
  ),
  chance("chance_gov_subsidy", text("Projectsubsidies overheid", "Government project grants")),
  chance(
    "chance_other_subsidy",
    text("Projectsubsidies andere subsidiënten", "Project grants from other funders"),
  ),
  chance("chance_own_budget", text("Eigen budget", "Own budget")),
  chance(
    "chance_revenue_availability",
    text(
      "Verdienmodel met beschikbaarstelling van AV-materiaal",
      "Revenue from making AV material available",
    ),
  ),
  chance(
    "chance_crowdsourcing_sponsoring",
    text("Verdienmodel met crowdsourcing en sponsoring", "Crowdsourcing and sponsoring"),
  ),
  chance("chance_donations", text("Giften en donaties", "Gifts and donations")),
  choice(
    "ai_policy",
    "ai",
    yesNoDontKnow,
    text("Heeft uw instelling beleid voor AI?", "Does your institution have a policy for AI?"),
    text("AI-beleid", "AI policy"),
  ),
  choice(
    "ai_metadata_use",
    "ai",
    yesNo,
    text(
      "Gebruikt u AI voor metadatering of verwerking van AV-materiaal?",
      "Do you use AI for metadata or processing of AV material?",
    ),
    text("AI voor metadatering", "AI for metadata"),
  ),
  {
    column: "ai_uses",
    kind: "multi",
    required: true,
    private: false,
    group: "ai",
    labels: aiUseLabels,
    separator: "|",
    question: text("Waarvoor gebruikt u AI?", "What do you use AI for?"),
    short: text("Toepassingen van AI", "Uses of AI"),
  } satisfies MultiColumnDef<"ai_uses", typeof aiUseLabels>,
  choice(
    "born_digital_intake",
    "born_digital",
    ["Ja, al ons born digital materiaal", "Ja, selectief", "Nee"],
    text(
      "Neemt u born-digital AV-materiaal op in de collectie?",
      "Do you take born-digital AV material into the collection?",
    ),
    text("Opname born digital", "Born-digital intake"),
  ),
  choice(
    "born_digital_policy",
    "born_digital",
    [
      "Geen beleid",
      "Wil afspraken maken, nog geen tijd voor gehad",
      "Afspraken gemaakt met depotgevers",
      "Initiatieven ontplooid",
      "Niet van toepassing",
    ],
    text(
      "Heeft u beleid voor de opname van born-digital materiaal van depotgevers?",
      "Do you have a policy on born-digital intake from depositors?",
    ),
    text("Beleid born digital", "Born-digital policy"),
  ),
] as const;

// ---------------------------------------------------------------------------------------------
// Types derived from the data

type Questionnaire = typeof questionnaire;
export type SurveyColumn = Questionnaire[number]["column"];
export type ChoiceColumn = Extract<Questionnaire[number], { kind: "choice" }>["column"];
export type ChoiceDefOf<C extends ChoiceColumn> = Extract<Questionnaire[number], { column: C }>;
/** The canonical labels of one choice column. */
export type LabelOf<C extends ChoiceColumn> = ChoiceDefOf<C>["labels"][number];
/** Every choice column's answer: a canonical label, or null when not answered. */
export type Answers = { [C in ChoiceColumn]: LabelOf<C> | null };

/** Choice columns that may be aggregated publicly (all of them: none is private). */
export const choiceColumns: readonly ChoiceColumn[] = questionnaire.flatMap((def) =>
  def.kind === "choice" ? [def.column] : [],
);

/**
 * The questions the public trends dashboard shows, in display order (docs/domain.md §6, "Trends
 * dashboard"): funding chances (report Table 2), OOC awareness and convenant status,
 * digitisation ambition, AI use and born-digital policy. This is exactly the set in
 * trendmonitor-synthetisch.expected.json; any other choice column can be aggregated on request.
 */
export const dashboardColumns = [
  "chance_gov_subsidy",
  "chance_other_subsidy",
  "chance_own_budget",
  "chance_revenue_availability",
  "chance_crowdsourcing_sponsoring",
  "chance_donations",
  "ooc_known",
  "ooc_av_convenant",
  "digitisation_ambition",
  "ai_metadata_use",
  "born_digital_policy",
] as const satisfies readonly ChoiceColumn[];
export type DashboardColumn = (typeof dashboardColumns)[number];

/** The platform's own questions, not in the TrendMonitor: the optional needs (see platformNeed). */
export const platformColumns: readonly string[] = questionnaire.flatMap((def) =>
  def.group === "knowledge_needs" && !def.required ? [def.column] : [],
);

/** Columns that may never leave the server in a public page or download. */
export const privateColumns: readonly SurveyColumn[] = questionnaire.flatMap((def) =>
  def.private ? [def.column] : [],
);

const byColumn = new Map<string, ColumnDef>(questionnaire.map((def) => [def.column, def as ColumnDef]));

/** The definition of a column, or undefined for a name that is not in the questionnaire. */
export function columnDef(column: string): ColumnDef | undefined {
  return byColumn.get(column);
}

export function choiceDef<C extends ChoiceColumn>(column: C): ChoiceDefOf<C> {
  return byColumn.get(column) as ChoiceDefOf<C>;
}

export function isChoiceColumn(column: string): column is ChoiceColumn {
  return byColumn.get(column)?.kind === "choice";
}

export function labelsOf<C extends ChoiceColumn>(column: C): readonly LabelOf<C>[] {
  return (byColumn.get(column) as ChoiceColumnDef).labels as readonly LabelOf<C>[];
}

export type { InstitutionType };

// ---------------------------------------------------------------------------------------------
// Answer labels in English

/**
 * English for the canonical answer labels, which are Dutch (they are what the export and the
 * database hold, and what a form sends). Only for display: a page in English shows these, the
 * stored value stays the Dutch label. Two kinds:
 * - `englishNotation`: a number or range written the Dutch way ("101-1.000", "1-5 fte"); in
 *   English it is simply written the English way;
 * - `englishGlosses`: Dutch words, the wording of the survey as it was asked; a page in English
 *   shows the Dutch label (marked `lang="nl"`) with this gloss beside it where it can, and the
 *   gloss alone where it cannot (a chart, an attribute, a CSV).
 * Labels that read the same in both languages (ranges such as "1-100" or "10-25%",
 * "speech-to-text") are in neither.
 */
const englishNotation: Readonly<Record<string, string>> = {
  "101-1.000": "101-1,000",
  "1.001-10.000": "1,001-10,000",
  "10.001-50.000": "10,001-50,000",
  "1 fte": "1 FTE",
  "1-5 fte": "1-5 FTE",
  "5-10 fte": "5-10 FTE",
};

const englishGlosses: Readonly<Record<string, string>> = {
  Geen: "None",
  "Meer dan 50.000": "More than 50,000",
  "Weet ik niet": "Don't know",
  Goed: "Good",
  Voldoende: "Sufficient",
  Onvoldoende: "Insufficient",
  Slecht: "Poor",
  "Niet kansrijk": "Not promising",
  "Onvoldoende kansrijk": "Not promising enough",
  "Matig kansrijk": "Moderately promising",
  "Voldoende kansrijk": "Promising enough",
  "Zeer kansrijk": "Very promising",
  "Minder dan 1 fte": "Less than 1 FTE",
  "Meer dan 10 fte": "More than 10 FTE",
  Ja: "Yes",
  Nee: "No",
  "Minder dan 5%": "Less than 5%",
  "Meer dan 75%": "More than 75%",
  "Meer dan 10": "More than 10",
  Ondertekend: "Signed",
  "Van plan te ondertekenen": "Intends to sign",
  "Bewust niet": "Deliberately not",
  "Niet bekend": "Not aware of it",
  Alles: "All of it",
  "Enkel op aanvraag": "Only on request",
  "Geheel geschikt": "Fully suitable",
  "Grotendeels geschikt": "Largely suitable",
  "Deels geschikt": "Partly suitable",
  "Niet geschikt": "Not suitable",
  "Ja, kosteloos": "Yes, free of charge",
  "Ja, tegen betaling": "Yes, for a fee",
  "Ja, al ons born digital materiaal": "Yes, all our born-digital material",
  "Ja, selectief": "Yes, selectively",
  "Geen beleid": "No policy",
  "Wil afspraken maken, nog geen tijd voor gehad": "Wants to make agreements, no time for it yet",
  "Afspraken gemaakt met depotgevers": "Agreements made with depositors",
  "Initiatieven ontplooid": "Initiatives taken",
  "Niet van toepassing": "Not applicable",
  objectherkenning: "object recognition",
  metadateren: "metadata",
  ondertitelen: "subtitling",
};

/** Answer labels with letters that read the same in English. */
const sameInEnglish: ReadonlySet<string> = new Set(["speech-to-text"]);

/** A canonical (Dutch) answer label as plain text on a page in `locale` (English: the gloss). */
export function answerLabel(label: string, locale: "nl" | "en"): string {
  return locale === "en" ? (englishNotation[label] ?? englishGlosses[label] ?? label) : label;
}

/**
 * An answer label as a page in English shows it where it can mark a language: `text` to show,
 * `lang: "nl"` when that text is the Dutch wording of the survey, and `gloss`, its English gloss.
 * A Dutch label without a gloss (one added to the survey later) is shown marked Dutch.
 */
export function answerInEnglish(label: string): { text: string; lang?: "nl"; gloss?: string } {
  const notation = englishNotation[label];
  if (notation !== undefined) return { text: notation };
  const gloss = englishGlosses[label];
  if (gloss !== undefined) return { text: label, lang: "nl", gloss };
  if (!/\p{L}/u.test(label) || sameInEnglish.has(label)) return { text: label };
  return { text: label, lang: "nl" };
}

/** Every answer label of the questionnaire (choice and multi questions), for checks. */
export function allAnswerLabels(): string[] {
  const labels = new Set<string>();
  for (const def of questionnaire)
    if (def.kind === "choice" || def.kind === "multi") for (const label of def.labels) labels.add(label);
  return [...labels];
}
