// Demand per carrier added up across institutions: the totals (hidden below the group size
// for the public), and which lines can take it.

import { useLocale, useT } from "#app/i18n/index.ts";
import { formatNumber } from "#app/modules/dragers/planner.ts";
import type { PoolData } from "./shared.ts";

export function DemandSection({
  view,
  pool,
  minGroupSize,
}: Pick<PoolData, "view" | "pool" | "minGroupSize">) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <section aria-labelledby="vraag-totaal" className="space-y-3">
      <h2 id="vraag-totaal">{t("dragers.pool.demandTitle")}</h2>
      <p className="max-w-3xl text-muted">
        {view === "moderator"
          ? t("dragers.pool.moderatorNote")
          : t("dragers.pool.privacy", { n: minGroupSize })}
      </p>
      {pool.rows.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left text-muted">{t("dragers.pool.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="py-2 pr-4">
                  {t("dragers.col.name")}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t("dragers.pool.items")}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t("dragers.pool.institutions")}
                </th>
                <th scope="col" className="py-2">
                  {t("dragers.pool.lines")}
                </th>
              </tr>
            </thead>
            <tbody>
              {pool.rows.map((row) => (
                <tr key={row.carrier} className="border-b border-line align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {row.title}
                    {row.demand ? (
                      <ul className="mt-1 text-sm text-muted">
                        {row.demand.map((d) => (
                          <li key={d.institutionName}>
                            {d.institutionName}: {n(d.count)}
                            {d.note ? ` (${d.note})` : ""}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </th>
                  <td className="py-2 pr-4 text-right">{row.hidden ? "–" : n(row.total ?? 0)}</td>
                  <td className="py-2 pr-4 text-right">
                    {row.hidden ? `< ${minGroupSize}` : n(row.institutions ?? 0)}
                  </td>
                  <td className="py-2">
                    {row.lines === 0
                      ? t("dragers.pool.noLine")
                      : row.lineNames
                        ? row.lineNames.join(", ")
                        : t("dragers.pool.lineCount", { count: row.lines })}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-line font-semibold">
                <th scope="row" className="py-2 pr-4">
                  {pool.hiddenCarriers ? t("dragers.pool.totalShown") : t("dragers.pool.total")}
                </th>
                <td className="py-2 pr-4 text-right">{n(pool.shownTotal)}</td>
                <td className="py-2 pr-4 text-right">
                  {pool.shownInstitutions === null ? `< ${minGroupSize}` : n(pool.shownInstitutions)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p>{t("dragers.pool.noDemand")}</p>
      )}
    </section>
  );
}
