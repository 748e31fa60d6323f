// The TrendMonitor Audiovisuele Collecties in Nederland 2024 as data: every table and figure of
// the report whose subject is a column of the import format, with the report's own number,
// heading, source line, N and wording, and the numbers the report PRINTS (in a table or in the
// text). Most figures are printed only as charts: for those `printed` is empty and /trends shows
// them on a fresh install with the report's wording only, until respondent data is imported.
//
// Conventions:
// - `printed[column][wave]` holds what the report prints for that answer label: a whole or
//   decimal percent and/or a count. A label the report does not print is absent (the JSON
//   serves its count as null).
// - `n` per wave is the N the report prints for that wave, null when it prints none.
// - Nothing here is computed or derived: a number is in this file only when it is in the report.
// Shared by server and browser code.

import type { InstitutionType } from "#app/modules/taxonomy.ts";
import type { ChoiceColumn } from "./questionnaire.ts";

export const REPORT = {
  title: "TrendMonitor Audiovisuele Collecties in Nederland 2024",
  publisher:
    "Panteia in opdracht van het Nederlands Instituut voor Beeld & Geluid, in samenwerking met AVA_Net",
  fieldwork: { nl: "december 2024 – april 2025", en: "December 2024 – April 2025" },
  respondents: 96,
  waves: [2019, 2022, 2024] as const,
} as const;

/** The column a figure answers: a choice column, the AI uses (several per respondent) or Table 1. */
export type FigureColumn = ChoiceColumn | "ai_uses" | "institution_type";

export interface PrintedValue {
  /** Percent as printed (19.8 stays 19.8). */
  percent?: number;
  /** Count as printed. */
  count?: number;
}

export interface PrintedWave {
  /** The N the report prints for this wave of this question, null when it prints none. */
  n: number | null;
  values: Record<string, PrintedValue>;
}

/** How the figure is drawn: bars per answer (waves side by side), a diverging Likert chart
 * of several items, or stacked bars per institution type (one wave). */
export type FigureKind = "bars" | "likert" | "byType";

export interface ReportFigure {
  /** Anchor and CSV key: "tabel-2", "figuur-13". */
  id: string;
  /** As the report numbers it. */
  number: { nl: string; en: string };
  /** The report's heading (nl) where it prints one, else a description of the chart. */
  title: { nl: string; en: string };
  /** Whether `title.nl` is the report's own heading (false: our description of its chart). */
  titleFromReport: boolean;
  /** The report's source line under the figure, verbatim. */
  sourceLine: string;
  kind: FigureKind;
  /** Columns drawn, in the report's order (Table 2: six sources; figure 13: nine needs). */
  columns: FigureColumn[];
  /** Waves the report shows. */
  waves: number[];
  /** What the report prints, per column and wave. */
  printed: Partial<Record<FigureColumn, Record<number, PrintedWave>>>;
  /** The report's own sentences about this figure, verbatim. */
  wording: string[];
}

const n96 = "N = 96 (2024)";

