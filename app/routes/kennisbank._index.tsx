import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ContentText } from "#app/components/content-text.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { Snippet } from "#app/components/snippet.tsx";
import { localeFromRequest, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { type ArticleKind, kindLabels } from "#app/modules/kennisbank/model.ts";
import { readSearchParams, searchKennisbank } from "#app/modules/kennisbank/search.server.ts";
import { sourceLanguages } from "#app/modules/kennisbank/sources.server.ts";
import { contentLang, sourceHref } from "#app/modules/kennisbank/sources.ts";
import { topics } from "#app/modules/taxonomy.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, ...(data?.params.q ? [{ text: data.params.q }] : []), "kennisbank.title") },
];

// Search results 20 at a time; browsing a kind or topic shows a whole shelf.
const pageSize = (q: string) => (q.trim() ? 20 : 60);
// The page's own parameter names (Dutch) for the search's filters.
const aliases = { soort: "kind", onderwerp: "topic", zoek: "q" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const read = readSearchParams(url, aliases);
  const params = { ...read, limit: pageSize(read.q) };
  const found = await searchKennisbank(context, params, localeFromRequest(request));
  // A source's title is in the source's language (the index knows only Dutch or not).
  const languages = await sourceLanguages(
    context.db,
    found.hits.filter((h) => h.kind === "bron").map((h) => h.slug.replace(/^bron:/, "")),
  );
  const hits = found.hits.map((hit) => ({
    ...hit,
    lang: hit.kind === "bron" ? contentLang(languages.get(hit.slug.replace(/^bron:/, ""))) : hit.locale,
  }));
  return { params, result: { ...found, hits } };
}

type Params = Awaited<ReturnType<typeof loader>>["params"];

function href(params: Params, change: Partial<Params>) {
  const next = { ...params, ...change };
  const search = new URLSearchParams();
  if (next.q) search.set("q", next.q);
  if (next.kind) search.set("soort", next.kind);
  if (next.topic) search.set("onderwerp", next.topic);
  if (next.medium) search.set("medium", next.medium);
  if (next.offset) search.set("offset", String(next.offset));
  const s = search.toString();
  return s ? `/kennisbank?${s}` : "/kennisbank";
}

