import { useRouteLoaderData } from "@remix-run/react";
import { cookieValues } from "#app/lib/cookies.ts";
import { en } from "./en.ts";
import { type Dictionary, type Message, type MessageKey, nl, type PluralMessage } from "./nl.ts";

export type { Dictionary, Message, MessageKey, PluralMessage };
export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";
export const LOCALE_COOKIE = "taal";

const dictionaries: Record<Locale, Dictionary> = { nl, en };

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

/** The keys whose message has plural forms: they need a `count`. */
export type PluralKey = {
  [K in MessageKey]: (typeof nl)[K] extends string ? never : K;
}[MessageKey];

/** A plural message's parameters: `count` picks the form (and fills `{count}`). */
type Params<K extends MessageKey> = K extends PluralKey
  ? [params: MessageParams & { readonly count: number }]
  : [params?: MessageParams];

// One Intl.PluralRules per locale: building one is far dearer than asking it.
const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralForm(locale: Locale, message: PluralMessage, count: unknown): string {
  if (typeof count !== "number") return message.other;
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return message[rules.select(count)] ?? message.other;
}

/**
 * The message in the locale, with each `{name}` replaced by `params.name` (a placeholder
 * without a value stays as it is, so a missing parameter shows instead of vanishing). A message
 * with plural forms takes the form `Intl.PluralRules` gives for `params.count` in the locale.
 */
export function translate<K extends MessageKey>(locale: Locale, key: K, ...[params]: Params<K>): string {
  const entry = dictionaries[locale][key] as Message;
  const message = typeof entry === "string" ? entry : pluralForm(locale, entry, params?.count);
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** `translate` with the locale filled in: what `useT()` and `translator(locale)` give. */
export type Translator = <K extends MessageKey>(key: K, ...params: Params<K>) => string;

export function translator(locale: Locale): Translator {
  return (key, ...params) => translate(locale, key, ...params);
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
