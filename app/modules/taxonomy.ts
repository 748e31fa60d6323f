// The one taxonomy of docs/domain.md §3. Shared by server and browser code (no data access here).

export const topics = [
  { key: "metadata", nl: "Metadatering", en: "Metadata", surveyColumn: "need_metadata" },
  { key: "digitisation", nl: "Digitalisering", en: "Digitisation", surveyColumn: "need_digitisation" },
  { key: "copyright", nl: "Auteursrecht en OOC", en: "Copyright and OOC", surveyColumn: "need_copyright" },
  { key: "outsourcing", nl: "Uitbesteden", en: "Outsourcing", surveyColumn: "need_outsourcing" },
  { key: "storage", nl: "Duurzame opslag", en: "Sustainable storage", surveyColumn: "need_storage" },
  { key: "born_digital", nl: "Born digital", en: "Born digital", surveyColumn: "need_born_digital" },
  { key: "avg", nl: "AVG en privacy", en: "GDPR and privacy", surveyColumn: "need_avg" },
  { key: "ai", nl: "AI en spraakherkenning", en: "AI and speech-to-text", surveyColumn: "need_ai" },
  { key: "carriers", nl: "Dragerkennis", en: "Carrier knowledge", surveyColumn: "need_carriers" },
  // Needs the report names (Table 2, the one-person AV post, fragmented policy) without asking
  // them as a knowledge need: the platform's own questions (survey/questionnaire.ts platformNeed).
  { key: "funding", nl: "Financiering en subsidies", en: "Funding and grants", surveyColumn: "need_funding" },
  { key: "policy", nl: "Selectie en AV-beleid", en: "Selection and AV policy", surveyColumn: "need_policy" },
  {
    key: "knowledge_retention",
    nl: "Kennis borgen",
    en: "Keeping knowledge",
    surveyColumn: "need_knowledge_retention",
  },
] as const;

export type TopicKey = (typeof topics)[number]["key"];

export const institutionTypes = ["Archief", "Omroep", "Museum", "Overig", "Onbekend"] as const;
export type InstitutionType = (typeof institutionTypes)[number];
