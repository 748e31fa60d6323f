// The fact box of a carrier guide as form fields (`carrier.<field>`, lists as rows,
// `carrier.cite.<field>` per field), to and from the stored `carrier` data (model.ts), with a
// message per field in the page's language. Shared by the editor's server code and its form (no data access).

import { stringify as stringifyYaml } from "yaml";
import { defaultLocale, type Locale, type MessageKey, translate, translator } from "#app/i18n/index.ts";
import { formValues } from "#app/lib/forms.ts";
import { type OpenClaim, openClaims, parseFactCite } from "./claims.ts";
import {
  type CarrierFacts,
  carrierSchema,
  degradationRisks,
  forms,
  media,
  riskLevels,
  sizeKeys,
} from "./model.ts";

/** The fields of the fact box in the order the form (and the seed files) show them. */
export const carrierFieldOrder = [
  "names",
  "aliases",
  "medium",
  "form",
  "size",
  "sizeKey",
  "markings",
  "lookalikes",
  "yearsFrom",
  "yearsTo",
  "recognition",
  "risks",
  "degradationScore",
  "playback",
  "obsolescenceScore",
  "handling",
  "preservationFormat",
  "accessFormat",
  "riskLevel",
  "riskReason",
  "minutesPerItem",
] as const;
export type CarrierField = (typeof carrierFieldOrder)[number];

/** Fields that are lists of free text, shown as rows that can be added and removed. */
export const carrierListFields = [
  "names.nl",
  "names.en",
  "aliases",
  "markings",
  "lookalikes",
  "handling",
] as const;
export type CarrierListField = (typeof carrierListFields)[number];

const scalarFields = [
  "medium",
  "form",
  "size",
  "sizeKey",
  "yearsFrom",
  "yearsTo",
  "recognition",
  "degradationScore",
  "playback",
  "obsolescenceScore",
  "preservationFormat",
  "accessFormat",
  "riskLevel",
  "riskReason",
  "minutesPerItem",
] as const;
export type CarrierScalarField = (typeof scalarFields)[number];

/** The fact box as typed: every value a string, lists as rows (empty rows kept). */
export interface CarrierFields {
  values: Record<CarrierScalarField, string>;
  lists: Record<CarrierListField, string[]>;
  /** The chosen degradation risks (checkboxes). */
  risks: string[];
  /** Per field: its citations, "@key" or "@key, locator" or "?" (to be checked), separated by ";". */
  cite: Record<string, string>;
  /** The stored order of the cited fields, so that a saved file differs only where it changed. */
  citeOrder: string[];
}

/** Separator of several citations of one field in its form field. */
export const citeSeparator = "; ";

export function emptyCarrierFields(): CarrierFields {
  return {
    values: Object.fromEntries(scalarFields.map((f) => [f, ""])) as Record<CarrierScalarField, string>,
    lists: Object.fromEntries(carrierListFields.map((f) => [f, [""]])) as Record<CarrierListField, string[]>,
    risks: [],
    cite: {},
    citeOrder: [],
  };
}

/** The stored facts as form fields; each list gets one empty row to type in. */
export function carrierToFields(facts: CarrierFacts | undefined): CarrierFields {
  const fields = emptyCarrierFields();
  if (!facts) return fields;
  for (const f of scalarFields) {
    const v = facts[f];
    fields.values[f] = v === null || v === undefined ? "" : String(v);
  }
  const listValues: Record<CarrierListField, string[]> = {
    "names.nl": facts.names.nl,
    "names.en": facts.names.en,
    aliases: facts.aliases,
    markings: facts.markings,
    lookalikes: facts.lookalikes,
    handling: facts.handling,
  };
  for (const f of carrierListFields) fields.lists[f] = [...listValues[f], ""];
  fields.risks = [...facts.risks];
  for (const [field, list] of Object.entries(facts.cite ?? {})) fields.cite[field] = list.join(citeSeparator);
  fields.citeOrder = Object.keys(facts.cite ?? {});
  return fields;
}

