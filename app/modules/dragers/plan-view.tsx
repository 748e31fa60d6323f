// The plan and the assumptions behind it, as tables (shared by the planner and its printable page).
import { Fragment } from "react";
import { useLocale, useLocalizedPath, useT } from "#app/i18n/index.ts";
import { sourceHref } from "#app/modules/kennisbank/sources.ts";
import { assumptionText, type CarrierAssumption } from "./assumptions.ts";
import { conditionLabels, explainRank, formatNumber, type Plan } from "./planner.ts";
import type { Certainty } from "./types.ts";

const certaintyText: Record<Certainty, { nl: string; en: string }> = {
  bron: { nl: "bron", en: "source" },
  alg: { nl: "algemene kennis", en: "common knowledge" },
  "?": { nl: "te controleren", en: "to be checked" },
};

export function CertaintyMark({ value }: { value: Certainty }) {
  const locale = useLocale();
  return <span className="text-sm text-muted"> [{certaintyText[value][locale]}]</span>;
}

/**
 * An assumption's source text, a source a line: `[@key]` links to the source's page
 * (/bronnen/<key>), `[?]` and `[alg]` read as "te controleren" and "algemene kennis" (a
 * moderator's own text may have neither). A default line is shown in the page's language; a
 * moderator's own line as written, in Dutch (`assumptionText`).
 */
export function SourceText({ text }: { text: string }) {
  const locale = useLocale();
  const localized = useLocalizedPath();
  return (
    <>
      {text.split("\n").map((stored, line) => {
        const { text: shown, lang } = assumptionText(stored, locale);
        const parts = shown.split(/(\[@[a-z0-9][a-z0-9-]*\]|\[\?\]|\[alg\])/);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one fixed text
          <Fragment key={line}>
            {line ? "\n" : null}
            {parts.map((part, i) => {
              const key = /^\[@([a-z0-9-]+)\]$/.exec(part)?.[1];
              if (key) {
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
                  <a key={i} href={localized(sourceHref(key))}>
                    [{key}]
                  </a>
                );
              }
              if (part === "[?]" || part === "[alg]") {
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
                  <span key={i} className={part === "[?]" ? "font-medium text-accent" : undefined}>
                    [{certaintyText[part === "[?]" ? "?" : "alg"][locale]}]
                  </span>
                );
              }
              return part ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
                <span key={i} lang={lang}>
                  {part}
                </span>
              ) : null;
            })}
          </Fragment>
        );
      })}
    </>
  );
}

/** An assumption's note: a default one in the page's language, a moderator's own as written. */
function Note({ stored }: { stored: string }) {
  const locale = useLocale();
  const { text, lang } = assumptionText(stored, locale);
  return <span lang={lang} className="text-ink">{`${text}\n`}</span>;
}

/** A preservation or access format, in the page's language where it is a default one. */
function FormatName({ stored }: { stored: string }) {
  const locale = useLocale();
  const { text, lang } = assumptionText(stored, locale);
  return (
    <div lang={lang} className="text-muted">
      {text}
    </div>
  );
}

export function PlanTable({ plan }: { plan: Plan }) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number, d = 1) => formatNumber(v, locale, d);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left text-muted">{t("dragers.plan.caption")}</caption>
        <thead>
          <tr className="border-b-2 border-line">
            <th scope="col" className="py-2 pr-3">
              {t("dragers.plan.rank")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.col.name")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.plan.items")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.plan.why")}
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              {t("dragers.plan.contentHours")}
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              {t("dragers.plan.workHours")}
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              {t("dragers.plan.masterTb")}
            </th>
            <th scope="col" className="py-2 text-right">
              {t("dragers.plan.accessTb")}
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.rows.map((row) => (
            <tr key={row.line} className="border-b border-line align-top">
              <td className="py-2 pr-3 font-semibold">{row.rank}</td>
              <th scope="row" className="py-2 pr-3 font-normal">
                {row.title}
                <div className="text-muted">{conditionLabels[row.condition][locale]}</div>
              </th>
              <td className="py-2 pr-3">
                {n(row.count, 0)} × {n(row.minutes)} {t("dragers.plan.min")}
                {row.defaultMinutes ? (
                  <div className="text-muted">{t("dragers.plan.defaultMinutes")}</div>
                ) : null}
              </td>
              <td className="py-2 pr-3">{explainRank(row, locale)}</td>
              <td className="py-2 pr-3 text-right">{n(row.contentHours)}</td>
              <td className="py-2 pr-3 text-right">
                {n(row.digitisationHours)}
                <div className="text-muted">× {n(row.transferFactor, 2)}</div>
              </td>
              <td className="py-2 pr-3 text-right">{n(row.masterTb, 2)}</td>
              <td className="py-2 text-right">{n(row.accessTb, 3)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-line font-semibold">
            <th scope="row" colSpan={2} className="py-2 pr-3">
              {t("dragers.plan.total")}
            </th>
            <td className="py-2 pr-3">{n(plan.totals.items, 0)}</td>
            <td />
            <td className="py-2 pr-3 text-right">{n(plan.totals.contentHours)}</td>
            <td className="py-2 pr-3 text-right">{n(plan.totals.digitisationHours)}</td>
            <td className="py-2 pr-3 text-right">{n(plan.totals.masterTb, 2)}</td>
            <td className="py-2 text-right">{n(plan.totals.accessTb, 3)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function AssumptionTable({
  assumptions,
  titles,
}: {
  assumptions: CarrierAssumption[];
  titles: Map<string, string>;
}) {
  const t = useT();
  const locale = useLocale();
  const n = (v: number, d = 2) => formatNumber(v, locale, d);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left text-muted">{t("dragers.assumptions.caption")}</caption>
        <thead>
          <tr className="border-b-2 border-line">
            <th scope="col" className="py-2 pr-3">
              {t("dragers.col.name")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.assumptions.minutes")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.assumptions.factor")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.assumptions.master")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.assumptions.access")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("dragers.assumptions.scores")}
            </th>
            <th scope="col" className="py-2">
              {t("dragers.assumptions.sources")}
            </th>
          </tr>
        </thead>
        <tbody>
          {assumptions.map((a) => (
            <tr key={a.carrier} className="border-b border-line align-top">
              <th scope="row" className="py-2 pr-3 font-normal">
                {titles.get(a.carrier) ?? a.carrier}
              </th>
              <td className="py-2 pr-3">
                {n(a.minutesPerItem, 1)}
                <CertaintyMark value={a.certainty.minutesPerItem} />
              </td>
              <td className="py-2 pr-3">
                × {n(a.transferFactor)}
                <CertaintyMark value={a.certainty.transferFactor} />
              </td>
              <td className="py-2 pr-3">
                {n(a.masterGbPerHour)} {t("dragers.assumptions.gbPerHour")}
                <CertaintyMark value={a.certainty.masterGbPerHour} />
                <FormatName stored={a.masterFormat} />
              </td>
              <td className="py-2 pr-3">
                {n(a.accessGbPerHour, 3)} {t("dragers.assumptions.gbPerHour")}
                <CertaintyMark value={a.certainty.accessGbPerHour} />
                <FormatName stored={a.accessFormat} />
              </td>
              <td className="py-2 pr-3">
                D {a.degradationScore} · O {a.obsolescenceScore}
                <CertaintyMark value={a.certainty.scores} />
              </td>
              <td className="whitespace-pre-line py-2 text-muted">
                {a.note ? <Note stored={a.note} /> : null}
                <SourceText text={a.sources} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
