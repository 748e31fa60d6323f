import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContentText } from "#app/components/content-text.tsx";
import { DiffView } from "#app/components/diff-view.tsx";
import { DangerButton, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse, pageResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import {
  feedbackFor,
  getPublishedArticle,
  getRevision,
  listRevisions,
  revertToRevision,
  setArchived,
  statusLabel,
  transitionRevision,
} from "#app/modules/kennisbank/articles.server.ts";
import { carrierChangeTexts } from "#app/modules/kennisbank/carrier-form.ts";
import { citedKeys } from "#app/modules/kennisbank/claims.ts";
import { wordDiff } from "#app/modules/kennisbank/diff.ts";
import { completeReview, listReviews } from "#app/modules/kennisbank/reviews.server.ts";
import { listSources } from "#app/modules/kennisbank/sources.server.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { formatDateTime } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "kbb.revisions", "kennisbank.title") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const pageLocale = localeFromRequest(request);
  const slug = params.slug ?? "";
  const article = await getPublishedArticle(context.db, slug, "nl");
  const revisions = await listRevisions(context.db, slug);
  if (!revisions.length) throw pageResponse(404, localeFromRequest(request));
  const url = new URL(request.url);
  // Compare b (default: newest) with a (default: the revision b was based on, else the one before it).
  const bId = Number(url.searchParams.get("b")) || revisions[0]!.id;
  const b = await getRevision(context.db, bId);
  const before = revisions.find((r) => r.id < bId && r.locale === b?.locale);
  const aId = Number(url.searchParams.get("a")) || b?.baseRevisionId || before?.id || bId;
  const a = await getRevision(context.db, aId);
  const compare =
    a && b && a.slug === slug && b.slug === slug
      ? {
          a: { id: a.id, status: statusLabel(pageLocale, a.status) },
          b: { id: b.id, status: statusLabel(pageLocale, b.status) },
          // Two versions of one language: the diff is in that language.
          lang: a.locale === b.locale ? a.locale : undefined,
          title: wordDiff(a.title, b.title),
          summary: wordDiff(a.summary, b.summary),
          body: wordDiff(a.body, b.body),
          facts: wordDiff(...carrierChangeTexts(a.data.carrier, b.data.carrier)),
        }
      : null;
  const feedback = await feedbackFor(context.db, slug);
  // The review: against the sources the article lists and cites (any registered one can be added).
  const [registry, reviews] = await Promise.all([
    listSources(context.db),
    article ? listReviews(context.db, article.id) : Promise.resolve([]),
  ]);
  const cited = article ? citedKeys(article.body, article.data) : [];
  return {
    reviewSources: registry
      .map((s) => ({ key: s.key, title: s.title, language: s.language, cited: cited.includes(s.key) }))
      .sort((a, b) => Number(b.cited) - Number(a.cited)),
    reviews: reviews.map((r) => ({ ...r, reviewedAt: r.reviewedAt.toISOString() })),
    reviewable: Boolean(article),
    slug,
    title: article?.title ?? revisions[0]!.title,
    titleLang: article ? "nl" : revisions[0]!.locale,
    archived: article?.archived ?? false,
    revisions: revisions.map((r) => ({ ...r, statusText: statusLabel(pageLocale, r.status) })),
    compare,
    saved: url.searchParams.get("opgeslagen"),
    feedback: {
      helpful: feedback.filter((f) => f.helpful).length,
      notHelpful: feedback.filter((f) => !f.helpful).length,
      comments: feedback.filter((f) => f.comment).slice(0, 20),
    },
  };
}

