import { Link } from "#app/components/link.tsx";
import { type MessageKey, useLocale, useT } from "#app/i18n/index.ts";
import type { ArticleListItem } from "#app/modules/kennisbank/articles.server.ts";
import type { InstitutionProfile } from "#app/modules/survey/profile.server.ts";
import { answerLabel, choiceDef } from "#app/modules/survey/questionnaire.ts";
import { type TopicKey, topics } from "#app/modules/taxonomy.ts";
import { formatDate } from "#app/utils/format.ts";
import { FormMessage } from "./forms.tsx";
import { PageHeader } from "./page-header.tsx";

const sizeColumns = [
  "fte_av",
  "volunteers_av",
  "moving_image_carriers",
  "audio_carriers",
  "av_share",
] as const;

/** An institution's profile: type, size, needs with articles to start with, and offers. */
export function InstitutionProfileView({
  profile,
  articles,
  canAssess,
  notice,
}: {
  profile: InstitutionProfile;
  articles: Partial<Record<TopicKey, ArticleListItem[]>>;
  /** The viewer is a member of this institution and may fill in the questionnaire. */
  canAssess: boolean;
  /** A confirmation to show above the profile (e.g. after a self-assessment). */
  notice?: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const answerOrUnanswered = (answer: string | null) =>
    answer === null ? t("profiel.unanswered") : answerLabel(answer, locale);
  const { institution, latest, needs, offers } = profile;
  const topicLabel = (key: TopicKey) => topics.find((topic) => topic.key === key)?.[locale] ?? key;
  const type = latest && latest.institutionType !== "Onbekend" ? latest.institutionType : institution.type;
  const source = latest
    ? latest.source === "self"
      ? t("profiel.source.self", { date: formatDate(latest.answeredAt, locale) })
      : t("profiel.source.import", { wave: latest.wave })
    : null;
  return (
    <div className="max-w-4xl space-y-10">
      <PageHeader
        title={institution.name}
        intro={`${t(`survey.type.${type}` as MessageKey)}${institution.confirmed ? "" : ` · ${t("profiel.unconfirmed")}`}`}
      >
        {notice ? <FormMessage tone="ok">{notice}</FormMessage> : null}
        {source ? <p>{source}</p> : <p>{t("profiel.noAnswers")}</p>}
        {canAssess ? (
          <p>
            <Link to="/instelling/zelfevaluatie">
              {latest ? t("profiel.assess.again") : t("profiel.assess.first")}
            </Link>
          </p>
        ) : null}
      </PageHeader>

      {latest ? (
        <>
          <section aria-labelledby="omvang" className="space-y-3">
            <h2 id="omvang">{t("profiel.size")}</h2>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
              <dt className="font-medium">{t("profiel.type")}</dt>
              <dd>{t(`survey.type.${type}` as MessageKey)}</dd>
              {latest.province ? (
                <>
                  <dt className="font-medium">{t("profiel.province")}</dt>
                  <dd>{latest.province}</dd>
                </>
              ) : null}
              {sizeColumns.map((column) => (
                <div key={column} className="contents">
                  <dt className="font-medium">{choiceDef(column).short[locale]}</dt>
                  <dd>{answerOrUnanswered(latest.answers[column])}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="behoeften" className="space-y-4">
            <h2 id="behoeften">{t("profiel.needs")}</h2>
            {needs.length === 0 ? <p>{t("profiel.needs.none")}</p> : <p>{t("profiel.needs.intro")}</p>}
            {needs.map((topic) => {
              const list = articles[topic] ?? [];
              const column = topics.find((x) => x.key === topic)!.surveyColumn;
              return (
                <section
                  key={topic}
                  aria-labelledby={`behoefte-${topic}`}
                  className="rounded border border-line p-4"
                >
                  <h3 id={`behoefte-${topic}`} className="font-semibold">
                    {topicLabel(topic)}{" "}
                    <span className="font-normal text-muted">({latest.answers[column]})</span>
                  </h3>
                  {list.length ? (
                    <>
                      <p className="mt-1 text-sm text-muted">{t("profiel.articles")}</p>
                      <ul className="mt-1 list-disc pl-6">
                        {list.map((article) => (
                          <li key={article.slug}>
                            <Link to={`/kennisbank/${article.slug}`}>{article.title}</Link>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p className="mt-1 text-sm">{t("profiel.articles.none")}</p>
                  )}
                  <p className="mt-2 text-sm">
                    <Link to={`/kennisbank?onderwerp=${topic}`}>
                      {t("profiel.articles.all", { topic: topicLabel(topic) })}
                    </Link>
                  </p>
                </section>
              );
            })}
          </section>

          <section aria-labelledby="aanbod" className="space-y-3">
            <h2 id="aanbod">{t("profiel.offers")}</h2>
            {offers.length === 0 ? (
              <p>{t("profiel.offers.none")}</p>
            ) : (
              <>
                <p>{t("profiel.offers.intro")}</p>
                <ul className="list-disc pl-6">
                  {offers.map((topic) => (
                    <li key={topic}>{topicLabel(topic)}</li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section aria-labelledby="onderwerpen" className="space-y-3">
            <h2 id="onderwerpen">{t("profiel.topics")}</h2>
            <table className="w-full max-w-xl border-collapse text-left">
              <caption className="mb-2 text-left text-sm text-muted">{t("profiel.topics.caption")}</caption>
              <thead>
                <tr className="border-b-2 border-line">
                  <th scope="col" className="py-1 pr-4">
                    {t("profiel.col.topic")}
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    {t("profiel.col.answer")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("profiel.col.meaning")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {topics.map((topic) => (
                  <tr key={topic.key} className="border-b border-line">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {topic[locale]}
                    </th>
                    <td className="py-1 pr-4">{answerOrUnanswered(latest.answers[topic.surveyColumn])}</td>
                    <td className="py-1">
                      {needs.includes(topic.key)
                        ? t("profiel.meaning.need")
                        : offers.includes(topic.key)
                          ? t("profiel.meaning.offer")
                          : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="historie" className="space-y-3">
            <h2 id="historie">{t("profiel.history")}</h2>
            <ul className="list-disc pl-6">
              {profile.history.map((entry) => (
                <li key={entry.id}>
                  {entry.source === "self"
                    ? t("profiel.source.self", { date: formatDate(entry.answeredAt, locale) })
                    : t("profiel.source.import", { wave: entry.wave })}
                  {entry.id === latest.id ? ` (${t("profiel.current")})` : ""}
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
