import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ClaimLine } from "#app/components/citations.tsx";
import { withForeign } from "#app/components/foreign.tsx";
import { FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, type MessageKey, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { formValues, parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { getPublishedArticle } from "#app/modules/kennisbank/articles.server.ts";
import { countClaims } from "#app/modules/kennisbank/claims.ts";
import { citeSourceForClaim, claimQueue, keepClaimFlagged } from "#app/modules/kennisbank/reviews.server.ts";
import { listSources } from "#app/modules/kennisbank/sources.server.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import { formatDate } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meta.toCheck", "kennisbank.title", "beheer.title") },
];

/** Claims per page: each has a form with the whole source list, so a page stays light. */
const PAGE_SIZE = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const url = new URL(request.url);
  const [all, sources] = await Promise.all([claimQueue(context.db), listSources(context.db)]);
  // The articles with open claims, for the filter; then one page of the (filtered) queue.
  const articles = new Map<string, { slug: string; title: string; locale: string; count: number }>();
  for (const c of all) {
    const entry = articles.get(c.slug) ?? { slug: c.slug, title: c.title, locale: c.locale, count: 0 };
    if (c.locale === "nl") Object.assign(entry, { title: c.title, locale: c.locale });
    entry.count++;
    articles.set(c.slug, entry);
  }
  const wanted = url.searchParams.get("artikel") ?? "";
  const filter = articles.has(wanted) ? wanted : "";
  const filtered = filter ? all.filter((c) => c.slug === filter) : all;
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const asked = Number.parseInt(url.searchParams.get("pagina") ?? "1", 10);
  const page = Math.min(pages, Math.max(1, Number.isFinite(asked) ? asked : 1));
  const claims = filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  // After citing: the article's count as readers now see it.
  const citedSlug = url.searchParams.get("geciteerd");
  const citedLocale = url.searchParams.get("taal") === "en" ? "en" : "nl";
  const cited = citedSlug ? await getPublishedArticle(context.db, citedSlug, citedLocale) : null;
  return {
    claims: claims.map((c) => ({
      ...c,
      kept: c.kept ? { note: c.kept.note, at: c.kept.at.toISOString() } : null,
    })),
    total: all.length,
    shown: filtered.length,
    page,
    pages,
    filter,
    articles: [...articles.values()].sort((a, b) => a.title.localeCompare(b.title, "nl")),
    sources: sources.map((s) => ({ key: s.key, title: s.title, language: s.language })),
    cited: cited
      ? {
          slug: cited.slug,
          title: cited.title,
          locale: cited.locale,
          counts: countClaims(cited.body, cited.data.carrier),
        }
      : null,
    kept: url.searchParams.get("bewaard"),
  };
}

const targetSchema = {
  slug: z.string().min(1),
  locale: z.enum(["nl", "en"]),
  revisionId: z.coerce.number().int().positive(),
  ref: z.string().regex(/^(body:\d+|cite:[A-Za-z]+)$/),
};
const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("citeren"),
    ...targetSchema,
    key: z.string().min(1, "form.review.source"),
    locator: z.string().max(200, "form.review.locatorLong").default(""),
  }),
  z.object({
    intent: z.literal("markeren"),
    ...targetSchema,
    note: z.string().trim().min(1, "form.review.note").max(1000),
  }),
]);

/** Resolves one claim: cite a registered source (a new published revision), or keep it flagged. */
export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "publish:article");
  const form = formValues(await request.formData());
  const parsed = parseForm(schema, form, { locale: localeFromRequest(request) });
  const claim = `${form.slug}|${form.locale}|${form.ref}`;
  if (!parsed.ok) {
    // The field of the first message, so the page marks that control.
    const field = Object.keys(parsed.errors)[0] ?? "";
    return data({ error: parsed.message, claim, field }, { status: 400 });
  }
  const actor = { id: moderator.id, role: moderator.role };
  const v = parsed.value;
  try {
    if (v.intent === "citeren") {
      await citeSourceForClaim(context.db, actor, v);
      return localRedirect(
        request,
        `/beheer/kennisbank/te-controleren?geciteerd=${encodeURIComponent(v.slug)}&taal=${v.locale}`,
      );
    }
    await keepClaimFlagged(context.db, actor, v);
    return localRedirect(request, `/beheer/kennisbank/te-controleren?bewaard=${encodeURIComponent(v.slug)}`);
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({
      error: message,
      claim,
      field: "",
    }));
  }
}

