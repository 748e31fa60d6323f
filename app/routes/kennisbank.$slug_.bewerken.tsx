import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { type ShouldRevalidateFunction, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ArticleEditForm } from "#app/components/article-edit-form.tsx";
import { ClaimChecklist } from "#app/components/claim-checklist.tsx";
import { DiffView } from "#app/components/diff-view.tsx";
import { ChangesPanel, type Preview, PreviewPanel } from "#app/components/edit-preview.tsx";
import { FormMessage } from "#app/components/forms.tsx";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { useDraft } from "#app/components/use-draft.ts";
import { localeFromRequest, pageTitle, translator, useT } from "#app/i18n/index.ts";
import { errorText, pageResponse } from "#app/lib/errors.ts";
import { formIntent, formText } from "#app/lib/forms.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { can } from "#app/modules/auth/permissions.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import {
  getPublishedArticle,
  getRevision,
  headRevisionId,
  KennisbankError,
  listPublishedArticles,
  saveRevision,
} from "#app/modules/kennisbank/articles.server.ts";
import {
  addRow,
  carrierChangeTexts,
  openClaimsOfForm,
  parseCarrierFields,
  removeRow,
} from "#app/modules/kennisbank/carrier-form.ts";
import { openClaims } from "#app/modules/kennisbank/claims.ts";
import { wordDiff } from "#app/modules/kennisbank/diff.ts";
import {
  type EditFields,
  fieldsFromForm,
  fieldsFromRevision,
  parseEditFields,
  resolveClaimInFields,
} from "#app/modules/kennisbank/edit-form.server.ts";
import { renderMarkdown } from "#app/modules/kennisbank/markdown.server.ts";
import type { ArticleData, ContentLocale } from "#app/modules/kennisbank/model.ts";
import { keepClaimFlagged } from "#app/modules/kennisbank/reviews.server.ts";
import { listSources, sourceLookup, sourcesByKey } from "#app/modules/kennisbank/sources.server.ts";
import { contentLang } from "#app/modules/kennisbank/sources.ts";
import type { DB } from "#db/client.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "kb.edit", "kennisbank.title") },
];