const schema = z.object({
  intent: z.enum(["review", "publish", "reject", "revert", "archive", "unarchive", "controle"]),
  revisionId: z.coerce.number().int().positive().optional(),
  // For "controle": the sources checked and a note.
  sources: z.array(z.string()),
  note: z.string().default(""),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "publish:article");
  const parsed = parseForm(schema, await request.formData(), {
    arrays: ["sources"],
    locale: localeFromRequest(request),
  });
  const t = translator(localeFromRequest(request));
  if (!parsed.ok) return data({ error: t("error.form.unknownIntent"), ok: null }, { status: 400 });
  const actor = { id: moderator.id, role: moderator.role };
  const { intent, revisionId, sources, note } = parsed.value;
  try {
    if (intent === "controle") {
      await completeReview(context.db, { ...actor, name: moderator.name }, params.slug ?? "", {
        sourceKeys: sources,
        note,
      });
      return { error: null, ok: t("notice.article.checked") };
    }
    if (intent === "archive" || intent === "unarchive") {
      await setArchived(context.db, actor, params.slug ?? "", intent === "archive");
      return {
        error: null,
        ok: t(intent === "archive" ? "notice.article.archived" : "notice.article.unarchived"),
      };
    }
    if (!revisionId) return data({ error: t("error.article.chooseRevision"), ok: null }, { status: 400 });
    const revision = await getRevision(context.db, revisionId);
    if (!revision || revision.slug !== params.slug)
      return data({ error: t("error.article.revisionOfOther"), ok: null }, { status: 400 });
    if (intent === "revert") {
      const id = await revertToRevision(context.db, actor, revisionId);
      return { error: null, ok: t("notice.article.reverted", { revision: revisionId, id }) };
    }
    await transitionRevision(context.db, actor, revisionId, intent);
    const done = {
      review: "notice.article.inReview",
      publish: "notice.article.published",
      reject: "notice.article.rejected",
    } as const;
    return { error: null, ok: t(done[intent], { revision: revisionId }) };
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message, ok: null }));
  }
}