export default function ClaimQueue() {
  const { claims, total, shown, page, pages, filter, articles, sources, cited, kept } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const fieldLabel = (field: string) => {
    const key = `kb.cf.${field}` as MessageKey;
    const label = t(key);
    return label === key ? field : label;
  };
  return (
    <div className="space-y-8">
      <PageHeader title={t("claims.title")} intro={t("claims.intro")}>
        <p className="flex gap-4">
          <Link to="/beheer/kennisbank/controles">{t("reviews.title")}</Link>
          <Link to="/beheer/bronnen">{t("sources.beheer.title")}</Link>
          <Link to="/beheer/kennisbank">{t("kbb.title")}</Link>
        </p>
      </PageHeader>
      {cited ? (
        <FormMessage tone="ok">
          {withForeign((title) => t("claims.cited", { title }), [cited.title], cited.locale)}{" "}
          <Link to={`/kennisbank/${cited.slug}`}>
            <ClaimLine sourced={cited.counts.sourced} toCheck={cited.counts.toCheck} />
          </Link>
        </FormMessage>
      ) : null}
      {kept ? <FormMessage tone="ok">{t("claims.keptDone")}</FormMessage> : null}
      {result?.error && !claims.some((c) => `${c.slug}|${c.locale}|${c.ref}` === result.claim) ? (
        <FormMessage>{result.error}</FormMessage>
      ) : null}
      <p>{t("claims.count", { n: total })}</p>
      {total === 0 ? <p>{t("claims.none")}</p> : null}
      {total > 0 ? (
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="artikel" className="block text-sm font-medium">
              {t("claims.filter")}
            </label>
            <select
              id="artikel"
              name="artikel"
              defaultValue={filter}
              className="block max-w-xs rounded border border-muted bg-paper px-2 py-1"
            >
              <option value="">{t("claims.filterAll")}</option>
              {articles.map((a) => (
                <option key={a.slug} value={a.slug} lang={a.locale}>
                  {a.title} ({a.count})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded border border-muted px-3 py-1">
            {t("claims.filterSubmit")}
          </button>
        </Form>
      ) : null}
      {total > 0 ? (
        <p className="text-sm text-muted">{t("claims.shown", { shown, n: total, page, pages })}</p>
      ) : null}
      <ol className="space-y-4">
        {claims.map((c, i) => {
          const id = `claim-${i}`;
          const own = result?.error && result.claim === `${c.slug}|${c.locale}|${c.ref}` ? result : null;
          const hidden = (
            <>
              <input type="hidden" name="slug" value={c.slug} />
              <input type="hidden" name="locale" value={c.locale} />
              <input type="hidden" name="revisionId" value={c.revisionId} />
              <input type="hidden" name="ref" value={c.ref} />
            </>
          );
          return (
            <li
              key={`${c.slug}-${c.locale}-${c.ref}`}
              className="space-y-3 rounded-lg border border-line p-4"
            >
              <h2 id={`${id}-titel`} className="text-base">
                <Link to={`/kennisbank/${c.slug}`} id={`${id}-naam`} lang={c.locale}>
                  {c.title}
                </Link>{" "}
                <span className="text-sm font-normal text-muted">({c.locale})</span>
              </h2>
              {c.field ? (
                <blockquote className="border-l-4 border-line pl-3">
                  {t("claims.field", { field: fieldLabel(c.field) })}
                </blockquote>
              ) : (
                <blockquote lang={c.locale} className="border-l-4 border-line pl-3">
                  {c.text}
                </blockquote>
              )}
              {c.note ? (
                <p className="text-sm">
                  <span className="font-medium">{t("claims.authorNote")}:</span>{" "}
                  <span lang={c.locale}>{c.note}</span>
                </p>
              ) : null}
              {c.kept ? (
                <p className="text-sm text-muted">
                  {t("claims.kept", { date: formatDate(c.kept.at, locale), note: c.kept.note })}
                </p>
              ) : null}
              {own ? (
                <p id={`${id}-fout`} role="alert" className="text-sm font-medium text-accent">
                  {own.error}
                </p>
              ) : null}
              <div className="flex flex-wrap gap-6">
                <Form method="post" className="space-y-2" aria-labelledby={`${id}-citeer`}>
                  <h3 id={`${id}-citeer`} className="text-sm font-semibold">
                    {t("claims.cite")}
                  </h3>
                  {hidden}
                  <div>
                    <label htmlFor={`${id}-bron`} className="block text-sm font-medium">
                      {t("claims.source")}
                    </label>
                    <select
                      id={`${id}-bron`}
                      name="key"
                      required
                      defaultValue=""
                      aria-invalid={own?.field === "key" ? true : undefined}
                      aria-describedby={own ? `${id}-fout` : undefined}
                      className="block max-w-xs rounded border border-muted bg-paper px-2 py-1"
                    >
                      <option value="">{t("claims.chooseSource")}</option>
                      {sources.map((s) => (
                        <option key={s.key} value={s.key} lang={contentLang(s.language)}>
                          {s.title} ({s.key})
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`${id}-vindplaats`} className="block text-sm font-medium">
                      {t("claims.locator")}
                    </label>
                    <input
                      id={`${id}-vindplaats`}
                      name="locator"
                      maxLength={200}
                      aria-invalid={own?.field === "locator" ? true : undefined}
                      className="block max-w-xs rounded border border-muted px-2 py-1"
                    />
                  </div>
                  {/* Named with the article's title, which keeps its own language. */}
                  <SubmitButton
                    name="intent"
                    value="citeren"
                    id={`${id}-citeren`}
                    labelledBy={`${id}-citeren ${id}-naam`}
                  >
                    {t("claims.citeSubmit")}
                  </SubmitButton>
                </Form>
                <Form method="post" className="space-y-2" aria-labelledby={`${id}-houd`}>
                  <h3 id={`${id}-houd`} className="text-sm font-semibold">
                    {t("claims.keep")}
                  </h3>
                  {hidden}
                  <div>
                    <label htmlFor={`${id}-notitie`} className="block text-sm font-medium">
                      {t("claims.keepNote")}
                    </label>
                    <input
                      id={`${id}-notitie`}
                      name="note"
                      required
                      maxLength={1000}
                      aria-invalid={own?.field === "note" ? true : undefined}
                      className="block max-w-xs rounded border border-muted px-2 py-1"
                    />
                  </div>
                  <SubmitButton
                    name="intent"
                    value="markeren"
                    id={`${id}-markeren`}
                    labelledBy={`${id}-markeren ${id}-naam`}
                  >
                    {t("claims.keepSubmit")}
                  </SubmitButton>
                </Form>
              </div>
            </li>
          );
        })}
      </ol>
      {pages > 1 ? <Pager page={page} pages={pages} filter={filter} /> : null}
    </div>
  );
}

function Pager({ page, pages, filter }: { page: number; pages: number; filter: string }) {
  const t = useT();
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (filter) params.set("artikel", filter);
    params.set("pagina", String(n));
    return `/beheer/kennisbank/te-controleren?${params}`;
  };
  return (
    <nav aria-label={t("claims.pager")} className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("claims.prev")}
        </Link>
      ) : null}
      <span className="text-sm text-muted">
        {page} / {pages}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("claims.next")}
        </Link>
      ) : null}
    </nav>
  );
}