/** The form's `carrier.*` entries as typed (nothing trimmed or dropped, so an error loses nothing). */
export function carrierFieldsFromForm(form: FormData): CarrierFields {
  const fields = emptyCarrierFields();
  const lists = [...carrierListFields, "risks"].map((f) => `carrier.${f}`);
  const sent = formValues(form, { arrays: lists });
  const text = (k: string) => {
    const v = sent[k];
    return typeof v === "string" ? v : "";
  };
  const all = (k: string) => sent[k] as string[];
  for (const f of scalarFields) fields.values[f] = text(`carrier.${f}`);
  for (const f of carrierListFields) {
    const rows = all(`carrier.${f}`);
    fields.lists[f] = rows.length ? rows : [""];
  }
  fields.risks = all("carrier.risks");
  fields.citeOrder = text("carrier.citeOrder").split(",").filter(Boolean);
  for (const [name, value] of Object.entries(sent)) {
    if (name.startsWith("carrier.cite.") && typeof value === "string") {
      fields.cite[name.slice("carrier.cite.".length)] = value;
    }
  }
  return fields;
}

/** The citations typed in one field, split. */
export function splitCites(text: string): string[] {
  return text
    .split(";")
    .map((c) => c.trim())
    .filter(Boolean);
}

const isSlug = (s: string) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);
const rows = (list: string[]) => list.map((r) => r.trim()).filter(Boolean);

/** A whole number from what was typed, or null. */
function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * Validates the fact box; errors under `carrier.<field>` (and `carrier.cite.<field>`), in the
 * locale (Dutch when not given). `registry` tells which source keys exist; `cite` entries must
 * name one of them.
 */
export function parseCarrierFields(
  fields: CarrierFields,
  registry?: { has(key: string): boolean },
  locale: Locale = defaultLocale,
): { ok: true; value: CarrierFacts } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const t = translator(locale);
  const v = fields.values;
  const fail = (field: string, message: string) => {
    errors[`carrier.${field}`] ??= message;
  };

  const namesNl = rows(fields.lists["names.nl"]);
  const namesEn = rows(fields.lists["names.en"]);
  if (!namesNl.length) fail("names.nl", t("form.carrier.namesNl"));
  if (!namesEn.length) fail("names.en", t("form.carrier.namesEn"));
  const lookalikes = rows(fields.lists.lookalikes);
  const badSlug = lookalikes.find((s) => !isSlug(s));
  if (badSlug) fail("lookalikes", t("form.carrier.lookalike", { slug: badSlug }));
  if (!(media as readonly string[]).includes(v.medium)) fail("medium", t("form.carrier.medium"));
  if (!(forms as readonly string[]).includes(v.form)) fail("form", t("form.carrier.form"));
  if (!v.size.trim()) fail("size", t("form.carrier.size"));
  if (!(sizeKeys as readonly string[]).includes(v.sizeKey)) fail("sizeKey", t("form.carrier.sizeKey"));
  const yearsFrom = wholeNumber(v.yearsFrom);
  if (yearsFrom === null || yearsFrom < 1850 || yearsFrom > 2100)
    fail("yearsFrom", t("form.carrier.yearsFrom"));
  let yearsTo: number | null = null;
  if (v.yearsTo.trim()) {
    yearsTo = wholeNumber(v.yearsTo);
    if (yearsTo === null || yearsTo < 1850 || yearsTo > 2100) fail("yearsTo", t("form.carrier.yearsTo"));
    else if (yearsFrom !== null && yearsTo < yearsFrom)
      fail("yearsTo", t("form.carrier.yearsOrder", { from: yearsFrom }));
  }
  const required: [CarrierScalarField, MessageKey][] = [
    ["recognition", "form.carrier.recognition"],
    ["playback", "form.carrier.playback"],
    ["preservationFormat", "form.carrier.preservationFormat"],
    ["accessFormat", "form.carrier.accessFormat"],
    ["riskReason", "form.carrier.riskReason"],
  ];
  for (const [field, key] of required) if (!v[field].trim()) fail(field, translate(locale, key));
  const badRisk = fields.risks.find((r) => !(degradationRisks as readonly string[]).includes(r));
  if (badRisk) fail("risks", t("form.carrier.risk", { risk: badRisk }));
  const scores = (["degradationScore", "obsolescenceScore"] as const).map((field) => {
    const n = wholeNumber(v[field]);
    if (n === null || n < 1 || n > 5) fail(field, t("form.carrier.score"));
    return n;
  });
  if (!(riskLevels as readonly string[]).includes(v.riskLevel))
    fail("riskLevel", t("form.carrier.riskLevel"));
  const minutesText = v.minutesPerItem.trim().replace(",", ".");
  const minutes = /^\d+(\.\d+)?$/.test(minutesText) ? Number(minutesText) : Number.NaN;
  if (!(minutes > 0 && minutes <= 10_000)) fail("minutesPerItem", t("form.carrier.minutes"));

  const cite: Record<string, string[]> = {};
  const citeFields = [
    ...fields.citeOrder.filter((f) => f in fields.cite),
    ...Object.keys(fields.cite).filter((f) => !fields.citeOrder.includes(f)),
  ];
  for (const field of citeFields) {
    const text = fields.cite[field] ?? "";
    const list = splitCites(text);
    for (const entry of list) {
      const parsed = parseFactCite(entry);
      if (!parsed) {
        fail(`cite.${field}`, t("form.carrier.cite", { entry }));
      } else if (parsed.key !== "?" && registry && !registry.has(parsed.key)) {
        fail(`cite.${field}`, t("form.carrier.unknownSource", { key: parsed.key }));
      }
    }
    if (list.length) cite[field] = list;
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const facts = carrierSchema.safeParse({
    names: { nl: namesNl, en: namesEn },
    aliases: rows(fields.lists.aliases),
    medium: v.medium,
    form: v.form,
    size: v.size.trim(),
    sizeKey: v.sizeKey,
    markings: rows(fields.lists.markings),
    lookalikes,
    yearsFrom,
    yearsTo,
    recognition: v.recognition.trim(),
    risks: fields.risks,
    degradationScore: scores[0],
    playback: v.playback.trim(),
    obsolescenceScore: scores[1],
    handling: rows(fields.lists.handling),
    preservationFormat: v.preservationFormat.trim(),
    accessFormat: v.accessFormat.trim(),
    riskLevel: v.riskLevel,
    riskReason: v.riskReason.trim(),
    minutesPerItem: minutes,
    ...(Object.keys(cite).length ? { cite } : {}),
  });
  if (!facts.success) {
    // Every rule above is checked first; this is a safety net with a plain message per field.
    for (const i of facts.error.issues) fail(i.path.map(String).slice(0, 2).join("."), t("form.invalid"));
    return { ok: false, errors };
  }
  return { ok: true, value: facts.data };
}

