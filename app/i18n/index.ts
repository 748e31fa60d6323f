import { useInRouterContext, useLocation, useRouteLoaderData } from "@remix-run/react";
import { en } from "./en.ts";
import { type Dictionary, type Message, type MessageKey, nl, type PluralMessage } from "./nl.ts";

export type { Dictionary, Message, MessageKey, PluralMessage };
export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";

const dictionaries: Record<Locale, Dictionary> = { nl, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The path prefix of the English pages; Dutch pages have none (decision 020). */
export const ENGLISH_PREFIX = "/en";

/**
 * The language a path is served in: English at `/en` and below (also its single-fetch data
 * request `/en.data`), Dutch everywhere else. The URL decides, so every address can be shared
 * and cached as it is.
 */
export function localeFromPath(pathname: string): Locale {
  return pathname === ENGLISH_PREFIX ||
    pathname === `${ENGLISH_PREFIX}.data` ||
    pathname.startsWith(`${ENGLISH_PREFIX}/`)
    ? "en"
    : "nl";
}

/** The page's language, from its URL. */
export function localeFromRequest(request: Pick<Request, "url">): Locale {
  return localeFromPath(new URL(request.url, "http://localhost").pathname);
}

/** A path without its language prefix: `/en/kennisbank?q=x` → `/kennisbank?q=x`, `/en` → `/`. */
export function unlocalizedPath(path: string): string {
  if (!path.startsWith(ENGLISH_PREFIX)) return path;
  const rest = path.slice(ENGLISH_PREFIX.length);
  if (rest === "") return "/";
  if (rest.startsWith("/")) return rest;
  if (rest.startsWith("?") || rest.startsWith("#")) return `/${rest}`;
  return path; // `/enquete` is not English
}

/**
 * An absolute path on this site in a language: `localizedPath("en", "/kennisbank")` →
 * `/en/kennisbank`, `/` → `/en`. A path that already names its language is left alone, and so
 * is anything that is not a site path (a relative path, `//host`, a full URL).
 */
export function localizedPath(locale: Locale, path: string): string {
  if (locale === defaultLocale || !path.startsWith("/") || path.startsWith("//")) return path;
  if (unlocalizedPath(path) !== path) return path;
  if (path === "/") return ENGLISH_PREFIX;
  if (path.startsWith("/?") || path.startsWith("/#")) return ENGLISH_PREFIX + path.slice(1);
  return ENGLISH_PREFIX + path;
}

/** The same page in another language: `/en/kennisbank` ↔ `/kennisbank`. */
export function pathInLocale(locale: Locale, path: string): string {
  return localizedPath(locale, unlocalizedPath(path));
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

/**
 * The current locale in a component: the root loader's, or, when that loader failed (an error
 * page), the URL's: the path still says the page's language.
 */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: Locale }>("root");
  // Outside a router (a component rendered on its own, in a test) there is no path to read.
  // Whether there is a router never changes during a component's life, so the hooks called
  // stay the same from one render to the next.
  // biome-ignore lint/correctness/useHookAtTopLevel: the condition is fixed per component
  const pathname = useInRouterContext() ? useLocation().pathname : null;
  if (data?.locale) return data.locale;
  return pathname === null ? defaultLocale : localeFromPath(pathname);
}

/** A function that puts a site path in the page's language (see localizedPath). */
export function useLocalizedPath(): (path: string) => string {
  const locale = useLocale();
  return (path) => localizedPath(locale, path);
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

/**
 * Rendered HTML (an article's Markdown) with its site links in a language: on an English page
 * `href="/kennisbank/x"` becomes `href="/en/kennisbank/x"`. Links to other sites, anchors and
 * links that already name their language are left alone.
 */
export function localizedLinks(locale: Locale, html: string): string {
  if (locale === defaultLocale) return html;
  return html.replace(
    /href="(\/(?!\/)[^"]*)"/g,
    (_, path: string) => `href="${localizedPath(locale, path)}"`,
  );
}

/**
 * An institution type as the reader's language names it: "Archief" (a member's institution) or
 * "archief" (a group's) is "Archive" in English. A type we do not know is shown as stored.
 */
export function institutionTypeLabel(locale: Locale, type: string): string {
  const key = `survey.type.${type.charAt(0).toUpperCase()}${type.slice(1)}`;
  if (!Object.hasOwn(dictionaries[locale], key)) return type;
  const label = translate(locale, key as MessageKey);
  // A group's type is written in lower case where it stands in a sentence.
  return type === type.toLowerCase() ? label.toLowerCase() : label;
}