function contentLocale(request: Request): ContentLocale {
  return new URL(request.url).searchParams.get("taal") === "en" ? "en" : "nl";
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = contentLocale(request);
  const moderator = can(user.role, "publish:article");
  const published = await getPublishedArticle(context.db, params.slug ?? "", "nl");
  // An archived article is gone for members (its page is a 404), so is its text here.
  if (!published || (published.archived && !moderator)) {
    throw pageResponse(404, localeFromRequest(request));
  }
  // Moderators edit from the newest version of this language (a draft, a suggestion); members
  // from the published one. A missing translation starts from Dutch.
  const headId = await headRevisionId(context.db, published.id, locale, { publishedOnly: !moderator });
  const start = headId ? await getRevision(context.db, headId) : null;
  const fields = fieldsFromRevision(start ?? published, locale, headId);
  const [articles, sources] = await Promise.all([
    listPublishedArticles(context.db, { locale }),
    listSources(context.db),
  ]);
  return {
    choices: {
      articles: articles
        .filter((a) => a.slug !== published.slug)
        .map((a) => ({ slug: a.slug, title: a.title, locale: a.locale }))
        .sort((a, b) => a.title.localeCompare(b.title, locale)),
      sources: sources.map((s) => ({ key: s.key, title: s.title, language: s.language })),
    },
    slug: published.slug,
    kind: published.kind,
    title: published.title,
    locale,
    fields,
    startsFromDraft: Boolean(start && start.status !== "published"),
    newTranslation: !headId,
    moderator,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const slug = params.slug ?? "";
  const published = await getPublishedArticle(context.db, slug, "nl");
  if (!published || (published.archived && !can(user.role, "publish:article"))) {
    throw pageResponse(404, localeFromRequest(request));
  }
  const form = await request.formData();
  const fields = fieldsFromForm(form);
  const intent = formIntent(form);
  // The page's language (the article's own language is `fields.locale`).
  const pageLocale = localeFromRequest(request);
  const t = translator(pageLocale);
  if (intent === "voorbeeld") {
    // A preview saves nothing: the text as it will be published, and what changes.
    const locale: ContentLocale = fields.locale === "en" ? "en" : "nl";
    const current = (await getPublishedArticle(context.db, slug, locale)) ?? published;
    return data({
      fields,
      errors: {},
      conflict: null,
      preview: await buildPreview(context.db, fields, current),
    });
  }
  // A list row added or removed without JavaScript: the form comes back, nothing is saved.
  const row = /^rij-(erbij|weg):([a-z.]+)(?::(\d+))?$/i.exec(intent);
  if (row) {
    const carrier =
      row[1] === "erbij"
        ? addRow(fields.carrier, row[2]!)
        : removeRow(fields.carrier, row[2]!, Number(row[3] ?? -1));
    return data({
      fields: { ...fields, carrier },
      errors: {},
      conflict: null,
      stamp: Date.now(),
      notice: "row",
    });
  }
  // The moderator's checklist: one claim resolved in the form (or a note kept on the published one).
  const claim = /^claim-(bron|weg|houden):(.+)$/.exec(intent);
  if (claim) {
    if (!can(user.role, "publish:article")) {
      throw new Response("Alleen moderatoren lossen beweringen op.", { status: 403 });
    }
    const [how, ref] = [claim[1]!, claim[2]!];
    const str = (k: string) => formText(form, `claim.${ref}.${k}`);
    const fail = (error: string, status = 400) =>
      data({ fields, errors: { [`claim.${ref}`]: error }, conflict: null, stamp: Date.now() }, { status });
    if (how === "houden") {
      const locale: ContentLocale = fields.locale === "en" ? "en" : "nl";
      const current = await getPublishedArticle(context.db, slug, locale);
      const open = current ? openClaims(current.body, current.data.carrier) : [];
      const there = open.find((c) => c.key === str("key"));
      if (!current || !there) {
        return fail(t("error.editor.claimNotPublished"));
      }
      try {
        await keepClaimFlagged(
          context.db,
          { id: user.id, role: user.role },
          { slug, locale, revisionId: current.revisionId, ref: there.ref, note: str("notitie") },
        );
      } catch (error) {
        if (error instanceof KennisbankError) return fail(error.text(pageLocale), error.status);
        throw error;
      }
      return data({ fields, errors: {}, conflict: null, stamp: Date.now(), notice: "kept" });
    }
    const resolved = resolveClaimInFields(
      fields,
      ref,
      str("key"),
      how === "bron" ? { cite: { key: str("bron"), locator: str("vindplaats") } } : { remove: true },
      await sourceLookup(context.db),
    );
    if (!resolved.ok) return fail(errorText(pageLocale, resolved.error));
    return data({ fields: resolved.fields, errors: {}, conflict: null, stamp: Date.now(), notice: "claim" });
  }
  const parsed = parseEditFields(
    fields,
    published.kind,
    await sourceLookup(context.db),
    localeFromRequest(request),
  );
  if (!parsed.ok)
    return data({ fields, errors: parsed.errors, conflict: null, stamp: Date.now() }, { status: 400 });
  try {
    const result = await saveRevision(
      context.db,
      { id: user.id, role: user.role },
      { slug, ...parsed.value },
    );
    if (!result.ok) {
      const theirs = result.conflict.theirs;
      // Nothing is lost: the editor's text comes back in the form, now based on the other version.
      return data(
        {
          fields: { ...fields, baseRevisionId: String(theirs.id) },
          errors: {},
          conflict: {
            theirs: {
              id: theirs.id,
              authorName: theirs.authorName,
              createdAt: theirs.createdAt,
              title: theirs.title,
              body: theirs.body,
              summary: theirs.summary,
            },
            bodyDiff: wordDiff(theirs.body, parsed.value.body),
            summaryDiff: wordDiff(theirs.summary, parsed.value.summary),
          },
        },
        { status: 409 },
      );
    }
    if (can(user.role, "publish:article")) {
      return localRedirect(request, `/beheer/kennisbank/${slug}?opgeslagen=${result.revisionId}`);
    }
    return localRedirect(request, `/kennisbank/${slug}?voorstel=verstuurd`);
  } catch (error) {
    if (error instanceof KennisbankError) {
      return data(
        { fields, errors: { form: error.text(pageLocale) }, conflict: null },
        { status: error.status },
      );
    }
    throw error;
  }
}

async function buildPreview(
  db: DB,
  fields: EditFields,
  current: { title: string; summary: string; body: string; data: ArticleData },
): Promise<Preview> {
  // The fact box as it would be stored, against the published one (when it is valid yet).
  const facts = current.data.carrier ? parseCarrierFields(fields.carrier) : null;
  const rendered = renderMarkdown(fields.body, { locale: fields.locale === "en" ? "en" : "nl" });
  const registry = await sourcesByKey(db, [...new Set(rendered.notes.map((n) => n.key))]);
  return {
    locale: fields.locale,
    title: fields.title,
    summary: fields.summary,
    html: rendered.html,
    notes: rendered.notes.map((n) => ({
      n: n.n,
      title: registry.get(n.key)?.title ?? `[@${n.key}]`,
      language: registry.get(n.key)?.language ?? null,
      known: registry.has(n.key),
      locator: n.locator,
    })),
    titleDiff: wordDiff(current.title, fields.title),
    summaryDiff: wordDiff(current.summary, fields.summary),
    bodyDiff: wordDiff(current.body, fields.body),
    factsDiff: facts?.ok ? wordDiff(...carrierChangeTexts(current.data.carrier, facts.value)) : null,
  };
}

/** Live previews are fetches to the same action; they change nothing, so nothing reloads. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "voorbeeld" ? false : defaultShouldRevalidate;

export default function EditArticle() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const fields = result?.fields ?? loaded.fields;
  // The text being edited is in the language of its version; the page around it in the page's.
  const lang = contentLang(fields.locale);
  const conflict = result?.conflict ?? null;
  const live = useFetcher<typeof action>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const livePreview = live.data && "preview" in live.data ? live.data.preview : undefined;
  const preview = livePreview ?? (result && "preview" in result ? result.preview : undefined);
  const draft = useDraft(`kb-concept:${loaded.slug}:${fields.locale}:${fields.baseRevisionId}`);
  const draftDiffers =
    draft.saved &&
    Object.entries(draft.saved).some(([k, v]) => {
      if (k === "body") return v !== fields.body;
      if (k.startsWith("carrier.cite.")) return v !== (fields.carrier.cite[k.slice(13)] ?? "");
      if (k.startsWith("carrier.")) {
        const current = (fields.carrier.values as Record<string, string>)[k.slice(8)];
        return current !== undefined && v !== current;
      }
      return false;
    });
  function onFormInput(form: HTMLFormElement) {
    draft.changed(form);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const body = new FormData(form);
      body.set("intent", "voorbeeld");
      live.submit(body, { method: "post" });
    }, 600);
  }
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {loaded.moderator ? t("kb.edit") : t("kb.suggest")}: <span lang="nl">{loaded.title}</span>
          </>
        }
      >
        <p className="text-muted">
          {loaded.moderator ? t("kb.edit.introModerator") : t("kb.edit.introMember")}
        </p>
        <p className="flex gap-4 text-sm">
          <Link to={`/kennisbank/${loaded.slug}`}>{t("kb.edit.back")}</Link>
          {loaded.locale === "nl" ? (
            <Link to="?taal=en" reloadDocument>
              {t("kb.edit.editEnglish")}
            </Link>
          ) : (
            <Link to="?taal=nl" reloadDocument>
              {t("kb.edit.editDutch")}
            </Link>
          )}
        </p>
        {loaded.newTranslation ? <FormMessage tone="ok">{t("kb.edit.newTranslation")}</FormMessage> : null}
        {loaded.startsFromDraft ? <FormMessage tone="ok">{t("kb.edit.fromDraft")}</FormMessage> : null}
      </PageHeader>
      {draftDiffers ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded border border-brand p-3">
          <p>{t("kb.draft.found")}</p>
          <button
            type="button"
            className="rounded bg-brand px-3 py-1 text-paper"
            onClick={() => {
              const form = document.getElementById("artikel-bewerken");
              if (form instanceof HTMLFormElement) draft.restore(form);
            }}
          >
            {t("kb.draft.restore")}
          </button>
          <button type="button" className="underline" onClick={() => draft.discard()}>
            {t("kb.draft.discard")}
          </button>
        </div>
      ) : null}
      {conflict ? (
        <section aria-labelledby="conflict" className="space-y-3 rounded border-2 border-accent p-4">
          <h2 id="conflict" className="text-accent">
            {t("kb.conflict.title")}
          </h2>
          <p>{t("kb.conflict.text", { name: conflict.theirs.authorName ?? "—", id: conflict.theirs.id })}</p>
          <h3 className="font-semibold">{t("kb.conflict.diff")}</h3>
          <DiffView parts={conflict.summaryDiff} label={t("kb.edit.summary")} lang={lang} />
          <DiffView parts={conflict.bodyDiff} label={t("kb.edit.body")} lang={lang} />
          <details>
            <summary className="cursor-pointer">{t("kb.conflict.theirs")}</summary>
            <pre lang={lang} className="mt-2 whitespace-pre-wrap rounded border border-line p-3 text-sm">
              {conflict.theirs.body}
            </pre>
          </details>
        </section>
      ) : null}
      <ArticleEditForm
        renderKey={result && "stamp" in result ? String(result.stamp) : ""}
        notice={
          result && "notice" in result && result.notice
            ? t(
                result.notice === "row"
                  ? "kb.cf.rowAdded"
                  : result.notice === "kept"
                    ? "kb.check.kept"
                    : "kb.check.done",
              )
            : undefined
        }
        checklist={
          loaded.moderator ? (
            <ClaimChecklist
              claims={openClaimsOfForm(fields.body, fields.carrier)}
              sources={loaded.choices.sources}
              errors={result?.errors ?? {}}
              lang={lang}
            />
          ) : null
        }
        fields={fields}
        errors={result?.errors ?? {}}
        kind={loaded.kind}
        onFormInput={onFormInput}
        onSending={(isPreview) => {
          // A live preview still waiting would race the submission (and could interrupt it).
          clearTimeout(timer.current);
          if (!isPreview) draft.sending();
        }}
        choices={loaded.choices}
        preview={preview ? <PreviewPanel preview={preview} /> : null}
        changes={preview ? <ChangesPanel preview={preview} /> : null}
        submitLabel={
          conflict
            ? t("kb.conflict.save")
            : loaded.moderator
              ? t("kb.edit.saveDraft")
              : t("kb.edit.sendSuggestion")
        }
      />
    </div>
  );
}
