// Moderators: how groups rate their sessions. Low ratings are suggested for re-matching. The
// file name's `intervisie_` keeps this page out of a /beheer/intervisie layout.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { ratingsByGroup } from "#app/modules/intervisie/sessions/ratings.server.ts";
import { formatDate } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.ratings", "intervisie.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "run:matching");
  const groups = await ratingsByGroup(context.db);
  return {
    groups: groups.map((g) => ({
      ...g,
      sessions: g.sessions.map((s) => ({ ...s, startsAt: s.startsAt.toISOString() })),
      comments: g.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    })),
  };
}

export default function Ratings() {
  const { groups } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const number = (n: number) =>
    n.toLocaleString(locale === "en" ? "en-GB" : "nl-NL", { maximumFractionDigits: 1 });
  return (
    <div className="max-w-4xl space-y-8">
      <PageHeader title={t("sessie.ratings.title")} intro={t("sessie.ratings.intro")} />
      {groups.length === 0 ? <p>{t("sessie.ratings.none")}</p> : null}
      {groups.map((g) => (
        <section
          key={g.groupId}
          aria-labelledby={`groep-${g.groupId}`}
          className="space-y-3 rounded border border-line p-4"
        >
          <h2 id={`groep-${g.groupId}`}>
            <Link to={`/intervisie/groepen/${g.groupId}`}>{g.groupName}</Link>
          </h2>
          <p>{t("sessie.ratings.summary", { average: number(g.average), count: g.count })}</p>
          {g.low ? (
            <p className="font-medium text-accent">
              {t("sessie.ratings.low")}{" "}
              <Link to={`/beheer/intervisie?pool=groep-${g.groupId}`}>{t("sessie.ratings.rematch")}</Link>
            </p>
          ) : null}
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("sessie.ratings.perSession", { group: g.groupName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sessie.ratings.col.session")}</th>
                <th scope="col">{t("sessie.ratings.col.date")}</th>
                <th scope="col">{t("sessie.ratings.col.average")}</th>
                <th scope="col">{t("sessie.ratings.col.count")}</th>
              </tr>
            </thead>
            <tbody>
              {g.sessions.map((s) => (
                <tr key={s.sessionId}>
                  <td>
                    <Link to={`/intervisie/sessies/${s.sessionId}`}>{s.title}</Link>
                  </td>
                  <td>{formatDate(s.startsAt, locale, "medium")}</td>
                  <td>{number(s.average)}</td>
                  <td>{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {g.comments.length ? (
            <>
              <h3 className="font-semibold">{t("sessie.ratings.comments")}</h3>
              <ul className="space-y-2">
                {g.comments.map((c) => (
                  <li
                    key={`${c.sessionId}-${c.createdAt}-${c.comment}`}
                    className="border-l-4 border-line pl-3"
                  >
                    <p>{c.comment}</p>
                    <p className="text-sm text-muted">
                      {c.sessionTitle} · {t("sessie.ratings.score", { score: c.score })}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </div>
  );
}
