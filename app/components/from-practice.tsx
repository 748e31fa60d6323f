// "Uit de praktijk": published practice cases from intervision groups about this guide's carrier
// or topics (docs/decisions/014-practice-cases.md).

import { ArticleLink, type ArticleTitle } from "#app/components/content-text.tsx";
import { useT } from "#app/i18n/index.ts";

export function FromPractice({ cases }: { cases: ArticleTitle[] }) {
  const t = useT();
  if (!cases.length) return null;
  return (
    <section aria-labelledby="uit-de-praktijk" className="space-y-2">
      <h2 id="uit-de-praktijk" className="text-lg">
        {t("kb.fromPractice")}
      </h2>
      <ul className="space-y-1">
        {cases.map((c) => (
          <li key={c.slug}>
            <ArticleLink article={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}