export default function Kennisbank() {
  const { params, result } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The box shows the URL's query after back/forward or a link (a facet, the suggestion); not
  // while the searcher types in it, or the results of what was typed a moment ago would undo
  // the letters typed since (and a remounted box would lose the focus).
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = box.current;
    if (input && document.activeElement !== input && input.value !== params.q) input.value = params.q;
  }, [params.q]);
  const topicLabel = (key: string) => topics.find((x) => x.key === key)?.[locale] ?? key;
  const facetLabel = {
    kind: (v: string) => (v === "bron" ? t("kb.kind.bron") : (kindLabels[v as ArticleKind]?.[locale] ?? v)),
    topic: topicLabel,
    medium: (v: string) => t(`kb.medium.${v as "audio" | "video" | "film" | "audio+video"}`),
  };
  const searching = navigation.state === "loading" && navigation.location.pathname === "/kennisbank";
  return (
    <div>
      <PageHeader title={t("kennisbank.title")} intro={t("kennisbank.intro")}>
        <p>
          <Link to="/bronnen">{t("sources.allLink")}</Link>
        </p>
      </PageHeader>
      <Form
        method="get"
        role="search"
        className="mb-6 flex flex-wrap items-end gap-3"
        onChange={(event) => {
          const form = event.currentTarget;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            // A newer search (typing on, or Enter) aborts this one: that is expected, not an error.
            Promise.resolve(submit(form, { replace: true, preventScrollReset: true })).catch(() => undefined);
          }, 250);
        }}
        // Enter submits at once; the pending as-you-type search is then no longer needed.
        onSubmit={() => clearTimeout(timer.current)}
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="kb-zoek" className="block font-medium">
            {t("search.label")}
          </label>
          <input
            id="kb-zoek"
            type="search"
            name="q"
            defaultValue={params.q}
            ref={box}
            placeholder={t("search.placeholder")}
            className="block w-full rounded border border-muted px-3 py-2"
          />
        </div>
        {params.kind ? <input type="hidden" name="soort" value={params.kind} /> : null}
        {params.topic ? <input type="hidden" name="onderwerp" value={params.topic} /> : null}
        {params.medium ? <input type="hidden" name="medium" value={params.medium} /> : null}
        <button type="submit" className="rounded bg-brand px-4 py-2 font-medium text-paper">
          {t("search.submit")}
        </button>
      </Form>

      <div className="grid gap-8 md:grid-cols-[14rem_minmax(0,1fr)]">
        <aside aria-label={t("search.filters")} className="space-y-5 text-sm">
          {(["kind", "topic", "medium"] as const).map((facet) => {
            const counts = Object.entries(result.facets[facet]).sort((a, b) => b[1] - a[1]);
            if (!counts.length && !params[facet]) return null;
            return (
              <section key={facet} aria-labelledby={`facet-${facet}`}>
                <h2 id={`facet-${facet}`} className="mb-1 text-base">
                  {t(`search.facet.${facet}`)}
                </h2>
                <ul className="space-y-1">
                  {counts.map(([value, n]) => {
                    const active = params[facet] === value;
                    return (
                      <li key={value}>
                        <Link
                          to={href(params, { [facet]: active ? undefined : value, offset: 0 })}
                          aria-current={active ? "true" : undefined}
                          className={active ? "font-semibold" : ""}
                        >
                          {facetLabel[facet](value)} ({n}){active ? ` ✕ ${t("search.removeFilter")}` : ""}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </aside>
        <section aria-labelledby="resultaten" aria-busy={searching}>
          <h2 id="resultaten" className="sr-only">
            {t("search.results")}
          </h2>
          <p role="status" className="mb-4 text-muted">
            {params.q
              ? t("search.count", { count: result.total, q: params.q })
              : t("kb.count", { count: result.total })}
            {result.fallback ? ` ${t("search.fallback")}` : ""}
          </p>
          {result.suggestion && params.q
            ? (() => {
                // "Ook gezocht naar {q}.": the corrected query as a link that searches for it alone.
                const [before = "", after = ""] = t("search.suggestion").split("{q}");
                return (
                  <p className="mb-4">
                    {before}
                    <Link to={href(params, { q: result.suggestion, offset: 0 })}>‘{result.suggestion}’</Link>
                    {after}
                  </p>
                );
              })()
            : null}
          {result.total === 0 && params.q ? <p className="mb-4">{t("search.none")}</p> : null}
          <ol className="space-y-4">
            {result.hits.map((hit) => (
              <li key={hit.slug} className="rounded-lg border border-line p-4">
                <p className="text-sm text-muted">{facetLabel.kind(hit.kind)}</p>
                {/* The title is authored text, as the snippet below (data-content). */}
                <h3 className="text-lg font-semibold" data-content="">
                  {/* A source (kind bron, slug bron:<key>) has its page at /bronnen/<key>. */}
                  <Link
                    to={
                      hit.kind === "bron"
                        ? sourceHref(hit.slug.replace(/^bron:/, ""))
                        : `/kennisbank/${hit.slug}`
                    }
                  >
                    <ContentText text={hit.title} lang={hit.lang} />
                  </Link>
                </h3>
                {/* A source's summary is the moderators' Dutch description; a guide's is its own text. */}
                <p lang={hit.kind === "bron" ? "nl" : hit.locale} className="mt-1 text-sm" data-content="">
                  {params.q ? <Snippet snippet={hit.snippet} /> : hit.summary}
                </p>
              </li>
            ))}
          </ol>
          {result.total > params.limit ? (
            <nav aria-label={t("search.pages")} className="mt-6 flex gap-4">
              {params.offset > 0 ? (
                <Link to={href(params, { offset: Math.max(0, params.offset - params.limit) })}>
                  {t("search.previous")}
                </Link>
              ) : null}
              {params.offset + params.limit < result.total ? (
                <Link to={href(params, { offset: params.offset + params.limit })}>{t("search.next")}</Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  );
}
