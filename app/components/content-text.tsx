// Words that come from content, not from the interface: an article's title, a source's title or
// publisher. They are in the language they were written in, which on an English page may be
// Dutch (a guide without an English version, a Dutch report), so they carry their own `lang`
// (WCAG 3.1.2; decision 020). Use these instead of a `<span lang>` per route.
import type { ReactNode } from "react";
import { Link } from "#app/components/link.tsx";
import { nameParts } from "#app/modules/names.ts";

/**
 * The text with the Dutch names in it marked `lang="nl"` when the text itself is in another
 * language ("Signpost: Beeld & Geluid for smaller AV collections").
 */
function Named({ text, lang }: { text: string; lang: string | undefined }): ReactNode {
  if (lang === "nl") return text;
  const parts = nameParts(text);
  if (!parts.some((p) => p.name)) return text;
  return parts.map((p, i) =>
    p.name ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the fixed parts of one text
      <span key={i} lang="nl">
        {p.text}
      </span>
    ) : (
      p.text
    ),
  );
}

/**
 * Content text in its own language. The `lang` is set also when it is the page's language: the
 * text may stand inside a part in another language (an English title beside a Dutch guide
 * shown on an English page). Without a known language, no `lang`.
 */
export function ContentText({ text, lang }: { text: string; lang: string | null | undefined }) {
  const own = lang ?? undefined;
  return (
    <span lang={own}>
      <Named text={text} lang={own} />
    </span>
  );
}

/** What an article link needs: the title of the version shown and that version's language. */
export interface ArticleTitle {
  slug: string;
  title: string;
  /** `nl`, or `en` when the page is English and the article has an English version. */
  locale: string;
}

/** A link to a kennisbank article, titled in the language of the version the reader will get. */
export function ArticleLink({ article, className }: { article: ArticleTitle; className?: string }) {
  return (
    <Link to={`/kennisbank/${article.slug}`} lang={article.locale} className={className}>
      <Named text={article.title} lang={article.locale} />
    </Link>
  );
}
