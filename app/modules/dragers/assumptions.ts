// The planner's default per-carrier assumptions (each row names its sources; the scores come
// from the carrier guides, docs/domain.md §9).
// Moderators can change every figure (beheer/dragers); these defaults seed the table and fill in
// for a carrier without a row. No data access: shared by server, browser and tests.
import { z } from "zod";
import { type AssumptionCertainty, type Certainty, certainties } from "./types.ts";

export interface CarrierAssumption {
  carrier: string;
  minutesPerItem: number;
  transferFactor: number;
  masterGbPerHour: number;
  masterFormat: string;
  accessGbPerHour: number;
  accessFormat: string;
  degradationScore: number;
  obsolescenceScore: number;
  certainty: AssumptionCertainty;
  sources: string;
  note: string;
}

// Targets and their data rates (arithmetic from the target format's bit rate, 1 GB = 10^9 bytes).
// A format is named in Dutch (stored, and what a moderator edits) and in English (shown on an
// English page while the stored name is still this default: `assumptionText`).
const format = (nl: string, en: string = nl) => ({ nl, en });
const master = {
  ffv1: { gb: 50, format: format("FFV1 10-bit 4:2:2 in Matroska (PAL SD)"), certainty: "?" },
  dv: { gb: 13, format: format("DV25 native (.dv)"), certainty: "bron" },
  wavStereo: { gb: 2.07, format: format("WAV/BWF 96 kHz / 24 bit stereo"), certainty: "bron" },
  wavMono: { gb: 1.04, format: format("WAV/BWF 96 kHz / 24 bit mono"), certainty: "bron" },
  dat: { gb: 0.69, format: format("WAV 48 kHz / 16 bit stereo (native DAT)"), certainty: "bron" },
  cd: {
    gb: 0.64,
    format: format("WAV 44,1 kHz / 16 bit stereo (secure rip)", "WAV 44.1 kHz / 16 bit stereo (secure rip)"),
    certainty: "bron",
  },
  minidisc: {
    gb: 0.64,
    format: format("WAV 44,1 kHz / 16 bit stereo (uit ATRAC)", "WAV 44.1 kHz / 16 bit stereo (from ATRAC)"),
    certainty: "alg",
  },
  dvdIso: {
    gb: 4.7,
    format: format("ISO-image (4,7 GB per schijf)", "ISO image (4.7 GB per disc)"),
    certainty: "?",
  },
  dpx2k18: { gb: 830, format: format("2K 10-bit DPX, 18 fps"), certainty: "bron" },
  dpx2k16: { gb: 730, format: format("2K 10-bit DPX, 16 fps"), certainty: "?" },
  dpx2k24: { gb: 1100, format: format("2K 10-bit DPX, 24 fps"), certainty: "bron" },
  dpx4k24: { gb: 6600, format: format("4K 16-bit DPX, 24 fps"), certainty: "bron" },
} as const satisfies Record<string, { gb: number; format: { nl: string; en: string }; certainty: Certainty }>;

const access = {
  video: {
    gb: 1.7,
    format: format("H.264 in MP4, 3,5 Mbit/s + AAC 320 kbit/s", "H.264 in MP4, 3.5 Mbit/s + AAC 320 kbit/s"),
    certainty: "bron",
  },
  film: { gb: 3.7, format: format("H.264 in MP4, 8 Mbit/s + AAC 320 kbit/s"), certainty: "bron" },
  audio: { gb: 0.144, format: format("MP3 of AAC, 320 kbit/s", "MP3 or AAC, 320 kbit/s"), certainty: "alg" },
} as const satisfies Record<string, { gb: number; format: { nl: string; en: string }; certainty: Certainty }>;

/**
 * English for the default texts, which are stored in Dutch: the notes and the lines of the
 * source texts below. A page in English shows these while the stored text is still the default
 * (`assumptionText`); a moderator's own wording is shown as written.
 */
