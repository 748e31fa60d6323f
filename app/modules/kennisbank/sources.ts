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
    key: z.string().regex(sourceKeyPattern, "form.source.key"),
    title: text.max(300),
    publisher: text.max(200).optional(),
    year: z.coerce.string().trim().min(1).max(40).optional(),
    url: z.string().url().refine(isHttpUrl, "form.source.url").optional(),
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
  .refine((s) => s.url || s.where, { message: "form.source.where" });
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

/** Where a citation of a source links to: the source's own page (/bronnen/<key>). */
export const sourceHref = (key: string) => `/bronnen/${encodeURIComponent(key)}`;

/** How many sources one page of /bronnen lists. */
export const SOURCES_PER_PAGE = 40;

/** Lower case without accents, for matching what someone typed in the sources' search box. */
function folded(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

interface Listable {
  key: string;
  kind: string;
  title: string;
  publisher: string | null;
  description: string | null;
  where: string | null;
}

/**
 * One page of the registry (in the order given): of one kind and matching every word of `q` (in
 * title, publisher, key, description or where to find it), page `page` (from 1), or the page that
 * holds the source `bron` when it is among them.
 */
export function pageOfSources<T extends Listable>(
  all: T[],
  options: { kind?: string; q?: string; page?: number; bron?: string; perPage?: number },
): { matching: number; page: number; pages: number; sources: T[] } {
  const perPage = options.perPage ?? SOURCES_PER_PAGE;
  const words = folded(options.q ?? "")
    .split(/\s+/)
    .filter(Boolean);
  const matching = all.filter(
    (s) =>
      (!options.kind || s.kind === options.kind) &&
      (!words.length ||
        words.every((w) =>
          folded([s.title, s.publisher, s.key, s.description, s.where].filter(Boolean).join(" ")).includes(w),
        )),
  );
  const pages = Math.max(1, Math.ceil(matching.length / perPage));
  const at = options.bron ? matching.findIndex((s) => s.key === options.bron) : -1;
  const asked = at >= 0 ? Math.floor(at / perPage) + 1 : Math.trunc(options.page ?? 1);
  const page = Number.isFinite(asked) ? Math.min(pages, Math.max(1, asked)) : 1;
  return {
    matching: matching.length,
    page,
    pages,
    sources: matching.slice((page - 1) * perPage, page * perPage),
  };
}

/**
 * The `lang` attribute for a source's own words (its title, its publisher): the registry's
 * language when it is one language (`nl`, `en`, `fr`, `de`). A source in several languages
 * (`multi`: an EU regulation, Wikipedia in two languages) is registered by the title of its Dutch
 * version or a Dutch description (db/seed/content/README.md), so that is Dutch.
 */
export function contentLang(language: string | null | undefined): string | undefined {
  if (language === "multi") return "nl";
  return language && /^[a-z]{2}$/.test(language) ? language : undefined;
}