export default function Revisions() {
  const {
    slug,
    title,
    titleLang,
    archived,
    revisions,
    compare,
    saved,
    feedback,
    reviewSources,
    reviews,
    reviewable,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageHeader
        title={
          <>
            {t("kbb.revisions")}: <ContentText text={title} lang={contentLang(titleLang)} />
          </>
        }
      >
        <p className="flex flex-wrap gap-4">
          <Link to={`/kennisbank/${slug}`}>{t("kbb.view")}</Link>
          <Link to={`/kennisbank/${slug}/bewerken`}>{t("kb.edit")}</Link>
          <Link to="/beheer/kennisbank">{t("kbb.title")}</Link>
        </p>
      </PageHeader>
      {saved ? <FormMessage tone="ok">{t("kbb.saved", { id: saved })}</FormMessage> : null}
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}

      {reviewable ? (
        <section aria-labelledby="controle" className="space-y-3">
          <h2 id="controle">{t("reviews.complete")}</h2>
          <p className="max-w-3xl text-muted">{t("reviews.completeIntro")}</p>
          {reviews.length ? (
            <ul className="list-disc pl-6 text-sm">
              {reviews.map((r) => (
                <li key={r.reviewedAt}>
                  {t("reviews.by", {
                    date: formatDateTime(r.reviewedAt, locale),
                    name: r.reviewerName,
                    sources: r.sourceKeys.join(", "),
                  })}
                  {r.note ? ` — ${r.note}` : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("kb.neverReviewed")}</p>
          )}
          <Form method="post" className="space-y-3">
            <fieldset className="max-h-72 space-y-1 overflow-y-auto rounded border border-line p-3">
              <legend className="font-medium">{t("reviews.sources")}</legend>
              {reviewSources.map((s) => (
                <label key={s.key} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="sources" value={s.key} className="mt-1" />
                  <span>
                    <ContentText text={s.title} lang={contentLang(s.language)} />{" "}
                    <span className="text-muted">({s.key})</span>
                    {s.cited ? <span className="text-muted"> · {t("reviews.cited")}</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="space-y-1">
              <label htmlFor="controle-opmerking" className="block font-medium">
                {t("reviews.note")}
              </label>
              <textarea
                id="controle-opmerking"
                name="note"
                rows={2}
                maxLength={2000}
                className="block w-full max-w-2xl rounded border border-muted p-2"
              />
            </div>
            <SubmitButton name="intent" value="controle">
              {t("reviews.submit")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="versies" className="space-y-3">
        <h2 id="versies">{t("kbb.revisions")}</h2>
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-3">
                #
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("kbb.language")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("kbb.status")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("kbb.author")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("kbb.date")}
              </th>
              <th scope="col" className="py-2">
                {t("kbb.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id} className="border-b border-line align-top">
                <td className="py-2 pr-3">
                  <Link to={`?b=${r.id}`}>{r.id}</Link>
                </td>
                <td className="py-2 pr-3">{r.locale}</td>
                <td className="py-2 pr-3">{r.statusText}</td>
                <td className="py-2 pr-3">
                  {r.authorName ?? t("kbb.system")}
                  {r.note ? <div className="text-muted">{r.note}</div> : null}
                </td>
                <td className="py-2 pr-3">{formatDateTime(r.createdAt, locale)}</td>
                <td className="py-2">
                  <Form method="post" className="flex flex-wrap gap-2">
                    <input type="hidden" name="revisionId" value={r.id} />
                    {r.status === "draft" ? (
                      <SubmitButton name="intent" value="review">
                        {t("kbb.toReview")}
                      </SubmitButton>
                    ) : null}
                    {r.status === "in_review" ? (
                      <SubmitButton name="intent" value="publish">
                        {t("kbb.publish")}
                      </SubmitButton>
                    ) : null}
                    {r.status === "draft" || r.status === "in_review" ? (
                      <DangerButton name="intent" value="reject">
                        {t("kbb.reject")}
                      </DangerButton>
                    ) : null}
                    {r.status === "superseded" ? (
                      <SubmitButton name="intent" value="revert">
                        {t("kbb.revert")}
                      </SubmitButton>
                    ) : null}
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post">
          <DangerButton name="intent" value={archived ? "unarchive" : "archive"}>
            {archived ? t("kbb.unarchive") : t("kbb.archive")}
          </DangerButton>
        </Form>
      </section>

      <section aria-labelledby="vergelijk" className="space-y-3">
        <h2 id="vergelijk">{t("kbb.compare")}</h2>
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="a" className="block text-sm font-medium">
              {t("kbb.compare.a")}
            </label>
            <select
              id="a"
              name="a"
              defaultValue={compare?.a.id}
              className="rounded border border-muted px-2 py-1"
            >
              {revisions.map((r) => (
                <option key={r.id} value={r.id}>{`${r.id} (${r.locale}, ${r.statusText})`}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="b" className="block text-sm font-medium">
              {t("kbb.compare.b")}
            </label>
            <select
              id="b"
              name="b"
              defaultValue={compare?.b.id}
              className="rounded border border-muted px-2 py-1"
            >
              {revisions.map((r) => (
                <option key={r.id} value={r.id}>{`${r.id} (${r.locale}, ${r.statusText})`}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded bg-brand px-3 py-1 font-medium text-paper">
            {t("kbb.compare.submit")}
          </button>
        </Form>
        {compare ? (
          <div className="space-y-3">
            <p className="text-sm text-muted">
              {t("kbb.compare.legend", { a: compare.a.id, b: compare.b.id })}
            </p>
            <DiffView parts={compare.title} label={t("kb.edit.title")} lang={compare.lang} />
            <DiffView parts={compare.summary} label={t("kb.edit.summary")} lang={compare.lang} />
            <DiffView parts={compare.body} label={t("kb.edit.body")} lang={compare.lang} />
            {compare.facts.some((p) => p.kind !== "same") ? (
              <DiffView parts={compare.facts} label={t("kb.preview.facts")} lang={compare.lang} />
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="terugkoppeling" className="space-y-2">
        <h2 id="terugkoppeling">{t("kbb.feedback")}</h2>
        <p>{t("kbb.feedback.counts", { yes: feedback.helpful, no: feedback.notHelpful })}</p>
        <ul className="list-disc pl-6">
          {feedback.comments.map((c) => (
            <li key={`${c.createdAt}-${c.comment}`}>
              <span className="font-medium">{c.helpful ? t("kb.feedback.yes") : t("kb.feedback.no")}:</span>{" "}
              {c.comment}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