/** Adds an empty row to a list (the "Regel toevoegen" button without JavaScript). */
export function addRow(fields: CarrierFields, list: string): CarrierFields {
  if (!(carrierListFields as readonly string[]).includes(list)) return fields;
  const key = list as CarrierListField;
  return { ...fields, lists: { ...fields.lists, [key]: [...fields.lists[key], ""] } };
}

/** Removes a row from a list (the "Verwijderen" button without JavaScript); one empty row stays. */
export function removeRow(fields: CarrierFields, list: string, index: number): CarrierFields {
  if (!(carrierListFields as readonly string[]).includes(list)) return fields;
  const key = list as CarrierListField;
  const kept = fields.lists[key].filter((_, i) => i !== index);
  return { ...fields, lists: { ...fields.lists, [key]: kept.length ? kept : [""] } };
}

/** The open "te controleren" claims of a form as typed: the body's `[@?]` and the fact box's "?". */
export function openClaimsOfForm(body: string, carrier: CarrierFields): OpenClaim[] {
  const cite: Record<string, string[]> = {};
  for (const [field, text] of Object.entries(carrier.cite)) {
    const list = splitCites(text);
    if (list.length) cite[field] = list;
  }
  return openClaims(body, { cite });
}

/**
 * The fields of two fact boxes that differ, as text (before, after), for a word diff that shows
 * only what changed. Both empty when nothing changed.
 */
export function carrierChangeTexts(
  before: CarrierFacts | undefined | null,
  after: CarrierFacts | undefined | null,
): [string, string] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const part = (o: Record<string, unknown>, k: string) =>
    o[k] === undefined ? "" : stringifyYaml({ [k]: o[k] }, { lineWidth: 0 });
  const changed = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return [changed.map((k) => part(a, k)).join(""), changed.map((k) => part(b, k)).join("")];
}
