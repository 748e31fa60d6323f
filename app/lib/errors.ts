// One error model. A module refuses something the user asked with an AppError (or a subclass
// named after the module: KennisbankError, AccountError, GroupError, SessionError, ...): a Dutch
// message the user can act on, the HTTP status a route answers with, and optionally the form
// field it belongs to and a stable `code` (for translating the message later, issue #17).
// Routes handle every AppError the same way:
//
//   } catch (error) {
//     return errorResponse(error, (e) => ({ error: e.message }));   // anything else is rethrown
//   }
//
// and throwAsResponse(error) turns a 403/404 refusal into the error page. Anything that is not
// an AppError is a bug or an outage: it is rethrown, and the error boundary shows a Dutch page
// without a stack trace.
import { data } from "@remix-run/node";

export interface AppErrorOptions {
  /** The HTTP status a route answers with (default 400). */
  status?: number;
  /** The form field the message belongs to; without one it is about the whole form. */
  field?: string;
  /** A stable identifier of the refusal, e.g. "session.not-found" (for i18n). */
  code?: string;
  /** Seconds to wait before trying again (a 429): sent as Retry-After. */
  retryAfter?: number;
}

export class AppError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly code: string | undefined;
  readonly retryAfter: number | undefined;
  constructor(message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.status = options.status ?? 400;
    this.field = options.field;
    this.code = options.code;
    this.retryAfter = options.retryAfter;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The text of the error page for a 403 or 404 (the route's own message stays on the server). */
const PAGE_TEXT: Record<number, string> = { 403: "Geen toegang", 404: "Niet gevonden" };

/** Throws a 403 or 404 AppError as the Response (error page) a loader or action answers with; rethrows anything else. */
export function throwAsResponse(error: unknown): never {
  if (isAppError(error)) {
    const text = PAGE_TEXT[error.status];
    if (text) throw new Response(text, { status: error.status });
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
 * An action's answer to a refusal: `body(error)` as data with the error's status, for the page to
 * show in its form. Anything that is not an AppError is rethrown.
 */
export function errorResponse<T>(
  error: unknown,
  body: (error: AppError) => T,
  options: ErrorResponseOptions = {},
) {
  if (!isAppError(error)) throw error;
  if (options.asErrorPage?.includes(error.status)) throwAsResponse(error);
  const headers = error.retryAfter === undefined ? undefined : { "Retry-After": String(error.retryAfter) };
  return data(body(error), { status: options.status ?? error.status, headers });
}
