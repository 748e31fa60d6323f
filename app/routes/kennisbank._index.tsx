import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, useLocale, useT } from "#app/i18n/index.ts";
import { listPublishedArticles } from "#app/modules/kennisbank/articles.server.ts";
import { type ArticleKind, articleKinds, kindLabels } from "#app/modules/kennisbank/model.ts";
import { topics } from "#app/modules/taxonomy.ts";

export const meta: MetaFunction = () => [{ title: "Kennisbank · AV-Kennisnet" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = localeFromRequest(request);
  const kindParam = url.searchParams.get("soort");
  const topicParam = url.searchParams.get("onderwerp");
  const kind = (articleKinds as readonly string[]).includes(kindParam ?? "")
    ? (kindParam as ArticleKind)
    : undefined;
  const topic = topics.some((t) => t.key === topicParam) ? (topicParam as string) : undefined;
  const articles = await listPublishedArticles(context.db, { locale, kind, topic });
  return { articles, kind: kind ?? "", topic: topic ?? "" };
}

export default function Kennisbank() {
  const { articles, kind, topic } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const topicLabel = (key: string) => topics.find((x) => x.key === key)?.[locale] ?? key;
  return (
    <div>
      <PageHeader title={t("kennisbank.title")} intro={t("kennisbank.intro")} />
      <Form
        method="get"
        className="mb-6 flex flex-wrap items-end gap-4 rounded border border-line bg-wash p-4"
      >
        <div>
          <label htmlFor="soort" className="block text-sm font-medium">
            {t("kb.filter.kind")}
          </label>
          <select
            id="soort"
            name="soort"
            defaultValue={kind}
            className="rounded border border-muted bg-paper px-2 py-1"
          >
            <option value="">{t("kb.filter.all")}</option>
            {articleKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k][locale]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="onderwerp" className="block text-sm font-medium">
            {t("kb.filter.topic")}
          </label>
          <select
            id="onderwerp"
            name="onderwerp"
            defaultValue={topic}
            className="rounded border border-muted bg-paper px-2 py-1"
          >
            <option value="">{t("kb.filter.all")}</option>
            {topics.map((x) => (
              <option key={x.key} value={x.key}>
                {x[locale]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-brand px-3 py-1 font-medium text-paper">
          {t("kb.filter.apply")}
        </button>
        {kind || topic ? <Link to="/kennisbank">{t("kb.filter.clear")}</Link> : null}
      </Form>
      <p role="status" className="mb-4 text-muted">
        {t("kb.count").replace("{n}", String(articles.length))}
      </p>
      <ul className="grid gap-4 md:grid-cols-2">
        {articles.map((a) => (
          <li key={a.slug} className="rounded-lg border border-line p-4">
            <p className="text-sm text-muted">{kindLabels[a.kind][locale]}</p>
            <h2 className="text-lg">
              <Link to={`/kennisbank/${a.slug}`} lang={a.locale}>
                {a.title}
              </Link>
            </h2>
            <p lang={a.locale} className="mt-1 text-sm">
              {a.summary}
            </p>
            <p className="mt-2 text-xs text-muted">{a.topics.map(topicLabel).join(" · ")}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
