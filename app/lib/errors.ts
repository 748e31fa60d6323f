// One error model. A module refuses something the user asked with an AppError (or a subclass
// named after the module: KennisbankError, AccountError, GroupError, SessionError, ...): a
// message key from the dictionary (`error.<module>.<what>` in app/i18n/nl.ts) with its
// parameters, never a sentence, so the route can say it in the page's language (issue #17); the
// HTTP status a route answers with, and optionally the form field it belongs to. Routes handle
// every AppError the same way, in the locale of the request:
//
//   } catch (error) {
//     return errorResponse(error, locale, (message) => ({ error: message }));   // anything else is rethrown
//   }
//
// and throwAsResponse(error, locale) turns a 403/404 refusal into the error page. Anything that is not
// an AppError is a bug or an outage: it is rethrown, and the error boundary shows a page without
// a stack trace. `message` is the Dutch text, for logs, the command line and tests.
import { data } from "@remix-run/node";
import { type Locale, type MessageKey, translate } from "#app/i18n/index.ts";

/** The keys a refusal may carry: only the `error.` part of the dictionary. */
export type ErrorKey = Extract<MessageKey, `error.${string}`>;

/**
 * A message to say later, in the reader's language: a key of the dictionary and the values of
 * its `{name}`s. Kept (or stored) as data, said at the edge with errorText (a problem in an
 * imported file, a form message nested in it).
 */
export interface LaterMessage {
  key: MessageKey;
  params?: ErrorParams;
}

/** A refusal to say later: a key of the `error.` part of the dictionary and its values. */
export interface ErrorMessage extends LaterMessage {
  key: ErrorKey;
}

/**
 * Values for a message's placeholders; a value can itself be a message (a reason inside a
 * refusal), or a list of messages (said one after another).
 */
export type ErrorParams = Readonly<Record<string, string | number | LaterMessage | readonly LaterMessage[]>>;

/** The message in the locale, with nested messages said in the same locale. */
export function errorText(locale: Locale, message: LaterMessage): string {
  const { key, params } = message;
  if (!params) return translate(locale, key);
  const flat: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "object") flat[name] = value;
    else if (Array.isArray(value))
      flat[name] = value.map((m: LaterMessage) => errorText(locale, m)).join(" ");
    else flat[name] = errorText(locale, value as LaterMessage);
  }
  return translate(locale, key, flat as { count: number });
}

export interface AppErrorOptions {
  /** The HTTP status a route answers with (default 400). */
  status?: number;
  /** The form field the message belongs to; without one it is about the whole form. */
  field?: string;
  /** Values for the message's `{name}` placeholders. */
  params?: ErrorParams;
  /** Seconds to wait before trying again (a 429): sent as Retry-After. */
  retryAfter?: number;
}

export class AppError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  /** The stable identifier of the refusal: its message key. */
  readonly code: ErrorKey;
  readonly params: ErrorParams | undefined;
  readonly retryAfter: number | undefined;
  constructor(key: ErrorKey, options: AppErrorOptions = {}) {
    super(errorText("nl", { key, params: options.params }));
    this.name = new.target.name;
    this.status = options.status ?? 400;
    this.field = options.field;
    this.code = key;
    this.params = options.params;
    this.retryAfter = options.retryAfter;
  }

  /** The refusal in the reader's language. */
  text(locale: Locale): string {
    return errorText(locale, { key: this.code, params: this.params });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The text of the error page for a 403 or 404 (the route's own message stays on the server). */
const PAGE_TEXT = { 403: "error.page.forbidden", 404: "error.page.notFound" } as const satisfies Record<
  number,
  ErrorKey
>;

type PageStatus = keyof typeof PAGE_TEXT;

/**
 * The Response a loader or action throws for the error page of a 403 or 404, with a short text
 * in the page's language (it travels in the page's data, so an English page gets English).
 */
export function pageResponse(status: PageStatus, locale: Locale): Response {
  return new Response(translate(locale, PAGE_TEXT[status]), { status });
}

/** Throws a 403 or 404 AppError as the Response (error page) a loader or action answers with; rethrows anything else. */
export function throwAsResponse(error: unknown, locale: Locale): never {
  if (isAppError(error) && Object.hasOwn(PAGE_TEXT, error.status)) {
    throw pageResponse(error.status as PageStatus, locale);
  }
  throw error;
}

export interface ErrorResponseOptions {
  /** Answer with this status instead of the error's own. */
  status?: number;
  /** Statuses shown as the error page (throwAsResponse) instead of in the form, e.g. [403, 404]. */
  asErrorPage?: readonly number[];
}

/**
 * An action's answer to a refusal: `body(message, error)` as data with the error's status, for
 * the page to show in its form, with `message` in the page's locale. Anything that is not an
 * AppError is rethrown.
 */
export function errorResponse<T>(
  error: unknown,
  locale: Locale,
  body: (message: string, error: AppError) => T,
  options: ErrorResponseOptions = {},
) {
  if (!isAppError(error)) throw error;
  if (options.asErrorPage?.includes(error.status)) throwAsResponse(error, locale);
  const headers = error.retryAfter === undefined ? undefined : { "Retry-After": String(error.retryAfter) };
  return data(body(error.text(locale), error), { status: options.status ?? error.status, headers });
}