const englishNotes: Readonly<Record<string, string>> = {
  "Groot tot ca. 60 min, klein ca. 20 min.": "Large up to about 60 min, small about 20 min.",
  "E-180 is de maximale duur; de echte inhoud is vaak korter.":
    "E-180 is the longest duration; the actual content is often shorter.",
  "S-cassette tot 30 min, L-cassette tot 90 min.": "S cassette up to 30 min, L cassette up to 90 min.",
  "Overspelen via SDI 10 bit.": "Transfer over SDI, 10 bit.",
  "60-120 min per cassette.": "60-120 min per cassette.",
  "Native DV via FireWire.": "Native DV over FireWire.",
  "In Nederland vooral type B (BCN).": "In the Netherlands mostly Type B (BCN).",
  "Alleen bij specialisten.": "Only at specialists.",
  "RF-capture kost 50-150 GB per schijf (tbc-tools).": "An RF capture takes 50-150 GB per disc (tbc-tools).",
  "Bit-voor-bit ISO-image; sneller dan realtime [?].": "Bit-for-bit ISO image; faster than real time [?].",
  "Duur hangt af van snelheid en spoelmaat.": "The duration depends on speed and reel size.",
  "C-60 of C-90.": "C-60 or C-90.",
  "Native digitale overdracht.": "Native digital transfer.",
  "60-80 min per schijf.": "60-80 min per disc.",
  "Secure rip of image; sneller dan realtime [?].": "Secure rip or image; faster than real time [?].",
  "Ca. 3 min per kant (25 cm).": "About 3 min per side (25 cm).",
  "Ca. 20 min per kant (lp).": "About 20 min per side (LP).",
  "Ca. 15 min per kant (40 cm, 33⅓).": "About 15 min per side (40 cm, 33⅓).",
  "Tot ca. 60 min per spoel; draad raakt verward of breekt.":
    "Up to about 60 min per spool; the wire tangles or breaks.",
  "Spoel van 15 m: ca. 3-4 min.": "15 m reel: about 3-4 min.",
  "400 ft: ca. 11 min bij 24 fps.": "400 ft: about 11 min at 24 fps.",
  "1000 ft: ca. 11 min.": "1000 ft: about 11 min.",
  "Brandgevaar: apart bewaren en Eye raadplegen.": "Fire hazard: store separately and consult Eye.",
  "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.":
    "Default values derived from the carrier guide; check them for your own collection.",
  "Datasnelheden: rekenkundig uit de bitrate van het doelformaat (1 GB = 10^9 bytes).":
    "Data rates: arithmetic from the target format's bit rate (1 GB = 10^9 bytes).",
  "Doelformaat video: IASA TC-06 (2019) [@iasa-tc06]; NYPL AMI video group 1 [@nypl-ami-specs].":
    "Target format for video: IASA TC-06 (2019) [@iasa-tc06]; NYPL AMI video group 1 [@nypl-ami-specs].",
  "FFV1: ca. 40-60 GB per uur, hier 50; schatting zonder gevonden bron [?], kalibreer op eigen bestanden. FFV1 in Matroska als bewaarformaat: [@meemoo-ffv1-mkv].":
    "FFV1: about 40-60 GB per hour, here 50; an estimate without a source found [?], calibrate on your own files. FFV1 in Matroska as preservation format: [@meemoo-ffv1-mkv].",
  "Toegangskopie: NYPL AMI (H.264 3,5 Mbit/s of CRF 21) [@nypl-ami-specs].":
    "Access copy: NYPL AMI (H.264 3.5 Mbit/s or CRF 21) [@nypl-ami-specs].",
  "Duur per item: vuistregel uit het feitenblok van de dragergids [alg].":
    "Duration per item: rule of thumb from the carrier guide's fact box [alg].",
  "Digitaliseringsuren: realtime plus voorbereiding en controle; 1,5-3 keer de speelduur is een gangbare planningsregel zonder gevonden bron [?].":
    "Digitisation hours: real time plus preparation and checking; 1.5-3 times the playing time is a common planning rule without a source found [?].",
  "Scores degradatie (D) en veroudering (O): inschatting AV-Kennisnet uit de dragergids, geen gepubliceerde ranglijst [?].":
    "Degradation (D) and obsolescence (O) scores: AV-Kennisnet's estimate from the carrier guide, no published ranking [?].",
  "DV25: ca. 3,6 MB/s, ca. 13 GB per uur [@dvbackup-man].":
    "DV25: about 3.6 MB/s, about 13 GB per hour [@dvbackup-man].",
  "Doelformaat audio: IASA TC-03 par. 10 [@iasa-tc03]; NYPL AMI audio group 1 [@nypl-ami-specs].":
    "Target format for audio: IASA TC-03 section 10 [@iasa-tc03]; NYPL AMI audio group 1 [@nypl-ami-specs].",
  "Filmscan: NYPL AMI (35 mm 4K/16 bit; 16 en 8 mm 2K/10 bit) [@nypl-ami-specs].":
    "Film scan: NYPL AMI (35 mm 4K/16 bit; 16 and 8 mm 2K/10 bit) [@nypl-ami-specs].",
  "9,5 mm: geen eigen specificatie gevonden [?].": "9.5 mm: no specification of its own found [?].",
  "Datadragers: de bestanden of een schijfkopie, met checksums (zie de dragergids) [@dpc-handheld-media]; de omvang per uur is geen speelduur maar een schatting [?].":
    "Data carriers: the files or a disk image, with checksums (see the carrier guide) [@dpc-handheld-media]; the size per hour is not a playing time but an estimate [?].",
};

