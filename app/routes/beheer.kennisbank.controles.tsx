import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { kindLabels } from "#app/modules/kennisbank/model.ts";
import { reviewDue, reviewIntervalMonths } from "#app/modules/kennisbank/reviews.server.ts";
import { formatDate } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.checks", "kennisbank.title", "beheer.title") },
];

/**
 * The review queue: articles never reviewed by a moderator, and those past their interval; each
 * by the title of its Dutch version (marked so on the English page).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const due = await reviewDue(context.db);
  return {
    intervals: reviewIntervalMonths,
    due: due.map((d) => ({
      ...d,
      lastReviewedAt: d.lastReviewedAt?.toISOString() ?? null,
      dueAt: d.dueAt?.toISOString() ?? null,
    })),
  };
}

export default function ReviewQueue() {
  const { due, intervals } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const never = due.filter((d) => !d.lastReviewedAt);
  const overdue = due.filter((d) => d.lastReviewedAt);
  return (
    <div className="space-y-8">
      <PageHeader
        title={t("reviews.title")}
        intro={t("reviews.intro", {
          juridisch: intervals.juridisch,
          wegwijzer: intervals.wegwijzer,
          drager: intervals.drager,
          praktijk: intervals.praktijk,
        })}
      >
        <p className="flex gap-4">
          <Link to="/beheer/kennisbank/te-controleren">{t("claims.title")}</Link>
          <Link to="/beheer/kennisbank">{t("kbb.title")}</Link>
        </p>
      </PageHeader>
      {due.length === 0 ? <p>{t("reviews.none")}</p> : null}
      <section aria-labelledby="achterstallig" className="space-y-3">
        <h2 id="achterstallig">{t("reviews.overdue")}</h2>
        {overdue.length === 0 ? <p className="text-muted">{t("reviews.noneOverdue")}</p> : null}
        <ul className="list-disc space-y-1 pl-6">
          {overdue.map((d) => (
            <li key={d.slug}>
              <Link to={`/beheer/kennisbank/${d.slug}#controle`} lang="nl">
                {d.title}
              </Link>{" "}
              <span className="text-sm text-muted">
                ({kindLabels[d.kind][locale]}){" "}
                {t("reviews.overdueLine", {
                  date: formatDate(d.lastReviewedAt!, locale),
                  name: d.reviewerName ?? "",
                  due: formatDate(d.dueAt!, locale),
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="nooit" className="space-y-3">
        <h2 id="nooit">
          {t("reviews.never")} ({never.length})
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          {never.map((d) => (
            <li key={d.slug}>
              <Link to={`/beheer/kennisbank/${d.slug}#controle`} lang="nl">
                {d.title}
              </Link>{" "}
              <span className="text-sm text-muted">({kindLabels[d.kind][locale]})</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
