import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { z } from "zod";
import { unknownCitations } from "./claims.ts";
import type { SourceLookup } from "./front-matter.server.ts";
import { type ArticleData, articleDataSchema, carrierSchema, contentLocales } from "./model.ts";

/** The edit form's fields as strings, so that a refused or conflicting form comes back as typed. */
export interface EditFields {
  locale: string;
  baseRevisionId: string;
  title: string;
  summary: string;
  body: string;
  topics: string[];
  institutionTypes: string[];
  needsReview: boolean;
  uncertain: string;
  sources: string;
  related: string;
  carrier: string;
  note: string;
}

export function fieldsFromRevision(
  rev: { title: string; summary: string; body: string; data: ArticleData },
  locale: string,
  baseRevisionId: number | null,
): EditFields {
  return {
    locale,
    baseRevisionId: baseRevisionId === null ? "" : String(baseRevisionId),
    title: rev.title,
    summary: rev.summary,
    body: rev.body,
    topics: rev.data.topics,
    institutionTypes: rev.data.institutionTypes,
    needsReview: rev.data.needsReview,
    uncertain: rev.data.uncertain.join("\n"),
    // A registered source by its key; an old-style one as "title | url".
    sources: rev.data.sources.map((s) => s.key ?? (s.url ? `${s.title} | ${s.url}` : s.title)).join("\n"),
    related: rev.data.related.join(", "),
    carrier: rev.data.carrier ? stringifyYaml(rev.data.carrier, { lineWidth: 0 }) : "",
    note: "",
  };
}

export function fieldsFromForm(form: FormData): EditFields {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    locale: str("locale"),
    baseRevisionId: str("baseRevisionId"),
    title: str("title"),
    summary: str("summary"),
    body: str("body"),
    topics: form.getAll("topics").filter((v): v is string => typeof v === "string"),
    institutionTypes: form.getAll("institutionTypes").filter((v): v is string => typeof v === "string"),
    needsReview: str("needsReview") === "ja",
    uncertain: str("uncertain"),
    sources: str("sources"),
    related: str("related"),
    carrier: str("carrier"),
    note: str("note"),
  };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const headSchema = z.object({
  locale: z.enum(contentLocales),
  title: z.string().trim().min(1, "Vul een titel in.").max(200, "Een titel mag hooguit 200 tekens hebben."),
  summary: z
    .string()
    .trim()
    .min(1, "Vul een samenvatting in.")
    .max(600, "Een samenvatting mag hooguit 600 tekens hebben."),
  body: z.string().trim().min(1, "De tekst mag niet leeg zijn.").max(200_000),
  note: z.string().max(500).default(""),
});

/** Validates the edit form; errors per field, in Dutch. */
export function parseEditFields(
  fields: EditFields,
  kind: string,
  registry?: SourceLookup,
):
  | {
      ok: true;
      value: {
        locale: "nl" | "en";
        title: string;
        summary: string;
        body: string;
        note: string;
        data: ArticleData;
        baseRevisionId: number | null;
      };
    }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const head = headSchema.safeParse(fields);
  if (!head.success) for (const i of head.error.issues) errors[String(i.path[0])] ??= i.message;

  let carrier: unknown;
  if (kind === "drager") {
    try {
      const raw = parseYaml(fields.carrier);
      const parsed = carrierSchema.safeParse(raw);
      if (parsed.success) carrier = parsed.data;
      else
        errors.carrier = `Feitenblok: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
    } catch (error) {
      errors.carrier = `Feitenblok is geen geldige YAML: ${(error as Error).message.split("\n")[0]}`;
    }
  }
  const sources = lines(fields.sources).map((line) => {
    const registered = registry?.get(line);
    if (registered)
      return { key: line, title: registered.title, ...(registered.url ? { url: registered.url } : {}) };
    const [title, url] = line.split(/\s+\|\s+/);
    return url ? { title: title!.trim(), url: url.trim() } : { title: line };
  });
  if (registry) {
    const unknown = unknownCitations(fields.body, registry);
    if (unknown.length)
      errors.body = `Onbekende bron in de tekst: ${unknown.map((k) => `[@${k}]`).join(", ")}. Voeg de bron eerst toe aan de bronnenlijst.`;
  }
  const data = articleDataSchema.safeParse({
    topics: fields.topics,
    institutionTypes: fields.institutionTypes,
    needsReview: fields.needsReview,
    uncertain: lines(fields.uncertain),
    sources,
    related: fields.related
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    carrier,
  });
  if (!data.success) {
    for (const i of data.error.issues) {
      const key = String(i.path[0]);
      errors[key] ??=
        key === "sources" && i.path.length > 1 ? `Bron ${Number(i.path[1]) + 1}: ${i.message}` : i.message;
    }
  }
  const base = fields.baseRevisionId ? Number(fields.baseRevisionId) : null;
  if (base !== null && !Number.isInteger(base)) errors.form = "Ongeldige versie.";
  if (Object.keys(errors).length || !head.success || !data.success) return { ok: false, errors };
  return {
    ok: true,
    value: { ...head.data, data: data.data, baseRevisionId: base },
  };
}
