// The digitisation lines: a count for the public, names and terms for members.

import { Link } from "#app/components/link.tsx";
import { useT } from "#app/i18n/index.ts";
import type { PoolData } from "./shared.ts";

export function LinesSection({ lines }: Pick<PoolData, "lines">) {
  const t = useT();
  return (
    <section aria-labelledby="lijnen" className="space-y-3">
      <h2 id="lijnen">{t("dragers.pool.linesTitle")}</h2>
      <p>{t("dragers.pool.linesCount", { count: lines.count })}</p>
      {lines.list ? (
        <ul className="space-y-3">
          {lines.list.map((line) => (
            <li key={line.institutionId} className="rounded border border-line p-3">
              <p className="font-semibold">{line.institutionName}</p>
              <p className="text-sm">
                {line.shared ?? ""}
                {line.suitability ? ` · ${line.suitability}` : ""}
                {line.source === "survey" ? ` · ${t("dragers.pool.fromSurvey")}` : ""}
              </p>
              <p className="text-sm">
                {line.carriers.length ? line.carriers.join(", ") : t("dragers.pool.carriersUnknown")}
              </p>
              {line.terms ? <p className="whitespace-pre-line text-sm text-muted">{line.terms}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted">
          <Link to="/inloggen?redirectTo=/dragers/samenwerken">{t("dragers.pool.loginForLines")}</Link>
        </p>
      )}
    </section>
  );
}
