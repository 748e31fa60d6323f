// Why a member is in their intervision group: the matcher's reasons as data (a code and its
// values), stored with the membership (intervision_member.reasons, jsonb) and said in the
// reader's language when a page shows them (issue #17). Shared by server and browser code.

import { institutionTypeLabel, type Locale, translate } from "#app/i18n/index.ts";
import { answerLabel } from "#app/modules/survey/questionnaire.ts";
import { topics } from "#app/modules/taxonomy.ts";

/** How many of the member's group-mates share it, of how many. */
interface Share {
  count: number;
  of: number;
}

export type MatchReason =
  /** Same institution type as `count` of the `of` group-mates; `type` as stored ("Archief"). */
  | ({ code: "sameType"; type: string } & Share)
  /** Needs the member shares with the group (topic keys). */
  | { code: "sharedNeeds"; topics: string[] }
  /** Needs of the member someone in the group offers help with. */
  | { code: "helpedWith"; topics: string[] }
  /** What the member offers that others in the group need. */
  | { code: "canHelp"; topics: string[] }
  | ({ code: "sameProvince"; province: string } & Share)
  /** AV staff band (the survey label, "1-5 fte"). */
  | ({ code: "similarSize"; band: string } & Share)
  /** Share digitised (the survey label, "25-50%"). */
  | ({ code: "similarMaturity"; band: string } & Share)
  | { code: "nothingShared" }
  /** Joined the group by asking, not through the matcher. */
  | { code: "admitted" }
  /** A reason from before they were stored as data that was not recognised: shown as it is. */
  | { code: "text"; text: string };

/** "Duurzame opslag" → "duurzame opslag"; acronyms keep their capitals ("AVG en privacy"). */
export function lowerLabel(label: string): string {
  return label
    .split(" ")
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(" ");
}

/** A band for reading: "1-5 fte" → "1–5 fte", "25-50%" → "25–50 %". */
export function bandLabel(band: string): string {
  return band.replace(/(\d)-(\d)/g, "$1–$2").replace(/(\d)%/g, "$1 %");
}

function topicList(keys: readonly string[], locale: Locale): string {
  return keys
    .map((key) => {
      const topic = topics.find((t) => t.key === key);
      return topic ? lowerLabel(topic[locale]) : key;
    })
    .join(", ");
}

/** A reason in the reader's language. */
export function reasonText(reason: MatchReason, locale: Locale): string {
  switch (reason.code) {
    case "sameType":
      return translate(locale, "intervisie.reason.sameType", {
        type: institutionTypeLabel(locale, reason.type).toLowerCase(),
        count: reason.count,
        of: reason.of,
      });
    case "sharedNeeds":
      return translate(locale, "intervisie.reason.sharedNeeds", { topics: topicList(reason.topics, locale) });
    case "helpedWith":
      return translate(locale, "intervisie.reason.helpedWith", { topics: topicList(reason.topics, locale) });
    case "canHelp":
      return translate(locale, "intervisie.reason.canHelp", { topics: topicList(reason.topics, locale) });
    case "sameProvince":
      return translate(locale, "intervisie.reason.sameProvince", {
        province: reason.province,
        count: reason.count,
        of: reason.of,
      });
    case "similarSize":
      return translate(locale, "intervisie.reason.similarSize", {
        band: bandLabel(answerLabel(reason.band, locale)),
        count: reason.count,
        of: reason.of,
      });
    case "similarMaturity":
      return translate(locale, "intervisie.reason.similarMaturity", {
        band: bandLabel(answerLabel(reason.band, locale)),
        count: reason.count,
        of: reason.of,
      });
    case "nothingShared":
      return translate(locale, "intervisie.reason.nothingShared");
    case "admitted":
      return translate(locale, "intervisie.reason.admitted");
    case "text":
      return reason.text;
  }
}
