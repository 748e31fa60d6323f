// Groups of terms that mean the same to a searcher: carrier aliases, Dutch and English names,
// legal abbreviations, and symptoms people type ("azijnlucht") for the name of the problem.
// Every term in a group finds what any other term finds. Lower case, without accents.

export const synonymGroups: readonly (readonly string[])[] = [
  ["u-matic", "umatic", "u matic", "3/4 inch", "3/4-inch", "driekwart inch", "kca", "kcs", "bvu"],
  [
    "spoelband",
    "open reel",
    "reel-to-reel",
    "bandrecorder",
    "geluidsband",
    "audiotape",
    "open-reel",
    "spoelen",
  ],
  ["avg", "gdpr", "privacy", "algemene verordening gegevensbescherming", "persoonsgegevens"],
  [
    "ooc",
    "out of commerce",
    "out-of-commerce",
    "niet in de handel verkrijgbaar",
    "niet-commercieel beschikbaar",
  ],
  ["auteursrecht", "copyright", "rechten"],
  ["portretrecht", "herkenbare personen", "portrait right"],
  ["azijnsyndroom", "azijnlucht", "azijngeur", "vinegar syndrome", "vinegar", "azijn"],
  ["sticky shed", "plakkerige band", "plakkerig", "plakt", "sticky", "bindmiddel"],
  ["bakken", "baking", "bake", "incuberen"],
  ["schimmel", "mould", "mold", "schimmelvorming"],
  ["nitraat", "nitrate", "nitraatfilm", "cellulosenitraat"],
  ["vhs", "video home system", "videoband", "s-vhs", "vhs-c"],
  ["betamax", "beta"],
  ["video 2000", "v2000", "vcc", "video2000"],
  ["betacam", "betacam sp", "beta sp"],
  ["digibeta", "digital betacam"],
  ["hi8", "video8", "video 8", "8mm video"],
  ["minidv", "mini dv", "dv", "dvcam"],
  ["dat", "r-dat", "digital audio tape"],
  ["minidisc", "md", "mini disc"],
  ["cd-r", "cdr", "cd", "compact disc"],
  ["dvd-r", "dvd", "dvd+r", "dvdr"],
  ["laserdisc", "laservision", "beeldplaat"],
  ["78 toeren", "78-toeren", "schellak", "shellac", "78 rpm"],
  ["vinyl", "lp", "grammofoonplaat", "elpee", "single"],
  ["lakplaat", "lacquer", "acetaatplaat", "instantaneous disc", "directe opnameplaat"],
  ["draadopname", "wire recording", "staaldraad"],
  ["super 8", "super8", "8mm film", "smalfilm", "single 8"],
  ["9,5 mm", "9.5mm", "pathe baby", "negen en een halve millimeter"],
  ["16mm", "16 mm", "zestien millimeter"],
  ["35mm", "35 mm"],
  ["audiocassette", "cassettebandje", "compact cassette", "cassette"],
  ["digitaliseren", "digitalisering", "digitisation", "digitization", "digitise", "digitize"],
  ["metadatering", "metadata", "beschrijven", "catalogiseren"],
  ["uitbesteden", "outsourcing", "leverancier", "uitbesteding"],
  ["duurzame opslag", "opslag", "storage", "bewaren", "archiveren", "backup"],
  ["born digital", "born-digital", "digitaal geboren"],
  ["spraakherkenning", "speech-to-text", "speech to text", "transcriptie", "ai", "kunstmatige intelligentie"],
  ["zichtkopie", "toegangskopie", "access copy", "gebruikskopie"],
  ["bewaarmaster", "preservation master", "archiefmaster"],
  ["steenbeck", "montagetafel", "viewer"],
];

export function normaliseTerm(term: string): string {
  return term
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const byTerm = new Map<string, readonly string[]>();
for (const group of synonymGroups) {
  for (const term of group) byTerm.set(normaliseTerm(term), group.map(normaliseTerm));
}

/** The other terms of the term's group (empty when it has none). */
export function synonymsOf(term: string): string[] {
  const key = normaliseTerm(term);
  return (byTerm.get(key) ?? []).filter((t) => t !== key);
}

/** Multi-word synonym terms, longest first, for finding phrases in a query. */
export const multiWordTerms = [...byTerm.keys()]
  .filter((t) => t.includes(" "))
  .sort((a, b) => b.length - a.length);
