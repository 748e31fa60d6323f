// The one way a submitted form is read and checked (decision 017). A zod schema says what a
// form must hold and which message each mistake gets, as a key of the dictionary
// (`form.<area>.<what>`); `parseForm` turns the FormData into values for it and the failures
// into messages in the page's language (`options.locale`), keyed by field name, shown with
// `fieldIds`/`FieldError` from app/components/forms.tsx. Routes do not call `safeParse` or read
// fields by hand (tests/unit/forms.test.ts checks that). Plain TypeScript and zod, so modules
// shared with the browser may use it too.
import { defaultErrorMap, type z } from "zod";
import { defaultLocale, type Locale, type MessageKey, translate } from "#app/i18n/index.ts";
import { nl } from "#app/i18n/nl.ts";
import type { LaterMessage } from "./errors.ts";

/** Messages by field name; `form` is the message for the form as a whole. */
export type FormErrors = Record<string, string>;

export type ParsedForm<T> =
  | { ok: true; value: T }
  /** `message` is the first message, for forms that show one message above the form. */
  | { ok: false; errors: FormErrors; message: string };

/** A submitted form, or the query of a GET form. */
export type Sent = FormData | URLSearchParams;

export interface FormOptions {
  /** Fields that may be sent more than once (checkboxes, multiple selects): always a list. */
  arrays?: readonly string[];
  /** Lists whose rows are named in their messages: `{ sources: "Bron" }` gives "Bron 2: …". */
  rows?: Readonly<Record<string, MessageKey>>;
  /** The language of the messages: the page's (`localeFromRequest`), Dutch when not given. */
  locale?: Locale;
}

/**
 * An issue's message in the locale. A schema names a dictionary key; a message that is no key
 * (one the schema built with `t(…)` already) is shown as it is. A custom issue may carry the
 * key's placeholders in `params`; a size issue gives its bound as `count`.
 */
export function issueMessage(issue: z.ZodIssue, locale: Locale): string {
  if (!Object.hasOwn(nl, issue.message)) return issue.message;
  return translate(locale, issue.message as MessageKey, issueParams(issue) as { count: number });
}

function issueParams(issue: z.ZodIssue): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (issue.code === "too_small") params.count = Number(issue.minimum);
  if (issue.code === "too_big") params.count = Number(issue.maximum);
  if (issue.code === "custom") Object.assign(params, issue.params);
  return params;
}

/**
 * An issue as a message to say later (a problem in an imported file): the schema's key with its
 * parameters, or `form.invalid` for a mistake the schema gives no key for (zod's own message).
 */
export function issueAsMessage(issue: z.ZodIssue): LaterMessage {
  if (!Object.hasOwn(nl, issue.message)) return { key: "form.invalid" };
  return { key: issue.message as MessageKey, params: issueParams(issue) };
}

/**
 * The message for a mistake the schema gives no message for: zod's own defaults are English
 * and technical ("String must contain at most 254 character(s)") and would reach the page. A
 * message the schema gives (also through its own `errorMap`) is kept.
 */
const fallbackMessages: z.ZodErrorMap = (issue, ctx) => {
  const zodDefault = defaultErrorMap(issue, { ...ctx, defaultError: "" }).message;
  return { message: ctx.defaultError === zodDefault ? "form.invalid" : ctx.defaultError };
};

/**
 * The text fields of a form. A field named in `arrays` is the list of every value sent (empty
 * when none); any other field is its last value, as `Object.fromEntries` would give. Files are
 * left out: an upload is read by the route that takes it.
 */
export function formValues(form: Sent): Record<string, string>;
export function formValues(form: Sent, options: FormOptions): Record<string, string | string[]>;
export function formValues(form: Sent, { arrays = [] }: FormOptions = {}): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of arrays) values[name] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const list = values[key];
    if (arrays.includes(key) && Array.isArray(list)) list.push(value);
    else values[key] = value;
  }
  return values;
}

/**
 * Named fields of a form as sent, for showing them again or reshaping them before the schema:
 * each text field a string ("" when not sent), each list field every value sent.
 */
export function formFields<T extends string, A extends string = never>(
  form: Sent,
  texts: readonly T[],
  lists: readonly A[] = [],
): Record<T, string> & Record<A, string[]> {
  const sent = formValues(form, { arrays: lists });
  const fields: Record<string, string | string[]> = {};
  for (const name of texts) fields[name] = typeof sent[name] === "string" ? sent[name] : "";
  for (const name of lists) fields[name] = sent[name] ?? [];
  return fields as Record<T, string> & Record<A, string[]>;
}

/** One text field ("" when it was not sent), such as the `intent` of the button pressed. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** The `intent` of the submit button pressed ("" when none). */
export function formIntent(form: FormData): string {
  return formText(form, "intent");
}

/** The uploaded files of a file field, leaving out an empty choice (a form sent without a file). */
export function formFiles(form: FormData, name: string): File[] {
  return form.getAll(name).filter((value): value is File => typeof value !== "string" && value.size > 0);
}

/** The first message per field of a failed parse; an issue without a field is the form's. */
export function issueErrors(
  error: z.ZodError,
  rows: FormOptions["rows"] = {},
  locale: Locale = defaultLocale,
): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    const row = rows[key];
    const index = issue.path[1];
    const message = issueMessage(issue, locale);
    errors[key] ??=
      row && typeof index === "number" ? `${translate(locale, row)} ${index + 1}: ${message}` : message;
  }
  return errors;
}

/**
 * Checks a submitted form (or values already gathered from one) against a zod schema: the
 * parsed value, or the first message per field and the first message overall.
 */
export function parseForm<T extends z.ZodTypeAny>(
  schema: T,
  form: Sent | object,
  options: FormOptions = {},
): ParsedForm<z.output<T>> {
  const raw = form instanceof FormData || form instanceof URLSearchParams ? formValues(form, options) : form;
  const result = schema.safeParse(raw, { errorMap: fallbackMessages });
  if (result.success) return { ok: true, value: result.data };
  const locale = options.locale ?? defaultLocale;
  const first = result.error.issues[0];
  return {
    ok: false,
    errors: issueErrors(result.error, options.rows, locale),
    message: first ? issueMessage(first, locale) : "",
  };
}
