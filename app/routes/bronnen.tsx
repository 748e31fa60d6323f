import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ContentText } from "#app/components/content-text.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  localeFromMatches,
  localeFromRequest,
  type MessageKey,
  pageTitle,
  translate,
  useT,
} from "#app/i18n/index.ts";
import { citingArticles, listSources, sourceAnchor } from "#app/modules/kennisbank/sources.server.ts";
import {
  contentLang,
  pageOfSources,
  type SourceKind,
  sourceHref,
  sourceKinds,
} from "#app/modules/kennisbank/sources.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "sources.title") },
  { name: "description", content: translate(localeFromMatches(matches), "meta.sources.description") },
];

/**
 * Public: the registered sources, the sector's own first, a page at a time (?pagina=), optionally
 * one kind (?soort=) and what was searched for (?q=). ?bron=<key> opens the page that holds that
 * source. Each entry is short; the whole of a source, with the guides that cite it, is on
 * /bronnen/<key>, where citations link to.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  const params = new URL(request.url).searchParams;
  const asked = params.get("soort");
  const kind = sourceKinds.includes(asked as SourceKind) ? (asked as SourceKind) : undefined;
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  const [all, citing] = await Promise.all([listSources(context.db), citingArticles(context.db, locale)]);
  const counts = Object.fromEntries(sourceKinds.map((k) => [k, all.filter((s) => s.kind === k).length]));
  const shown = pageOfSources(all, {
    kind,
    q,
    page: Number(params.get("pagina") ?? 1),
    bron: params.get("bron") ?? undefined,
  });
  return {
    kind: kind ?? null,
    q,
    total: all.length,
    counts,
    matching: shown.matching,
    page: shown.page,
    pages: shown.pages,
    sources: shown.sources.map((s) => ({
      key: s.key,
      anchor: sourceAnchor(s.key),
      title: s.title,
      language: s.language,
      publisher: s.publisher,
      year: s.year,
      kind: s.kind,
      sector: s.sector,
      description: s.description,
      cited: citing.get(s.key)?.length ?? 0,
    })),
  };
}

type SourceItem = ReturnType<typeof useLoaderData<typeof loader>>["sources"][number];

function SourceEntry({ s }: { s: SourceItem }) {
  const t = useT();
  return (
    <li id={s.anchor} className="scroll-mt-4 border-b border-line pb-2">
      <h3 className="font-semibold">
        <Link to={sourceHref(s.key)}>
          <ContentText text={s.title} lang={contentLang(s.language)} />
        </Link>
      </h3>
      <p className="text-sm text-muted">
        {t(`sources.kind.${s.kind}` as MessageKey)}
        {/* A publisher is named in the source's language (meemoo, Vlaams instituut voor het archief). */}
        {s.publisher ? (
          <>
            {" · "}
            <ContentText text={s.publisher} lang={contentLang(s.language)} />
          </>
        ) : null}
        {[s.year, s.cited ? t("sources.citedCount", { count: s.cited }) : t("sources.notCited")]
          .filter(Boolean)
          .map((part) => ` · ${part}`)
          .join("")}
      </p>
      {/* Descriptions are written in Dutch by the moderators. */}
      {s.description ? (
        <p lang="nl" className="text-sm">
          {s.description}
        </p>
      ) : null}
    </li>
  );
}

/** The list's address with these parameters (the empty ones left out). */
function listHref(params: { soort?: string | null; q?: string; pagina?: number }): string {
  const search = new URLSearchParams();
  if (params.soort) search.set("soort", params.soort);
  if (params.q) search.set("q", params.q);
  if (params.pagina && params.pagina > 1) search.set("pagina", String(params.pagina));
  const text = search.toString();
  return text ? `/bronnen?${text}` : "/bronnen";
}

export default function Sources() {
  const { kind, q, total, counts, matching, page, pages, sources } = useLoaderData<typeof loader>();
  const t = useT();
  const sector = sources.filter((s) => s.sector);
  const other = sources.filter((s) => !s.sector);
  return (
    <div className="space-y-6">
      <PageHeader title={t("sources.title")} intro={t("sources.intro")}>
        <p className="text-sm text-muted">{t("sources.count", { count: total })}</p>
      </PageHeader>
      <Form method="get" action="/bronnen" role="search" className="space-y-1">
        <label htmlFor="bronnen-q" className="block font-medium">
          {t("sources.search")}
        </label>
        <p id="bronnen-q-hint" className="text-sm text-muted">
          {t("sources.searchHint")}
        </p>
        <div className="flex flex-wrap gap-2">
          <input
            id="bronnen-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={200}
            aria-describedby="bronnen-q-hint"
            className="rounded border border-line px-2 py-1"
          />
          {kind ? <input type="hidden" name="soort" value={kind} /> : null}
          <button type="submit" className="rounded border border-line px-3 py-1">
            {t("sources.searchSubmit")}
          </button>
        </div>
      </Form>
      <nav aria-label={t("sources.filter")} className="text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <Link to={listHref({ q })} aria-current={kind === null ? "page" : undefined}>
              {t("sources.all")}
            </Link>
          </li>
          {sourceKinds
            .filter((k) => counts[k])
            .map((k) => (
              <li key={k}>
                <Link to={listHref({ soort: k, q })} aria-current={kind === k ? "page" : undefined}>
                  {t(`sources.kind.${k}` as MessageKey)} ({counts[k]})
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      {kind || q ? (
        <p className="text-sm text-muted" aria-live="polite">
          {t("sources.matching", { n: matching, total })}
        </p>
      ) : null}
      {sources.length === 0 ? <p>{q ? t("sources.noMatch", { q }) : t("sources.none")}</p> : null}
      {sector.length ? (
        <section aria-labelledby="sector" className="space-y-2">
          <h2 id="sector">{t("sources.sector")}</h2>
          <ul className="space-y-2">
            {sector.map((s) => (
              <SourceEntry key={s.key} s={s} />
            ))}
          </ul>
        </section>
      ) : null}
      {other.length ? (
        <section aria-labelledby="overig" className="space-y-2">
          <h2 id="overig">{t("sources.other")}</h2>
          <ul className="space-y-2">
            {other.map((s) => (
              <SourceEntry key={s.key} s={s} />
            ))}
          </ul>
        </section>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("sources.pages")} className="text-sm">
          <p className="text-muted">{t("sources.pageOf", { n: page, pages })}</p>
          <ul className="flex flex-wrap gap-x-3 gap-y-1">
            {page > 1 ? (
              <li>
                <Link
                  to={listHref({ soort: kind, q, pagina: page - 1 })}
                  rel="prev"
                  className="inline-flex min-h-6 min-w-6 items-center justify-center px-1"
                >
                  {t("sources.previous")}
                </Link>
              </li>
            ) : null}
            {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
              <li key={n}>
                <Link
                  to={listHref({ soort: kind, q, pagina: n })}
                  className="inline-flex min-h-6 min-w-6 items-center justify-center px-1"
                  aria-current={n === page ? "page" : undefined}
                  aria-label={t("sources.page", { n })}
                >
                  {n}
                </Link>
              </li>
            ))}
            {page < pages ? (
              <li>
                <Link
                  to={listHref({ soort: kind, q, pagina: page + 1 })}
                  rel="next"
                  className="inline-flex min-h-6 min-w-6 items-center justify-center px-1"
                >
                  {t("sources.next")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
