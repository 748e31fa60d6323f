import { z } from "zod";
import { defaultLocale, type Locale, translate } from "#app/i18n/index.ts";
import type { ErrorMessage } from "#app/lib/errors.ts";
import { formFields, parseForm } from "#app/lib/forms.ts";
import {
  type CarrierFields,
  carrierFieldsFromForm,
  carrierToFields,
  citeSeparator,
  openClaimsOfForm,
  parseCarrierFields,
  splitCites,
} from "./carrier-form.ts";
import { citationsIn, parseFactCite, resolveClaim, unknownCitations } from "./claims.ts";
import type { SourceLookup } from "./front-matter.server.ts";
import { type ArticleData, articleDataSchema, contentLocales } from "./model.ts";

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
  /** The fact box of a carrier guide, field by field (`carrier.<field>` in the form). */
  carrier: CarrierFields;
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
    carrier: carrierToFields(rev.data.carrier),
    note: "",
  };
}

export function fieldsFromForm(form: FormData): EditFields {
  const sent = formFields(
    form,
    [
      "locale",
      "baseRevisionId",
      "title",
      "summary",
      "body",
      "needsReview",
      "uncertain",
      "sources",
      "related",
      "note",
    ],
    ["topics", "institutionTypes"],
  );
  return { ...sent, needsReview: sent.needsReview === "ja", carrier: carrierFieldsFromForm(form) };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const headSchema = z.object({
  locale: z.enum(contentLocales),
  title: z.string().trim().min(1, "form.editor.title").max(200, "form.editor.titleLong"),
  summary: z.string().trim().min(1, "form.editor.summary").max(600, "form.editor.summaryLong"),
  body: z.string().trim().min(1, "form.editor.body").max(200_000),
  note: z.string().max(500).default(""),
});

/** Validates the edit form; errors per field, in the locale (Dutch when not given). */
export function parseEditFields(
  fields: EditFields,
  kind: string,
  registry?: SourceLookup,
  locale: Locale = defaultLocale,
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
  const head = parseForm(headSchema, fields, { locale });
  if (!head.ok) Object.assign(errors, head.errors);

  let carrier: unknown;
  if (kind === "drager") {
    const parsed = parseCarrierFields(fields.carrier, registry, locale);
    if (parsed.ok) carrier = parsed.value;
    else Object.assign(errors, parsed.errors);
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
      errors.body = translate(locale, "form.editor.unknownSource", {
        keys: unknown.map((k) => `[@${k}]`).join(", "),
      });
  }
  const data = parseForm(
    articleDataSchema,
    {
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
    },
    { rows: { sources: "form.editor.sourceRow" }, locale },
  );
  if (!data.ok) for (const [key, message] of Object.entries(data.errors)) errors[key] ??= message;
  const base = fields.baseRevisionId ? Number(fields.baseRevisionId) : null;
  if (base !== null && !Number.isInteger(base)) errors.form = translate(locale, "form.editor.version");
  if (Object.keys(errors).length || !head.ok || !data.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { ...head.value, data: data.value, baseRevisionId: base },
  };
}

/** The open "te controleren" claims of the form as it stands: the body's `[@?]` and the fact box's "?". */
export const openClaimsOfFields = (fields: EditFields) => openClaimsOfForm(fields.body, fields.carrier);

/**
 * Resolves one open claim in the form (the moderator's checklist in the editor): cite a registered
 * source, or remove the flag. The result is the form with the change, not yet saved. Fails with a
 * message to say in the page's language when the claim is no longer where the checklist showed it.
 */
export function resolveClaimInFields(
  fields: EditFields,
  ref: string,
  expectedKey: string,
  action: { cite: { key: string; locator: string } } | { remove: true },
  registry: SourceLookup,
): { ok: true; fields: EditFields } | { ok: false; error: ErrorMessage } {
  const claim = openClaimsOfFields(fields).find((c) => c.ref === ref);
  if (!claim || claim.key !== expectedKey) {
    return { ok: false, error: { key: "error.editor.claimMoved" } };
  }
  if ("cite" in action) {
    const key = action.cite.key.trim();
    const locator = action.cite.locator.trim();
    if (!key) return { ok: false, error: { key: "error.kennisbank.chooseSource" } };
    if (!registry.get(key)) return { ok: false, error: { key: "error.kennisbank.chooseSource" } };
    if (locator.length > 200) return { ok: false, error: { key: "error.kennisbank.locatorTooLong" } };
    if (/[[\];]/.test(locator)) return { ok: false, error: { key: "error.editor.locatorChars" } };
    const marker = locator ? `@${key}, ${locator}` : `@${key}`;
    const sources = lines(fields.sources).includes(key)
      ? fields.sources
      : `${fields.sources.replace(/\s+$/, "")}\n${key}`.replace(/^\n/, "");
    if (claim.field) {
      const kept = splitCites(fields.carrier.cite[claim.field] ?? "").filter(
        (c) => parseFactCite(c)?.key !== "?",
      );
      return {
        ok: true,
        fields: {
          ...fields,
          sources,
          carrier: {
            ...fields.carrier,
            cite: { ...fields.carrier.cite, [claim.field]: [...kept, marker].join(citeSeparator) },
          },
        },
      };
    }
    const resolved = resolveClaim(fields.body, undefined, ref, key, locator);
    if (!resolved) return { ok: false, error: { key: "error.editor.claimGone" } };
    return { ok: true, fields: { ...fields, sources, body: resolved.body } };
  }
  // The claim holds without a source (common knowledge): the flag goes, the text stays.
  if (claim.field) {
    const kept = splitCites(fields.carrier.cite[claim.field] ?? "").filter(
      (c) => parseFactCite(c)?.key !== "?",
    );
    return {
      ok: true,
      fields: {
        ...fields,
        carrier: {
          ...fields.carrier,
          cite: { ...fields.carrier.cite, [claim.field]: kept.join(citeSeparator) },
        },
      },
    };
  }
  const n = Number(/^body:(\d+)$/.exec(ref)?.[1] ?? -1);
  const target = citationsIn(fields.body).filter((c) => c.key === "?")[n];
  if (!target) return { ok: false, error: { key: "error.editor.claimGone" } };
  const before = fields.body.slice(0, target.start).replace(/[ \t]+$/, "");
  return { ok: true, fields: { ...fields, body: `${before}${fields.body.slice(target.end)}` } };
}
