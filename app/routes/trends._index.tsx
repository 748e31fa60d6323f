import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AnswerLabel } from "#app/components/answer-label.tsx";
import { BarChart } from "#app/components/bar-chart.tsx";
import { Form } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  AboutFigures,
  Contents,
  FigureSections,
  KeyFindings,
  SourceBanner,
} from "#app/components/trend-figures.tsx";
import {
  type Locale,
  type MessageKey,
  pageTitle,
  useLocale,
  useLocalizedPath,
  useT,
} from "#app/i18n/index.ts";
import { getUser } from "#app/modules/auth/auth.server.ts";
import { can } from "#app/modules/auth/permissions.ts";
import { SECONDARY_HIDDEN_LABEL, SMALL_GROUP_LABEL } from "#app/modules/survey/aggregate.ts";
import {
  buildDashboard,
  type CsvTable,
  type Dashboard,
  hiddenLabel,
  type QuestionView,
  RESPONDENTS,
} from "#app/modules/survey/dashboard.ts";
import { loadFigures } from "#app/modules/survey/figures.server.ts";
import { type PulseResult, pulseResults } from "#app/modules/survey/pulse.server.ts";
import { answerLabel, choiceDef, type QuestionGroup } from "#app/modules/survey/questionnaire.ts";
import { loadTrendData, memoByVersion, pickWave } from "#app/modules/survey/trends.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "trends.title") }];

const dashboards = memoByVersion<ReturnType<typeof buildDashboard>>();

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Moderators see per figure how the computed figures compare with the printed ones.
  const user = await getUser(request, context);
  const checks = can(user?.role, "import:survey");
  const [trend, figureSet, pulses] = await Promise.all([
    loadTrendData(context.db),
    loadFigures(context.db, { checks }),
    pulseResults(context.db),
  ]);
  const { rows, waves } = trend;
  const { source, figures } = figureSet;
  // A fresh install: the report's published figures, no per-wave detail.
  if (!waves.length) return { state: "published" as const, source, figures, waves, dashboard: null, pulses };
  const wave = pickWave(waves, new URL(request.url).searchParams.get("wave"));
  if (wave === null) {
    return data(
      { state: "unknown" as const, source, figures, waves, dashboard: null, pulses },
      { status: 404 },
    );
  }
  return {
    state: "ok" as const,
    source,
    figures,
    waves,
    dashboard: dashboards(trend, String(wave), () => buildDashboard(rows, waves, wave)),
    pulses,
  };
}

type T = ReturnType<typeof useT>;

function csvHref(wave: number, question: string, table: CsvTable = "antwoorden"): string {
  const params = new URLSearchParams({ wave: String(wave), vraag: question });
  if (table !== "antwoorden") params.set("tabel", table);
  return `/trends.csv?${params}`;
}

function CsvLink({ href, label }: { href: string; label: string }) {
  const t = useT();
  const localized = useLocalizedPath();
  return (
    <p className="mt-2 text-sm">
      <a href={localized(href)} download>
        {t("trends.csv")}
        <span className="sr-only"> {label}</span>
      </a>
    </p>
  );
}

const typeKey = (type: string) => `survey.type.${type}` as MessageKey;

function WaveSelector({ waves, wave }: { waves: readonly number[]; wave: number | null }) {
  const t = useT();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3 rounded border border-line bg-wash p-4">
      <div>
        <label htmlFor="golf" className="block text-sm font-medium">
          {t("trends.wave.label")}
        </label>
        <select
          id="golf"
          name="wave"
          defaultValue={wave ?? undefined}
          className="rounded border border-muted bg-paper px-2 py-1"
        >
          {[...waves].reverse().map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded bg-brand px-3 py-1 font-medium text-paper">
        {t("trends.wave.submit")}
      </button>
    </Form>
  );
}

interface CountRow {
  key: string;
  label: ReactNode;
  count: string | number | null;
  percent: string;
}

