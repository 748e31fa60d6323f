import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { type CiteView, ClaimLine, NotesList, type NoteView } from "#app/components/citations.tsx";
import { ArticleLink, ContentText } from "#app/components/content-text.tsx";
import { FactBox } from "#app/components/fact-box.tsx";
import { FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { FromPractice } from "#app/components/from-practice.tsx";
import { Form, Link } from "#app/components/link.tsx";
import {
  localeFromRequest,
  localizedLinks,
  pageTitle,
  useLocale,
  useLocalizedPath,
  useT,
} from "#app/i18n/index.ts";
import { pageResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { getUser, requireUser } from "#app/modules/auth/auth.server.ts";
import { can } from "#app/modules/auth/permissions.ts";
import { casesForGuide } from "#app/modules/intervisie/sessions/cases.server.ts";
import {
  getArticleTitles,
  getPublishedArticle,
  recordFeedback,
} from "#app/modules/kennisbank/articles.server.ts";
import { countClaims, parseFactCite } from "#app/modules/kennisbank/claims.ts";
import { renderMarkdown } from "#app/modules/kennisbank/markdown.server.ts";
import { kindLabels } from "#app/modules/kennisbank/model.ts";
import { lastReview } from "#app/modules/kennisbank/reviews.server.ts";
import { sourcesByKey } from "#app/modules/kennisbank/sources.server.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { articleTemplates } from "#app/modules/kennisbank/templates.ts";
import { topics } from "#app/modules/taxonomy.ts";
import { safeHref } from "#app/modules/urls.ts";
import { formatDate } from "#app/utils/format.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  const found = await getPublishedArticle(context.db, params.slug ?? "", locale);
  if (!found) throw pageResponse(404, localeFromRequest(request));
  const user = await getUser(request, context);
  const moderator = can(user?.role, "publish:article");
  if (found.archived && !moderator) throw new Response("Gearchiveerd", { status: 404 });
  const rendered = renderMarkdown(found.body, { locale: found.locale });
  // The fact box's citations continue the numbering of the body's notes.
  const notes = rendered.notes.map((n) => ({ ...n, inBody: true }));
  const numberOf = new Map(notes.map((n) => [`${n.key}\u0000${n.locator}`, n.n]));
  const factCites: Record<string, CiteView[]> = {};
  for (const [field, list] of Object.entries(found.data.carrier?.cite ?? {})) {
    factCites[field] = list.map((text): CiteView => {
      const cite = parseFactCite(text);
      if (!cite || cite.key === "?") return { check: true, note: cite?.locator ?? "" };
      const id = `${cite.key}\u0000${cite.locator}`;
      let n = numberOf.get(id);
      if (!n) {
        n = notes.length + 1;
        numberOf.set(id, n);
        notes.push({ n, key: cite.key, locator: cite.locator, inBody: false });
      }
      return { n };
    });
  }
  const registry = await sourcesByKey(context.db, [
    ...new Set([...notes.map((n) => n.key), ...found.data.sources.flatMap((s) => (s.key ? [s.key] : []))]),
  ]);
  const describe = (key: string) => {
    const s = registry.get(key);
    return s
      ? {
          title: s.title,
          publisher: s.publisher,
          year: s.year,
          url: s.url,
          where: s.where,
          language: s.language,
        }
      : null;
  };
  const review = await lastReview(context.db, found.id);
  const [related, lookalikes, fromPractice] = await Promise.all([
    getArticleTitles(
      context.db,
      [...new Set([...found.data.related, ...rendered.links])].filter((s) => s !== found.slug),
      locale,
    ),
    getArticleTitles(context.db, found.data.carrier?.lookalikes ?? [], locale),
    casesForGuide(context.db, found.slug, found.data.topics, locale),
  ]);
  return {
    article: {
      slug: found.slug,
      kind: found.kind,
      title: found.title,
      summary: found.summary,
      locale: found.locale,
      fellBack: found.fellBack,
      archived: found.archived,
      data: found.data,
      html: localizedLinks(locale, rendered.html),
      toc: rendered.toc,
    },
    templates: articleTemplates(found.body).map((tpl, i) => ({
      title: tpl.title,
      fileName: tpl.fileName,
      href: `/kennisbank/${found.slug}/sjabloon/${i + 1}`,
    })),
    notes: notes.map((n): NoteView => ({ ...n, source: describe(n.key) })),
    factCites,
    claims: countClaims(found.body, found.data.carrier),
    // The registry's current title and URL for registered sources; old ones as they were given.
    sources: found.data.sources.map((s) => {
      const registered = s.key ? describe(s.key) : null;
      return registered
        ? {
            key: s.key ?? null,
            title: registered.title,
            url: registered.url,
            where: registered.where,
            language: registered.language,
          }
        : { key: null, title: s.title, url: s.url ?? null, where: null, language: null };
    }),
    review: review
      ? {
          reviewerName: review.reviewerName,
          reviewedAt: review.reviewedAt.toISOString(),
          sources: review.sourceKeys.length,
        }
      : null,
    related,
    lookalikes,
    fromPractice,
    suggestionSent: new URL(request.url).searchParams.get("voorstel") === "verstuurd",
    canEdit: Boolean(user),
    canModerate: moderator,
    loggedIn: Boolean(user),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: pageTitle(matches, { text: data.article.title }) },
        { name: "description", content: data.article.summary },
      ]
    : [{ title: pageTitle(matches, "meta.notFound") }];

const feedbackSchema = z.object({
  helpful: z.enum(["ja", "nee"], { errorMap: () => ({ message: "form.feedback.helpful" }) }),
  comment: z.string().max(2000, "form.feedback.commentLong").optional().default(""),
});

/** Feedback: did this article help? Members only. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  // Feedback only on an article whose page exists: an unknown or archived one is a 404.
  const found = await getPublishedArticle(context.db, params.slug ?? "", "nl");
  if (!found || found.archived) throw pageResponse(404, localeFromRequest(request));
  const parsed = parseForm(feedbackSchema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: parsed.message, thanks: false }, { status: 400 });
  await recordFeedback(
    context.db,
    user.id,
    params.slug ?? "",
    parsed.value.helpful === "ja",
    parsed.value.comment,
  );
  return { error: null, thanks: true };
}

export default function ArticlePage() {
  const {
    article,
    related,
    lookalikes,
    fromPractice,
    canEdit,
    canModerate,
    loggedIn,
    suggestionSent,
    notes,
    factCites,
    claims,
    sources,
    review,
    templates,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const localized = useLocalizedPath();
  const locale = useLocale();
  const topicLabel = (key: string) => topics.find((x) => x.key === key)?.[locale] ?? key;
  return (
    // The page is in the reader's language; the article's own words (an article without a version
    // in that language is shown in Dutch) carry the article's language, the interface around them not.
    <article className="space-y-6">
      <nav aria-label={t("kb.breadcrumb")} className="text-sm">
        <Link to="/kennisbank">{t("nav.kennisbank")}</Link> ›{" "}
        <Link to={`/kennisbank?soort=${article.kind}`}>{kindLabels[article.kind][locale]}</Link>
      </nav>
      <header className="max-w-3xl space-y-3">
        <h1 lang={article.locale}>{article.title}</h1>
        <p lang={article.locale} className="text-lg text-muted">
          {article.summary}
        </p>
        <p className="text-sm text-muted">
          {review ? (
            <>
              {t("kb.lastReviewed")}:{" "}
              <time dateTime={review.reviewedAt}>{formatDate(review.reviewedAt, locale)}</time>{" "}
              {t("kb.reviewedBy", { name: review.reviewerName })}
            </>
          ) : (
            t("kb.neverReviewed")
          )}
          {" · "}
          {article.data.topics.map(topicLabel).join(", ")}
        </p>
        <p className="text-sm" data-testid="claim-line">
          <ClaimLine sourced={claims.sourced} toCheck={claims.toCheck} />
        </p>
        {suggestionSent ? <FormMessage tone="ok">{t("kb.suggestionSent")}</FormMessage> : null}
        {article.fellBack ? (
          <p className="rounded border border-brand bg-wash p-3 text-sm">{t("kb.fallbackNotice")}</p>
        ) : null}
        {article.archived ? <FormMessage>{t("kb.archivedNotice")}</FormMessage> : null}
        {article.data.needsReview ? (
          <div className="rounded border border-accent bg-paper p-3 text-sm">
            <p className="font-semibold text-accent">{t("kb.needsReview")}</p>
            {article.data.uncertain.length ? (
              <details className="mt-1">
                <summary className="cursor-pointer">
                  {t("kb.uncertainList", { n: article.data.uncertain.length })}
                </summary>
                <ul lang={article.locale} className="mt-2 list-disc pl-5">
                  {article.data.uncertain.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ) : null}
        {canEdit ? (
          <p className="flex gap-4 text-sm">
            <Link to={`/kennisbank/${article.slug}/bewerken`}>
              {canModerate ? t("kb.edit") : t("kb.suggest")}
            </Link>
            {canModerate ? <Link to={`/beheer/kennisbank/${article.slug}`}>{t("kb.history")}</Link> : null}
          </p>
        ) : null}
      </header>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-8">
          {article.toc.length > 2 ? (
            <nav aria-labelledby="inhoudsopgave" className="rounded border border-line p-4">
              <h2 id="inhoudsopgave" className="text-base">
                {t("kb.toc")}
              </h2>
              <ol lang={article.locale} className="mt-2 space-y-1 text-sm">
                {article.toc.map((entry) => (
                  <li key={entry.id} className={entry.depth === 3 ? "pl-4" : ""}>
                    <a href={`#${entry.id}`}>{entry.text}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          <div
            lang={article.locale}
            className="prose-article max-w-3xl"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered on the server from Markdown and passed through the allow-list sanitiser (markdown.server.ts)
            dangerouslySetInnerHTML={{ __html: article.html }}
          />

          {templates.length ? (
            <section
              aria-labelledby="sjablonen"
              className="max-w-3xl space-y-2 rounded border border-line p-4"
            >
              <h2 id="sjablonen" className="text-base">
                {t("kb.templates")}
              </h2>
              <ul className="space-y-1">
                {templates.map((tpl) => (
                  <li key={tpl.href}>
                    <a href={localized(tpl.href)} download={tpl.fileName}>
                      {t("kb.templates.download", { title: tpl.title })}
                    </a>{" "}
                    <span className="text-sm text-muted">{t("kb.templates.format")}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <NotesList notes={notes} />

          <section aria-labelledby="bronnen" className="max-w-3xl space-y-2">
            <h2 id="bronnen">{t("kb.sources")}</h2>
            <ul className="list-disc space-y-1 pl-6">
              {sources.map((s) => (
                <li key={s.key ?? s.title + (s.url ?? "")}>
                  {safeHref(s.url) ? (
                    <a href={safeHref(s.url)} rel="noopener noreferrer">
                      <ContentText text={s.title} lang={contentLang(s.language)} />
                    </a>
                  ) : (
                    <ContentText text={s.title} lang={contentLang(s.language)} />
                  )}
                  {!s.url && s.where ? (
                    <span className="text-muted">
                      {" "}
                      {/* Where to find it: the moderators' words, in Dutch. */}({t("sources.where")}:{" "}
                      <span lang="nl">{s.where}</span>)
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            <p className="text-sm">
              <Link to="/bronnen">{t("sources.allLink")}</Link>
            </p>
          </section>

          <section aria-labelledby="feedback" className="max-w-3xl space-y-3 rounded border border-line p-4">
            <h2 id="feedback" className="text-base">
              {t("kb.feedback.title")}
            </h2>
            {result?.thanks ? (
              <FormMessage tone="ok">{t("kb.feedback.thanks")}</FormMessage>
            ) : loggedIn ? (
              <Form method="post" className="space-y-3">
                {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
                <fieldset className="flex gap-6">
                  <legend className="sr-only">{t("kb.feedback.title")}</legend>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="helpful" value="ja" required /> {t("kb.feedback.yes")}
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="helpful" value="nee" /> {t("kb.feedback.no")}
                  </label>
                </fieldset>
                <label htmlFor="feedback-opmerking" className="block font-medium">
                  {t("kb.feedback.comment")}
                </label>
                <textarea
                  id="feedback-opmerking"
                  name="comment"
                  rows={3}
                  maxLength={2000}
                  className="block w-full rounded border border-muted p-2"
                />
                <SubmitButton>{t("kb.feedback.submit")}</SubmitButton>
              </Form>
            ) : (
              <p>
                <Link to={`/inloggen?redirectTo=/kennisbank/${article.slug}`}>{t("kb.feedback.login")}</Link>
              </p>
            )}
          </section>
        </div>

        <div className="space-y-6">
          {article.data.carrier ? (
            <FactBox
              facts={article.data.carrier}
              lookalikes={lookalikes}
              cites={factCites}
              slug={article.slug}
              title={article.title}
            />
          ) : null}
          <FromPractice cases={fromPractice} />
          {related.length ? (
            <section aria-labelledby="gerelateerd" className="space-y-2">
              <h2 id="gerelateerd" className="text-lg">
                {t("kb.related")}
              </h2>
              <ul className="space-y-1">
                {related.map((r) => (
                  <li key={r.slug}>
                    <ArticleLink article={r} />{" "}
                    <span className="text-sm text-muted">({kindLabels[r.kind][locale]})</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </article>
  );
}
