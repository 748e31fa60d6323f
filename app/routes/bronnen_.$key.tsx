import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ArticleLink, ContentText } from "#app/components/content-text.tsx";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, type MessageKey, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { pageResponse } from "#app/lib/errors.ts";
import { kindLabels } from "#app/modules/kennisbank/model.ts";
import { citingArticles, getSource, sourceAnchor } from "#app/modules/kennisbank/sources.server.ts";
import { contentLang, sourceKeyPattern } from "#app/modules/kennisbank/sources.ts";
import { safeHref } from "#app/modules/urls.ts";
import { formatDate } from "#app/utils/format.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: data
      ? pageTitle(matches, { text: data.source.title }, "sources.title")
      : pageTitle(matches, "meta.notFound"),
  },
];

/** Public: one source of the registry, whole, with the guides that cite it (where citations link to). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const key = params.key ?? "";
  const found = sourceKeyPattern.test(key) ? await getSource(context.db, key) : null;
  if (!found) throw pageResponse(404, localeFromRequest(request));
  const citing = await citingArticles(context.db, localeFromRequest(request));
  return {
    source: {
      key: found.key,
      title: found.title,
      publisher: found.publisher,
      year: found.year,
      url: found.url,
      where: found.where,
      kind: found.kind,
      language: found.language,
      accessed: found.accessed,
      sector: found.sector,
      description: found.description,
    },
    citedBy: citing.get(found.key) ?? [],
    // The list page that holds this source, scrolled to it.
    inList: `/bronnen?bron=${encodeURIComponent(found.key)}#${sourceAnchor(found.key)}`,
  };
}

export default function SourcePage() {
  const { source: s, citedBy, inList } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={inList}>{t("sources.inList")}</Link>
      </p>
      <PageHeader
        title={s.title}
        titleLang={contentLang(s.language)}
        intro={s.description ?? undefined}
        introLang="nl"
      >
        <p className="text-sm text-muted">
          {[
            t(`sources.kind.${s.kind}` as MessageKey),
            s.sector ? t("sources.sector") : null,
            // The publisher as the source names it, in its language.
            s.publisher ? (
              <ContentText key="publisher" text={s.publisher} lang={contentLang(s.language)} />
            ) : null,
            s.year,
            t(`sources.lang.${s.language}` as MessageKey),
            s.accessed ? t("sources.accessed", { date: formatDate(s.accessed, locale) }) : null,
          ]
            .filter(Boolean)
            .flatMap((part, i) => (i ? [" · ", part] : [part]))}
        </p>
      </PageHeader>
      <dl className="space-y-2">
        {safeHref(s.url) ? (
          <div>
            <dt className="font-medium">{t("sources.online")}</dt>
            <dd className="break-all">
              <a href={safeHref(s.url)} rel="noopener noreferrer">
                {s.url}
              </a>
            </dd>
          </div>
        ) : null}
        {s.where ? (
          <div>
            <dt className="font-medium">{t("sources.where")}</dt>
            {/* Written by the moderators, in Dutch (like the description). */}
            <dd lang="nl">{s.where}</dd>
          </div>
        ) : null}
        <div>
          <dt className="font-medium">{t("sources.key")}</dt>
          <dd>
            <code>[@{s.key}]</code>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="geciteerd" className="space-y-2">
        <h2 id="geciteerd">{t("sources.citedBy")}</h2>
        {citedBy.length ? (
          <ul className="list-disc space-y-1 pl-5">
            {citedBy.map((a) => (
              <li key={a.slug}>
                <ArticleLink article={a} />{" "}
                <span className="text-sm text-muted">({kindLabels[a.kind][locale]})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">{t("sources.notCited")}</p>
        )}
      </section>
    </div>
  );
}
