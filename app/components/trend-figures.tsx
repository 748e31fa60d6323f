// The TrendMonitor figures on /trends: key findings, contents, one section per figure (chart,
// data table, N, waves, the report's source line and wording, CSV and SVG downloads, links to
// what the platform offers) and, for moderators, the check against the printed numbers.

import { AnswerLabel } from "#app/components/answer-label.tsx";
import { withForeign } from "#app/components/foreign.tsx";
import { figureCharts } from "#app/components/report-chart.tsx";
import { institutionTypeLabel, type MessageKey, useLocale, useLocalizedPath, useT } from "#app/i18n/index.ts";
import { SECONDARY_HIDDEN_LABEL, SMALL_GROUP_LABEL } from "#app/modules/survey/aggregate.ts";
import type { FigureSource, FigureView } from "#app/modules/survey/figures.ts";
import {
  figureGroups,
  figuresWithoutColumn,
  keyFindings,
  REPORT,
  reportInconsistencies,
} from "#app/modules/survey/trendmonitor-2024.ts";
import { topics } from "#app/modules/taxonomy.ts";

const groupKey = (key: string) => `trends.figures.group.${key}` as MessageKey;
const formatNumber = (value: number, locale: "nl" | "en") =>
  locale === "nl" ? String(value).replace(".", ",") : String(value);

export function SourceBanner({ source, waves }: { source: FigureSource; waves: number[] }) {
  const t = useT();
  const locale = useLocale();
  // The report's title and its colophon (who made it for whom) are quoted in Dutch.
  const text =
    source === "published"
      ? withForeign(
          (mark) =>
            t("trends.source.published", {
              title: mark,
              publisher: mark,
              fieldwork: REPORT.fieldwork[locale],
              n: REPORT.respondents,
              waves: REPORT.waves.join(", "),
            }),
          [REPORT.title, REPORT.publisher],
          "nl",
        )
      : withForeign(
          (mark) => t("trends.source.respondents", { title: mark, waves: waves.join(", ") }),
          [REPORT.title],
          "nl",
        );
  return (
    <p className="max-w-3xl rounded border-l-4 border-brand bg-wash p-4" data-source={source}>
      <strong>{t(`trends.source.label.${source}`)}.</strong> {text}
    </p>
  );
}

