import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { riskClass } from "#app/components/fact-box.tsx";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, useT } from "#app/i18n/index.ts";
import { type CarrierSort, carrierSorts, listCarriers } from "#app/modules/kennisbank/articles.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "dragers.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const sortParam = url.searchParams.get("sorteer") ?? "risico";
  const sort = (carrierSorts as readonly string[]).includes(sortParam)
    ? (sortParam as CarrierSort)
    : "risico";
  const dirParam = url.searchParams.get("richting");
  const direction = dirParam === "op" || dirParam === "af" ? dirParam : sort === "risico" ? "af" : "op";
  const carriers = await listCarriers(context.db, localeFromRequest(request), sort, direction);
  return { carriers, sort, direction };
}

export default function Dragers() {
  const { carriers, sort, direction } = useLoaderData<typeof loader>();
  const t = useT();
  const header = (key: CarrierSort, label: string) => {
    const active = sort === key;
    const next = active && direction === "op" ? "af" : active ? "op" : key === "risico" ? "af" : "op";
    return (
      <th
        scope="col"
        className="py-2 pr-4"
        aria-sort={active ? (direction === "op" ? "ascending" : "descending") : "none"}
      >
        <Link to={`?sorteer=${key}&richting=${next}`} preventScrollReset>
          {label}
          {active ? (direction === "op" ? " ▲" : " ▼") : ""}
          <span className="sr-only"> ({t("dragers.sortBy")})</span>
        </Link>
      </th>
    );
  };
  return (
    <div>
      <PageHeader title={t("dragers.title")} intro={t("dragers.intro")} />
      <nav aria-labelledby="dragers-hulpmiddelen" className="mb-10">
        <h2 id="dragers-hulpmiddelen" className="mb-3">
          {t("dragers.tools.title")}
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {(
            [
              ["/dragers/herkennen", "dragers.tools.herkennen", "dragers.tools.herkennenText"],
              ["/dragers/planner", "dragers.tools.planner", "dragers.tools.plannerText"],
              ["/dragers/samenwerken", "dragers.tools.samenwerken", "dragers.tools.samenwerkenText"],
            ] as const
          ).map(([to, title, text]) => (
            <li key={to} className="rounded-lg border border-line p-4">
              <Link to={to} className="text-lg font-semibold">
                {t(title)}
              </Link>
              <p className="mt-1 text-sm text-muted">{t(text)}</p>
            </li>
          ))}
        </ul>
      </nav>
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left text-muted">
          {t("dragers.caption", { n: carriers.length })}
        </caption>
        <thead>
          <tr className="border-b-2 border-line">
            {header("naam", t("dragers.col.name"))}
            {header("medium", t("dragers.col.medium"))}
            {header("jaren", t("dragers.col.years"))}
            {header("risico", t("dragers.col.risk"))}
          </tr>
        </thead>
        <tbody>
          {carriers.map((c) => (
            <tr key={c.slug} className="border-b border-line align-top">
              <td className="py-2 pr-4">
                <Link to={`/kennisbank/${c.slug}`}>{c.title}</Link>
                <div className="text-sm text-muted">{c.size}</div>
              </td>
              <td className="py-2 pr-4">{t(`kb.medium.${c.medium}`)}</td>
              <td className="py-2 pr-4">
                {c.yearsFrom}–{c.yearsTo ?? t("kb.facts.now")}
              </td>
              <td className="py-2">
                <span
                  className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${riskClass(c.riskLevel)}`}
                >
                  {t(`kb.riskLevel.${c.riskLevel}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
