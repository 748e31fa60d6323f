import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  localeFromMatches,
  localeFromRequest,
  type MessageKey,
  pageTitle,
  translate,
  useLocale,
  useT,
} from "#app/i18n/index.ts";
import { kindLabels } from "#app/modules/kennisbank/model.ts";
import { citingArticles, listSources, sourceAnchor } from "#app/modules/kennisbank/sources.server.ts";
import { type SourceKind, sourceKinds } from "#app/modules/kennisbank/sources.ts";
import { formatDate } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "sources.title") },
  { name: "description", content: translate(localeFromMatches(matches), "meta.sources.description") },
];

/** Public: every registered source, the sector's own first, optionally one kind (?soort=). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  const asked = new URL(request.url).searchParams.get("soort");
  const kind = sourceKinds.includes(asked as SourceKind) ? (asked as SourceKind) : undefined;
  const [all, citing] = await Promise.all([listSources(context.db), citingArticles(context.db, locale)]);
  const counts = Object.fromEntries(sourceKinds.map((k) => [k, all.filter((s) => s.kind === k).length]));
  return {
    kind: kind ?? null,
    total: all.length,
    counts,
    sources: all
      .filter((s) => !kind || s.kind === kind)
      .map((s) => ({
        key: s.key,
        anchor: sourceAnchor(s.key),
        title: s.title,
        publisher: s.publisher,
        year: s.year,
        url: s.url,
        where: s.where,
        kind: s.kind,
        language: s.language,
        accessed: s.accessed,
        sector: s.sector,
        description: s.description,
        citedBy: citing.get(s.key) ?? [],
      })),
  };
}

type SourceItem = ReturnType<typeof useLoaderData<typeof loader>>["sources"][number];

function SourceEntry({ s }: { s: SourceItem }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li id={s.anchor} className="scroll-mt-4 space-y-1 rounded-lg border border-line p-4">
      <h3 className="text-lg font-semibold">
        {s.url ? (
          <a href={s.url} rel="noopener noreferrer">
            {s.title}
          </a>
        ) : (
          s.title
        )}
      </h3>
      <p className="text-sm text-muted">
        {[
          t(`sources.kind.${s.kind}` as MessageKey),
          s.publisher,
          s.year,
          t(`sources.lang.${s.language}` as MessageKey),
          s.accessed ? t("sources.accessed").replace("{date}", formatDate(s.accessed, locale)) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {s.description ? <p>{s.description}</p> : null}
      <p className="text-sm">
        {s.url ? (
          <span className="break-all">{s.url}</span>
        ) : (
          <>
            <span className="font-medium">{t("sources.where")}:</span> {s.where}
          </>
        )}
      </p>
      <div className="text-sm">
        {s.citedBy.length ? (
          <>
            <span className="font-medium">{t("sources.citedBy")}:</span>{" "}
            {s.citedBy.map((a, i) => (
              <span key={a.slug}>
                {i ? ", " : ""}
                <Link to={`/kennisbank/${a.slug}`}>{a.title}</Link>{" "}
                <span className="text-muted">({kindLabels[a.kind][locale]})</span>
              </span>
            ))}
          </>
        ) : (
          <span className="text-muted">{t("sources.notCited")}</span>
        )}
      </div>
    </li>
  );
}

export default function Sources() {
  const { kind, total, counts, sources } = useLoaderData<typeof loader>();
  const t = useT();
  const sector = sources.filter((s) => s.sector);
  const other = sources.filter((s) => !s.sector);
  return (
    <div className="space-y-8">
      <PageHeader title={t("sources.title")} intro={t("sources.intro")}>
        <p className="text-sm text-muted">{t("sources.count").replace("{n}", String(total))}</p>
      </PageHeader>
      <nav aria-label={t("sources.filter")} className="text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <Link to="/bronnen" aria-current={kind === null ? "page" : undefined}>
              {t("sources.all")}
            </Link>
          </li>
          {sourceKinds
            .filter((k) => counts[k])
            .map((k) => (
              <li key={k}>
                <Link to={`/bronnen?soort=${k}`} aria-current={kind === k ? "page" : undefined}>
                  {t(`sources.kind.${k}` as MessageKey)} ({counts[k]})
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      {sources.length === 0 ? <p>{t("sources.none")}</p> : null}
      {sector.length ? (
        <section aria-labelledby="sector" className="space-y-3">
          <h2 id="sector">{t("sources.sector")}</h2>
          <ul className="space-y-3">
            {sector.map((s) => (
              <SourceEntry key={s.key} s={s} />
            ))}
          </ul>
        </section>
      ) : null}
      {other.length ? (
        <section aria-labelledby="overig" className="space-y-3">
          <h2 id="overig">{t("sources.other")}</h2>
          <ul className="space-y-3">
            {other.map((s) => (
              <SourceEntry key={s.key} s={s} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