export function KeyFindings({ figures }: { figures: FigureView[] }) {
  const t = useT();
  const localized = useLocalizedPath();
  const locale = useLocale();
  return (
    <section aria-labelledby="kernbevindingen" className="space-y-3">
      <h2 id="kernbevindingen">{t("trends.findings.title")}</h2>
      <p className="text-sm text-muted">{t("trends.findings.intro")}</p>
      <ul className="grid gap-3 md:grid-cols-2">
        {keyFindings.map((finding) => {
          const figure = figures.find((f) => f.id === finding.figure);
          return (
            <li key={finding.figure} className="rounded border border-line p-3">
              <p>{locale === "nl" ? `“${finding.nl}”` : finding.en}</p>
              <p className="mt-1 text-sm">
                <a href={`#${finding.figure}`}>{figure ? figure.number[locale] : finding.figure}</a>
                {finding.link ? (
                  <>
                    {" · "}
                    <a href={localized(finding.link)}>{figure?.links[0]?.label[locale] ?? finding.link}</a>
                  </>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Contents({ figures }: { figures: FigureView[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <nav aria-labelledby="inhoudsopgave" className="rounded border border-line p-4 print:hidden">
      <h2 id="inhoudsopgave" className="text-lg">
        {t("trends.toc.title")}
      </h2>
      <ol className="mt-2 columns-1 gap-8 text-sm md:columns-2">
        {figureGroups.map((group) => (
          <li key={group.key} className="mb-2 break-inside-avoid">
            <a href={`#groep-${group.key}`} className="inline-block py-1 font-semibold">
              {t(groupKey(group.key))}
            </a>
            <ul className="ml-4 list-disc">
              {group.figures.map((id) => {
                const figure = figures.find((f) => f.id === id);
                return figure ? (
                  <li key={id}>
                    <a href={`#${id}`} className="inline-block py-1">
                      {figure.number[locale]}: {figure.title[locale]}
                    </a>
                  </li>
                ) : null;
              })}
            </ul>
          </li>
        ))}
        <li>
          <a href="#over-de-cijfers" className="inline-block py-1 font-semibold">
            {t("trends.about.title")}
          </a>
        </li>
      </ol>
    </nav>
  );
}

function cellText(value: number | null, locale: "nl" | "en", suffix = ""): string {
  return value === null ? "" : `${formatNumber(value, locale)}${suffix}`;
}

function FigureTable({ figure }: { figure: FigureView }) {
  const t = useT();
  const locale = useLocale();
  // The whole heading: a screen reader's table list names the figure, not only its number.
  const caption = t("trends.figure.table", {
    figure: `${figure.number[locale]}. ${figure.title[locale]}`,
  });
  const hiddenN = (reason: "small" | "secondary") =>
    reason === "small" ? SMALL_GROUP_LABEL : SECONDARY_HIDDEN_LABEL;
  // Published: only the answers the report prints something for.
  const shown = figure.labels
    .map((label, i) => ({ label, i }))
    .filter(
      ({ i }) =>
        figure.source === "respondents" ||
        figure.items.some((item) => item.series.some((s) => s.percent[i] !== null || s.count[i] !== null)),
    );
  const withCounts = figure.items.some((item) => item.series.some((s) => s.count.some((c) => c !== null)));
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left text-muted">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-line align-bottom">
            <th scope="col" className="py-1 pr-3">
              {figure.kind === "byType" ? t("trends.col.type") : t("trends.col.answer")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("trends.wave.label")}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {t("trends.col.n")}
            </th>
            {shown.map(({ label }) => (
              <th key={label} scope="col" className="py-1 pr-3 text-right">
                <FigureLabel figure={figure} label={label} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figure.items.flatMap((item) =>
            item.series.map((s) => (
              <tr key={`${item.key}-${s.wave}`} className="border-b border-line">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {item.label[locale]}
                </th>
                <td className="py-1 pr-3">{s.wave}</td>
                <td className="py-1 pr-3 text-right">{s.hidden ? hiddenN(s.hidden) : (s.n ?? "–")}</td>
                {shown.map(({ label, i }) => {
                  const p = s.percent[i] ?? null;
                  const c = s.count[i] ?? null;
                  const text =
                    p === null && c === null
                      ? ""
                      : withCounts && c !== null
                        ? `${cellText(p, locale, "%")}${p === null ? "" : " "}(${c})`
                        : cellText(p, locale, "%");
                  return (
                    <td key={label} className="py-1 pr-3 text-right">
                      {text}
                    </td>
                  );
                })}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A figure's label in a table: an institution type translated, an answer as asked (with gloss). */
function FigureLabel({ figure, label }: { figure: FigureView; label: string }) {
  const locale = useLocale();
  return figure.labelKind === "type" ? institutionTypeLabel(locale, label) : <AnswerLabel label={label} />;
}

function Checks({ figure }: { figure: FigureView }) {
  const t = useT();
  const locale = useLocale();
  if (!figure.checks) return null;
  const column = (key: string) => figure.items.find((item) => item.key === key)?.label[locale] ?? key;
  return (
    <div className="rounded border border-line bg-wash p-3 text-sm print:hidden">
      <h4 className="font-semibold">{t("trends.check.title")}</h4>
      {figure.checks.length === 0 ? (
        <p>{t("trends.check.none")}</p>
      ) : (
        <ul className="list-disc pl-5">
          {figure.checks.map((c) => (
            <li key={`${c.column}-${c.wave}`} data-check={c.match ? "match" : "differs"}>
              {[
                c.points !== null && c.points > 0
                  ? t("trends.check.differs", {
                      column: column(c.column),
                      wave: c.wave,
                      points: formatNumber(c.points, locale),
                    })
                  : null,
                c.countsDiffer > 0
                  ? t("trends.check.counts", {
                      column: column(c.column),
                      wave: c.wave,
                      count: c.countsDiffer,
                    })
                  : null,
                c.nDiffers
                  ? t("trends.check.n", {
                      column: column(c.column),
                      wave: c.wave,
                      printed: c.nDiffers.printed,
                      computed: c.nDiffers.computed ?? SMALL_GROUP_LABEL,
                    })
                  : null,
                c.match
                  ? t("trends.check.match", { column: column(c.column), wave: c.wave })
                  : c.points === 0 && !c.countsDiffer
                    ? t("trends.check.percentMatch", { column: column(c.column), wave: c.wave })
                    : null,
              ]
                .filter(Boolean)
                .join(" ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Offer({ figure }: { figure: FigureView }) {
  const t = useT();
  const localized = useLocalizedPath();
  const locale = useLocale();
  const topicLinks =
    figure.id === "figuur-13"
      ? figure.items.flatMap((item) => {
          const topic = topics.find((x) => x.key === item.topic);
          return topic
            ? [
                {
                  href: `/kennisbank?onderwerp=${topic.key}`,
                  label: t("trends.figure.guides", { topic: topic[locale].toLowerCase() }),
                },
              ]
            : [];
        })
      : [];
  const weakest =
    figure.id === "figuur-13" && figure.items.some((item) => item.series.length)
      ? figure.items.slice(0, 3).map((item) => item.label[locale].toLowerCase())
      : [];
  const links = [...figure.links.map((l) => ({ href: l.href, label: l.label[locale] })), ...topicLinks];
  if (!links.length) return null;
  return (
    <div className="text-sm print:hidden">
      <p className="font-semibold">{t("trends.figure.offer")}</p>
      {weakest.length ? (
        <p>
          {t("trends.figure.weakest", { topics: weakest.join(", ") })}{" "}
          <a href={localized("/intervisie")}>{figure.links[0]?.label[locale]}</a>
        </p>
      ) : null}
      <ul className="flex flex-wrap gap-x-6">
        {links.map((l) => (
          <li key={`${l.href}-${l.label}`}>
            <a href={localized(l.href)} className="inline-block py-1">
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Figure({ figure }: { figure: FigureView }) {
  const t = useT();
  const localized = useLocalizedPath();
  const locale = useLocale();
  const charts = figureCharts(figure, locale);
  const headingId = `${figure.id}-kop`;
  const nText = [
    ...new Set(
      figure.items.flatMap((item) =>
        item.series.map((s) => `${s.wave}: ${s.hidden ? SMALL_GROUP_LABEL : (s.n ?? "–")}`),
      ),
    ),
  ];
  const csv = `/trends.csv?figuur=${figure.id}`;
  return (
    <article
      id={figure.id}
      aria-labelledby={headingId}
      className="space-y-3 rounded border border-line p-4 break-inside-avoid"
    >
      <header>
        <h3 id={headingId} className="text-lg font-semibold">
          {figure.number[locale]}. {figure.title[locale]}
        </h3>
        {figure.titleFromReport ? null : <p className="text-sm text-muted">{t("trends.figure.ownTitle")}</p>}
        <p className="text-sm text-muted">
          {t(`trends.source.label.${figure.source}`)} ·{" "}
          {withForeign((mark) => t("trends.figure.sourceLine", { line: mark }), [figure.sourceLine], "nl")}
          {figure.waves.length ? ` · ${t("trends.figure.waves", { waves: figure.waves.join(", ") })}` : ""}
          {nText.length && figure.kind !== "byType"
            ? ` · ${t("trends.figure.n", { n: nText.join("; ") })}`
            : ""}
        </p>
      </header>
      <blockquote className="border-l-4 border-line pl-3 text-sm">
        <span className="font-semibold">{t("trends.figure.report")}</span>{" "}
        <span lang="nl">{figure.wording.map((w) => `“${w}”`).join(" ")}</span>
      </blockquote>
      {figure.hasNumbers ? (
        <>
          {figure.id === "figuur-13" && figure.source === "respondents" ? (
            <p className="text-sm">{t("trends.figure.badlyMet")}</p>
          ) : null}
          <div className="grid gap-4 lg:grid-cols-2">
            {charts.map((chart, index) => (
              <figure key={chart.key} className="space-y-1">
                {chart.element}
                <figcaption className="text-sm print:hidden">
                  <a href={localized(`/trends.svg?figuur=${figure.id}&deel=${index}`)} download>
                    {t("trends.figure.svg")}
                    <span className="sr-only"> {chart.title}</span>
                  </a>
                </figcaption>
              </figure>
            ))}
          </div>
          <FigureTable figure={figure} />
          <p className="text-sm print:hidden">
            <a href={localized(csv)} download>
              {t("trends.csv")}
              <span className="sr-only">
                {" "}
                {figure.number[locale]}. {figure.title[locale]}
              </span>
            </a>
          </p>
        </>
      ) : (
        <p className="text-sm">
          {figure.source === "published" ? t("trends.figure.notPrinted") : t("trends.figure.noData")}
        </p>
      )}
      <Offer figure={figure} />
      <Checks figure={figure} />
    </article>
  );
}

export function FigureSections({ figures }: { figures: FigureView[] }) {
  const t = useT();
  return (
    <>
      {figureGroups.map((group) => (
        <section
          key={group.key}
          id={`groep-${group.key}`}
          aria-labelledby={`groep-${group.key}-kop`}
          className="space-y-4"
        >
          <h2 id={`groep-${group.key}-kop`}>{t(groupKey(group.key))}</h2>
          {group.figures.map((id) => {
            const figure = figures.find((f) => f.id === id);
            return figure ? <Figure key={id} figure={figure} /> : null;
          })}
        </section>
      ))}
    </>
  );
}

export function AboutFigures() {
  const t = useT();
  const locale = useLocale();
  return (
    <section id="over-de-cijfers" aria-labelledby="over-de-cijfers-kop" className="space-y-3">
      <h2 id="over-de-cijfers-kop">{t("trends.about.title")}</h2>
      <h3 className="text-lg font-semibold">{t("trends.about.noColumn")}</h3>
      <ul className="list-disc pl-5 text-sm">
        {figuresWithoutColumn.map((f) => (
          <li key={f.number.nl}>
            {f.number[locale]}: {f.subject[locale]}
          </li>
        ))}
      </ul>
      <h3 className="text-lg font-semibold">{t("trends.about.inconsistent")}</h3>
      <ul lang="nl" className="list-disc pl-5 text-sm">
        {reportInconsistencies.map((item) => (
          <li key={item.text}>
            <span className="font-semibold">{item.where}:</span> {item.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
