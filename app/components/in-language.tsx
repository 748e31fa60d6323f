import type { ReactNode } from "react";
import { contentLang } from "#app/modules/kennisbank/sources.ts";

/**
 * Words in a language of their own inside a page (a Dutch article or source title on an English
 * page, a survey answer as given): marked with `lang`, so that a screen reader pronounces them
 * right and the browser checks their spelling in that language (WCAG 3.1.2). `lang` is a content
 * language ("nl", "en", a source's "fr"); "multi" or nothing leaves the words unmarked.
 * An input's or option's value cannot hold a span: give the element itself `lang`.
 */
export function InLanguage({ lang, children }: { lang: string | null | undefined; children: ReactNode }) {
  const code = contentLang(lang);
  return code ? <span lang={code}>{children}</span> : children;
}
