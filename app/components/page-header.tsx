import type { ReactNode } from "react";

export function PageHeader({
  title,
  intro,
  children,
  titleLang,
  introLang,
}: {
  /** Text, or text with a part in another language (`<span lang>`). */
  title: ReactNode;
  intro?: string;
  children?: ReactNode;
  /** The language of a title or intro that is content in another language than the page's. */
  titleLang?: string | undefined;
  introLang?: string | undefined;
}) {
  return (
    <header className="mb-8 max-w-3xl space-y-3">
      <h1 lang={titleLang}>{title}</h1>
      {intro ? (
        <p lang={introLang} className="text-lg text-muted">
          {intro}
        </p>
      ) : null}
      {children}
    </header>
  );
}
