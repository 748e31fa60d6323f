import { useRouteLoaderData } from "@remix-run/react";
import { cookieValues } from "#app/lib/cookies.ts";
import { en } from "./en.ts";
import { type MessageKey, nl } from "./nl.ts";

export type { MessageKey };
export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";
export const LOCALE_COOKIE = "taal";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { nl, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The locale from the `taal` cookie; Dutch when it is absent or not one we speak. */
export function localeFromRequest(request: Request): Locale {
  // The first `taal` cookie that names a language we speak.
  return cookieValues(request.headers.get("Cookie"), LOCALE_COOKIE).find(isLocale) ?? defaultLocale;
}

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message in the locale, with each `{name}` replaced by `params.name` (a placeholder
 * without a value stays as it is, so a missing parameter shows instead of vanishing).
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = dictionaries[locale][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}

/** The current locale in a component: the root loader's, or the document's when it failed. */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: Locale }>("root");
  if (data?.locale) return data.locale;
  if (typeof document !== "undefined" && isLocale(document.documentElement.lang)) {
    return document.documentElement.lang;
  }
  return defaultLocale;
}

export function useT() {
  return translator(useLocale());
}

type Matches = readonly { id: string; data?: unknown }[];

/** The page's language in a route's `meta`: the root loader's, Dutch when it has none. */
export function localeFromMatches(matches: Matches): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : defaultLocale;
}

/**
 * A page title in the page's language, for a route's `meta`: the given parts (message keys or
 * text), then the site name, joined by " · ". The language is the root loader's.
 */
export function pageTitle(matches: Matches, ...parts: (MessageKey | { text: string })[]): string {
  const locale = localeFromMatches(matches);
  return [
    ...parts.map((p) => (typeof p === "string" ? translate(locale, p) : p.text)),
    translate(locale, "site.name"),
  ].join(" · ");
}
