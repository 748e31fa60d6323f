// "Uit de praktijk": published practice cases from intervision groups about this guide's carrier
// or topics (docs/decisions/014-practice-cases.md).

import { Link } from "#app/components/link.tsx";
import { useT } from "#app/i18n/index.ts";

export function FromPractice({ cases }: { cases: { slug: string; title: string }[] }) {
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
            <Link to={`/kennisbank/${c.slug}`}>{c.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