const englishTexts: ReadonlyMap<string, string> = new Map([
  ...[...Object.values(master), ...Object.values(access)].map((m) => [m.format.nl, m.format.en] as const),
  ...Object.entries(englishNotes),
]);

/**
 * A stored text of the assumptions (a format, a note, one line of the sources) as a page in
 * `locale` shows it: a default text in that language; a moderator's own wording as written, which
 * is Dutch (`lang: "nl"` on an English page).
 */
export function assumptionText(stored: string, locale: "nl" | "en"): { text: string; lang?: "nl" } {
  if (locale === "nl") return { text: stored };
  const english = englishTexts.get(stored);
  return english === undefined ? { text: stored, lang: "nl" } : { text: english };
}

// Each text cites the source registry (db/seed/sources, shown on /bronnen) as `[@key]`; the
// planner links those. `[?]`: no source found, `[alg]`: a general rule of thumb.
const sourceText = {
  rates: "Datasnelheden: rekenkundig uit de bitrate van het doelformaat (1 GB = 10^9 bytes).",
  ffv1: "FFV1: ca. 40-60 GB per uur, hier 50; schatting zonder gevonden bron [?], kalibreer op eigen bestanden. FFV1 in Matroska als bewaarformaat: [@meemoo-ffv1-mkv].",
  video: "Doelformaat video: IASA TC-06 (2019) [@iasa-tc06]; NYPL AMI video group 1 [@nypl-ami-specs].",
  audio: "Doelformaat audio: IASA TC-03 par. 10 [@iasa-tc03]; NYPL AMI audio group 1 [@nypl-ami-specs].",
  film: "Filmscan: NYPL AMI (35 mm 4K/16 bit; 16 en 8 mm 2K/10 bit) [@nypl-ami-specs].",
  dv: "DV25: ca. 3,6 MB/s, ca. 13 GB per uur [@dvbackup-man].",
  access: "Toegangskopie: NYPL AMI (H.264 3,5 Mbit/s of CRF 21) [@nypl-ami-specs].",
  data: "Datadragers: de bestanden of een schijfkopie, met checksums (zie de dragergids) [@dpc-handheld-media]; de omvang per uur is geen speelduur maar een schatting [?].",
  minutes: "Duur per item: vuistregel uit het feitenblok van de dragergids [alg].",
  factor:
    "Digitaliseringsuren: realtime plus voorbereiding en controle; 1,5-3 keer de speelduur is een gangbare planningsregel zonder gevonden bron [?].",
  scores:
    "Scores degradatie (D) en veroudering (O): inschatting AV-Kennisnet uit de dragergids, geen gepubliceerde ranglijst [?].",
};

function make(
  carrier: string,
  minutesPerItem: number,
  transferFactor: number,
  m: (typeof master)[keyof typeof master],
  a: (typeof access)[keyof typeof access],
  degradationScore: number,
  obsolescenceScore: number,
  extraSources: string[],
  note = "",
): CarrierAssumption {
  return {
    carrier,
    minutesPerItem,
    transferFactor,
    masterGbPerHour: m.gb,
    masterFormat: m.format.nl,
    accessGbPerHour: a.gb,
    accessFormat: a.format.nl,
    degradationScore,
    obsolescenceScore,
    certainty: {
      minutesPerItem: "alg",
      transferFactor: "?",
      masterGbPerHour: m.certainty,
      accessGbPerHour: a.certainty,
      scores: "?",
    },
    sources: [
      sourceText.rates,
      ...extraSources,
      sourceText.minutes,
      sourceText.factor,
      sourceText.scores,
    ].join("\n"),
    note,
  };
}

const analogVideo = [sourceText.video, sourceText.ffv1, sourceText.access];
const analogAudio = [sourceText.audio];
const film = [sourceText.film];

