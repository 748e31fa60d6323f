import { Link } from "#app/components/link.tsx";
import { type MessageKey, useT } from "#app/i18n/index.ts";

const sections = [
  { to: "/kennisbank", key: "kennisbank" },
  { to: "/dragers", key: "dragers" },
  { to: "/intervisie", key: "intervisie" },
  { to: "/trends", key: "trends" },
] as const;

export default function Home() {
  const t = useT();
  return (
    <div className="space-y-10">
      <section className="max-w-3xl space-y-4">
        <h1>{t("home.title")}</h1>
        <p className="text-lg">{t("home.intro")}</p>
      </section>
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.to} className="rounded-lg border border-line p-5">
            <h2>
              <Link to={s.to}>{t(`home.${s.key}.title` as MessageKey)}</Link>
            </h2>
            <p className="mt-2 text-muted">{t(`home.${s.key}.text` as MessageKey)}</p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="waarom" className="max-w-3xl space-y-3">
        <h2 id="waarom">{t("home.why.title")}</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t("home.why.1")}</li>
          <li>{t("home.why.2")}</li>
          <li>{t("home.why.3")}</li>
        </ul>
      </section>
    </div>
  );
}