export const reportFigures: ReportFigure[] = [
  {
    id: "tabel-1",
    number: { nl: "Tabel 1", en: "Table 1" },
    title: {
      nl: "Totale respons per type instelling over de tijd",
      en: "Total response per type of institution over time",
    },
    titleFromReport: true,
    sourceLine: "Tabel 1. Bron: Enquête Panteia. N = 96",
    kind: "bars",
    columns: ["institution_type"],
    waves: [2019, 2022, 2024],
    printed: {
      institution_type: {
        2024: {
          n: 96,
          values: {
            Archief: { count: 47, percent: 49 },
            Omroep: { count: 8, percent: 8 },
            Museum: { count: 18, percent: 19 },
            Overig: { count: 23, percent: 24 },
            // Printed as "-": no respondent of unknown type.
            Onbekend: { count: 0 },
          },
        },
        2022: {
          n: 93,
          values: {
            Archief: { count: 36, percent: 39 },
            Omroep: { count: 14, percent: 15 },
            Museum: { count: 13, percent: 14 },
            Overig: { count: 16, percent: 17 },
            Onbekend: { count: 14, percent: 15 },
          },
        },
        2019: {
          n: 75,
          values: {
            Archief: { count: 32, percent: 43 },
            Omroep: { count: 9, percent: 12 },
            Museum: { count: 10, percent: 13 },
            Overig: { count: 8, percent: 11 },
            Onbekend: { count: 16, percent: 21 },
          },
        },
      },
    },
    wording: [
      "Waar in 2022 de archiefsector 39% van de respondenten betrof, is dit nu 49%. Dit is te verklaren door het wegvallen van de groep ‘onbekend’, omdat iedereen zijn of haar instituut en rol/functie doorgegeven heeft.",
      "Er zijn meer musea aangesloten, maar minder omroepen.",
    ],
  },
  {
    id: "figuur-1",
    number: { nl: "Figuur 1", en: "Figure 1" },
    title: {
      nl: "Aandeel AV-materiaal in de totale collectie (2024)",
      en: "Share of AV material in the whole collection (2024)",
    },
    titleFromReport: true,
    sourceLine: "Figuur 1. Bron: Enquête Panteia. N = 96",
    kind: "byType",
    columns: ["av_share"],
    waves: [2024],
    printed: {},
    wording: [
      "De archieven van omroepen bestaan grotendeels uit AV-materiaal (zie figuur 1). Voor musea en archiefinstellingen is dit percentage vaak veel kleiner. Zo is bijvoorbeeld te zien dat bij archiefinstellingen en de museumsector vaak minder dan 5% van de collectie bestaat uit AV-materiaal.",
    ],
  },
  {
    id: "figuur-2",
    number: { nl: "Figuur 2", en: "Figure 2" },
    title: {
      nl: "Omvang van de collecties bewegend-beelddragers en geluidsdragers (2019-2024)",
      en: "Size of the moving-image and audio carrier collections (2019-2024)",
    },
    titleFromReport: false,
    sourceLine: "Figuur 2. Bron: Enquêtes KWINK groep en Panteia, 2019, 2022, 2024",
    kind: "bars",
    columns: ["moving_image_carriers", "audio_carriers"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "Figuur 2 toont dat de grootte van de collecties met bewegend-beelddragers behoorlijk stabiel blijft door de jaren heen. Hetzelfde geldt voor de geluidsdragers.",
    ],
  },
  {
    id: "figuur-6",
    number: { nl: "Figuur 6", en: "Figure 6" },
    title: {
      nl: "Bekendheid met de Out of Commerce (OOC)-regeling",
      en: "Awareness of the out-of-commerce (OOC) regulation",
    },
    titleFromReport: false,
    sourceLine: `Figuur 6. Bron: Enquête Panteia. ${n96}`,
    kind: "bars",
    columns: ["ooc_known"],
    waves: [2022, 2024],
    printed: {
      ooc_known: {
        2024: { n: 96, values: { Ja: { percent: 64 } } },
        // "Dit percentage is onveranderd ten opzichte van 2022."
        2022: { n: null, values: { Ja: { percent: 64 } } },
      },
    },
    wording: [
      "Uit figuur 6 blijkt dat ongeveer 64% van de instellingen bekend is met de Out of Commerce (OOC) regeling. Dit percentage is onveranderd ten opzichte van 2022, wat suggereert dat de groei in bekendheid met deze regeling gestagneerd is.",
    ],
  },
  {
    id: "figuur-7",
    number: { nl: "Figuur 7", en: "Figure 7" },
    title: { nl: "OOC Convenant Audiovisuele Werken", en: "OOC agreement on audiovisual works" },
    titleFromReport: false,
    sourceLine: `Figuur 7. Bron: Enquête Panteia. ${n96}`,
    kind: "bars",
    columns: ["ooc_av_convenant"],
    waves: [2024],
    printed: {
      ooc_av_convenant: {
        2024: {
          n: 96,
          // "iets meer dan de helft" (ondertekend of van plan) is not a number: not stored.
          values: { "Bewust niet": { percent: 15 }, "Niet bekend": { percent: 35 } },
        },
      },
    },
    wording: [
      "Uit figuur 7 blijkt dat iets meer dan de helft van de instellingen het OOC Convenant Audiovisuele Werken heeft ondertekend of dit van plan is. Voor 15 procent van de instellingen geldt dat zij het convenant bewust niet willen ondertekenen. Daarnaast is 35 procent niet bekend met dit convenant.",
    ],
  },
  {
    id: "figuur-8",
    number: { nl: "Figuur 8", en: "Figure 8" },
    title: {
      nl: "Bent u bekend met het OOC Convenant Losstaande Muziek? (2024)",
      en: "Do you know the OOC agreement on stand-alone music? (2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 8. Bron: Enquête Panteia. ${n96}`,
    kind: "bars",
    columns: ["ooc_music_known"],
    waves: [2024],
    printed: {},
    wording: [
      "Figuur 8 toont aan dat het merendeel van de instellingen niet bekend is met het OOC Convenant Losstaande Muziek.",
    ],
  },
  {
    id: "figuur-9",
    number: { nl: "Figuur 9", en: "Figure 9" },
    title: {
      nl: "Aantal medewerkers betrokken bij AV-materiaal (2017-2024)",
      en: "Staff working on AV material (2017-2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 9. Bron: Enquêtes Panteia en KWINK. ${n96}`,
    kind: "bars",
    columns: ["fte_av"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "Figuur 9 toont dat het aantal instellingen dat geen medewerkers betrekt bij AV-materiaal daalt sinds het begin van de metingen in 2019.",
      "Verder is zichtbaar dat het aantal FTE dat beschikbaar wordt gesteld voor AV-materiaal beperkt blijft; het is bij een meerderheid van de organisaties maximaal 1 FTE.",
    ],
  },
  {
    id: "figuur-10",
    number: { nl: "Figuur 10", en: "Figure 10" },
    title: { nl: "Vrijwilligers betrokken bij AV-materiaal", en: "Volunteers working on AV material" },
    titleFromReport: false,
    sourceLine: `Figuur 10. Bron: Enquêtes Panteia en KWINK groep. ${n96}`,
    kind: "bars",
    columns: ["volunteers_av"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "De groei in FTE is bijna niet zichtbaar bij het aantal vrijwilligers dat werkt aan AV-materiaal (figuur 10).",
    ],
  },
  {
    id: "tabel-2",
    number: { nl: "Tabel 2", en: "Table 2" },
    title: {
      nl: "Hoe ziet u de kansen voor financiering van digitalisering van AV-materiaal in de nabije toekomst voor uw organisatie?",
      en: "How do you see the chances of funding the digitisation of AV material in the near future for your organisation?",
    },
    titleFromReport: true,
    sourceLine: `Tabel 2. Bron: Enquête Panteia en KWINK Groep. ${n96}`,
    kind: "likert",
    columns: [
      "chance_gov_subsidy",
      "chance_other_subsidy",
      "chance_own_budget",
      "chance_revenue_availability",
      "chance_crowdsourcing_sponsoring",
      "chance_donations",
    ],
    waves: [2022, 2024],
    printed: {
      chance_gov_subsidy: table2Row([24, 9, 29, 15, 1, 23], [21, 8, 28, 19, 3, 21]),
      chance_other_subsidy: table2Row([21, 9, 25, 19, 0, 26], [21, 17, 24, 15, 1, 22]),
      chance_own_budget: table2Row([3, 8, 18, 26, 36, 10], [4, 0, 22, 34, 34, 7]),
      chance_revenue_availability: table2Row([65, 11, 5, 3, 1, 15], [60, 18, 4, 4, 1, 13]),
      chance_crowdsourcing_sponsoring: table2Row([66, 13, 5, 0, 0, 16], [58, 14, 11, 4, 0, 13]),
      chance_donations: table2Row([53, 11, 15, 3, 0, 19], [47, 14, 14, 8, 1, 15]),
    },
    wording: [
      "Meer instellingen zien giften en crowdsourcing niet als een goede kans voor de financiering van digitalisering dan in 2022.",
      "Opmerkelijk is dat een groot gedeelte van de instellingen aangeeft niet bekend te zijn met mogelijke projectsubsidies van de overheid, terwijl ook ongeveer 45% van de respondenten aangeeft dat deze manier van financiering matig tot zeer kansrijk inschatten.",
    ],
  },
  {
    id: "figuur-13",
    number: { nl: "Figuur 13", en: "Figure 13" },
    title: {
      nl: "Mate waarin de kennisbehoefte van instellingen voldaan wordt (2024)",
      en: "How well the knowledge needs of institutions are met (2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 13. Bron: Enquête Panteia. ${n96}`,
    kind: "likert",
    columns: [
      "need_metadata",
      "need_digitisation",
      "need_copyright",
      "need_outsourcing",
      "need_storage",
      "need_born_digital",
      "need_avg",
      "need_ai",
      "need_carriers",
    ],
    waves: [2024],
    printed: {},
    wording: [
      "De instellingen vinden dat zij voldoende tot goed in hun kennisbehoefte voorzien worden, zeker op het gebied van metadatering, digitalisering en de auteursrechten van AV-materiaal. Bij de outsourcingsmogelijkheden voor AV-materialen is te zien dat de instellingen zich het minst voldaan voelen.",
      "Deelnemers aan de focusgroepen geven aan vooral behoefte te hebben aan intervisie met collega’s uit vergelijkbare organisaties, waarbij praktijkervaringen, oplossingen en werkwijzen met elkaar gedeeld kunnen worden.",
    ],
  },
  {
    id: "figuur-14",
    number: { nl: "Figuur 14", en: "Figure 14" },
    title: {
      nl: "Digitaliseringsgraad van analoog AV-materiaal (2019-2024)",
      en: "Share of analogue AV material digitised (2019-2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 14. Bron: Enquête Panteia en KWINK Groep. ${n96}`,
    kind: "bars",
    columns: ["digitisation_degree"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "Opvallend is dat de digitaliseringsgraad sterk verhoogd is ten opzichte van voorgaande jaren; meer dan 50% van de organisaties heeft een digitaliseringsgraad van boven de 50%. Het aantal organisaties dat tussen de 25%-50% van zijn AV-materialen gedigitaliseerd heeft is de voornaamste daler.",
    ],
  },
  {
    id: "figuur-15",
    number: { nl: "Figuur 15", en: "Figure 15" },
    title: {
      nl: "Digitaliseringsgraad van analoog AV-materiaal (2024)",
      en: "Share of analogue AV material digitised, by type of institution (2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 15. Bron: Enquête Panteia. ${n96}`,
    kind: "byType",
    columns: ["digitisation_degree"],
    waves: [2024],
    printed: {},
    wording: [
      "De omroepen zijn ofwel nagenoeg geheel gedigitaliseerd, of nauwelijks gedigitaliseerd.",
      "De digitaliseringsgraad van omroepen staat in scherp contrast met de andere typen instellingen, die een veel gemêleerder beeld laten zien.",
    ],
  },
  {
    id: "figuur-16",
    number: { nl: "Figuur 16", en: "Figure 16" },
    title: {
      nl: "Aandeel nog te digitaliseren AV-materiaal dat instellingen willen digitaliseren (2019-2024)",
      en: "Share of the AV material still to be digitised that institutions want digitised (2019-2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 16. Bron: Enquête Panteia en KWINK Groep. ${n96}`,
    kind: "bars",
    columns: ["digitisation_ambition"],
    waves: [2019, 2022, 2024],
    printed: {
      digitisation_ambition: {
        2024: { n: 96, values: { Alles: { percent: 19.8 } } },
        2022: { n: null, values: { Alles: { percent: 18.8 } } },
        2019: { n: null, values: { Alles: { percent: 4 } } },
      },
    },
    wording: [
      "In 2024 is het aandeel respondenten dat de ambitie heeft om de volledige collectie te digitaliseren is toegenomen tot 19,8 procent. Dat is een kleine daling ten opzichte van 2022 (18,8%) en een duidelijke stijging ten opzichte van 2019 (4 procent).",
      "Tegelijkertijd is er een afname te zien in de lagere ambities: minder instellingen geven aan slechts 1–10% te willen digitaliseren.",
    ],
  },
  {
    id: "figuur-17",
    number: { nl: "Figuur 17", en: "Figure 17" },
    title: {
      nl: "Aandeel van nog te digitaliseren deel van fysieke AV-collectie dat binnen 10 jaar gedigitaliseerd moet zijn (2022-2024)",
      en: "Share of the physical AV collection still to be digitised that must be digitised within 10 years (2022-2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 17. Bron: Enquête Panteia en KWINK Groep. ${n96}`,
    kind: "bars",
    columns: ["digitise_within_10y"],
    waves: [2022, 2024],
    printed: {
      digitise_within_10y: { 2024: { n: 96, values: { "Weet ik niet": { percent: 30 } } } },
    },
    wording: [
      "Hierbij is vooral opmerkelijk dat er bij veel van de instellingen (30 procent) simpelweg nog niet bekend is hoeveel AV-materiaal in de komende 10 jaar gedigitaliseerd moet worden.",
    ],
  },
  {
    id: "figuur-18",
    number: { nl: "Figuur 18", en: "Figure 18" },
    title: {
      nl: "Geschiktheid eigen digitaliseringsstraat voor nog te encoderen/digitaliseren AV-materiaal (2019-2024)",
      en: "Suitability of the own digitisation line for the AV material still to be encoded or digitised (2019-2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 18. Bron: Enquête Panteia en KWINK Groep. ${n96}`,
    kind: "bars",
    columns: ["street_suitability"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "Er is zichtbaar dat de digitaliseringsstraten van instellingen vaker geschikt zijn voor een groter deel van het nog te digitaliseren AV-materiaal dan in 2022 en 2019.",
    ],
  },
  {
    id: "figuur-19",
    number: { nl: "Figuur 19", en: "Figure 19" },
    title: {
      nl: "Digitaliseringsstraat is beschikbaar voor of wordt gedeeld met andere instellingen (2019-2024)",
      en: "Digitisation line available to or shared with other institutions (2019-2024)",
    },
    titleFromReport: true,
    sourceLine: `Figuur 19. Bron: Enquête Panteia en KWINK Groep. ${n96}`,
    kind: "bars",
    columns: ["street_shared"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "Deze digitaliseringsstraten zijn ook vaak alleen bruikbaar voor bepaalde formaten en zijn niet altijd geschikt en/of beschikbaar om te delen met andere instellingen.",
    ],
  },
  {
    id: "figuur-21",
    number: { nl: "Figuur 21", en: "Figure 21" },
    title: {
      nl: "Heeft uw organisatie een beleid voor het werken met AI? (2024)",
      en: "Does your organisation have a policy for working with AI? (2024)",
    },
    titleFromReport: true,
    sourceLine: "Figuur 21. Bron: Enquête Panteia. N = 92",
    kind: "bars",
    columns: ["ai_policy"],
    waves: [2024],
    printed: {},
    wording: [
      "Verreweg de meeste instellingen hebben nog geen beleid wat betreft het werken met AI-oplossingen.",
    ],
  },
  {
    id: "figuur-23",
    number: { nl: "Figuur 23", en: "Figure 23" },
    title: {
      nl: "Maakt uw organisatie gebruik van AI voor de metadatering en verwerking van de AV-collectie? (2024)",
      en: "Does your organisation use AI for metadata and processing of the AV collection? (2024)",
    },
    titleFromReport: true,
    sourceLine: "Figuur 23. Bron: Enquête Panteia. N = 92",
    kind: "bars",
    columns: ["ai_metadata_use"],
    waves: [2024],
    printed: { ai_metadata_use: { 2024: { n: 92, values: { Ja: { count: 8 } } } } },
    wording: [
      "Wederom maakt verreweg het grootste gedeelte van de organisaties geen gebruik van AI voor metadatering en verwerking van de AV-collectie.",
      "Van de organisaties die wel gebruik maken van AI (in totaal 8) …",
    ],
  },
  {
    id: "figuur-24",
    number: { nl: "Figuur 24", en: "Figure 24" },
    title: {
      nl: "Op welke manier gebruikt u AI voor de metadatering en verwerking van de collectie? (2024)",
      en: "How do you use AI for metadata and processing of the collection? (2024)",
    },
    titleFromReport: true,
    sourceLine: "Figuur 24. Bron: Enquête Panteia. N = 8",
    kind: "bars",
    columns: ["ai_uses"],
    waves: [2024],
    printed: {
      ai_uses: {
        2024: {
          n: 8,
          values: {
            // "zegt de helft AI te gebruiken voor speech-to-text … ook gebruikt de helft het voor
            // object recognition … Eén organisatie zet AI ook in voor het metadateren en ondertitelen"
            "speech-to-text": { percent: 50 },
            objectherkenning: { percent: 50 },
            metadateren: { count: 1 },
            ondertitelen: { count: 1 },
          },
        },
      },
    },
    wording: [
      "Van de organisaties die wel gebruik maken van AI (in totaal 8), zegt de helft AI te gebruiken voor speech-to-text voor het ondertitelen van AV-materiaal, ook gebruikt de helft het voor object recognition van onderdelen op het bewegende beeld. Eén organisatie zet AI ook in voor het metadateren en ondertitelen van audiovisuele fragmenten.",
    ],
  },
  {
    id: "figuur-25",
    number: { nl: "Figuur 25", en: "Figure 25" },
    title: {
      nl: "Neemt u momenteel born digital AV-materiaal in uw collectie op? (2019-2024)",
      en: "Do you currently take born-digital AV material into your collection? (2019-2024)",
    },
    titleFromReport: true,
    sourceLine: "Figuur 25. Bron: Enquête Panteia en KWINK Groep. N = 96",
    kind: "bars",
    columns: ["born_digital_intake"],
    waves: [2019, 2022, 2024],
    printed: {},
    wording: [
      "De hoeveelheid born digital AV-materiaal dat opgenomen wordt in de collecties van de organisaties blijft ongeveer gelijk door de jaren heen.",
    ],
  },
  {
    id: "figuur-26",
    number: { nl: "Figuur 26", en: "Figure 26" },
    title: {
      nl: "Opname van born digital AV-materiaal per type instelling (2024)",
      en: "Born-digital intake by type of institution (2024)",
    },
    titleFromReport: false,
    sourceLine: "Figuur 26. Bron: Enquête Panteia. N = 96",
    kind: "byType",
    columns: ["born_digital_intake"],
    waves: [2024],
    printed: {},
    wording: [
      "De enquêteresultaten laten zien dat omroepen het grootste gedeelte born digital materiaal opneemt in hun digitaal archief. Bij archiefinstellingen is dit percentage lager en benoemen ook meer organisaties dat zij niet alleen born digital materiaal aannemen. Ook de museumcollecties zijn hierin kieskeuriger.",
    ],
  },
  {
    id: "figuur-27",
    number: { nl: "Figuur 27", en: "Figure 27" },
    title: {
      nl: "Beleid omtrent de instroom van born digital audiovisueel materiaal (2019-2024)",
      en: "Policy on the intake of born-digital audiovisual material (2019-2024)",
    },
    titleFromReport: false,
    sourceLine: "Figuur 27. Bron: Enquête Panteia en KWINK Groep. N = 96",
    kind: "bars",
    columns: ["born_digital_policy"],
    waves: [2019, 2022, 2024],
    printed: {
      born_digital_policy: {
        2024: { n: 96, values: { "Geen beleid": { percent: 25 } } },
        2019: { n: null, values: { "Geen beleid": { percent: 31 } } },
      },
    },
    wording: [
      "Het percentage organisaties zonder beleid is gedaald van 31% in 2019 naar 25% in 2024, terwijl het aandeel dat actief initiatieven ontplooit of afspraken maakt, enigszins is toegenomen of stabiel blijft.",
    ],
  },
];

function table2Row(row2024: number[], row2022: number[]): Record<number, PrintedWave> {
  const labels = [
    "Niet kansrijk",
    "Onvoldoende kansrijk",
    "Matig kansrijk",
    "Voldoende kansrijk",
    "Zeer kansrijk",
    "Weet ik niet",
  ];
  const values = (row: number[]) =>
    Object.fromEntries(labels.map((label, i) => [label, { percent: row[i] as number }]));
  // Table 2 prints "N = 96 (2024)" under the table, and no N for 2022.
  return { 2024: { n: 96, values: values(row2024) }, 2022: { n: null, values: values(row2022) } };
}

/** Figures of the report that no column of the import answers (so nothing to compute). */
export const figuresWithoutColumn: {
  number: { nl: string; en: string };
  subject: { nl: string; en: string };
}[] = [
  {
    number: { nl: "Figuur 3", en: "Figure 3" },
    subject: {
      nl: "Selectiecriteria voor opname van AV-materiaal (2019-2024)",
      en: "Selection criteria for taking in AV material (2019-2024)",
    },
  },
  {
    number: { nl: "Figuur 4", en: "Figure 4" },
    subject: {
      nl: "AV-materiaal in samenhang met andere collecties beschikbaar stellen",
      en: "Making AV material available together with other collections",
    },
  },
  {
    number: { nl: "Figuur 5", en: "Figure 5" },
    subject: {
      nl: "AV-materiaal gebruiken om informatie naar een groter publiek te brengen",
      en: "Using AV material to bring information to a wider audience",
    },
  },
  {
    number: { nl: "Figuur 11", en: "Figure 11" },
    subject: { nl: "IT-infrastructuur", en: "IT infrastructure" },
  },
  {
    number: { nl: "Figuur 12", en: "Figure 12" },
    subject: {
      nl: "Financiering beheer en beschikbaarstelling AV-materiaal (2017-2024)",
      en: "Funding the management and availability of AV material (2017-2024)",
    },
  },
  {
    number: { nl: "Figuur 20", en: "Figure 20" },
    subject: {
      nl: "Financiering van de digitalisering (2017-2024)",
      en: "Funding of digitisation (2017-2024)",
    },
  },
  {
    number: { nl: "Figuur 22", en: "Figure 22" },
    subject: {
      nl: "Beleid voor tekst- en datamining door Large Language Models (2024)",
      en: "Policy on text and data mining by large language models (2024)",
    },
  },
];

/** Where the report's printed numbers or words contradict each other (shown on /trends). */
export const reportInconsistencies: { where: string; text: string }[] = [
  {
    where: "Figuur 16",
    text: "De tekst noemt 19,8% in 2024 tegenover 18,8% in 2022 zowel ‘toegenomen’ als ‘een kleine daling’; 19,8 is hoger dan 18,8.",
  },
  {
    where: "Figuur 7",
    text: "‘Iets meer dan de helft’ heeft ondertekend of is het van plan, maar met 15% bewust niet en 35% niet bekend blijft precies 50% over.",
  },
  {
    where: "Tabel 2",
    text: "Onder de tabel staat N = 96 (2024), maar de percentages van 2024 passen alleen bij 80 antwoorden; voor 2022 past geen enkele N op alle zes rijen. Vier rijen tellen op tot 99% of 101% (afronding).",
  },
  {
    where: "Tabel 2",
    text: "De tekst zegt dat ‘iets meer instellingen positief kijken’ naar een verdienmodel met beschikbaarstelling, maar matig tot zeer kansrijk is 9% in 2022 en 9% in 2024, en ‘niet kansrijk’ steeg van 60% naar 65%.",
  },
  {
    where: "Figuur 16 en 17",
    text: "De tekst verwijst voor de tijdslijn van tien jaar naar figuur 16; die staat in figuur 17.",
  },
  {
    where: "Figuur 9",
    text: "De titel noemt 2017-2024, de tekst spreekt van ‘het begin van de metingen in 2019’.",
  },
  {
    where: "Figuur 25",
    text: "Paragraaf 7.1 zegt dat born digital materiaal ‘vaker wordt opgenomen dan in eerdere jaren’; bij figuur 25 staat dat de hoeveelheid ‘ongeveer gelijk’ blijft.",
  },
  {
    where: "Figuur 27",
    text: "De kop bij de grafiek noemt 2017-2024 en ‘afspraken over standaarden’, de tekst 2019-2024 en beleid; de afgedrukte grafiekdata zijn een instemmingsschaal (zeer mee eens … zeer oneens) die niet bij deze vraag hoort, met een ‘Grand Total’ die een som van percentages is (tot 1,13), en een rij (0,1538 … 0,05) waarvan vijf waarden bij N = 39 passen en de laatste bij N = 40.",
  },
  {
    where: "Figuur 13 en conclusie",
    text: "De samenvatting noemt als grootste kennisbehoeften duurzame opslag, uitbesteden en born digital; de conclusie duurzame opslag, ‘selectiekaders’ en born digital. Selectiekaders is geen van de negen onderwerpen van figuur 13.",
  },
];

/** Institution types of Table 1 in its order. */
export const table1Types: InstitutionType[] = ["Archief", "Omroep", "Museum", "Overig", "Onbekend"];

/** The report's headline findings, in its own words (nl) with a translation, and their figure. */
export const keyFindings: { figure: string; nl: string; en: string; link?: string }[] = [
  {
    figure: "tabel-1",
    nl: "In totaal reageerden 96 respondenten op de enquête.",
    en: "96 respondents answered the survey.",
  },
  {
    figure: "figuur-6",
    nl: "Ongeveer 64% van de instellingen [is] bekend met de Out of Commerce (OOC) regeling. Dit percentage is onveranderd ten opzichte van 2022.",
    en: "About 64% of institutions know the out-of-commerce (OOC) regulation, unchanged since 2022.",
  },
  {
    figure: "figuur-7",
    nl: "Daarnaast is 35 procent niet bekend met dit convenant [het OOC Convenant Audiovisuele Werken].",
    en: "35 per cent do not know the OOC agreement on audiovisual works.",
    link: "/kennisbank/ooc-convenant-audiovisuele-werken",
  },
  {
    figure: "figuur-13",
    nl: "Bij de outsourcingsmogelijkheden voor AV-materialen is te zien dat de instellingen zich het minst voldaan voelen.",
    en: "Institutions feel least well served on the options for outsourcing AV work.",
  },
  {
    figure: "figuur-14",
    nl: "Meer dan 50% van de organisaties heeft een digitaliseringsgraad van boven de 50%.",
    en: "More than 50% of organisations have digitised more than 50% of their analogue AV material.",
  },
  {
    figure: "figuur-16",
    nl: "In 2024 is het aandeel respondenten dat de ambitie heeft om de volledige collectie te digitaliseren […] toegenomen tot 19,8 procent.",
    en: "In 2024, 19.8 per cent aim to digitise their whole collection.",
  },
  {
    figure: "figuur-17",
    nl: "Bij veel van de instellingen (30 procent) [is] simpelweg nog niet bekend […] hoeveel AV-materiaal in de komende 10 jaar gedigitaliseerd moet worden.",
    en: "30 per cent simply do not know yet how much AV material must be digitised in the next 10 years.",
  },
  {
    figure: "tabel-2",
    nl: "Een groot gedeelte van de instellingen [geeft] aan niet bekend te zijn met mogelijke projectsubsidies van de overheid, terwijl ook ongeveer 45% van de respondenten [deze] manier van financiering matig tot zeer kansrijk [inschat].",
    en: "Many institutions do not know about government project grants, while about 45% rate them moderately to very promising.",
  },
  {
    figure: "figuur-23",
    nl: "Verreweg het grootste gedeelte van de organisaties [maakt] geen gebruik van AI voor metadatering en verwerking van de AV-collectie (in totaal 8 wel).",
    en: "By far most organisations do not use AI for metadata and processing (8 in total do).",
  },
  {
    figure: "figuur-27",
    nl: "Het percentage organisaties zonder beleid is gedaald van 31% in 2019 naar 25% in 2024.",
    en: "Organisations without a born-digital intake policy fell from 31% in 2019 to 25% in 2024.",
  },
];

/** The page's sections, in the report's order. */
export const figureGroups: { key: string; figures: string[] }[] = [
  { key: "response", figures: ["tabel-1"] },
  { key: "collection", figures: ["figuur-1", "figuur-2"] },
  { key: "ooc", figures: ["figuur-6", "figuur-7", "figuur-8"] },
  { key: "organisation", figures: ["figuur-9", "figuur-10", "figuur-13"] },
  {
    key: "digitisation",
    figures: ["figuur-14", "figuur-15", "figuur-16", "figuur-17", "figuur-18", "figuur-19"],
  },
  { key: "funding", figures: ["tabel-2"] },
  { key: "ai", figures: ["figuur-21", "figuur-23", "figuur-24"] },
  { key: "born_digital", figures: ["figuur-25", "figuur-26", "figuur-27"] },
];