/** Defaults for the 26 carrier guides of the seed content (slugs as in db/seed/content/drager). */
export const defaultAssumptions: readonly CarrierAssumption[] = [
  make(
    "u-matic",
    60,
    2,
    master.ffv1,
    access.video,
    4,
    5,
    analogVideo,
    "Groot tot ca. 60 min, klein ca. 20 min.",
  ),
  make(
    "vhs",
    180,
    2,
    master.ffv1,
    access.video,
    3,
    3,
    analogVideo,
    "E-180 is de maximale duur; de echte inhoud is vaak korter.",
  ),
  make("betamax", 120, 2, master.ffv1, access.video, 4, 5, analogVideo),
  make("video-2000", 120, 2, master.ffv1, access.video, 3, 5, analogVideo),
  make(
    "betacam-sp",
    90,
    2,
    master.ffv1,
    access.video,
    3,
    4,
    analogVideo,
    "S-cassette tot 30 min, L-cassette tot 90 min.",
  ),
  make(
    "digital-betacam",
    60,
    1.5,
    master.ffv1,
    access.video,
    3,
    4,
    analogVideo,
    "Overspelen via SDI 10 bit.",
  ),
  make("video8-hi8", 120, 2, master.ffv1, access.video, 4, 4, analogVideo, "60-120 min per cassette."),
  make(
    "minidv-dvcam",
    60,
    1.5,
    master.dv,
    access.video,
    3,
    4,
    [sourceText.dv, sourceText.access],
    "Native DV via FireWire.",
  ),
  make(
    "1-inch-type-c",
    60,
    2,
    master.ffv1,
    access.video,
    4,
    5,
    analogVideo,
    "In Nederland vooral type B (BCN).",
  ),
  make("2-inch-quadruplex", 60, 2, master.ffv1, access.video, 5, 5, analogVideo, "Alleen bij specialisten."),
  make(
    "laserdisc",
    60,
    2,
    master.ffv1,
    access.video,
    3,
    4,
    analogVideo,
    "RF-capture kost 50-150 GB per schijf (tbc-tools).",
  ),
  make(
    "dvd-r",
    60,
    0.5,
    master.dvdIso,
    access.video,
    4,
    2,
    [sourceText.access],
    "Bit-voor-bit ISO-image; sneller dan realtime [?].",
  ),
  make(
    "open-reel-audio",
    60,
    2,
    master.wavStereo,
    access.audio,
    4,
    3,
    analogAudio,
    "Duur hangt af van snelheid en spoelmaat.",
  ),
  make("audio-cassette", 60, 2, master.wavStereo, access.audio, 3, 2, analogAudio, "C-60 of C-90."),
  make("dat", 120, 1.5, master.dat, access.audio, 4, 5, analogAudio, "Native digitale overdracht."),
  make("minidisc", 80, 1.5, master.minidisc, access.audio, 2, 4, analogAudio, "60-80 min per schijf."),
  make(
    "cd-r",
    80,
    0.5,
    master.cd,
    access.audio,
    3,
    2,
    analogAudio,
    "Secure rip of image; sneller dan realtime [?].",
  ),
  make(
    "schellak-78-toeren",
    6,
    2,
    master.wavMono,
    access.audio,
    2,
    3,
    analogAudio,
    "Ca. 3 min per kant (25 cm).",
  ),
  make("vinyl", 40, 2, master.wavStereo, access.audio, 2, 2, analogAudio, "Ca. 20 min per kant (lp)."),
  make(
    "lakplaat",
    30,
    2,
    master.wavMono,
    access.audio,
    5,
    3,
    analogAudio,
    "Ca. 15 min per kant (40 cm, 33⅓).",
  ),
  make(
    "draadopname",
    60,
    3,
    master.wavMono,
    access.audio,
    3,
    5,
    analogAudio,
    "Tot ca. 60 min per spoel; draad raakt verward of breekt.",
  ),
  make("8mm-super8", 4, 3, master.dpx2k18, access.film, 3, 3, film, "Spoel van 15 m: ca. 3-4 min."),
  make("9-5mm-film", 5, 3, master.dpx2k16, access.film, 4, 4, [
    ...film,
    "9,5 mm: geen eigen specificatie gevonden [?].",
  ]),
  make("16mm-film", 11, 3, master.dpx2k24, access.film, 3, 3, film, "400 ft: ca. 11 min bij 24 fps."),
  make("35mm-film", 11, 3, master.dpx4k24, access.film, 3, 3, film, "1000 ft: ca. 11 min."),
  make(
    "nitraatfilm",
    11,
    3,
    master.dpx4k24,
    access.film,
    5,
    3,
    film,
    "Brandgevaar: apart bewaren en Eye raadplegen.",
  ),
  make(
    "betacam-sx-imx",
    60,
    2,
    master.ffv1,
    access.video,
    3,
    4,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "cd-geperst",
    60,
    2,
    master.wavStereo,
    access.audio,
    2,
    2,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "d-formaten",
    60,
    2,
    master.ffv1,
    access.video,
    3,
    5,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "datatape",
    180,
    2,
    master.dvdIso,
    access.video,
    3,
    4,
    [sourceText.data],
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "dcc",
    90,
    2,
    master.wavStereo,
    access.audio,
    3,
    5,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "dvcpro",
    60,
    2,
    master.ffv1,
    access.video,
    3,
    4,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "film-17-5-28mm",
    10,
    2,
    master.dpx2k24,
    access.film,
    4,
    5,
    [sourceText.film],
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "fonograafcilinder",
    3,
    2,
    master.wavStereo,
    access.audio,
    5,
    5,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "harde-schijven-geheugenkaarten",
    120,
    2,
    master.dvdIso,
    access.video,
    3,
    3,
    [sourceText.data],
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "hdcam",
    60,
    2,
    master.ffv1,
    access.video,
    2,
    4,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "microcassette-dicteermedia",
    30,
    2,
    master.wavStereo,
    access.audio,
    3,
    4,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "multitrack-studioband",
    16,
    2,
    master.wavStereo,
    access.audio,
    4,
    5,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "open-reel-video-halve-inch",
    30,
    2,
    master.ffv1,
    access.video,
    5,
    5,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "optische-dataschijven",
    20,
    2,
    master.dvdIso,
    access.video,
    3,
    2,
    [sourceText.data],
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "perfoband",
    20,
    2,
    master.wavStereo,
    access.audio,
    5,
    5,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "philips-vcr",
    60,
    2,
    master.ffv1,
    access.video,
    4,
    5,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "stereo-8",
    40,
    2,
    master.wavStereo,
    access.audio,
    3,
    4,
    analogAudio,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "video-cd-dvd-bluray",
    74,
    2,
    master.ffv1,
    access.video,
    2,
    2,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
  make(
    "xdcam-p2-sxs",
    60,
    2,
    master.ffv1,
    access.video,
    2,
    4,
    analogVideo,
    "Standaardwaarden afgeleid van de dragergids; controleer ze voor je eigen collectie.",
  ),
];

export const defaultAssumptionBySlug: ReadonlyMap<string, CarrierAssumption> = new Map(
  defaultAssumptions.map((a) => [a.carrier, a]),
);

const certainty = z.enum(certainties, { message: "form.assumptions.certainty" });
const positive = (max: number) =>
  z.coerce
    .number({ message: "form.assumptions.number" })
    .positive("form.assumptions.positive")
    .max(max, "form.assumptions.numberHigh");
const score = z.coerce
  .number({ message: "form.assumptions.score" })
  .int("form.assumptions.scoreWhole")
  .min(1, "form.assumptions.score")
  .max(5, "form.assumptions.score");
const text = (max: number, required: string) =>
  z.string().trim().min(1, required).max(max, "form.assumptions.textLong");

/** The moderator's form for one carrier's assumptions (numbers may use a decimal comma). */
export const assumptionFormSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const key of ["minutesPerItem", "transferFactor", "masterGbPerHour", "accessGbPerHour"]) {
      const v = out[key];
      if (typeof v === "string") out[key] = v.trim() === "" ? undefined : v.trim().replace(",", ".");
    }
    return out;
  },
  z.object({
    carrier: z.string().min(1),
    minutesPerItem: positive(10_000),
    transferFactor: positive(20),
    masterGbPerHour: positive(100_000),
    masterFormat: text(200, "form.assumptions.masterFormat"),
    accessGbPerHour: positive(1_000),
    accessFormat: text(200, "form.assumptions.accessFormat"),
    degradationScore: score,
    obsolescenceScore: score,
    certaintyMinutes: certainty,
    certaintyFactor: certainty,
    certaintyMaster: certainty,
    certaintyAccess: certainty,
    certaintyScores: certainty,
    sources: text(4_000, "form.assumptions.sources"),
    note: z.string().trim().max(1_000, "form.assumptions.noteLong").default(""),
  }),
);
export type AssumptionForm = z.infer<typeof assumptionFormSchema>;

export function assumptionFromForm(form: AssumptionForm): CarrierAssumption {
  return {
    carrier: form.carrier,
    minutesPerItem: form.minutesPerItem,
    transferFactor: form.transferFactor,
    masterGbPerHour: form.masterGbPerHour,
    masterFormat: form.masterFormat,
    accessGbPerHour: form.accessGbPerHour,
    accessFormat: form.accessFormat,
    degradationScore: form.degradationScore,
    obsolescenceScore: form.obsolescenceScore,
    certainty: {
      minutesPerItem: form.certaintyMinutes,
      transferFactor: form.certaintyFactor,
      masterGbPerHour: form.certaintyMaster,
      accessGbPerHour: form.certaintyAccess,
      scores: form.certaintyScores,
    },
    sources: form.sources,
    note: form.note,
  };
}
