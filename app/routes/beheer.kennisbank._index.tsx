import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { ContentText } from "#app/components/content-text.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { formIntent } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { reviewQueue, statusLabel } from "#app/modules/kennisbank/articles.server.ts";
import { claimQueue, reviewDue } from "#app/modules/kennisbank/reviews.server.ts";
import { reindexAll } from "#app/modules/kennisbank/search-documents.server.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { formatDateTime } from "#app/utils/format.ts";
import { listMisses } from "#search/service.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "kennisbank.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const [queue, due, claims, misses, search] = await Promise.all([
    reviewQueue(context.db),
    reviewDue(context.db),
    claimQueue(context.db),
    listMisses(context.db),
    context.search.status(),
  ]);
  const reindexed = new URL(request.url).searchParams.get("herbouwd");
  return {
    queue: queue.map((q) => ({ ...q, statusText: statusLabel(localeFromRequest(request), q.status) })),
    dueCount: due.length,
    claimCount: claims.length,
    misses,
    search,
    reindexed: reindexed && /^\d+$/.test(reindexed) ? Number(reindexed) : null,
  };
}

/** Rebuilds the search index from the published articles (after a restore or an upgrade). */
export async function action({ request, context }: ActionFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const form = await request.formData();
  if (formIntent(form) !== "herbouwen") return localRedirect(request, "/beheer/kennisbank");
  // One transaction: the index and the Meilisearch outbox change together, or not at all.
  const count = await context.db.transaction((tx) => reindexAll(tx));
  return localRedirect(request, `/beheer/kennisbank?herbouwd=${count}#zoekmachine`);
}

export default function KennisbankBeheer() {
  const { queue, dueCount, claimCount, misses, search, reindexed } = useLoaderData<typeof loader>();
  const t = useT();
  const navigation = useNavigation();
  const rebuilding = navigation.state === "submitting" && navigation.formData?.get("intent") === "herbouwen";
  const locale = useLocale();
  return (
    <div className="space-y-10">
      <PageHeader title={t("kbb.title")} intro={t("kbb.intro")}>
        <p className="flex gap-4">
          <Link to="/beheer/kennisbank/import">{t("kbb.import")}</Link>
          <Link to="/beheer/bronnen">{t("sources.beheer.title")}</Link>
          <Link to="/beheer/kennisbank/export" reloadDocument>
            {t("kbb.export")}
          </Link>
        </p>
      </PageHeader>
      <section aria-labelledby="wachtrij" className="space-y-3">
        <h2 id="wachtrij">{t("kbb.queue")}</h2>
        {queue.length === 0 ? <p>{t("kbb.queue.empty")}</p> : null}
        <table className={`w-full border-collapse text-left ${queue.length === 0 ? "hidden" : ""}`}>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4">
                {t("kb.edit.title")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("kbb.status")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("kbb.author")}
              </th>
              <th scope="col" className="py-2">
                {t("kbb.date")}
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.map((q) => (
              <tr key={q.id} className="border-b border-line align-top">
                <td className="py-2 pr-4">
                  <Link to={`/beheer/kennisbank/${q.slug}?b=${q.id}`}>
                    <ContentText text={q.title} lang={contentLang(q.locale)} />
                  </Link>{" "}
                  <span className="text-sm text-muted">({q.locale})</span>
                  {q.note ? <div className="text-sm text-muted">{q.note}</div> : null}
                </td>
                <td className="py-2 pr-4">{q.statusText}</td>
                <td className="py-2 pr-4">
                  {q.authorName ?? t("kbb.system")}
                  {q.authorRole === "member" ? (
                    <span className="text-sm text-muted"> ({t("kbb.suggestion")})</span>
                  ) : null}
                </td>
                <td className="py-2">{formatDateTime(q.createdAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="zoekgaten" className="space-y-3">
        <h2 id="zoekgaten">{t("kbb.misses")}</h2>
        <p className="text-muted">{t("kbb.misses.intro")}</p>
        {misses.length === 0 ? <p>{t("kbb.misses.none")}</p> : null}
        <ul className="list-disc space-y-1 pl-6">
          {misses.map((m) => (
            <li key={m.query}>
              <Link to={`/kennisbank?q=${encodeURIComponent(m.query)}`}>{m.query}</Link>{" "}
              <span className="text-muted">({t("kbb.misses.count", { n: m.count })})</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="zoekmachine" className="space-y-2">
        <h2 id="zoekmachine">{t("kbb.searchStatus")}</h2>
        <p>{t("kbb.searchStatus.configured", { engine: search.configured })}</p>
        <ul className="list-disc pl-6">
          {search.engines.map((e) => (
            <li key={e.engine}>
              {e.engine}: {e.ok ? t("kbb.searchStatus.ok") : t("kbb.searchStatus.down")}
            </li>
          ))}
        </ul>
        {search.configured === "meilisearch" ? (
          <p>{t("kbb.searchStatus.outbox", { n: search.outbox.waiting, failing: search.outbox.failing })}</p>
        ) : null}
        {reindexed !== null ? (
          <p role="status" className="rounded border border-line bg-wash p-3">
            {t("kbb.reindex.done", { count: reindexed })}
          </p>
        ) : null}
        <Form method="post" className="space-y-2">
          <p className="text-muted">{t("kbb.reindex.intro")}</p>
          <button
            type="submit"
            name="intent"
            value="herbouwen"
            className="rounded border border-brand px-4 py-2 font-medium text-brand disabled:opacity-60"
            disabled={rebuilding}
          >
            {rebuilding ? t("kbb.reindex.busy") : t("kbb.reindex")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="controle" className="space-y-2">
        <h2 id="controle">{t("kbb.checks")}</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <Link to="/beheer/kennisbank/controles">{t("reviews.title")}</Link>{" "}
            <span className="text-muted">({t("reviews.count", { count: dueCount })})</span>
          </li>
          <li>
            <Link to="/beheer/kennisbank/te-controleren">{t("claims.title")}</Link>{" "}
            <span className="text-muted">({t("claims.count", { n: claimCount })})</span>
          </li>
        </ul>
      </section>
    </div>
  );
}
