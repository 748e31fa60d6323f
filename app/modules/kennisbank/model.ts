// The kennisbank's vocabulary and the article data shared by server and browser (no data access).
import { z } from "zod";
import { institutionTypes, topics } from "../taxonomy.ts";
import { isHttpUrl } from "../urls.ts";

export const articleKinds = ["drager", "juridisch", "praktijk", "wegwijzer"] as const;
export type ArticleKind = (typeof articleKinds)[number];

export const kindLabels: Record<ArticleKind, { nl: string; en: string }> = {
  drager: { nl: "Dragergids", en: "Carrier guide" },
  juridisch: { nl: "Juridische gids", en: "Legal guide" },
  praktijk: { nl: "Praktijkgids", en: "Practice guide" },
  wegwijzer: { nl: "Wegwijzer", en: "Signpost" },
};

export const revisionStatuses = ["draft", "in_review", "published", "superseded", "rejected"] as const;
export type RevisionStatus = (typeof revisionStatuses)[number];

export const contentLocales = ["nl", "en"] as const;
export type ContentLocale = (typeof contentLocales)[number];

export const media = ["audio", "video", "film", "audio+video", "data"] as const;
export const forms = [
  "spoel",
  "cassette",
  "schijf",
  "draadspoel",
  "filmrol",
  "cilinder",
  "kaart",
  "schijfeenheid",
] as const;
export const riskLevels = ["laag", "middel", "hoog", "zeer_hoog"] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskRank: Record<RiskLevel, number> = { laag: 1, middel: 2, hoog: 3, zeer_hoog: 4 };
export const degradationRisks = [
  "sticky_shed",
  "azijnsyndroom",
  "nitraatontleding",
  "schimmel",
  "kleurverval",
  "discrot",
  "smeermiddelverlies",
  "delaminatie",
  "breuk",
  "vervorming",
  "drop-outs",
] as const;
export const sizeKeys = [
  "3.8mm",
  "6.35mm",
  "8mm",
  "12.7mm",
  "19mm",
  "25mm",
  "50mm",
  "disc-6.4cm",
  "disc-12cm",
  "disc-17.5cm",
  "disc-20cm",
  "disc-25cm",
  "disc-30cm",
  "film-8mm",
  "film-9.5mm",
  "film-16mm",
  "film-35mm",
  "film-17.5mm",
  "film-28mm",
  "film-70mm",
  "disc-8cm",
  "cylinder",
  "belt",
  "card",
  "drive",
  "wire",
] as const;

const topicKeys = topics.map((t) => t.key) as [string, ...string[]];
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugSchema = z.string().regex(slugPattern, "form.article.slug").max(100);

const text = z.string().trim().min(1);

export const carrierSchema = z.object({
  names: z.object({ nl: z.array(text).min(1), en: z.array(text).min(1) }),
  aliases: z.array(z.coerce.string().trim().min(1)).default([]),
  medium: z.enum(media),
  form: z.enum(forms),
  size: text,
  sizeKey: z.enum(sizeKeys),
  markings: z.array(z.coerce.string().trim().min(1)).default([]),
  lookalikes: z.array(slugSchema).default([]),
  yearsFrom: z.number().int().min(1850).max(2100),
  yearsTo: z.number().int().min(1850).max(2100).nullable().default(null),
  recognition: text,
  risks: z.array(z.enum(degradationRisks)).default([]),
  degradationScore: z.number().int().min(1).max(5),
  playback: text,
  obsolescenceScore: z.number().int().min(1).max(5),
  handling: z.array(text).default([]),
  preservationFormat: text,
  accessFormat: text,
  riskLevel: z.enum(riskLevels),
  riskReason: text,
  minutesPerItem: z.number().positive().max(10_000),
  /**
   * Per fact-box field, what backs it: citations "@key" or "@key, locator" of the source
   * registry, "?" for still to be checked (db/seed/content/README.md).
   */
  cite: z.record(z.string(), z.array(z.string().trim().min(1))).optional(),
});
export type CarrierFacts = z.infer<typeof carrierSchema>;

/** A source of an article: an entry of the source registry (`key`) or, in old files, a title and URL. */
export const sourceSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/)
    .optional(),
  title: text,
  url: z.string().trim().refine(isHttpUrl, "form.article.sourceUrl").optional(),
});

/** Everything about an article version except slug, locale, title, summary and body. */
export const articleDataSchema = z.object({
  topics: z.array(z.enum(topicKeys)).min(1, "form.article.topics"),
  institutionTypes: z.array(z.enum(institutionTypes)).default([]),
  // No lastReviewed: a file's date is ignored; only a moderator's review (article_review) sets one.
  needsReview: z.boolean().default(false),
  uncertain: z.array(text).default([]),
  sources: z.array(sourceSchema).min(1, "form.article.sources"),
  related: z.array(slugSchema).default([]),
  carrier: carrierSchema.optional(),
});
export type ArticleData = z.infer<typeof articleDataSchema>;

export const articleContentSchema = z
  .object({
    slug: slugSchema,
    locale: z.enum(contentLocales),
    kind: z.enum(articleKinds),
    title: text.max(200),
    summary: text.max(600),
    body: z.string().max(200_000),
  })
  .and(articleDataSchema)
  .superRefine((v, ctx) => {
    if (v.kind === "drager" && !v.carrier) {
      ctx.addIssue({
        code: "custom",
        path: ["carrier"],
        message: "form.article.carrierNeeded",
      });
    }
    if (v.kind !== "drager" && v.carrier) {
      ctx.addIssue({
        code: "custom",
        path: ["carrier"],
        message: "form.article.carrierOnly",
      });
    }
  });
export type ArticleContent = z.infer<typeof articleContentSchema>;

export function splitContent(content: ArticleContent): {
  head: {
    slug: string;
    locale: ContentLocale;
    kind: ArticleKind;
    title: string;
    summary: string;
    body: string;
  };
  data: ArticleData;
} {
  const { slug, locale, kind, title, summary, body, ...data } = content;
  return { head: { slug, locale, kind, title, summary, body }, data };
}
