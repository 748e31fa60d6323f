import { type CiteView, FieldCites } from "#app/components/citations.tsx";
import { ArticleLink, type ArticleTitle } from "#app/components/content-text.tsx";
import { Link } from "#app/components/link.tsx";
import { useLocale, useT } from "#app/i18n/index.ts";
import { compareKeysFor, drawCarrier, extraNames } from "#app/modules/dragers/drawings.ts";
import type { CarrierFacts } from "#app/modules/kennisbank/model.ts";
import { CarrierDrawing } from "./carrier-drawing.tsx";

export function riskClass(level: string) {
  return (
    {
      laag: "border-green-800 text-green-900",
      middel: "border-amber-800 text-amber-900",
      hoog: "border-orange-800 text-orange-900",
      zeer_hoog: "border-red-800 text-red-900",
    }[level] ?? "border-line"
  );
}

/** The structured facts of a carrier guide, as a definition list. */
export function FactBox({
  facts,
  lookalikes,
  cites = {},
  slug,
  title,
}: {
  facts: CarrierFacts;
  lookalikes: ArticleTitle[];
  /** Per field of carrier.cite: its note references or "te controleren" marks. */
  cites?: Record<string, CiteView[]>;
  /** The guide's slug and title: with them the box shows the carrier drawn to scale. */
  slug?: string;
  title?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const years = `${facts.yearsFrom}–${facts.yearsTo ?? t("kb.facts.now")}`;
  // Each row with the fields of carrier.cite whose citations it shows.
  const rows: [string, React.ReactNode, string[]][] = [
    [t("kb.facts.names"), [...facts.names[locale], ...facts.aliases].join(", "), ["names", "aliases"]],
    [t("kb.facts.medium"), t(`kb.medium.${facts.medium}`), ["medium"]],
    [t("kb.facts.form"), `${t(`kb.form.${facts.form}`)}, ${facts.size}`, ["form", "size", "sizeKey"]],
    [t("kb.facts.years"), years, ["yearsFrom", "yearsTo"]],
    [t("kb.facts.recognition"), facts.recognition, ["recognition"]],
    [t("kb.facts.markings"), facts.markings.join(", ") || "—", ["markings"]],
    [
      t("kb.facts.risks"),
      facts.risks.length ? facts.risks.map((r) => t(`kb.risk.${r}`)).join(", ") : "—",
      ["risks"],
    ],
    [t("kb.facts.playback"), facts.playback, ["playback"]],
    [
      t("kb.facts.handling"),
      facts.handling.length ? (
        <ul key="handling" className="list-disc pl-5">
          {facts.handling.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      ) : (
        "—"
      ),
      ["handling"],
    ],
    [t("kb.facts.master"), facts.preservationFormat, ["preservationFormat"]],
    [t("kb.facts.access"), facts.accessFormat, ["accessFormat"]],
  ];
  const citesOf = (fields: string[]) => fields.flatMap((f) => cites[f] ?? []);
  const riskFields = ["riskLevel", "riskReason", "degradationScore", "obsolescenceScore"];
  const shown = new Set([...rows.flatMap((r) => r[2]), ...riskFields, "lookalikes"]);
  const otherCited = Object.keys(cites).filter((f) => !shown.has(f));
  return (
    <aside aria-labelledby="feitenblok" className="rounded-lg border border-line bg-wash p-4">
      <h2 id="feitenblok" className="mb-3 text-lg">
        {t("kb.facts.title")}
      </h2>
      <p className={`mb-3 rounded border-l-4 bg-paper p-2 ${riskClass(facts.riskLevel)}`}>
        <strong>
          {t("kb.facts.risk")}: {t(`kb.riskLevel.${facts.riskLevel}`)}
        </strong>{" "}
        <span className="text-ink">
          ({t("kb.facts.degradation")} {facts.degradationScore}/5, {t("kb.facts.obsolescence")}{" "}
          {facts.obsolescenceScore}/5)
        </span>
        <br />
        <span className="text-sm text-ink">{facts.riskReason}</span>
        <FieldCites cites={citesOf(riskFields)} />
      </p>
      {slug && drawCarrier(slug) ? (
        <ScaleDrawing slug={slug} title={title ?? slug} lookalikes={lookalikes} />
      ) : null}
      <dl className="space-y-2 text-sm">
        {rows.map(([term, value, fields]) => (
          <div key={term}>
            <dt className="font-semibold">{term}</dt>
            <dd>
              {value}
              <FieldCites cites={citesOf(fields)} />
            </dd>
          </div>
        ))}
        {otherCited.map((field) => (
          <div key={field}>
            <dt className="font-semibold">
              {field === "minutesPerItem" ? t("kb.facts.minutesPerItem") : field}
            </dt>
            <dd>
              {field === "minutesPerItem" ? `${facts.minutesPerItem} min` : null}
              <FieldCites cites={cites[field]} />
            </dd>
          </div>
        ))}
        {lookalikes.length ? (
          <div>
            <dt className="font-semibold">{t("kb.facts.lookalikes")}</dt>
            <dd>
              {lookalikes.map((l, i) => (
                <span key={l.slug}>
                  {i ? ", " : ""}
                  <ArticleLink article={l} />
                </span>
              ))}
              <FieldCites cites={cites.lookalikes} />
            </dd>
          </div>
        ) : null}
      </dl>
    </aside>
  );
}

/** The drawing to scale and a link to compare it at real size with the lookalikes. */
function ScaleDrawing({
  slug,
  title,
  lookalikes,
}: {
  slug: string;
  title: string;
  lookalikes: { slug: string; title: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  const keys = compareKeysFor(
    slug,
    lookalikes.map((l) => l.slug),
  );
  const names = keys
    .slice(1)
    .map((k) => lookalikes.find((l) => l.slug === k)?.title ?? extraNames[k]?.[locale] ?? k);
  const href = `/dragers/vergelijk?${keys.map((k) => `d=${encodeURIComponent(k)}`).join("&")}`;
  return (
    <section aria-labelledby="op-schaal" className="mb-3">
      <h3 id="op-schaal" className="text-base">
        {t("drawing.heading")}
      </h3>
      <CarrierDrawing slug={slug} name={title} />
      {keys.length > 1 ? (
        <p className="text-sm">
          <Link to={href}>{t("drawing.compareLink", { list: names.join(", ") })}</Link>
        </p>
      ) : null}
    </section>
  );
}
