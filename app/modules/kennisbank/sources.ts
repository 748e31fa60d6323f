// The source registry: every source the kennisbank cites, once (db/seed/content/README.md).
import { z } from "zod";
import { isHttpUrl } from "../urls.ts";

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

export const registrySourceSchema = z
  .object({
    key: z
      .string()
      .regex(sourceKeyPattern, "Een bronsleutel bestaat uit kleine letters, cijfers, '-' en '.'."),
    title: text.max(300),
    publisher: text.max(200).optional(),
    year: z.coerce.string().trim().min(1).max(40).optional(),
    url: z.string().url().refine(isHttpUrl, "Alleen http(s)-adressen.").optional(),
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

/** The form's fields: strings, empty meaning "not given". */
export type SourceFields = Record<
  "key" | "title" | "publisher" | "year" | "url" | "where" | "kind" | "language" | "accessed" | "description",
  string
> & { sector: boolean };

/** The form's fields of a registry entry (or the empty form). */
export function sourceFieldsFrom(
  row: {
    key: string;
    title: string;
    publisher: string | null;
    year: string | null;
    url: string | null;
    where: string | null;
    kind: string;
    language: string;
    accessed: string | null;
    description: string | null;
    sector: boolean;
  } | null,
): SourceFields {
  return {
    key: row?.key ?? "",
    title: row?.title ?? "",
    publisher: row?.publisher ?? "",
    year: row?.year ?? "",
    url: row?.url ?? "",
    where: row?.where ?? "",
    kind: row?.kind ?? "website",
    language: row?.language ?? "nl",
    accessed: row?.accessed ?? "",
    description: row?.description ?? "",
    sector: row?.sector ?? false,
  };
}
