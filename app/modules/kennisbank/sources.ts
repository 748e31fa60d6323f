// The source registry: every source the kennisbank cites, once (db/seed/content/README.md).
import { z } from "zod";

export const sourceKinds = [
  "standard",
  "guideline",
  "law",
  "report",
  "manual",
  "website",
  "article",
  "book",
  "forum",
] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const sourceKeyPattern = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

const text = z.string().trim().min(1);
const isHttp = (url: string) => /^https?:\/\//i.test(url);

export const registrySourceSchema = z
  .object({
    key: z
      .string()
      .regex(sourceKeyPattern, "Een bronsleutel bestaat uit kleine letters, cijfers, '-' en '.'."),
    title: text.max(300),
    publisher: text.max(200).optional(),
    year: z.coerce.string().trim().min(1).max(40).optional(),
    url: z.string().url().refine(isHttp, "Alleen http(s)-adressen.").optional(),
    kind: z.enum(sourceKinds),
    language: z.enum(["nl", "en", "fr", "de", "multi"]),
    accessed: z
      .union([z.date(), z.string()])
      .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
      .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .optional(),
    /** The sector's own knowledge sources (shown first on /bronnen). */
    sector: z.boolean().default(false),
    /** Where to find a source that has no URL (a standard's number, a library). */
    where: text.max(400).optional(),
    description: text.max(1000).optional(),
  })
  .strict()
  .refine((s) => s.url || s.where, { message: "Een bron zonder URL zegt waar hij te vinden is (where)." });
export type RegistrySource = z.infer<typeof registrySourceSchema>;

/** A citation in an article body: `[@key]`, `[@key, locator]`, `[@?]` or `[@?, note]` (to be checked). */
export const citationPattern = /\[@(\?|[a-z0-9]+(?:[-.][a-z0-9]+)*)(?:,\s*([^\]]*))?\]/g;
