import { redirect } from "@remix-run/node";
import { localeFromRequest, localizedPath } from "#app/i18n/index.ts";

/**
 * A redirect target that stays on this site: a path starting with one slash. Anything else
 * (another host, `//host`, `/\host`, a scheme) falls back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  return to;
}

/**
 * A redirect to a site path in the page's language: on an English page (`/en/…`) `/account`
 * becomes `/en/account` (decision 020). A path that already names its language is kept.
 */
export function localRedirect(request: Pick<Request, "url">, path: string, init?: number | ResponseInit) {
  return redirect(localizedPath(localeFromRequest(request), path), init);
}