/** A chart's data table: one row per category with count and percentage, and a total row. */
function CountTable({
  caption,
  firstColumn,
  rows,
  total,
}: {
  caption: string;
  firstColumn: string;
  rows: CountRow[];
  total: Omit<CountRow, "key">;
}) {
  const t = useT();
  return (
    <table className="w-full border-collapse text-left">
      <caption className="mb-2 text-left text-sm text-muted">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-line">
          <th scope="col" className="py-1 pr-4">
            {firstColumn}
          </th>
          <th scope="col" className="py-1 pr-4 text-right">
            {t("trends.col.count")}
          </th>
          <th scope="col" className="py-1 text-right">
            {t("trends.col.percent")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-line">
            <th scope="row" className="py-1 pr-4 font-normal">
              {row.label}
            </th>
            <td className="py-1 pr-4 text-right">{row.count}</td>
            <td className="py-1 text-right">{row.percent}</td>
          </tr>
        ))}
        <tr className="font-semibold">
          <th scope="row" className="py-1 pr-4">
            {total.label}
          </th>
          <td className="py-1 pr-4 text-right">{total.count}</td>
          <td className="py-1 text-right">{total.percent}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Respondents({ dashboard }: { dashboard: Dashboard }) {
  const t = useT();
  const { wave } = dashboard;
  const caption = t("trends.respondents.caption", { wave });
  const visible = dashboard.respondents.filter((row) => row.n !== 0 || row.hidden);
  const description = visible
    .map(
      (row) =>
        `${t(typeKey(row.type))}: ${row.hidden ? hiddenLabel(row.hidden) : `${row.percent}% (${row.n})`}`,
    )
    .join("; ");
  return (
    <section aria-labelledby="respondenten" className="space-y-3">
      <h3 id="respondenten" className="text-xl font-semibold">
        {t("trends.respondents.title")}
      </h3>
      <p>
        {dashboard.n === null
          ? t("trends.wave.summaryHidden", { wave })
          : t("trends.wave.summary", { wave, n: dashboard.n })}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <BarChart
          id="grafiek-respondenten"
          title={caption}
          description={`N = ${dashboard.n ?? SMALL_GROUP_LABEL}. ${description}.`}
          categories={visible.map((row) => t(typeKey(row.type)))}
          series={[{ name: String(wave), values: visible.map((row) => (row.hidden ? null : row.percent)) }]}
          hiddenText={SMALL_GROUP_LABEL}
        />
        <div>
          <CountTable
            caption={caption}
            firstColumn={t("trends.col.type")}
            rows={dashboard.respondents.map((row) => ({
              key: row.type,
              label: t(typeKey(row.type)),
              count: row.hidden ? hiddenLabel(row.hidden) : row.n,
              percent: row.hidden ? "" : `${row.percent}%`,
            }))}
            total={{
              label: t("trends.total"),
              count: dashboard.n ?? SMALL_GROUP_LABEL,
              percent: dashboard.n === null ? "" : "100%",
            }}
          />
          <CsvLink href={csvHref(wave, RESPONDENTS)} label={caption} />
        </div>
      </div>
    </section>
  );
}

function questionTitle(question: QuestionView, locale: Locale): { short: string; text: string } {
  const def = choiceDef(question.column);
  return { short: def.short[locale], text: def.question[locale] };
}

function Question({ question, wave }: { question: QuestionView; wave: number }) {
  const t = useT();
  const locale = useLocale();
  // The chart and its description are plain text: an answer is its English gloss there.
  const plain = (label: string) => answerLabel(label, locale);
  const { short, text } = questionTitle(question, locale);
  const id = `vraag-${question.column}`;
  const caption = t("trends.caption.answers", { question: short, wave });
  return (
    <article aria-labelledby={id} className="space-y-4 rounded border border-line p-4">
      <header>
        <h4 id={id} className="text-lg font-semibold">
          {short}
        </h4>
        <p className="text-muted">{text}</p>
      </header>
      {question.n === 0 ? (
        <p>{t("trends.notAsked", { wave })}</p>
      ) : question.n === null ? (
        <p>{t("trends.hidden")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <BarChart
            id={`grafiek-${question.column}`}
            title={caption}
            description={`N = ${question.n}. ${question.answers.map((a) => `${plain(a.label)}: ${a.percent}%`).join("; ")}.`}
            categories={question.labels.map(plain)}
            series={[{ name: String(wave), values: question.answers.map((a) => a.percent) }]}
            hiddenText={SMALL_GROUP_LABEL}
          />
          <div>
            <CountTable
              caption={caption}
              firstColumn={t("trends.col.answer")}
              rows={question.answers.map((answer) => ({
                key: answer.label,
                label: <AnswerLabel label={answer.label} />,
                count: answer.count,
                percent: `${answer.percent}%`,
              }))}
              total={{ label: t("trends.answered"), count: question.n, percent: "" }}
            />
            <CsvLink href={csvHref(wave, question.column)} label={caption} />
          </div>
        </div>
      )}
      {question.comparison ? <Comparison question={question} short={short} wave={wave} /> : null}
      {question.n ? <ByType question={question} short={short} wave={wave} /> : null}
    </article>
  );
}

function Comparison({ question, short, wave }: { question: QuestionView; short: string; wave: number }) {
  const t = useT();
  const locale = useLocale();
  const text = (label: string) => answerLabel(label, locale);
  const comparison = question.comparison!;
  const caption = t("trends.caption.compare", { question: short });
  const description = comparison.waves
    .map(
      (w, i) =>
        `${w} (N = ${comparison.n[i] ?? SMALL_GROUP_LABEL}): ` +
        comparison.rows.map((row) => `${text(row.label)} ${row.percent[i] ?? SMALL_GROUP_LABEL}%`).join(", "),
    )
    .join("; ");
  return (
    <section aria-labelledby={`vergelijking-${question.column}`} className="space-y-3">
      <h5 id={`vergelijking-${question.column}`} className="font-semibold">
        {t("trends.compare.title")}
      </h5>
      <div className="grid gap-6 lg:grid-cols-2">
        <BarChart
          id={`grafiek-golven-${question.column}`}
          title={caption}
          description={`${description}.`}
          categories={comparison.rows.map((row) => text(row.label))}
          series={comparison.waves.map((w, i) => ({
            name: String(w),
            values: comparison.rows.map((row) => row.percent[i] ?? null),
          }))}
          hiddenText={SMALL_GROUP_LABEL}
        />
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="mb-2 text-left text-sm text-muted">{caption}</caption>
            <thead>
              <tr className="border-b-2 border-line">
                <th scope="col" className="py-1 pr-4">
                  {t("trends.col.answer")}
                </th>
                {comparison.waves.map((w) => (
                  <th key={w} scope="col" className="py-1 pr-4 text-right">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <tr key={row.label} className="border-b border-line">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    <AnswerLabel label={row.label} />
                  </th>
                  {row.percent.map((p, i) => (
                    <td key={comparison.waves[i]} className="py-1 pr-4 text-right">
                      {p === null ? "" : `${p}%`}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="font-semibold">
                <th scope="row" className="py-1 pr-4">
                  {t("trends.answered")}
                </th>
                {comparison.n.map((n, i) => (
                  <td key={comparison.waves[i]} className="py-1 pr-4 text-right">
                    {n ?? SMALL_GROUP_LABEL}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <CsvLink href={csvHref(wave, question.column, "golven")} label={caption} />
        </div>
      </div>
    </section>
  );
}

function ByType({ question, short, wave }: { question: QuestionView; short: string; wave: number }) {
  const t = useT();
  const caption = t("trends.caption.byType", { question: short, wave });
  return (
    <details className="rounded border border-line p-3">
      <summary className="cursor-pointer font-semibold">{t("trends.byType.title")}</summary>
      {question.byTypeVisible ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="mb-2 text-left text-muted">{caption}</caption>
            <thead>
              <tr className="border-b-2 border-line align-bottom">
                <th scope="col" className="py-1 pr-3">
                  {t("trends.col.type")}
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  {t("trends.col.n")}
                </th>
                {question.labels.map((label) => (
                  <th key={label} scope="col" className="py-1 pr-3 text-right">
                    <AnswerLabel label={label} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {question.byType.map((row) => (
                <tr key={row.type} className="border-b border-line">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {t(typeKey(row.type))}
                  </th>
                  <td className="py-1 pr-3 text-right">{row.hidden ? hiddenLabel(row.hidden) : row.n}</td>
                  {row.percent.map((p, i) => (
                    <td key={question.labels[i]} className="py-1 pr-3 text-right">
                      {p === null ? "" : `${p}%`}
                    </td>
                  ))}
                </tr>
              ))}
              <tr className="font-semibold">
                <th scope="row" className="py-1 pr-3">
                  {t("trends.total")}
                </th>
                <td className="py-1 pr-3 text-right">{question.n}</td>
                {question.answers.map((a) => (
                  <td key={a.label} className="py-1 pr-3 text-right">
                    {a.percent}%
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <CsvLink href={csvHref(wave, question.column, "type")} label={caption} />
        </div>
      ) : (
        <p className="mt-2">{t("trends.byType.none")}</p>
      )}
    </details>
  );
}

const groupOrder: { group: QuestionGroup; key: MessageKey }[] = [
  { group: "funding", key: "trends.group.funding" },
  { group: "ooc", key: "trends.group.ooc" },
  { group: "digitisation", key: "trends.group.digitisation" },
  { group: "ai", key: "trends.group.ai" },
  { group: "born_digital", key: "trends.group.born_digital" },
];

function Questions({ dashboard, t }: { dashboard: Dashboard; t: T }) {
  return (
    <>
      {groupOrder.map(({ group, key }) => {
        const questions = dashboard.questions.filter((q) => choiceDef(q.column).group === group);
        if (!questions.length) return null;
        return (
          <section key={group} aria-labelledby={`vragen-${group}`} className="space-y-4">
            <h3 id={`vragen-${group}`} className="text-xl font-semibold">
              {t(key)}
            </h3>
            {questions.map((question) => (
              <Question key={question.column} question={question} wave={dashboard.wave} />
            ))}
          </section>
        );
      })}
    </>
  );
}

export default function Trends() {
  const { state, source, figures, waves, dashboard, pulses } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-10">
      <PageHeader title={t("trends.title")} intro={t("trends.intro")}>
        <SourceBanner source={source} waves={waves} />
      </PageHeader>
      {state === "unknown" ? (
        <p role="alert" className="font-medium text-accent">
          {t("trends.unknownWave")}
        </p>
      ) : null}
      <KeyFindings figures={figures} />
      <Contents figures={figures} />
      <p className="max-w-3xl text-sm text-muted">
        {t("trends.privacy", { small: SMALL_GROUP_LABEL, secondary: SECONDARY_HIDDEN_LABEL })}
      </p>
      <FigureSections figures={figures} />
      <AboutFigures />
      {waves.length ? (
        <section id="per-golf" aria-labelledby="per-golf-kop" className="space-y-6">
          <h2 id="per-golf-kop">{t("trends.detail.title")}</h2>
          <WaveSelector waves={waves} wave={dashboard?.wave ?? null} />
          {dashboard ? (
            <>
              <Respondents dashboard={dashboard} />
              <Questions dashboard={dashboard} t={t} />
            </>
          ) : null}
        </section>
      ) : null}
      {pulses.length ? <PulseRounds pulses={pulses} /> : null}
    </div>
  );
}

/** Pulse rounds: each a wave of its own, never mixed into the TrendMonitor waves. */
function PulseRounds({ pulses }: { pulses: PulseResult[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section id="peilingen" aria-labelledby="peilingen-kop" className="space-y-6">
      <h2 id="peilingen-kop">{t("pulse.trends.title")}</h2>
      <p className="max-w-3xl text-muted">{t("pulse.trends.intro")}</p>
      {pulses.map((pulse) => (
        <section
          key={pulse.id}
          aria-labelledby={`peiling-${pulse.id}`}
          className="space-y-3 rounded border border-line p-4"
          data-pulse={pulse.id}
        >
          <h3 id={`peiling-${pulse.id}`}>
            {t("pulse.trends.label")}: {pulse.title}
          </h3>
          <p className="text-sm text-muted">
            {pulse.open ? t("pulse.open") : t("pulse.closed")}
            {pulse.n === null ? "" : ` · ${t("pulse.trends.n", { n: pulse.n })}`}
          </p>
          {pulse.hidden ? (
            <p>{t("pulse.trends.hidden")}</p>
          ) : (
            pulse.questions.map((q) => (
              <table key={q.column} className="w-full max-w-3xl text-left text-sm">
                <caption className="text-left font-medium">
                  {choiceDef(q.column).short[locale]}
                  {q.n === null ? "" : ` (${t("pulse.trends.n", { n: q.n })})`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="p-1">
                      {t("pulse.trends.answer")}
                    </th>
                    <th scope="col" className="p-1">
                      {t("pulse.trends.share")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {q.hidden ? (
                    <tr>
                      <td className="p-1">{t("pulse.trends.all")}</td>
                      <td className="p-1">{SMALL_GROUP_LABEL}</td>
                    </tr>
                  ) : (
                    q.shares.map((s) => (
                      <tr key={s.label} className="border-t border-line">
                        <td className="p-1">{answerLabel(s.label, locale)}</td>
                        <td className="p-1">{s.percent} %</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            ))
          )}
        </section>
      ))}
    </section>
  );
}
